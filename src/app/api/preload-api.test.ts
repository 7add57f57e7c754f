import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { staffTokenStorageKey } from './session.ts';

// public/preload-api.js runs in the page before the app: here it runs against a stand-in page.
const script = readFileSync(path.resolve(import.meta.dirname, '../../../public/preload-api.js'), 'utf8');

function preloadsFor(stored: Record<string, string>): { rel: string; as: string; href: string }[] {
  const links: { rel: string; as: string; href: string; crossOrigin: string }[] = [];
  runInNewContext(script, {
    sessionStorage: { getItem: (key: string) => stored[key] ?? null },
    document: {
      createElement: () => ({ rel: '', as: '', href: '', crossOrigin: '' }),
      head: { append: (link: (typeof links)[number]) => links.push(link) },
    },
  });
  return links.map(({ rel, as, href, crossOrigin }) => {
    expect(crossOrigin).toBe('anonymous');
    return { rel, as, href };
  });
}

describe('the API preload before the app starts', () => {
  it('fetches the map’s public reads for a visitor without a staff token', () => {
    expect(preloadsFor({})).toEqual(
      ['/api/basemap', '/api/resources', '/api/map/companies', '/api/exchanges'].map((href) => ({
        rel: 'preload',
        as: 'fetch',
        href,
      })),
    );
  });

  it('fetches nothing for staff, whose token-bearing reads a public preload would not match', () => {
    expect(preloadsFor({ [staffTokenStorageKey]: 'a-token' })).toEqual([]);
  });
});
