import type { Context } from 'hono';
import type { Caller } from './auth.ts';
import { ApiError } from './errors.ts';
import type { ExpectedVersions } from './storage/atlas-store.ts';

/**
 * Optimistic concurrency: every record has a version (1 when created, one more per change), sent as a
 * strong ETag `"v<version>"` to those who may change the record, and named by a writer in If-Match.
 */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

/**
 * Browsers say they are one: they send Origin with every PATCH and DELETE, same-origin ones included; curl
 * and scripts do not (Node's fetch sends Fetch metadata such as Sec-Fetch-Mode, but no Origin). A person
 * editing in a browser may have had the record on screen for a while, which is exactly when someone else
 * changes it, so a browser must say which version it edits.
 */
function fromBrowser(c: Context): boolean {
  return c.req.header('origin') !== undefined;
}

/**
 * The versions a PATCH or DELETE may change, from If-Match: undefined = any (no header from a script, or
 * `*`); a list that holds no current version answers 412. A tag we never made matches nothing. `W/` is
 * let through: the compression middleware weakens the tags of the answers it compresses, and a version
 * names the record, not its bytes. Without If-Match a browser gets 428.
 */
export function expectedVersions(c: Context, caller: Caller): ExpectedVersions {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '') {
    if (caller.actor !== null && fromBrowser(c)) {
      throw new ApiError(
        428,
        'Send If-Match with the ETag of the record as you read it, so that a change someone else made in ' +
          'the meantime is not overwritten',
      );
    }
    return undefined;
  }
  if (header.trim() === '*') return undefined;
  return header
    .split(',')
    .map((tag) => /^(?:W\/)?"v(\d{1,15})"$/.exec(tag.trim())?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number);
}
