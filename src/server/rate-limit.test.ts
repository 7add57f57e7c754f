import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';
import { issuePartnerToken, partnerHeaders, staffHeaders, testApp } from './testing.ts';

describe('rate limits for a public deployment', () => {
  it('holds a token to its writes per minute, answering 429 with Retry-After, and others go on', async () => {
    const { app } = await testApp({ rateLimits: { writesPerMinute: 3, heavyReadsPerMinute: 1000 } });
    const partner = partnerHeaders((await issuePartnerToken(app, 'kalundborg-forsyning')).token);
    const write = (headers: Record<string, string>) =>
      app.request('/api/streams/kalundborg-forsyning-in-surplus-heat', {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ availability: { da: 'Hele året.', en: 'All year.' } }),
      });
    // (Issuing the token counted against the staff token, not against the partner's.)
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await write(partner)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await write(partner);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error).toContain('Too many changes');
    expect((await write(staffHeaders)).status).toBe(200);
  });

  it('holds anonymous callers to their share of the heavy reads, never staff or the map’s reads', async () => {
    const { app } = await testApp({ rateLimits: { writesPerMinute: 1000, heavyReadsPerMinute: 2 } });
    const read = (url: string, headers: Record<string, string> = {}) => app.request(url, { headers });
    expect((await read('/api/candidates?limit=5')).status).toBe(200);
    expect((await read('/api/export/exchanges.csv')).status).toBe(200);
    const third = await read('/api/partners?lon=11.09&lat=55.68&radiusKm=5');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('30');
    expect((await read('/api/candidates?limit=5', staffHeaders)).status).toBe(200);
    expect((await read('/api/map/companies')).status).toBe(200);
  });

  it('refills evenly, so a caller that waits may go on', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('b')).toBe(0);
  });
});
