// Test support for the server's specs: the real committed dataset in an in-memory SQLite store.
import path from 'node:path';
import type { Dataset } from '../domain/schema.ts';
import { createApp } from './app.ts';
import { AtlasService } from './atlas-service.ts';
import type { RateLimits } from './config.ts';
import { answerOf, contractChecker } from './contract-check.ts';
import { openApiDocument } from './openapi.ts';
import { seedDataset } from './storage/open-store.ts';
import { SqliteStore } from './storage/sqlite-store.ts';

export const projectGeodataDir = path.resolve(import.meta.dirname, '../../geodata');
export const testStaffToken = 'test-staff-token-0123456789';
/** The year the specs run "in", so that defaults such as a start year do not depend on the clock. */
export const testYear = 2026;

let seed: Promise<Dataset> | null = null;

/** Parsed once per test file: every store below starts from the same seed. */
export function committedDataset(): Promise<Dataset> {
  seed ??= seedDataset(projectGeodataDir, testYear);
  return seed;
}

export async function testService(): Promise<AtlasService> {
  const store = await SqliteStore.open({ dataDir: ':memory:', seed: committedDataset });
  return new AtlasService(store, () => testYear);
}

/** A full app over a fresh in-memory store; `staffToken: undefined` gives a read-only server. */
export async function testApp(
  options: { staffToken?: string; geodataDir?: string; rateLimits?: RateLimits } = {},
) {
  const service = await testService();
  const app = checkedApp(
    createApp({
      geodataDir: options.geodataDir ?? projectGeodataDir,
      service,
      staffToken: 'staffToken' in options ? options.staffToken : testStaffToken,
      rateLimits: options.rateLimits ?? null,
    }),
  );
  return { app, service };
}

/**
 * The app with every answer checked against its own OpenAPI document: a status, content type or body its
 * route does not declare fails the request, and so the spec that made it.
 */
export function checkedApp(app: ReturnType<typeof createApp>): ReturnType<typeof createApp> {
  const check = contractChecker(openApiDocument(app));
  const request = app.request;
  app.request = async (input, init, ...rest) => {
    const response = await request(input, init, ...rest);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const url = input instanceof Request ? input.url : String(input);
    const problems = check(method, url, await answerOf(response));
    if (problems.length > 0) throw new Error(`Not as declared: ${problems.join('; ')}`);
    return response;
  };
  return app;
}

type TestApp = Awaited<ReturnType<typeof testApp>>['app'];

/**
 * One request to a test app, with a JSON body when given: the status, the ETag, the raw text and the body as
 * JSON (the text itself when it is not JSON, e.g. CSV; null when empty).
 */
export async function send<T = Record<string, unknown>>(
  app: TestApp,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; etag: string | null; headers: Headers; text: string; json: T }> {
  const response = await app.request(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = text === '' ? null : text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the text stands for itself.
  }
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    headers: response.headers,
    text,
    json: json as T,
  };
}

export const staffHeaders = {
  authorization: `Bearer ${testStaffToken}`,
  'content-type': 'application/json',
};

export const anonymousHeaders = { 'content-type': 'application/json' };

export function partnerHeaders(token: string) {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** Issues a partner token for `companyId` as staff, and returns the secret (shown only in this answer). */
export async function issuePartnerToken(
  app: TestApp,
  companyId: string,
): Promise<{ id: string; token: string }> {
  const response = await app.request('/api/partner-tokens', {
    method: 'POST',
    headers: staffHeaders,
    body: JSON.stringify({ companyId }),
  });
  if (response.status !== 201) throw new Error(`issuing a token answered ${response.status}`);
  return (await response.json()) as { id: string; token: string };
}
