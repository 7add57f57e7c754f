import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Visibility } from '../domain/common.ts';
import { ApiError } from './errors.ts';
import type { Actor, PartnerToken } from './storage/atlas-store.ts';

/**
 * Who is asking: the level decides what they see, the actor is written to the audit log. Anonymous callers
 * are the public; a partner token makes the caller its company (`partners` level, and write access to that
 * company's own streams); the staff token makes the caller secretariat staff (everything).
 */
export interface Caller {
  level: Visibility;
  actor: Actor | null;
  /** The company a partner token belongs to; null for the public and for staff. */
  companyId: string | null;
}

export type AtlasEnv = {
  Variables: {
    caller: Caller;
    /** What a route calls its JSON body, for the 400 that names it (contract.ts). */
    bodyName?: string;
  };
};

/** Who the audit log names for this request; `anonymous` for a caller without a token (the public form). */
export function actorOf(c: Context<AtlasEnv>, anonymous: Actor = 'unknown'): Actor {
  return c.get('caller').actor ?? anonymous;
}

export const publicCaller: Caller = Object.freeze({ level: 'public', actor: null, companyId: null });
export const staffCaller: Caller = Object.freeze({ level: 'secretariat', actor: 'staff', companyId: null });

export function partnerCaller(companyId: string): Caller {
  return { level: 'partners', actor: `partner:${companyId}`, companyId };
}

/** Finds a partner token by the SHA-256 of its secret (the store keeps nothing else). */
export type PartnerTokenLookup = (tokenHash: string) => Promise<PartnerToken | null>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 256 random bits; the prefix makes a leaked token easy to recognise (and to search logs for). */
export function newPartnerToken(): string {
  return `atlas_pt_${randomBytes(32).toString('base64url')}`;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Sorts callers into public, partner and staff. The staff token is compared in constant time; a partner token
 * is looked up by its SHA-256, which reveals nothing to time (an attacker cannot steer the hash). A token
 * that is neither is refused outright rather than silently downgraded, so a typo or a revoked token is
 * noticed; on a server without a staff token (read-only) such a header is ignored, as before partner tokens.
 */
export function identifyCaller(staffToken: string | undefined, findPartner: PartnerTokenLookup) {
  return createMiddleware<AtlasEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) {
      c.set('caller', publicCaller);
      return next();
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      if (!staffToken) {
        c.set('caller', publicCaller);
        return next();
      }
      throw new ApiError(401, 'The Authorization header must be "Bearer <token>"');
    }
    if (staffToken && sameToken(token, staffToken)) {
      c.set('caller', staffCaller);
      return next();
    }
    const partner = await findPartner(hashToken(token));
    if (partner) {
      c.set('caller', partnerCaller(partner.companyId));
      return next();
    }
    if (!staffToken) {
      c.set('caller', publicCaller);
      return next();
    }
    throw new ApiError(401, 'The token is not valid on this server (a partner token may have been revoked)');
  });
}

function requireEditingOn(staffToken: string | undefined): void {
  if (!staffToken) {
    throw new ApiError(
      403,
      'Editing is switched off on this server. Start it with ATLAS_STAFF_TOKEN=<a long secret> to let secretariat staff make changes.',
    );
  }
}

/** Writes are for secretariat staff, and only on a server that has been given a staff token at all. */
export function requireStaff(staffToken: string | undefined) {
  return createMiddleware<AtlasEnv>(async (c, next) => {
    requireEditingOn(staffToken);
    const caller = c.get('caller');
    if (caller.companyId !== null) {
      throw new ApiError(
        403,
        'A partner token may change its own company’s streams only; ask the secretariat',
      );
    }
    if (caller.level !== 'secretariat') {
      throw new ApiError(401, 'Sign in as secretariat staff: send "Authorization: Bearer <staff token>"');
    }
    return next();
  });
}

/**
 * Stream writes are for staff and for partners; which streams a partner may touch is decided per record by
 * the route (its own company's only).
 */
export function requireEditor(staffToken: string | undefined) {
  return createMiddleware<AtlasEnv>(async (c, next) => {
    requireEditingOn(staffToken);
    if (c.get('caller').actor === null) {
      throw new ApiError(
        401,
        'Sign in: send "Authorization: Bearer <token>" with the staff token or your company’s partner token',
      );
    }
    return next();
  });
}
