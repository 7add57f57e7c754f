/**
 * How a route is declared: once, with `createRoute`, naming the zod schemas of its parameters, body and
 * every answer; `api.openapi(route, handler)` then validates the request and registers the route for the
 * OpenAPI document (openapi.ts). The schemas themselves live in src/domain/ so that the client parses the
 * answers with the same ones. docs/api.md walks through adding a route.
 */
import { OpenAPIHono, type RouteConfig, type RouteConfigToTypedResponse } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { ErrorBodySchema } from '../domain/api.ts';
import type { AtlasEnv } from './auth.ts';
import { ApiError, invalidInput } from './errors.ts';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

const errorDescriptions: Record<ErrorStatus, string> = {
  400: 'Bad input: the message names each field that is wrong (details)',
  401: 'The token is neither the staff token nor a partner token in force, or a write came without one',
  403: 'The caller may not do this',
  404: 'No such record, or none the caller may see',
  409: 'Conflicts with the data as it is (a taken id, a record still in use, a move the lifecycle refuses)',
  412: 'If-Match names a version that is no longer current: the ETag header carries the current one',
  413: 'The body is larger than 1 MB',
  415: 'The body is not sent as JSON',
  422: 'Not valid for this record',
  428: 'A browser must send If-Match',
  429: 'Too many requests: Retry-After says when to try again',
  500: 'A fault of the server, logged there',
  503: 'The store cannot be read or written right now (Retry-After when it is known for how long)',
};

/** What any /api route may answer whatever it does: a refused token, a rate limit, a fault, the store down. */
const ALWAYS = [401, 429, 500, 503] as const satisfies readonly ErrorStatus[];

/** JSON error answers, in the one shape every error has (errors.ts). */
export function errors<const S extends ErrorStatus>(...statuses: S[]) {
  const all = [...new Set<ErrorStatus>([...statuses, ...ALWAYS])].sort((a, b) => a - b);
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: errorDescriptions[status],
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
    ]),
  ) as Record<
    S | (typeof ALWAYS)[number],
    { description: string; content: JsonContent<typeof ErrorBodySchema> }
  >;
}

type JsonContent<S extends z.ZodType> = { 'application/json': { schema: S } };

/** An answer with a body of this schema, as JSON unless another media type is named (GeoJSON, CSV). */
export function answer<S extends z.ZodType, const M extends string = 'application/json'>(
  description: string,
  schema: S,
  mediaType?: M,
) {
  return {
    description,
    content: { [mediaType ?? 'application/json']: { schema } } as Record<M, { schema: S }>,
  };
}

/** The answer to If-None-Match with the current ETag, for the bodies served from memory (prepared-body.ts). */
export const notModified = {
  304: { description: 'Not modified: the ETag sent in If-None-Match is current' },
} as const;

/** The ETag a record's version is sent as, for If-Match (record-versions.ts). */
export const versionHeader = {
  ETag: { description: 'The record’s version ("v<n>"), for If-Match', schema: { type: 'string' as const } },
};

/** Optimistic concurrency on PATCH and DELETE (see record-versions.ts). */
export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .meta({
      description:
        'The ETag of the record as read ("v<version>"); a record changed since answers 412 with its current ' +
        'ETag. Required (428 without it) when the edit comes from a browser.',
    }),
});

/** A record's id in the path. Any string: an id nobody has answers 404, as it always did. */
export const idParams = z.object({ id: z.string().meta({ param: { name: 'id', in: 'path' } }) });

/** A JSON request body, validated against `schema` after `jsonInput` let it in. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } };
}

/** Far above any real record; small enough that nobody can fill the disk through the API. */
export const maxBodyBytes = 1024 * 1024;

const limitBody = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c) => c.json({ error: `The request body is larger than ${maxBodyBytes / 1024} kB` }, 413),
});

/**
 * The gate before a JSON body is validated, for a route's `middleware` after its guards: 413 over 1 MB,
 * 415 unless it is sent as JSON, 400 when it does not parse, in the API's own words. `what` names the body
 * in a 400 for a field ("Invalid company changes: …").
 */
export function jsonInput(what: string): MiddlewareHandler<AtlasEnv>[] {
  return [limitBody, acceptsJson(what)];
}

function acceptsJson(what: string) {
  return createMiddleware<AtlasEnv>(async (c, next) => {
    if (!c.req.header('content-type')?.toLowerCase().startsWith('application/json')) {
      throw new ApiError(415, 'Send the request body as JSON (Content-Type: application/json)');
    }
    try {
      // Hono keeps the parsed body for the validator that reads it next.
      await c.req.json();
    } catch {
      throw new ApiError(400, 'The request body is not valid JSON');
    }
    c.set('bodyName', what);
    await next();
  });
}

type Security = Record<string, string[]>[];
export const staffOnly: Security = [{ staffToken: [] }];
/** Stream writes: staff, or a partner for its own company's streams. */
export const staffOrPartner: Security = [{ staffToken: [] }, { partnerToken: [] }];

type ValidationResult = { target: string } & (
  | { success: true }
  | { success: false; error: { issues: readonly z.core.$ZodIssue[] } }
);

/**
 * A request that fails its declared schema is a 400 naming every field that is wrong, in the error shape of
 * all answers (never the validator’s own body), naming the body as `jsonInput` was told.
 */
export function refuseInvalid(result: ValidationResult, c: Context<AtlasEnv>): void {
  if (result.success) return;
  const what =
    result.target === 'json'
      ? (c.get('bodyName') ?? 'request body')
      : result.target === 'param'
        ? 'path'
        : result.target;
  throw invalidInput(what, result.error.issues);
}

/** A router of declared routes; a failed validation answers as `refuseInvalid` says. */
export function declaredRoutes(): OpenAPIHono<AtlasEnv> {
  return new OpenAPIHono<AtlasEnv>({ defaultHook: refuseInvalid });
}

/**
 * The typed answer of a route for a Response made elsewhere: the bodies served from memory (prepared-body.ts)
 * and streams are bytes already serialised from a value of the declared schema, which the server tests check
 * against the document on every request.
 */
export async function declared<R extends RouteConfig>(
  _route: R,
  response: Response | Promise<Response>,
): Promise<RouteConfigToTypedResponse<R>> {
  return (await response) as unknown as RouteConfigToTypedResponse<R>;
}

export type { RouteConfig };
