// The committed seed dataset: valid, and saying what a user of the atlas relies on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon, distance } from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateDataset } from '../src/domain/dataset-validation.ts';
import type { CompanyProperties, Dataset, Exchange } from '../src/domain/schema.ts';
import { defaultVisibility } from '../src/domain/schema.ts';
import { isPartnerIn } from '../src/domain/timeline.ts';
import {
  DATASET_FILES,
  DEFAULT_GEODATA_DIR,
  loadDataset,
  readDatasetBoundaries,
  readRawDataset,
} from '../src/server/storage/dataset-files.ts';

const CURRENT_YEAR = new Date().getFullYear();

let dataset: Dataset;
let companies: CompanyProperties[];
let byId: Map<string, CompanyProperties>;

beforeAll(async () => {
  const loaded = await loadDataset(DEFAULT_GEODATA_DIR, { currentYear: CURRENT_YEAR });
  expect(loaded.problems).toEqual([]);
  if (!loaded.dataset) throw new Error('the committed dataset does not parse');
  dataset = loaded.dataset;
  companies = dataset.companies.features.map((f) => f.properties);
  byId = new Map(companies.map((c) => [c.id, c]));
});

function exchangesOf(companyId: string): Exchange[] {
  return dataset.exchanges.filter((e) => e.from === companyId || e.to === companyId);
}

describe('committed dataset', () => {
  it('passes schema and every dataset rule', async () => {
    expect(validateDataset(await readRawDataset(), { currentYear: CURRENT_YEAR })).toEqual([]);
  });

  it('puts every point on land in its municipality (the committed outlines)', async () => {
    const boundaries = await readDatasetBoundaries();
    const { problems } = await loadDataset(DEFAULT_GEODATA_DIR, { currentYear: CURRENT_YEAR, boundaries });
    expect(problems).toEqual([]);
  });

  it('puts no point of the three municipalities in the sea of the drawn map', () => {
    // The municipality areas may reach a little over the sea so that their tint meets the coast; the land the map
    // draws is the stricter test for estimates placed near Kalundborg Fjord or Holbæk Fjord.
    const land = JSON.parse(
      readFileSync(join(DEFAULT_GEODATA_DIR, 'land.geojson'), 'utf8'),
    ) as FeatureCollection<Polygon>;
    const atSea = dataset.companies.features
      .filter((f) => ['0326', '0316', '0306'].includes(f.properties.municipality ?? ''))
      .filter((f) => !land.features.some((l) => booleanPointInPolygon(f.geometry.coordinates, l)))
      .map((f) => f.properties.id);
    expect(atSea).toEqual([]);
  });

  it('is written deterministically: 2-space JSON, sorted by id', () => {
    const sortedIds = (ids: string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const file of [
      DATASET_FILES.resources,
      DATASET_FILES.companies,
      DATASET_FILES.exchanges,
      DATASET_FILES.impactFigures,
    ]) {
      const text = readFileSync(join(DEFAULT_GEODATA_DIR, file), 'utf8');
      expect(text, file).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
    for (const ids of [
      dataset.resources.map((r) => r.id),
      companies.map((c) => c.id),
      dataset.exchanges.map((e) => e.id),
      dataset.impactFigures.map((f) => f.id),
      ...companies.map((c) => c.streams.map((s) => s.id)),
    ]) {
      expect(ids).toEqual(sortedIds(ids));
    }
  });

  it('has at least 25 companies, in all three municipalities', () => {
    expect(companies.length).toBeGreaterThanOrEqual(25);
    for (const code of ['0326', '0316', '0306']) {
      expect(companies.filter((c) => c.municipality === code).length, code).toBeGreaterThanOrEqual(5);
    }
  });

  it('starts with the 1961 Lake Tissø surface-water exchange', () => {
    const tisso = dataset.exchanges.find(
      (e) => e.from === 'lake-tisso' && e.to === 'kalundborg-refinery' && e.resourceId === 'surface-water',
    );
    expect(tisso?.startYear).toBe(1961);
    expect(tisso?.status).toBe('existing');
    expect(Math.min(...dataset.exchanges.flatMap((e) => (e.startYear === null ? [] : [e.startYear])))).toBe(
      1961,
    );
  });

  it('has the Holbæk surplus-heat link as a candidate', () => {
    const links = dataset.exchanges.filter(
      (e) => e.resourceId === 'surplus-heat' && byId.get(e.to)?.municipality === '0316',
    );
    expect(links.map((e) => [e.from, e.to, e.status])).toEqual([
      ['kalundborg-forsyning', 'fors', 'candidate'],
    ]);
  });

  it('has Gyproc’s exchanges and streams historic by the 2024 closure, while it stays a listed partner', () => {
    const gyproc = exchangesOf('gyproc-kalundborg');
    expect(gyproc.length).toBeGreaterThanOrEqual(4);
    for (const exchange of gyproc) {
      expect(exchange.status, exchange.id).toBe('historic');
      expect(exchange.endYear ?? 2024, exchange.id).toBeLessThanOrEqual(2024);
    }
    expect(byId.get('gyproc-kalundborg')?.streams.every((s) => s.status === 'historic')).toBe(true);
    // Production stopped in 2024, but the governance page (late 2025) still lists it as an associated partner.
    expect(byId.get('gyproc-kalundborg')).toMatchObject({
      role: 'partner',
      partnerSince: 1972,
      partnerUntil: null,
    });
  });

  it('counts the partners of a year as the published member lists do', () => {
    const partnersIn = (year: number) => companies.filter((c) => isPartnerIn(c, year)).length;
    // 40th-anniversary publication (c. 2012): seven companies and the municipality; 11 members after the two
    // of March 2020; 13 after RE Energy (2022); 16 after Comet and Intertek (March 2023), 17 with APM
    // Terminals (September 2023); the governance page lists 17 in late 2025.
    expect([2012, 2020, 2022, 2023, 2025].map(partnersIn)).toEqual([8, 11, 13, 17, 17]);
    expect(companies.filter((c) => c.role === 'partner').length).toBe(partnersIn(CURRENT_YEAR));
  });

  it('ends the Inbicon plant in 2014 and records its successor once', () => {
    for (const exchange of exchangesOf('inbicon')) expect(exchange.endYear, exchange.id).toBe(2014);
    expect(byId.has('re-energy-kalundborg')).toBe(false);
    expect(byId.get('meliora-bio')?.aliases.map((a) => a.name)).toContain(
      'RE Energy Bioraffinaderi Kalundborg',
    );
    expect(exchangesOf('comet-bio').map((e) => [e.from, e.status])).toEqual([['meliora-bio', 'proposed']]);
  });

  it('ends fly ash to cement in 2019, with coal', () => {
    const flyAsh = dataset.exchanges.filter((e) => e.resourceId === 'fly-ash');
    expect(flyAsh.map((e) => [e.from, e.to, e.status, e.endYear])).toEqual([
      ['asnaes-power-station', 'aalborg-portland', 'historic', 2019],
    ]);
  });

  it('gives every exchange, stream and impact figure a source and a verification marker', () => {
    const records = [
      ...dataset.exchanges,
      ...dataset.impactFigures,
      ...companies.flatMap((c) => c.streams),
      ...dataset.exchanges.flatMap((e) => e.impact),
    ];
    for (const record of records) {
      expect(record.source.length).toBeGreaterThan(0);
      expect(record.verification).toBeDefined();
    }
  });

  it('seeds visibility by the default rule', () => {
    const publicEnds = new Set(
      dataset.exchanges
        .filter((e) => e.visibility === 'public')
        .flatMap((e) => [`${e.from}|output|${e.resourceId}`, `${e.to}|input|${e.resourceId}`]),
    );
    for (const company of companies) {
      const registeredPotential = company.role === 'registered-potential';
      for (const stream of company.streams) {
        const expected = defaultVisibility({
          verification: stream.verification,
          registeredPotential,
          quantity: stream.quantity,
          endOfPublicExchange: publicEnds.has(`${company.id}|${stream.direction}|${stream.resourceId}`),
        });
        expect(stream.visibility, stream.id).toBe(expected);
      }
    }
    for (const exchange of dataset.exchanges) {
      expect(exchange.visibility, exchange.id).toBe(
        defaultVisibility({ verification: exchange.verification, registeredPotential: false }),
      );
    }
  });

  it('shows the public the streams at both ends of every public exchange', () => {
    for (const exchange of dataset.exchanges.filter((e) => e.visibility === 'public')) {
      const ends = [
        { company: byId.get(exchange.from), direction: 'output' },
        { company: byId.get(exchange.to), direction: 'input' },
      ];
      for (const { company, direction } of ends) {
        const hidden = company?.streams.filter(
          (s) =>
            s.resourceId === exchange.resourceId && s.direction === direction && s.visibility !== 'public',
        );
        expect(
          hidden?.map((s) => s.id),
          exchange.id,
        ).toEqual([]);
      }
    }
  });

  it('keeps every real exchange within its resource’s transport distance', () => {
    const maxKm = new Map(dataset.resources.map((r) => [r.id, r.maxTransportKm]));
    const position = new Map(
      dataset.companies.features.map((f) => [f.properties.id, f.geometry.coordinates]),
    );
    for (const exchange of dataset.exchanges) {
      const from = position.get(exchange.from);
      const to = position.get(exchange.to);
      if (!from || !to) throw new Error(`missing end of ${exchange.id}`);
      expect(distance(from, to, { units: 'kilometers' }), exchange.id).toBeLessThanOrEqual(
        maxKm.get(exchange.resourceId) ?? 0,
      );
    }
  });

  it('states in the README how many exchanges and streams have a sourced, dated quantity', () => {
    const readme = readFileSync(join(DEFAULT_GEODATA_DIR, '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const claim =
      /Of the (\d+) exchanges in `geodata\/`, (\d+) carry a sourced quantity .*?, as do (\d+) of the (\d+) streams/.exec(
        readme,
      );
    const dated = (quantity: Exchange['quantity']) =>
      (quantity.value !== null || 'band' in quantity) && quantity.referenceYear !== undefined;
    const streams = companies.flatMap((c) => c.streams);
    expect(claim?.slice(1).map(Number)).toEqual([
      dataset.exchanges.length,
      dataset.exchanges.filter((e) => dated(e.quantity)).length,
      streams.filter((s) => dated(s.quantity)).length,
      streams.length,
    ]);
  });

  it('keeps one headline figure per measure and year, so a series never double-counts', () => {
    const keys = dataset.impactFigures
      .filter((f) => f.headline)
      .map((f) => `${f.metric}|${f.unit}|${f.year}|${f.label.en}`);
    expect(new Set(keys).size).toBe(keys.length);
    const co2Series = dataset.impactFigures
      .filter((f) => f.headline && f.metric === 'co2')
      .sort((a, b) => a.year - b.year);
    // The 275,000 t rest on the 2008 inventory; 586,000 t is out of the series (only seen on a third-party copy).
    expect(co2Series.map((f) => [f.year, f.value])).toEqual([
      [1993, 130000],
      [2008, 275000],
      [2018, 635000],
    ]);
  });
});
