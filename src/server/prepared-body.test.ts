import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { negotiateCoding, PreparedBody } from './prepared-body.ts';

const layer = { type: 'FeatureCollection', features: Array.from({ length: 200 }, (_, i) => ({ id: i })) };

describe('choosing the coding a client gets', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['GZip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['br;q=0, *;q=0.1', 'gzip'],
  ])('Accept-Encoding %j gets %s', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });
});

describe('a prepared body', () => {
  const body = PreparedBody.json(layer, 'public');

  it('decompresses, in each coding, to exactly the bytes it was made from', async () => {
    expect(JSON.parse(new TextDecoder().decode(body.bytes))).toEqual(layer);
    expect(gunzipSync(await body.encoded('gzip')).equals(Buffer.from(body.bytes))).toBe(true);
    expect(brotliDecompressSync(await body.encoded('br')).equals(Buffer.from(body.bytes))).toBe(true);
  });

  it('compresses once and then keeps the result', async () => {
    expect(await body.encoded('br')).toBe(await body.encoded('br'));
  });

  it('is tagged by the level it was made for and by its bytes, a tag per coding', () => {
    const same = PreparedBody.json(layer, 'public');
    const forStaff = PreparedBody.json(layer, 'secretariat');
    const changed = PreparedBody.json({ ...layer, features: [] }, 'public');
    expect(same.etag('gzip')).toBe(body.etag('gzip'));
    expect(forStaff.etag('gzip')).not.toBe(body.etag('gzip'));
    expect(changed.etag('gzip')).not.toBe(body.etag('gzip'));
    expect(new Set([body.etag('identity'), body.etag('gzip'), body.etag('br')]).size).toBe(3);
  });

  it('matches If-None-Match by the weak comparison, in lists and with *', () => {
    const tag = body.etag('gzip');
    expect(body.matches(tag)).toBe(true);
    expect(body.matches(`W/${tag}`)).toBe(true);
    expect(body.matches(`"other", W/${tag}`)).toBe(true);
    expect(body.matches(body.etag('identity'))).toBe(true);
    expect(body.matches('*')).toBe(true);
    expect(body.matches(undefined)).toBe(false);
    expect(body.matches('"other"')).toBe(false);
    expect(body.matches(PreparedBody.json(layer, 'secretariat').etag('gzip'))).toBe(false);
  });
});
