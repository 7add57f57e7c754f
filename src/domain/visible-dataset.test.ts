import { describe, expect, it } from 'vitest';
import type { CompanyFeature } from './company.ts';
import type { Exchange } from './exchange.ts';
import { type DatasetView, visibleTo } from './visible-dataset.ts';

const stream = (id: string, visibility: 'public' | 'secretariat') => ({
  id,
  direction: 'output' as const,
  resourceId: 'steam',
  status: 'active' as const,
  startYear: null,
  endYear: null,
  quantity: { value: null, unit: 'MWh/yr' },
  source: ['test'],
  verification: 'verified' as const,
  visibility,
});
const company = (id: string, visibility: 'public' | 'secretariat', streams = [stream(`${id}-s`, 'public')]) =>
  ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [11, 55.6] },
    properties: { id, visibility, streams },
  }) as unknown as CompanyFeature;
const exchange = (id: string, from: string, to: string, visibility: 'public' | 'secretariat') =>
  ({ id, from, to, visibility }) as unknown as Exchange;

const data: DatasetView = {
  resources: [],
  companies: [
    company('power-station', 'public', [stream('ps-steam', 'public'), stream('ps-secret', 'secretariat')]),
    company('quiet-startup', 'secretariat'),
  ],
  exchanges: [
    exchange('public-flow', 'power-station', 'power-station', 'public'),
    exchange('to-hidden-company', 'power-station', 'quiet-startup', 'public'),
    exchange('hidden-flow', 'power-station', 'power-station', 'secretariat'),
  ],
  impactFigures: [],
};

describe('what each level sees', () => {
  it('shows the public only public companies, streams and exchanges', () => {
    const view = visibleTo('public', data);
    expect(view.companies.map((c) => c.properties.id)).toEqual(['power-station']);
    expect(view.companies[0]?.properties.streams.map((s) => s.id)).toEqual(['ps-steam']);
    expect(view.exchanges.map((e) => e.id)).toEqual(['public-flow']);
  });

  it('hides a public exchange whose other end is hidden, so the hidden company cannot be inferred', () => {
    expect(visibleTo('partners', data).exchanges.map((e) => e.id)).not.toContain('to-hidden-company');
  });

  it('shows the secretariat everything', () => {
    const view = visibleTo('secretariat', data);
    expect(view.companies).toHaveLength(2);
    expect(view.exchanges).toHaveLength(3);
  });
});
