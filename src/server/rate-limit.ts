import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AtlasEnv } from './auth.ts';
import type { RateLimits } from './config.ts';
import { ApiError } from './errors.ts';

/** Buckets kept at most; past it the full ones (callers that have been quiet) are let go first. */
const MAX_BUCKETS = 10_000;

/**
 * Token buckets per caller: `perMinute` requests, refilled evenly, so a burst up to the whole minute's share
 * passes and a steady flood is held to the rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** 0 when the request may go ahead (and is counted), else the seconds until it may. */
  take(key: string): number {
    const now = this.now();
    const ratePerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_BUCKETS) this.forgetQuiet(now, ratePerMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / ratePerMs / 1000);
  }

  private forgetQuiet(now: number, ratePerMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * ratePerMs >= this.perMinute) this.buckets.delete(key);
      if (this.buckets.size <= MAX_BUCKETS / 2) return;
    }
    // Everyone is busy: drop the least recently seen (Map keeps insertion order, refreshed on each take).
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_BUCKETS / 2) return;
      this.buckets.delete(key);
    }
  }
}

/** The reads that compute or serialise a lot per request; everything else is served from memory. */
const HEAVY_READS = [
  /^\/api\/candidates$/,
  /^\/api\/partners$/,
  /^\/api\/export\//,
  /^\/api\/openapi\.json$/,
];

/** The caller's address as the socket says (never a header, which the caller writes). */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Writes are limited per token (a partner token cannot flood the store), heavy anonymous reads per address.
 * Staff reads and ordinary reads are never limited: they are served from memory.
 */
export function rateLimit(limits: RateLimits) {
  const writes = new RateLimiter(limits.writesPerMinute);
  const heavyReads = new RateLimiter(limits.heavyReadsPerMinute);
  return createMiddleware<AtlasEnv>(async (c, next) => {
    const caller = c.get('caller');
    const isWrite = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    let wait = 0;
    let what = '';
    if (isWrite) {
      wait = writes.take(caller.actor ?? `address:${clientAddress(c)}`);
      what = 'changes';
    } else if (caller.actor === null && HEAVY_READS.some((pattern) => pattern.test(c.req.path))) {
      wait = heavyReads.take(clientAddress(c));
      what = 'requests for computed answers and exports';
    }
    if (wait > 0) {
      c.header('retry-after', String(wait));
      return c.json(new ApiError(429, `Too many ${what}; try again in ${wait} s`).body(), 429);
    }
    return next();
  });
}
