import type { z } from 'zod';
import type { ErrorBody } from '../domain/api.ts';

/** An answer for the client, not a crash: carries the status and the JSON body the API promises. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503,
    message: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    return this.details ? { error: this.message, details: this.details } : { error: this.message };
  }
}

/** The 400 for input that fails its schema, naming every field that is wrong. */
export function invalidInput(what: string, issues: readonly z.core.$ZodIssue[]): ApiError {
  const details = issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  return new ApiError(
    400,
    `Invalid ${what}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

/**
 * Validates with a shared schema; a mismatch becomes a 400 naming every field that is wrong. For what a
 * route builds from its input (a merged record), which its declaration cannot validate beforehand.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidInput(what, result.error.issues);
}
