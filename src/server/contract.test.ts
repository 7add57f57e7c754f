// The API contract: every route is declared once, with a schema for each answer, and the OpenAPI document
// made from the declarations is valid. (Every answer the server specs receive is checked against that
// document by the test app itself: see checkedApp in testing.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { contractChecker, operationsOf, validateOpenApi } from './contract-check.ts';
import { type OpenApiDocument, openApiDocument } from './openapi.ts';
import { testApp } from './testing.ts';

type Schema = Record<string, unknown>;

/**
 * Where a schema lets anything through: an empty schema, an object without properties or a typed map, a
 * list without items. `$ref`s are followed into the components, each once.
 */
function freeFormParts(schema: unknown, where: string, components: Record<string, Schema>): string[] {
  const seen = new Set<string>();
  const walk = (node: unknown, at: string): string[] => {
    if (typeof node !== 'object' || node === null) return node === true ? [at] : [];
    const s = node as Schema;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return [];
      seen.add(name);
      return walk(components[name], `${at} → ${name}`);
    }
    const combined = ['anyOf', 'oneOf', 'allOf'].flatMap((key) =>
      Array.isArray(s[key])
        ? (s[key] as unknown[]).flatMap((part, i) => walk(part, `${at}.${key}[${i}]`))
        : [],
    );
    if (combined.length > 0 || ['anyOf', 'oneOf', 'allOf'].some((key) => key in s)) return combined;
    if ('enum' in s || 'const' in s) return [];
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (types.includes('object')) {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const extra = s.additionalProperties;
      const typedMap = typeof extra === 'object' && extra !== null;
      const own = Object.entries(properties).flatMap(([key, value]) => walk(value, `${at}.${key}`));
      if (Object.keys(properties).length === 0 && !typedMap) return [at, ...own];
      return typedMap ? [...own, ...walk(extra, `${at}[*]`)] : own;
    }
    if (types.includes('array')) {
      if (Array.isArray(s.prefixItems)) return s.prefixItems.flatMap((item, i) => walk(item, `${at}[${i}]`));
      return s.items === undefined ? [at] : walk(s.items, `${at}[]`);
    }
    return s.type === undefined ? [at] : [];
  };
  return walk(schema, where);
}

describe('the API contract', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  let document: OpenApiDocument;

  beforeAll(async () => {
    ({ app } = await testApp());
    document = openApiDocument(app);
  });

  it('is a valid OpenAPI 3.1 document, as generated and as served', async () => {
    expect(await validateOpenApi(document)).toEqual({ valid: true, errors: undefined });
    const served: unknown = await (await app.request('/api/openapi.json')).json();
    expect(await validateOpenApi(served)).toEqual({ valid: true, errors: undefined });
  });

  it('declares every route the server answers under /api, and no route it does not answer', () => {
    const served = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const declared = new Set(
      operationsOf(document).map(({ path, method }) => `${method.toUpperCase()} ${path}`),
    );
    expect([...served].sort()).toEqual([...declared].sort());
  });

  it('gives every route a successful answer, and every answer with a body a schema', () => {
    const missing = operationsOf(document).flatMap(({ path, method, operation }) => {
      const responses = Object.entries(operation.responses ?? {});
      const problems = responses.some(([status]) => status.startsWith('2'))
        ? []
        : [`${method} ${path}: no 2xx answer`];
      for (const [status, response] of responses) {
        if (status === '204' || status === '304') continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) problems.push(`${method} ${path} ${status}: no content`);
        for (const [type, { schema }] of media) {
          if (schema === undefined) problems.push(`${method} ${path} ${status} ${type}: no schema`);
        }
      }
      return problems;
    });
    expect(missing).toEqual([]);
  });

  it('types no answer as free-form', () => {
    const components = (document.components.schemas ?? {}) as Record<string, Schema>;
    const loose = operationsOf(document).flatMap(({ path, method, operation }) =>
      // The document's own schema is the OpenAPI 3.1 meta-schema, which the first spec validates it with.
      path === '/api/openapi.json'
        ? []
        : Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
            Object.entries(response.content ?? {}).flatMap(([type, { schema }]) =>
              freeFormParts(schema, `${method} ${path} ${status} ${type}`, components),
            ),
          ),
    );
    expect(loose).toEqual([]);
  });

  it('refuses an answer its route does not declare: another status, another type, another shape', () => {
    const check = contractChecker(document);
    const answer = (status: number, type: string, body: string) => ({
      status,
      headers: new Headers({ 'content-type': type }),
      bytes: new TextEncoder().encode(body),
    });
    const session = '{"level":"public","companyId":null,"contactEmail":null}';
    expect(check('GET', '/api/session', answer(200, 'application/json', session))).toEqual([]);
    expect(check('GET', '/api/session', answer(418, 'application/json', session))).toHaveLength(1);
    expect(check('GET', '/api/session', answer(200, 'text/html', session))).toHaveLength(1);
    expect(check('GET', '/api/session', answer(200, 'application/json', '{"level":"root"}'))).not.toEqual([]);
    expect(check('GET', '/api/nowhere', answer(404, 'application/json', '{"error":"No API route"}'))).toEqual(
      [],
    );
  });
});
