import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Visibility } from '../domain/common.ts';
import { ApiError } from './errors.ts';
import type { Actor } from './storage/atlas-store.ts';

/** Who is asking: the level decides what they see, the actor is written to the audit log. */
export interface Caller {
  level: Visibility;
  actor: Actor | null;
}

export type AtlasEnv = { Variables: { caller: Caller } };

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Anonymous callers are the public. A bearer token equal to ATLAS_STAFF_TOKEN makes the caller secretariat
 * staff; any other token is refused outright rather than silently downgraded, so a typo is noticed.
 */
export function identifyCaller(staffToken: string | undefined) {
  return createMiddleware<AtlasEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    // A server without a staff token has no one to sign in: everyone reads as the public, and writes are
    // refused by requireStaff with a message saying how to switch editing on.
    if (!header || !staffToken) {
      c.set('caller', { level: 'public', actor: null });
      return next();
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new ApiError(401, 'The Authorization header must be "Bearer <token>"');
    if (sameToken(match[1], staffToken)) {
      c.set('caller', { level: 'secretariat', actor: 'staff' });
      return next();
    }
    throw new ApiError(401, 'The token is not valid on this server');
  });
}

/** Writes are for secretariat staff, and only on a server that has been given a staff token at all. */
export function requireStaff(staffToken: string | undefined) {
  return createMiddleware<AtlasEnv>(async (c, next) => {
    if (!staffToken) {
      throw new ApiError(
        403,
        'Editing is switched off on this server. Start it with ATLAS_STAFF_TOKEN=<a long secret> to let secretariat staff make changes.',
      );
    }
    if (c.get('caller').level !== 'secretariat') {
      throw new ApiError(401, 'Sign in as secretariat staff: send "Authorization: Bearer <staff token>"');
    }
    return next();
  });
}
