import { beforeAll, describe, expect, it } from 'vitest';
import { committedDataset } from '../../../tests/support/committed-dataset.ts';
import type { Dataset } from '../schema.ts';
import { testCompany, testExchange } from '../testing/records.ts';
import {
  buildCouncilReport,
  CouncilReportSchema,
  councilReportRows,
  type MunicipalityReport,
  REPORT_CSV_HEADER,
  type ReportInputs,
  ReportQuerySchema,
} from './council-report.ts';
import type { PipelineItem } from './pipeline.ts';

let dataset: Dataset;
beforeAll(async () => {
  dataset = await committedDataset();
});

function inputsOf(fields: Partial<ReportInputs> = {}): ReportInputs {
  return {
    companies: dataset.companies.features,
    exchanges: dataset.exchanges,
    impactFigures: dataset.impactFigures,
    streamCreations: [],
    registrations: [],
    pipeline: [],
    recordedSince: null,
    ...fields,
  };
}

const section = (report: { municipalities: MunicipalityReport[] }, code: string) => {
  const found = report.municipalities.find((m) => m.code === code);
  if (!found) throw new Error(`no section for ${code}`);
  return found;
};
const count = (m: MunicipalityReport, id: string) => m.measures.find((measure) => measure.id === id)?.value;

describe('the report to the councils for 2013–2014, from the committed dataset', () => {
  it('has one section per municipality of the secretariat, Kalundborg first', () => {
    const report = buildCouncilReport(inputsOf(), { from: 2013, to: 2014 });
    expect(CouncilReportSchema.parse(report)).toEqual(report);
    expect(report.municipalities.map((m) => `${m.code} ${m.name}`)).toEqual([
      '0326 Kalundborg',
      '0316 Holbæk',
      '0306 Odsherred',
    ]);
  });

  it('says Kalundborg started the Novo Nordisk wastewater → Novonesis biogas exchange, with its sourced CO₂', () => {
    const kalundborg = section(buildCouncilReport(inputsOf(), { from: 2013, to: 2014 }), '0326');
    expect(kalundborg.exchangesStarted.map((e) => e.id)).toEqual(['novo-nordisk-wastewater-to-novonesis']);
    expect(count(kalundborg, 'exchanges-started')).toBe(1);
    expect(kalundborg.sourcedImpacts).toMatchObject([
      {
        exchangeId: 'novo-nordisk-wastewater-to-novonesis',
        impact: { metric: 'co2', value: 21_000, referenceYear: 2013 },
      },
    ]);
    expect(kalundborg.sourcedImpacts[0]?.impact.source[0]).toMatch(/^https:\/\//);
    expect(kalundborg.publishedFigures.map((figure) => figure.id)).toEqual(['wastewater-biogas-co2-2013']);
    // Wastewater has no impact factor: the estimate says so (null), kept apart from the sourced figure.
    expect(kalundborg.estimatedImpacts).toEqual([
      { exchangeId: 'novo-nordisk-wastewater-to-novonesis', resourceId: 'wastewater', estimate: null },
    ]);
  });

  it('says the four Inbicon demonstration-plant exchanges ended in 2014', () => {
    const kalundborg = section(buildCouncilReport(inputsOf(), { from: 2013, to: 2014 }), '0326');
    expect(kalundborg.exchangesEnded.map((e) => e.id)).toEqual([
      'asnaes-steam-to-inbicon',
      'inbicon-bioethanol-to-refinery',
      'inbicon-c5-molasses-to-farms',
      'inbicon-lignin-to-asnaes',
    ]);
  });

  it('starts nothing in Holbæk or Odsherred then, and says the log’s counts are not known, not zero', () => {
    const report = buildCouncilReport(inputsOf({ recordedSince: '2026-03-01T09:00:00.000Z' }), {
      from: 2013,
      to: 2014,
    });
    expect(report.logCoverage).toBe('none');
    for (const code of ['0316', '0306']) {
      const m = section(report, code);
      expect(count(m, 'exchanges-started')).toBe(0);
      expect(count(m, 'partners-joined')).toBe(0);
      expect(count(m, 'registrations')).toBeNull();
      expect(count(m, 'candidates-screened')).toBeNull();
    }
  });
});

describe('the log’s part of the report', () => {
  const pipelineItem = (exchangeId: string, stages: [PipelineItem['stage'], string][]): PipelineItem => ({
    exchangeId,
    stage: stages.at(-1)?.[0] ?? 'idea',
    owner: null,
    nextStep: null,
    notes: [],
    history: stages.map(([stage, at]) => ({ stage, at, actor: 'staff' })),
  });

  const companies = [
    testCompany('kal-plant', { municipality: '0326' }),
    testCompany('hol-greenhouse', { municipality: '0316' }),
    testCompany('ods-farm', { municipality: '0306' }),
  ];

  it('counts registrations, resource checks, side-streams and pipeline stages in the period, per municipality', () => {
    const exchanges = [
      testExchange('heat-to-holbaek', {
        from: 'kal-plant',
        to: 'hol-greenhouse',
        resourceId: 'surplus-heat',
        status: 'proposed',
        startYear: null,
        quantity: { value: 10_000, unit: 'MWh/yr' },
      }),
    ];
    const report = buildCouncilReport(
      {
        companies,
        exchanges,
        impactFigures: [],
        recordedSince: '2025-01-02T08:00:00.000Z',
        registrations: [
          {
            reference: 'SA-AAAA-BBBB',
            status: 'pending',
            submittedAt: '2026-02-01T10:00:00.000Z',
            municipality: '0306',
            decidedAt: null,
            companyId: null,
          },
          {
            reference: 'SA-CCCC-DDDD',
            status: 'pending',
            submittedAt: '2024-12-01T10:00:00.000Z',
            municipality: '0306',
            decidedAt: null,
            companyId: null,
          },
        ],
        streamCreations: [
          { at: '2026-01-05T10:00:00.000Z', streamId: 'a', companyId: 'hol-greenhouse', direction: 'input' },
          { at: '2026-01-05T10:01:00.000Z', streamId: 'b', companyId: 'hol-greenhouse', direction: 'output' },
          { at: '2026-01-06T10:01:00.000Z', streamId: 'c', companyId: 'ods-farm', direction: 'output' },
        ],
        pipeline: [
          pipelineItem('heat-to-holbaek', [
            ['idea', '2025-11-01T09:00:00.000Z'],
            ['screening', '2026-01-10T09:00:00.000Z'],
            ['agreement', '2026-03-10T09:00:00.000Z'],
          ]),
        ],
      },
      { from: 2026, to: 2026 },
    );
    expect(report.logCoverage).toBe('full');
    const holbaek = section(report, '0316');
    expect(count(holbaek, 'resource-checks')).toBe(1);
    expect(count(holbaek, 'side-streams')).toBe(1);
    expect(count(holbaek, 'candidates-screened')).toBe(1);
    expect(count(holbaek, 'agreements')).toBe(1);
    expect(count(section(report, '0306'), 'registrations')).toBe(1);
    expect(count(section(report, '0306'), 'side-streams')).toBe(1);
    // The exchange runs Kalundborg → Holbæk, so it counts for both councils.
    expect(count(section(report, '0326'), 'agreements')).toBe(1);
    // An agreed exchange gets an estimate from its factor, apart from any sourced figure.
    expect(holbaek.estimatedImpacts[0]?.estimate).toMatchObject({ value: 2244, unit: 't CO2e/yr' });
    expect(holbaek.sourcedImpacts).toEqual([]);
  });

  it('marks counts over a period the log only partly covers', () => {
    const report = buildCouncilReport(
      { ...inputsOf(), companies, recordedSince: '2025-06-01T00:00:00.000Z' },
      { from: 2024, to: 2026 },
    );
    expect(report.logCoverage).toBe('partial');
    expect(section(report, '0316').measures.find((m) => m.id === 'registrations')).toMatchObject({
      value: 0,
      logCoverage: 'partial',
    });
  });
});

describe('the report’s CSV and query', () => {
  it('has one row per municipality × measure, then each figure in its own row with its unit and source', () => {
    const report = buildCouncilReport(inputsOf(), { from: 2013, to: 2014 });
    const rows = councilReportRows(report, 'en');
    expect(rows.every((row) => row.length === REPORT_CSV_HEADER.length)).toBe(true);
    expect(rows.filter((row) => row[4] === 'count')).toHaveLength(3 * 8);
    const sourced = rows.find((row) => row[4] === 'sourced');
    expect(sourced?.slice(2, 10)).toEqual([
      '0326',
      'Kalundborg',
      'sourced',
      'novo-nordisk-wastewater-to-novonesis',
      expect.any(String),
      21_000,
      't CO₂/yr',
      2013,
    ]);
    const danish = councilReportRows(report, 'da').find((row) => row[4] === 'estimate');
    expect(danish?.[6]).toBe('ingen effektfaktor for wastewater');
  });

  it('refuses a period backwards or longer than thirty years', () => {
    expect(ReportQuerySchema.safeParse({ from: '2013', to: '2014' }).data).toEqual({ from: 2013, to: 2014 });
    expect(ReportQuerySchema.safeParse({ from: '2015', to: '2014' }).success).toBe(false);
    expect(ReportQuerySchema.safeParse({ from: '1950', to: '2014' }).success).toBe(false);
    expect(ReportQuerySchema.safeParse({ from: 'soon', to: '2014' }).success).toBe(false);
  });
});
