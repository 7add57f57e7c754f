import type { z } from 'zod';
import { ErrorBodySchema } from '../../domain/api.ts';
import { activeToken, useSession } from './session.ts';

/** An API failure with the server's own message, so the UI can show it as it is. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly details: { path: string; message: string }[] = [],
    /** The record's current ETag, sent with a 412: what an overwrite would replace. */
    readonly etag: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = ErrorBodySchema.safeParse(await response.json());
    if (body.success) {
      const { error, details = [] } = body.data;
      return new ApiError(error, response.status, details, response.headers.get('etag'));
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(`${response.status} ${response.statusText}`.trim(), response.status);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = activeToken(useSession.getState());
  return { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ApiError('The Symbiosis Atlas server cannot be reached.', null);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

/**
 * The answer's body, parsed with the schema the server declares for it (src/domain/): an answer of another
 * shape is refused here rather than half-drawn somewhere in the UI.
 */
async function parsed<S extends z.ZodType>(
  path: string,
  response: Response,
  schema: S,
): Promise<z.output<S>> {
  const result = schema.safeParse(await response.json());
  if (!result.success) throw new ApiError(`Unexpected answer from ${path}`, response.status);
  return result.data;
}

/** GET a same-origin JSON resource and validate it against the shared schema. */
export async function getJson<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return parsed(path, await send(path, { signal, headers: headers() }), schema);
}

/** A record with its ETag, for an edit that must not overwrite someone else's change unseen. */
export async function getVersioned<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<{ record: z.output<S>; etag: string | null }> {
  const response = await send(path, { signal, headers: headers() });
  return { record: await parsed(path, response, schema), etag: response.headers.get('etag') };
}

/**
 * POST or PATCH with a JSON body, the answer parsed with its declared schema; the server's 4xx message
 * comes back as an ApiError. `ifMatch` names the version the edit was made on (the server answers 412 when
 * someone else changed it since).
 */
export async function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PATCH',
  path: string,
  schema: S,
  body: unknown,
  ifMatch?: string,
): Promise<z.output<S>> {
  const extra: Record<string, string> = { 'content-type': 'application/json' };
  if (ifMatch) extra['if-match'] = ifMatch;
  const response = await send(path, { method, headers: headers(extra), body: JSON.stringify(body) });
  return parsed(path, response, schema);
}

/** What a form shows for a failed request: the server's field-by-field details when it gave them. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError && error.details.length > 0) {
    return error.details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
