import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../domain/exchange.ts';
import { indexMapCompanies, toMapCompany } from '../../domain/map-companies.ts';
import { createMatchingIndex } from '../../domain/matching/index.ts';
import { committedDataset } from '../../server/testing.ts';
import { da } from '../i18n/da.ts';
import { en } from '../i18n/en.ts';
import {
  indexResources,
  type LayerFilters,
  selectVisibleCandidates,
  selectVisibleExchanges,
} from '../state/selectors.ts';
import { defaultViewState } from '../state/view-fields.ts';
import {
  buildDiagramGraph,
  DIAGRAM_METRICS,
  type DiagramInput,
  diagramLegend,
  type MeasureText,
  quantityText,
  wrapText,
} from './diagram-model.ts';

const data = await committedDataset();
const resources = indexResources(data.resources);
const companies = indexMapCompanies(data.companies.features.map(toMapCompany));
const i18n = i18next.createInstance();
await i18n.init({
  lng: 'en',
  resources: { en: { translation: en }, da: { translation: da } },
  interpolation: { escapeValue: false },
});
const translate = (language: 'en' | 'da'): DiagramInput['t'] => {
  const fixed = i18n.getFixedT(language);
  return (key, options) => fixed(key, options ?? {});
};
/** Roughly Noto Sans: the model only needs widths that grow with the text. */
const measure: MeasureText = (text, style) => text.length * style.size * (style.weight === 700 ? 0.6 : 0.53);

const visible = (view: LayerFilters) => selectVisibleExchanges(data.exchanges, companies, resources, view);
const graphOf = (exchanges: readonly Exchange[], options: Partial<DiagramInput> = {}) =>
  buildDiagramGraph({
    exchanges,
    candidates: [],
    companies,
    resources,
    year: null,
    language: 'en',
    t: translate(options.language ?? 'en'),
    measure,
    size: 'normal',
    ...options,
  });

const exchangeBetween = (from: string, to: string, resourceId: string) => {
  const exchange = data.exchanges.find((e) => e.from === from && e.to === to && e.resourceId === resourceId);
  if (!exchange) throw new Error(`no ${resourceId} exchange from ${from} to ${to} in the dataset`);
  return exchange;
};
const nameOf = (id: string) => companies.get(id)?.name ?? id;

describe('the symbiosis diagram as a graph', () => {
  it('draws one arrow per shown exchange, parallel ones included, and a node for every company at an end', () => {
    const today = visible(defaultViewState);
    const graph = graphOf(today);
    expect(graph.edges.map((edge) => edge.id).sort()).toEqual(today.map((exchange) => exchange.id).sort());
    const ends = new Set(today.flatMap((exchange) => [exchange.from, exchange.to]));
    expect(graph.nodes.map((node) => node.id).sort()).toEqual([...ends].sort());

    // The refinery sends Asnæs several kinds of water at once: each is its own arrow.
    const refineryToAsnaes = graph.edges.filter(
      (edge) => edge.from === 'kalundborg-refinery' && edge.to === 'asnaes-power-station',
    );
    expect(refineryToAsnaes.length).toBeGreaterThan(1);
    expect(new Set(refineryToAsnaes.map((edge) => edge.id)).size).toBe(refineryToAsnaes.length);
  });

  it('follows the year: 1995 shows what flowed then, with the status it had then', () => {
    const in1995 = visible({ ...defaultViewState, year: 1995 });
    const graph = graphOf(in1995, { year: 1995 });
    expect(graph.edges).toHaveLength(in1995.length);
    const gypsum = graph.edges.find((edge) => edge.resourceId === 'fgd-gypsum');
    // Historic today, flowing in 1995: drawn in its resource's colour, not grey.
    expect(gypsum?.status).toBe('existing');
    expect(gypsum?.colour).toBe(resources.get('fgd-gypsum')?.colour);
    expect(gypsum?.name).toMatch(/^FGD gypsum, .+ to .+, since 1993, 150,000 t\/yr \(2010\)$/);
  });

  it('names every arrow for screen readers: resource, giver to receiver, since when (English and Danish)', () => {
    const steam = exchangeBetween('asnaes-power-station', 'novo-nordisk-kalundborg', 'steam');
    const from = nameOf(steam.from);
    const to = nameOf(steam.to);
    expect(graphOf([steam]).edges[0]?.name).toBe(`Steam, ${from} to ${to}, since ${steam.startYear}`);
    expect(graphOf([steam], { language: 'da' }).edges[0]?.name).toBe(
      `Damp, ${from} til ${to}, siden ${steam.startYear}`,
    );
  });

  it('says what is not flowing yet or any more', () => {
    const byStatus = (status: Exchange['status']) => data.exchanges.filter((e) => e.status === status);
    const [proposed] = graphOf(byStatus('proposed').slice(0, 1)).edges;
    expect(proposed?.name).toMatch(/, proposed$/);
    expect(proposed?.cased).toBe(true);
    const [candidate] = graphOf(byStatus('candidate').slice(0, 1)).edges;
    expect(candidate?.name).toMatch(/, candidate$/);
    expect(candidate?.dashed).toBe(true);

    const ended = byStatus('historic').find((e) => e.startYear !== null && e.endYear !== null);
    if (!ended) throw new Error('the dataset has no dated historic exchange');
    const [historic] = graphOf([ended]).edges;
    expect(historic?.name).toContain(`, ${ended.startYear}–${ended.endYear}`);
    expect(historic?.muted).toBe(true);
    expect(historic?.colour).toBe('#8C8C8C');
  });

  it('labels an arrow with its resource, and its quantity with unit and reference year where known', () => {
    const sulphur = exchangeBetween('kalundborg-refinery', 'regional-farms', 'sulphur-fertiliser');
    const [edge] = graphOf([sulphur]).edges;
    // The source gives a range, and a range is what the arrow says.
    expect(edge?.lines.join(' ')).toContain('15,000–27,000 t/yr (2000)');
    expect(edge?.lines.at(-1)).toBe('15,000–27,000 t/yr (2000)');
    const unknown = exchangeBetween('asnaes-power-station', 'novo-nordisk-kalundborg', 'steam');
    expect(graphOf([unknown]).edges[0]?.lines).toEqual(['Steam']);
  });

  it('keeps every label and company name within its measured box', () => {
    const graph = graphOf(visible(defaultViewState));
    const metrics = DIAGRAM_METRICS.normal;
    for (const edge of graph.edges) {
      for (const line of edge.lines) {
        expect(measure(line, metrics.labelText)).toBeLessThanOrEqual(edge.labelWidth - 2 * metrics.labelPadX);
      }
      expect(edge.labelHeight).toBe(edge.lines.length * metrics.labelLineHeight + 2 * metrics.labelPadY);
    }
    for (const node of graph.nodes) {
      for (const line of node.lines) {
        expect(measure(line, metrics.nodeText)).toBeLessThanOrEqual(node.width - 2 * metrics.nodePadX);
      }
    }
  });

  it('is the same graph whatever order the server sends the exchanges in', () => {
    const today = visible(defaultViewState);
    const shuffled = [...today].reverse();
    expect(graphOf(shuffled)).toEqual(graphOf(today));
  });

  it('adds computed candidates as dashed arrows when they are shown', () => {
    const view = { ...defaultViewState, showCandidates: true };
    const candidates = selectVisibleCandidates(
      createMatchingIndex(data).allCandidates({ limit: 20 }),
      companies,
      resources,
      view,
    );
    expect(candidates.length).toBeGreaterThan(0);
    const graph = graphOf(visible(view), { candidates });
    const computed = graph.edges.filter((edge) => edge.kind === 'candidate');
    expect(computed).toHaveLength(candidates.length);
    expect(computed.every((edge) => edge.dashed && edge.name.includes(', computed candidate'))).toBe(true);
    expect(diagramLegend(graph, resources).computed).toBe(true);
  });

  it('draws a former partner as the partner it was in the year shown', () => {
    // Soilrem was a member from 1996 to 2000 and treated the utility's sewage sludge.
    const soilrem = companies.get('soilrem');
    if (!soilrem) throw new Error('the dataset has no soil remediation plant');
    expect(soilrem.role).toBe('former-partner');
    const sludge = exchangeBetween('kalundborg-forsyning', 'soilrem', 'sewage-sludge');
    expect(graphOf([sludge], { year: 1999 }).nodes.find((n) => n.id === soilrem.id)?.role).toBe('partner');
    expect(graphOf([sludge]).nodes.find((n) => n.id === soilrem.id)?.role).toBe('former-partner');
  });

  it('names each company with its role and how many shown flows leave and reach it', () => {
    const graph = graphOf(visible(defaultViewState));
    const asnaes = graph.nodes.find((node) => node.id === 'asnaes-power-station');
    const out = graph.edges.filter((edge) => edge.from === 'asnaes-power-station').length;
    const into = graph.edges.filter((edge) => edge.to === 'asnaes-power-station').length;
    expect(asnaes?.label).toBe(
      `${nameOf('asnaes-power-station')}, Symbiosis partner, ${out} flows out, ${into} flows in`,
    );
  });

  it('lists in its legend the resources drawn, with their arrow counts, and only the statuses used', () => {
    const today = visible(defaultViewState);
    const legend = diagramLegend(graphOf(today), resources);
    const total = legend.resources.reduce((sum, resource) => sum + resource.count, 0);
    expect(total).toBe(today.length);
    expect(legend.statuses).toEqual(
      ['existing', 'proposed', 'candidate'].filter((s) => today.some((e) => e.status === s)),
    );
  });
});

describe('label text', () => {
  it('wraps at word boundaries and never cuts a word', () => {
    const style = { size: 10, weight: 400 } as const;
    const lines = wrapText('Sulphur fertiliser (ammonium thiosulphate)', 100, style, measure);
    expect(lines.join(' ')).toBe('Sulphur fertiliser (ammonium thiosulphate)');
    expect(lines.length).toBeGreaterThan(1);
    expect(wrapText('Supercalifragilistic', 20, style, measure)).toEqual(['Supercalifragilistic']);
  });

  it('writes a quantity with its unit and reference year, and nothing for an unknown one', () => {
    expect(quantityText({ value: 150000, unit: 't/yr', referenceYear: 2010 }, 'en')).toBe(
      '150,000 t/yr (2010)',
    );
    expect(quantityText({ value: 150000, unit: 't/yr', referenceYear: 2010 }, 'da')).toBe(
      '150.000 t/yr (2010)',
    );
    expect(quantityText({ value: 700000, unit: 'm3/yr' }, 'en')).toBe('700,000 m³/yr');
    expect(quantityText({ value: null, unit: 'MWh/yr' }, 'en')).toBeNull();
  });
});
