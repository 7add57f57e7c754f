import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import type { Visibility } from '../domain/common.ts';

/** The content codings a prepared body is held in; `identity` is the body as serialised. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** In the server's order of preference when the client accepts several equally. */
const COMPRESSED_CODINGS = ['br', 'gzip'] as const;
type CompressedCoding = (typeof COMPRESSED_CODINGS)[number];
type Bytes = Uint8Array<ArrayBuffer>;
const ALL_CODINGS: readonly ContentCoding[] = ['identity', ...COMPRESSED_CODINGS];

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Done once per data version, so a slower, tighter setting pays for itself on the second request. Brotli
 * stops at quality 8 (0.4 s for the 15 MB full company layer of 10,000 companies): 11 takes a minute.
 */
async function compress(coding: CompressedCoding, bytes: Bytes, fast: boolean): Promise<Bytes> {
  const compressed =
    coding === 'gzip'
      ? await gzipAsync(bytes, { level: fast ? 5 : 9 })
      : await brotliAsync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: fast ? 4 : 8,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        });
  // Copied once into a buffer of its own (zlib's may be a slice of a pooled one), sent many times.
  return new Uint8Array(compressed);
}

/**
 * The coding to send: the compressed one the client accepts with the highest q (brotli before gzip on a
 * tie, `*` counting for both), else the body as it is.
 */
export function negotiateCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const accepts = parseAccept(acceptEncoding);
  const wildcard = accepts.find((accept) => accept.type === '*')?.q ?? 0;
  let best: { coding: ContentCoding; q: number } = { coding: 'identity', q: 0 };
  for (const coding of COMPRESSED_CODINGS) {
    const q = accepts.find((accept) => accept.type.toLowerCase() === coding)?.q ?? wildcard;
    if (q > best.q) best = { coding, q };
  }
  return best.coding;
}

/**
 * A response body serialised once and held in memory with its compressed forms (each made on first demand
 * and then kept), like a static file with its .gz and .br beside it.
 *
 * Its entity tag is `"<level>-<hash of the bytes>"`, with `-gzip` or `-br` for a compressed form (a strong
 * tag names one representation). The data version is deliberately left out: a staff edit of a record the
 * public cannot see leaves the public's bytes, and so its tag, unchanged, and tells it nothing.
 */
export class PreparedBody {
  private readonly tag: string;
  private readonly compressed = new Map<CompressedCoding, Promise<Bytes>>();
  /**
   * A body made during a burst of writes lives for a second or two: compressed quickly (a little larger)
   * rather than tightly, since the tight setting would cost more than it saves before the next rebuild.
   */
  fastCompression = false;

  constructor(
    readonly bytes: Bytes,
    readonly contentType: string,
    /** Whose view the body was made from: decides whether shared caches may keep it. */
    readonly level: Visibility,
  ) {
    const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
    this.tag = `${level}-${hash}`;
  }

  static json(value: unknown, level: Visibility, contentType = 'application/json; charset=utf-8') {
    return new PreparedBody(new TextEncoder().encode(JSON.stringify(value)), contentType, level);
  }

  etag(coding: ContentCoding): string {
    return coding === 'identity' ? `"${this.tag}"` : `"${this.tag}-${coding}"`;
  }

  /**
   * If-None-Match with the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`, any tag in a list
   * may match, `*` always does. A tag of any coding of these bytes matches, since the content is the same.
   */
  matches(ifNoneMatch: string | undefined): boolean {
    if (!ifNoneMatch) return false;
    if (ifNoneMatch.trim() === '*') return true;
    const ours = new Set(ALL_CODINGS.map((coding) => this.etag(coding)));
    return ifNoneMatch.split(',').some((candidate) => ours.has(candidate.trim().replace(/^W\//, '')));
  }

  encoded(coding: ContentCoding): Promise<Bytes> {
    if (coding === 'identity') return Promise.resolve(this.bytes);
    let pending = this.compressed.get(coding);
    if (!pending) {
      pending = compress(coding, this.bytes, this.fastCompression);
      // A failed compression is not kept: the next request tries again.
      pending.catch(() => this.compressed.delete(coding));
      this.compressed.set(coding, pending);
    }
    return pending;
  }
}

/**
 * Sends a prepared body as a static file server would: the coding the client accepts, a strong ETag, 304
 * when the client already has these bytes. `Vary` names Authorization where the same URL answers each
 * level differently (`perCaller`, the default); only the public's answer may be kept by a shared cache.
 */
export async function sendPrepared(
  c: Context,
  prepared: PreparedBody,
  { perCaller = true }: { perCaller?: boolean } = {},
): Promise<Response> {
  const coding = negotiateCoding(c.req.header('accept-encoding'));
  c.header('vary', perCaller ? 'Accept-Encoding, Authorization' : 'Accept-Encoding');
  c.header('cache-control', prepared.level === 'public' ? 'no-cache' : 'private, no-cache');
  c.header('etag', prepared.etag(coding));
  if (prepared.matches(c.req.header('if-none-match'))) return c.body(null, 304);
  const bytes = await prepared.encoded(coding);
  c.header('content-type', prepared.contentType);
  if (coding !== 'identity') c.header('content-encoding', coding);
  c.header('content-length', String(bytes.length));
  return c.body(bytes);
}
