import { describe, expect, it } from 'vitest';
import { committedDataset } from '../../../tests/support/committed-dataset.ts';
import type { MapCompany } from '../../domain/api.ts';
import type { Quantity } from '../../domain/common.ts';
import type { CompanyRole, Stream, StreamDirection, StreamStatus } from '../../domain/company.ts';
import { toMapCompany } from '../../domain/map-companies.ts';
import { indexResources } from '../../domain/resource.ts';
import { testCompany, testResource, testStream } from '../../domain/testing/records.ts';
import { hexToRgba } from '../colour.ts';
import {
  buildCompanyMarkers,
  buildStreamGlyphs,
  type CompanyMarker,
  markerRadiusPx,
  type StreamGlyph,
} from './company-markers.ts';

// ——— Fixtures ———————————————————————————————————————————————————————————————————————————————————————————————

const STEAM_COLOUR = '#D55E00';
const WATER_COLOUR = '#0072B2';

const resources = indexResources([
  testResource('steam', { colour: STEAM_COLOUR }),
  testResource('water', { colour: WATER_COLOUR }),
]);

function stream(
  id: string,
  direction: StreamDirection,
  resourceId = 'steam',
  options: { status?: StreamStatus; value?: number | null } = {},
): Stream {
  const value = options.value ?? null;
  const quantity: Quantity = value === null ? { value: null, unit: 'MWh/yr' } : { value, unit: 'MWh/yr' };
  return testStream(id, { direction, resourceId, status: options.status ?? 'active', quantity });
}

function company(
  id: string,
  streams: Stream[] = [],
  role: CompanyRole = 'partner',
  coordinates: [number, number] = [11.1, 55.66],
): MapCompany {
  // Written as the full record, then made into what the map receives, as the server does.
  return toMapCompany(testCompany(id, { name: `${id} name`, role, streams }, coordinates));
}

function markerOf(markers: CompanyMarker[], id: string): CompanyMarker {
  const marker = markers.find((m) => m.id === id);
  if (!marker) throw new Error(`no marker ${id}`);
  return marker;
}

const everythingShown = () => true;
const glyphsOf = (companies: MapCompany[], isShown: (resourceId: string) => boolean = everythingShown) =>
  buildStreamGlyphs(companies, resources, isShown);

// ——— Markers ————————————————————————————————————————————————————————————————————————————————————————————————

describe('company markers', () => {
  it('tell a partner from a registered potential partner at a glance', () => {
    const [partner, potential] = [
      markerOf(buildCompanyMarkers([company('p')]), 'p'),
      markerOf(buildCompanyMarkers([company('r', [], 'registered-potential')]), 'r'),
    ];
    expect(partner.fill).not.toEqual(potential.fill);
    expect(partner.outline).not.toEqual(potential.outline);
  });

  it('give every role its own look', () => {
    const roles: CompanyRole[] = ['partner', 'former-partner', 'registered-potential', 'external'];
    const markers = buildCompanyMarkers(roles.map((role) => company(role, [], role)));
    const looks = roles.map((role) => {
      const marker = markerOf(markers, role);
      return JSON.stringify([marker.fill, marker.outline]);
    });
    expect(new Set(looks).size).toBe(roles.length);
  });

  it('carry the company id, name, role and position', () => {
    const [marker] = buildCompanyMarkers([company('gyproc', [], 'former-partner', [11.1, 55.68])]);
    expect(marker).toMatchObject({
      id: 'gyproc',
      name: 'gyproc name',
      role: 'former-partner',
      position: [11.1, 55.68],
    });
  });

  it('grow with the number of current streams', () => {
    const one = company('one', [stream('one-a', 'output')]);
    const three = company('three', [
      stream('three-a', 'output'),
      stream('three-b', 'input'),
      stream('three-c', 'input'),
    ]);
    expect(markerRadiusPx(three)).toBeGreaterThan(markerRadiusPx(one));
  });

  it('grow with the size of a stream', () => {
    const small = company('small', [stream('small-a', 'output', 'steam', { value: 100 })]);
    const large = company('large', [stream('large-a', 'output', 'steam', { value: 1_000_000 })]);
    const unknown = company('unknown', [stream('unknown-a', 'output')]);
    expect(markerRadiusPx(large)).toBeGreaterThan(markerRadiusPx(small));
    expect(markerRadiusPx(small)).toBeGreaterThan(markerRadiusPx(unknown));
  });

  it('do not grow with historic streams', () => {
    const now = company('now', [stream('now-a', 'output')]);
    const withHistory = company('history', [
      stream('history-a', 'output'),
      stream('history-b', 'output', 'steam', { status: 'historic', value: 1e9 }),
    ]);
    expect(markerRadiusPx(withHistory)).toBe(markerRadiusPx(now));
  });

  it('count planned streams as current', () => {
    const planned = company('planned', [stream('planned-a', 'input', 'steam', { status: 'planned' })]);
    expect(markerRadiusPx(planned)).toBeGreaterThan(markerRadiusPx(company('none')));
  });

  it('still show a company without streams, at a clickable size', () => {
    expect(markerRadiusPx(company('quiet'))).toBeGreaterThanOrEqual(5);
  });

  it('are sorted big first, so small ones are drawn on top and stay clickable', () => {
    const markers = buildCompanyMarkers([
      company('small'),
      company('big', [stream('big-a', 'output', 'steam', { value: 1e6 }), stream('big-b', 'input')]),
      company('medium', [stream('medium-a', 'output')]),
    ]);
    expect(markers.map((m) => m.id)).toEqual(['big', 'medium', 'small']);
  });

  it('of equal size keep a stable order by id', () => {
    const markers = buildCompanyMarkers([company('b'), company('c'), company('a')]);
    expect(markers.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('for the real dataset are all finite and sorted, with Asnæs Power Station among the biggest', async () => {
    const data = await committedDataset();
    const markers = buildCompanyMarkers(data.companies.features.map(toMapCompany));
    expect(markers).toHaveLength(data.companies.features.length);
    for (let i = 1; i < markers.length; i++) {
      expect(markers[i]?.radiusPx).toBeLessThanOrEqual(markers[i - 1]?.radiusPx ?? 0);
    }
    expect(markers.every((m) => Number.isFinite(m.radiusPx) && m.position.every(Number.isFinite))).toBe(true);
    const rank = markers.findIndex((m) => m.id === 'asnaes-power-station');
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(5);
  });
});

// ——— Stream glyphs ——————————————————————————————————————————————————————————————————————————————————————————

describe('stream glyphs', () => {
  const plant = company('plant', [
    stream('plant-out-steam', 'output', 'steam'),
    stream('plant-out-water', 'output', 'water'),
    stream('plant-in-water', 'input', 'water'),
    stream('plant-in-steam-planned', 'input', 'steam', { status: 'planned' }),
    stream('plant-out-steam-old', 'output', 'steam', { status: 'historic' }),
  ]);

  const drawn = (glyphs: StreamGlyph[]) => glyphs.map((g) => `${g.direction} ${g.resourceId}`).sort();

  it('show one glyph per current stream, each with its own id', () => {
    const glyphs = glyphsOf([plant]);
    expect(drawn(glyphs)).toEqual(['input steam', 'input water', 'output steam', 'output water']);
    expect(new Set(glyphs.map((g) => g.id)).size).toBe(glyphs.length);
  });

  it('show none for historic streams', () => {
    const old = company('old', [stream('old-out', 'output', 'steam', { status: 'historic' })]);
    expect(glyphsOf([old])).toEqual([]);
  });

  it('put outputs above the marker and inputs below', () => {
    const glyphs = glyphsOf([plant]);
    for (const glyph of glyphs) {
      if (glyph.direction === 'output') expect(glyph.offsetPx[1]).toBeLessThan(0);
      else expect(glyph.offsetPx[1]).toBeGreaterThan(0);
    }
    expect(glyphs.filter((g) => g.direction === 'output')).toHaveLength(2);
    expect(glyphs.filter((g) => g.direction === 'input')).toHaveLength(2);
  });

  it('show none for a resource hidden in the legend', () => {
    const glyphs = glyphsOf([plant], (resourceId) => resourceId !== 'water');
    expect(drawn(glyphs)).toEqual(['input steam', 'output steam']);
  });

  it('show none at all with every resource hidden', () => {
    expect(glyphsOf([plant], () => false)).toEqual([]);
  });

  it('sit just outside the marker, never on top of it or of each other', () => {
    const radius = markerRadiusPx(plant);
    const glyphs = glyphsOf([plant]);
    for (const glyph of glyphs) expect(Math.hypot(...glyph.offsetPx)).toBeGreaterThan(radius);
    expect(new Set(glyphs.map((g) => g.offsetPx.join())).size).toBe(glyphs.length);
  });

  it('fan out evenly round the top and the bottom', () => {
    const many = company(
      'many',
      Array.from({ length: 5 }, (_, i) => stream(`many-out-${i}`, 'output')),
    );
    const xs = glyphsOf([many]).map((g) => g.offsetPx[0]);
    // Symmetric about the vertical through the marker.
    expect(xs.reduce((sum, x) => sum + x, 0)).toBeCloseTo(0, 10);
    // A lone output sits straight above.
    const [lone] = glyphsOf([company('lone', [stream('lone-out', 'output')])]);
    expect(lone?.offsetPx[0]).toBeCloseTo(0, 10);
    expect(lone?.offsetPx[1]).toBeLessThan(0);
  });

  it('are coloured by resource and placed at their company', () => {
    const glyphs = glyphsOf([plant]);
    const glyph = (direction: string, resourceId: string) =>
      glyphs.find((g) => g.direction === direction && g.resourceId === resourceId);
    expect(glyph('output', 'steam')).toMatchObject({
      companyId: 'plant',
      resourceId: 'steam',
      colour: hexToRgba(STEAM_COLOUR),
      position: [11.1, 55.66],
    });
    expect(glyph('input', 'water')?.colour).toEqual(hexToRgba(WATER_COLOUR));
  });

  it('colour a stream of an unknown resource neutral grey rather than failing', () => {
    const [glyph] = glyphsOf([company('odd', [stream('odd-out', 'output', 'unobtainium')])]);
    expect(glyph?.colour).toEqual(hexToRgba('#777777'));
  });

  it('are all finite for the real dataset', async () => {
    const data = await committedDataset();
    const glyphs = buildStreamGlyphs(
      data.companies.features.map(toMapCompany),
      indexResources(data.resources),
      everythingShown,
    );
    const current = data.companies.features
      .flatMap((c) => c.properties.streams)
      .filter((s) => s.status !== 'historic');
    expect(glyphs).toHaveLength(current.length);
    expect(glyphs.every((g) => [...g.offsetPx, ...g.position].every(Number.isFinite))).toBe(true);
  });
});
