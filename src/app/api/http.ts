import type { z } from 'zod';
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
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') {
      const details = 'details' in body && Array.isArray(body.details) ? body.details : [];
      return new ApiError(body.error, response.status, details, response.headers.get('etag'));
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

/** GET a same-origin JSON resource and validate it against the shared schema. */
export async function getJson<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { signal, headers: headers() });
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(`Unexpected answer from ${path}`, response.status);
  return parsed.data;
}

/** A record with its ETag, for an edit that must not overwrite someone else's change unseen. */
export async function getVersioned<T>(
  path: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<{ record: T; etag: string | null }> {
  const response = await send(path, { signal, headers: headers() });
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(`Unexpected answer from ${path}`, response.status);
  return { record: parsed.data, etag: response.headers.get('etag') };
}

/**
 * POST/PATCH/DELETE with a JSON body; the server's 4xx message comes back as an ApiError. `ifMatch` names
 * the version the edit was made on (the server answers 412 when someone else changed it since).
 */
export async function sendJson<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  ifMatch?: string,
): Promise<T> {
  const extra: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (ifMatch) extra['if-match'] = ifMatch;
  const response = await send(path, {
    method,
    headers: headers(extra),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** What a form shows for a failed request: the server's field-by-field details when it gave them. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError && error.details.length > 0) {
    return error.details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
