// The secretariat's report to the three councils that fund it: for a period and per municipality, what came of
// the work. Counts come from two places and say which: the dataset (when exchanges started or ended, when a
// partner joined), and the atlas's own log (registrations, resource checks and the pipeline's stage changes),
// which only knows what happened since the atlas was first written to. A count the log cannot know is null
// with that reason, never a zero. Impacts are listed figure by figure: sourced ones with their source and
// year, estimated ones with their factor, in separate lists and never added together.
import { z } from 'zod';
import { type LocalizedText, LocalizedTextSchema, YearSchema } from '../common.ts';
import type { CompanyFeature, StreamDirection } from '../company.ts';
import type { Exchange } from '../exchange.ts';
import { ExchangeImpactSchema } from '../exchange.ts';
import { EstimatedImpactSchema, type ImpactFigure, ImpactFigureSchema } from '../impact.ts';
import { estimateImpact } from '../impact-factors.ts';
import { municipalityName } from '../municipalities.ts';
import type { PipelineItem, PipelineStage } from './pipeline.ts';
import type { RegistrationFacts } from './registration.ts';

/** The municipalities that set up the secretariat, in the order the report presents them. */
export const REPORT_MUNICIPALITIES = ['0326', '0316', '0306'] as const;

/** A report covers at most this many years: a council reads a term, not a century. */
export const MAX_REPORT_YEARS = 30;

const ReportPeriodFields = {
  from: z.coerce.number().pipe(YearSchema),
  to: z.coerce.number().pipe(YearSchema),
};

/** The same period rules for the JSON and the CSV query. */
function withPeriodRules<S extends z.ZodType<{ from: number; to: number }>>(schema: S): S {
  return schema
    .refine((period) => period.from <= period.to, {
      error: 'the period’s `from` year comes after its `to` year',
    })
    .refine((period) => period.to - period.from < MAX_REPORT_YEARS, {
      error: `a report covers at most ${MAX_REPORT_YEARS} years`,
    });
}

export const ReportQuerySchema = withPeriodRules(z.strictObject(ReportPeriodFields));
export const ReportCsvQuerySchema = withPeriodRules(
  z.strictObject({ ...ReportPeriodFields, lang: z.enum(['en', 'da']).default('en') }),
);
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export const REPORT_MEASURES = [
  'registrations',
  'resource-checks',
  'side-streams',
  'partners-joined',
  'candidates-screened',
  'agreements',
  'exchanges-started',
  'exchanges-ended',
] as const;
export const ReportMeasureIdSchema = z.enum(REPORT_MEASURES);
export type ReportMeasureId = z.infer<typeof ReportMeasureIdSchema>;

/** What each count counts, in both languages: the page, the CSV and the printout say the same. */
export const MEASURE_LABELS: Readonly<Record<ReportMeasureId, LocalizedText>> = {
  registrations: { en: 'New registrations (companies’ own)', da: 'Nye tilmeldinger (virksomhedernes egne)' },
  'resource-checks': {
    en: 'Resource checks recorded (companies with streams entered)',
    da: 'Ressourcetjek registreret (virksomheder med indtastede strømme)',
  },
  'side-streams': { en: 'Side-streams identified', da: 'Sidestrømme identificeret' },
  'partners-joined': {
    en: 'Companies that joined the symbiosis',
    da: 'Virksomheder der kom med i symbiosen',
  },
  'candidates-screened': { en: 'Candidates screened', da: 'Kandidater screenet' },
  agreements: { en: 'Agreements reached', da: 'Aftaler indgået' },
  'exchanges-started': { en: 'Exchanges started', da: 'Udvekslinger startet' },
  'exchanges-ended': { en: 'Exchanges ended', da: 'Udvekslinger afsluttet' },
};

/** Where a count comes from: the dataset's years, the atlas's log, or both. */
const MEASURE_BASIS: Readonly<Record<ReportMeasureId, 'dataset' | 'log' | 'dataset-and-log'>> = {
  registrations: 'log',
  'resource-checks': 'log',
  'side-streams': 'log',
  'partners-joined': 'dataset',
  'candidates-screened': 'log',
  agreements: 'log',
  'exchanges-started': 'dataset-and-log',
  'exchanges-ended': 'dataset-and-log',
};

/**
 * How much of the period the log covers: all of it, part of it (it began during the period), or none (it
 * began after, or has nothing yet). A log count over `none` is null; a dataset count is whole regardless.
 */
export const LogCoverageSchema = z.enum(['full', 'partial', 'none']);
export type LogCoverage = z.infer<typeof LogCoverageSchema>;

export const ReportMeasureSchema = z.strictObject({
  id: ReportMeasureIdSchema,
  label: LocalizedTextSchema,
  /** null: the log does not reach back into the period, so the count is not known (not zero). */
  value: z.int().nonnegative().nullable(),
  basis: z.enum(['dataset', 'log', 'dataset-and-log']),
  /** For a count from the log: how much of the period the log covers. */
  logCoverage: LogCoverageSchema.nullable(),
});
export type ReportMeasure = z.infer<typeof ReportMeasureSchema>;

export const ReportExchangeSchema = z.strictObject({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  resourceId: z.string(),
  startYear: z.int().nullable(),
  endYear: z.int().nullable(),
  /** `dataset`: its start or end year; `pipeline`: the stage change the secretariat recorded. */
  via: z.enum(['dataset', 'pipeline']),
});
export type ReportExchange = z.infer<typeof ReportExchangeSchema>;

export const MunicipalityReportSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  measures: z.array(ReportMeasureSchema),
  exchangesStarted: z.array(ReportExchangeSchema),
  exchangesEnded: z.array(ReportExchangeSchema),
  agreements: z.array(ReportExchangeSchema),
  /** Sourced figures of the exchanges started, each as its source published it. */
  sourcedImpacts: z.array(z.strictObject({ exchangeId: z.string(), impact: ExchangeImpactSchema })),
  /** Published figures of the period about this municipality's companies, as published. */
  publishedFigures: z.array(ImpactFigureSchema),
  /** Estimates from a sourced factor for the exchanges started and agreed: null estimate = no factor. */
  estimatedImpacts: z.array(
    z.strictObject({
      exchangeId: z.string(),
      resourceId: z.string(),
      estimate: EstimatedImpactSchema.nullable(),
    }),
  ),
});
export type MunicipalityReport = z.infer<typeof MunicipalityReportSchema>;

export const CouncilReportSchema = z
  .strictObject({
    period: z.strictObject({ from: z.int(), to: z.int() }),
    /** ISO 8601 of the oldest entry in the atlas's log; null while nothing has been written. */
    recordedSince: z.string().nullable(),
    logCoverage: LogCoverageSchema,
    basis: z.string(),
    municipalities: z.array(MunicipalityReportSchema),
    /** Region-wide published figures whose year falls in the period, as published. */
    regionFigures: z.array(ImpactFigureSchema),
  })
  .meta({ id: 'CouncilReport' });
export type CouncilReport = z.infer<typeof CouncilReportSchema>;

// ——— Inputs —————————————————————————————————————————————————————————————————————————————————————————————

/** A stream as the log recorded its creation: a resource check of its company. */
export interface StreamCreation {
  at: string;
  streamId: string;
  companyId: string;
  direction: StreamDirection;
}

export interface ReportInputs {
  companies: readonly CompanyFeature[];
  exchanges: readonly Exchange[];
  impactFigures: readonly ImpactFigure[];
  streamCreations: readonly StreamCreation[];
  registrations: readonly RegistrationFacts[];
  pipeline: readonly PipelineItem[];
  /** ISO 8601 of the oldest entry of the atlas's log; null when it has none. */
  recordedSince: string | null;
}

// ——— The computation ————————————————————————————————————————————————————————————————————————————————————

/** The calendar year of an ISO 8601 time (UTC, as the server writes them). */
function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

function coverageOf(period: ReportQuery, recordedSince: string | null): LogCoverage {
  if (recordedSince === null) return 'none';
  const since = yearOf(recordedSince);
  if (since > period.to) return 'none';
  return since > period.from ? 'partial' : 'full';
}

const within = (period: ReportQuery, year: number | null | undefined) =>
  year !== null && year !== undefined && year >= period.from && year <= period.to;

function summary(exchange: Exchange, via: ReportExchange['via']): ReportExchange {
  const { id, from, to, resourceId, startYear, endYear } = exchange;
  return { id, from, to, resourceId, startYear, endYear, via };
}

/** Exchanges whose pipeline entered `stage` during the period. */
function enteredStage(
  inputs: ReportInputs,
  period: ReportQuery,
  stage: PipelineStage,
  exchangesById: ReadonlyMap<string, Exchange>,
): Exchange[] {
  return inputs.pipeline.flatMap((item) => {
    const entered = item.history.some(
      (change) => change.stage === stage && within(period, yearOf(change.at)),
    );
    const exchange = exchangesById.get(item.exchangeId);
    return entered && exchange ? [exchange] : [];
  });
}

/** Dataset and pipeline together, each exchange once (the dataset's year wins: it is the sourced one). */
function merged(fromDataset: readonly Exchange[], fromPipeline: readonly Exchange[]): ReportExchange[] {
  const byId = new Map(fromDataset.map((exchange) => [exchange.id, summary(exchange, 'dataset')]));
  for (const exchange of fromPipeline) {
    if (!byId.has(exchange.id)) byId.set(exchange.id, summary(exchange, 'pipeline'));
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The report for the period: one section per municipality of the secretariat. */
export function buildCouncilReport(inputs: ReportInputs, period: ReportQuery): CouncilReport {
  const logCoverage = coverageOf(period, inputs.recordedSince);
  const municipalityOf = new Map(
    inputs.companies.map((company) => [company.properties.id, company.properties.municipality]),
  );
  const exchangesById = new Map(inputs.exchanges.map((exchange) => [exchange.id, exchange]));
  const touches = (exchange: Pick<Exchange, 'from' | 'to'>, code: string) =>
    municipalityOf.get(exchange.from) === code || municipalityOf.get(exchange.to) === code;
  const flowed = (exchange: Exchange) => exchange.status === 'existing' || exchange.status === 'historic';

  const startedInData = inputs.exchanges.filter((e) => flowed(e) && within(period, e.startYear));
  const endedInData = inputs.exchanges.filter((e) => e.status === 'historic' && within(period, e.endYear));
  const operating = enteredStage(inputs, period, 'operating', exchangesById);
  const ended = enteredStage(inputs, period, 'ended', exchangesById);
  const screened = enteredStage(inputs, period, 'screening', exchangesById);
  const agreed = enteredStage(inputs, period, 'agreement', exchangesById);
  const creations = inputs.streamCreations.filter((creation) => within(period, yearOf(creation.at)));
  const registrations = inputs.registrations.filter((r) => within(period, yearOf(r.submittedAt)));

  const municipalities = REPORT_MUNICIPALITIES.map((code): MunicipalityReport => {
    const here = (exchange: Pick<Exchange, 'from' | 'to'>) => touches(exchange, code);
    const started = merged(startedInData.filter(here), operating.filter(here));
    const endedHere = merged(endedInData.filter(here), ended.filter(here));
    const agreements = merged([], agreed.filter(here));
    const checks = creations.filter((creation) => municipalityOf.get(creation.companyId) === code);
    const companyIds = new Set(
      inputs.companies.filter((c) => c.properties.municipality === code).map((c) => c.properties.id),
    );
    const counts: Record<ReportMeasureId, number> = {
      registrations: registrations.filter((r) => r.municipality === code).length,
      'resource-checks': new Set(checks.map((creation) => creation.companyId)).size,
      'side-streams': checks.filter((creation) => creation.direction === 'output').length,
      'partners-joined': inputs.companies.filter(
        (c) => companyIds.has(c.properties.id) && within(period, c.properties.partnerSince),
      ).length,
      'candidates-screened': screened.filter(here).length,
      agreements: agreements.length,
      'exchanges-started': started.length,
      'exchanges-ended': endedHere.length,
    };
    const measures = REPORT_MEASURES.map((id): ReportMeasure => {
      const basis = MEASURE_BASIS[id];
      const unknown = basis === 'log' && logCoverage === 'none';
      return {
        id,
        label: MEASURE_LABELS[id],
        value: unknown ? null : counts[id],
        basis,
        logCoverage: basis === 'dataset' ? null : logCoverage,
      };
    });
    const estimatedFor = [...started, ...agreements]
      .filter((entry, index, all) => all.findIndex((other) => other.id === entry.id) === index)
      .flatMap((entry) => {
        const exchange = exchangesById.get(entry.id);
        if (!exchange) return [];
        return [
          {
            exchangeId: exchange.id,
            resourceId: exchange.resourceId,
            estimate: estimateImpact(exchange.resourceId, exchange.quantity),
          },
        ];
      });
    return {
      code,
      name: municipalityName(code) ?? code,
      measures,
      exchangesStarted: started,
      exchangesEnded: endedHere,
      agreements,
      sourcedImpacts: started.flatMap((entry) =>
        (exchangesById.get(entry.id)?.impact ?? []).map((impact) => ({ exchangeId: entry.id, impact })),
      ),
      publishedFigures: inputs.impactFigures.filter(
        (figure) => within(period, figure.year) && (figure.companyIds ?? []).some((id) => companyIds.has(id)),
      ),
      estimatedImpacts: estimatedFor,
    };
  });

  return {
    period: { from: period.from, to: period.to },
    recordedSince: inputs.recordedSince,
    logCoverage,
    basis:
      'Counts from the dataset (years exchanges started or ended, when companies joined) and from the ' +
      'atlas’s log (registrations, streams entered, pipeline stages), which knows only what happened since ' +
      'its first entry. An exchange between two of the municipalities counts in both. Sourced figures are ' +
      'as published, each with its source and year; estimates come from a sourced factor. Neither is added ' +
      'to the other, nor across units, years or sources.',
    municipalities,
    regionFigures: inputs.impactFigures.filter(
      (figure) => within(period, figure.year) && (figure.companyIds ?? []).length === 0,
    ),
  };
}

/** CSV: one row per municipality × measure, then one per listed figure (sourced, published or estimate). */
export const REPORT_CSV_HEADER = [
  'period_from',
  'period_to',
  'municipality_code',
  'municipality',
  'kind',
  'measure',
  'label',
  'value',
  'unit',
  'year',
  'basis',
  'source',
  'note',
] as const;

const NOT_RECORDED: LocalizedText = {
  en: 'not recorded: the atlas’s log does not reach back into the period',
  da: 'ikke registreret: atlassets log går ikke tilbage til perioden',
};
const NO_FACTOR: LocalizedText = { en: 'no impact factor for', da: 'ingen effektfaktor for' };
const ESTIMATE_NOTE: LocalizedText = { en: 'estimate, factor', da: 'skøn, faktor' };

type CsvRow = (string | number | null)[];

export function councilReportRows(report: CouncilReport, language: 'en' | 'da'): CsvRow[] {
  const { from, to } = report.period;
  return report.municipalities.flatMap((m) => {
    const lead = [from, to, m.code, m.name];
    const counts = m.measures.map(
      (measure): CsvRow => [
        ...lead,
        'count',
        measure.id,
        measure.label[language],
        measure.value,
        null,
        null,
        measure.basis,
        null,
        measure.value === null ? NOT_RECORDED[language] : null,
      ],
    );
    const sourced = m.sourcedImpacts.map(
      ({ exchangeId, impact }): CsvRow => [
        ...lead,
        'sourced',
        exchangeId,
        impact.label[language],
        impact.value,
        impact.unit,
        impact.referenceYear ?? null,
        impact.verification,
        impact.source.join(' ; '),
        impact.note ?? null,
      ],
    );
    const published = m.publishedFigures.map(
      (figure): CsvRow => [
        ...lead,
        'published',
        figure.id,
        figure.label[language],
        figure.value,
        figure.unit,
        figure.year,
        figure.verification,
        figure.source.join(' ; '),
        figure.note ?? null,
      ],
    );
    const estimated = m.estimatedImpacts.map(
      ({ exchangeId, resourceId, estimate }): CsvRow => [
        ...lead,
        'estimate',
        exchangeId,
        estimate ? estimate.factor.label[language] : `${NO_FACTOR[language]} ${resourceId}`,
        estimate?.value ?? null,
        estimate?.unit ?? null,
        null,
        'estimate',
        estimate?.factor.source ?? null,
        estimate ? `${ESTIMATE_NOTE[language]} ${estimate.factor.value} ${estimate.factor.unit}` : null,
      ],
    );
    return [...counts, ...sourced, ...published, ...estimated];
  });
}
