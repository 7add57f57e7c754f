// Test support: every answer the server tests receive is checked against the OpenAPI document, so that the
// declarations (contract.ts) cannot drift from what the server really sends.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Media = { schema?: unknown };
type ResponseObject = { description?: string; content?: Record<string, Media> };
type Operation = { responses?: Record<string, ResponseObject> };

export interface ContractDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** Whether a document is valid OpenAPI 3.1, with the validator's complaints when it is not. */
export async function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors: unknown }> {
  const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
  return { valid: result.valid, errors: result.errors };
}

/** An answer as the checker needs it: the body's bytes, still in their content coding unless `decoded`. */
export interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** fetch() hands over the body decompressed, with Content-Encoding still naming the coding. */
  decoded?: boolean;
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

function decoded(answer: Answer): string {
  const coding = answer.decoded ? null : answer.headers.get('content-encoding');
  const bytes =
    coding === 'br'
      ? brotliDecompressSync(answer.bytes)
      : coding === 'gzip'
        ? gunzipSync(answer.bytes)
        : answer.bytes;
  return new TextDecoder().decode(bytes);
}

/**
 * Checks answers against the document: the status must be declared for the route, the content type must
 * be one it declares, and the body must match that schema (each line of an NDJSON stream; a body-less
 * status must come without a body). A path no route declares must get the API's JSON 404.
 */
export function contractChecker(input: { paths: object }) {
  const document = input as ContractDocument;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'atlas', components: document.components ?? {} });
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (key: string, schema: unknown) => {
    let validate = compiled.get(key);
    if (!validate) {
      const rewritten = JSON.parse(
        JSON.stringify(schema ?? {}).replaceAll('"#/components/', '"atlas#/components/'),
      ) as object;
      validate = ajv.compile(rewritten);
      compiled.set(key, validate);
    }
    return validate;
  };

  // Fixed paths before templated ones, so that /api/map/companies is not taken for /api/companies/{id}.
  const templates = Object.keys(document.paths)
    .map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^/]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);

  /** The route template a URL path is answered by, or null when no route declares it. */
  const templateOf = (pathname: string) =>
    templates.find(({ pattern }) => pattern.test(pathname))?.template ?? null;

  const errorSchema = { $ref: '#/components/schemas/Error' };

  function checkBody(key: string, answer: Answer, mediaType: string, schema: unknown): string[] {
    const text = decoded(answer);
    const validate = validatorOf(key, schema);
    let values: unknown[];
    if (mediaType === 'application/x-ndjson') {
      values = text.split('\n').filter((line) => line !== '');
      values = (values as string[]).map((line) => JSON.parse(line));
    } else if (mediaType.startsWith('text/')) {
      values = [text];
    } else {
      try {
        values = [JSON.parse(text)];
      } catch {
        return [`the body is not JSON: ${text.slice(0, 80)}`];
      }
    }
    for (const [index, value] of values.entries()) {
      if (!validate(value)) {
        const where = values.length > 1 ? `line ${index + 1}: ` : '';
        return (validate.errors ?? []).map((e) => `${where}${e.instancePath || '(root)'} ${e.message}`);
      }
    }
    return [];
  }

  return function check(method: string, url: string, answer: Answer): string[] {
    const pathname = new URL(url, 'http://atlas.test').pathname;
    if (!pathname.startsWith('/api/')) return [];
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    const template = templateOf(pathname);
    const operation = template === null ? undefined : document.paths[template]?.[verb];
    const declared = operation?.responses?.[String(answer.status)];
    const name = `${method.toUpperCase()} ${template ?? pathname}`;

    if (!operation || !declared) {
      // Not a declared answer: only the API's own JSON errors for what it does not serve.
      if (!operation && answer.status === 404) {
        return checkBody('404', answer, 'application/json', errorSchema).map((e) => `${name} 404: ${e}`);
      }
      return [`${name} answered ${answer.status}, which its declaration does not list`];
    }
    if (method.toLowerCase() === 'head') return [];
    if (!declared.content) {
      return answer.bytes.length === 0 ? [] : [`${name} ${answer.status} has a body, declared without one`];
    }
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = declared.content[mediaType];
    if (!media) {
      const expected = Object.keys(declared.content).join(', ');
      return [`${name} ${answer.status} is ${mediaType || 'untyped'}, declared as ${expected}`];
    }
    const key = `${template} ${verb} ${answer.status} ${mediaType}`;
    return checkBody(key, answer, mediaType, media.schema).map((e) => `${name} ${answer.status}: ${e}`);
  };
}

export type ContractCheck = ReturnType<typeof contractChecker>;

/**
 * Reads a Response for the checker without taking its body from whoever reads it next; `decoded` for one
 * from fetch() (see Answer).
 */
export async function answerOf(response: Response, decoded = false): Promise<Answer> {
  const bytes = new Uint8Array(await response.clone().arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, decoded };
}

/** Every operation of the document, for the specs that go through them all. */
export function operationsOf(input: { paths: object }) {
  const document = input as ContractDocument;
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}
