import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { StreamRecordSchema } from '../../domain/company.ts';
import { toCsv } from '../../domain/csv.ts';
import {
  buildCouncilReport,
  CouncilReportSchema,
  councilReportRows,
  REPORT_CSV_HEADER,
  ReportCsvQuerySchema,
  type ReportInputs,
  type ReportQuery,
  ReportQuerySchema,
  type StreamCreation,
} from '../../domain/workbench/council-report.ts';
import { type PipelineItem, PipelineItemSchema } from '../../domain/workbench/pipeline.ts';
import { type RegistrationFacts, RegistrationFactsSchema } from '../../domain/workbench/registration.ts';
import type { AtlasService } from '../atlas-service.ts';
import { requireStaff } from '../auth.ts';
import { answer, declared, declaredRoutes, errors, staffOnly } from '../contract.ts';
import type { AtlasStore } from '../storage/atlas-store.ts';

const routes = {
  report: createRoute({
    method: 'get',
    path: '/report',
    summary: 'The report to the councils for a period, per municipality (staff)',
    description:
      'Counts from the dataset and from the atlas’s log (null where the log does not reach back into the ' +
      'period), exchanges started, ended and agreed, and their sourced and estimated impacts kept apart.',
    security: staffOnly,
    request: { query: ReportQuerySchema },
    responses: { 200: answer('Report', CouncilReportSchema), ...errors(400, 403) },
  }),
  reportCsv: createRoute({
    method: 'get',
    path: '/report.csv',
    summary:
      'The report to the councils as CSV (staff): one row per municipality × measure, then each figure',
    security: staffOnly,
    request: { query: ReportCsvQuerySchema },
    responses: {
      200: answer(
        'File',
        z.string().meta({
          description: `UTF-8 with a byte order mark; columns: ${REPORT_CSV_HEADER.join(', ')}`,
        }),
        'text/csv',
      ),
      ...errors(400, 403),
    },
  }),
};

const AUDIT_PAGE = 1000;
const StreamCreatedSchema = StreamRecordSchema.pick({ id: true, companyId: true, direction: true }).loose();
// Read through the shared contract only, so that this report does not depend on what else a record holds.
const RegistrationReadSchema = z.looseObject(RegistrationFactsSchema.shape);
const PipelineReadSchema = z.looseObject(PipelineItemSchema.shape);

/** Streams created, and when the log began: the whole log, a page at a time, newest first. */
async function logFacts(store: AtlasStore) {
  const streamCreations: StreamCreation[] = [];
  let recordedSince: string | null = null;
  let before: number | undefined;
  for (;;) {
    const page = await store.auditLog({ limit: AUDIT_PAGE, before });
    for (const entry of page) {
      recordedSince = entry.at;
      if (entry.entity !== 'stream' || entry.action !== 'create') continue;
      const stream = StreamCreatedSchema.safeParse(entry.after);
      if (stream.success) {
        streamCreations.push({
          at: entry.at,
          streamId: stream.data.id,
          companyId: stream.data.companyId,
          direction: stream.data.direction,
        });
      }
    }
    const oldest = page.at(-1);
    if (page.length < AUDIT_PAGE || !oldest) break;
    before = oldest.id;
  }
  return { streamCreations, recordedSince };
}

export function reportRoutes(service: AtlasService, staffToken: string | undefined) {
  const api = declaredRoutes();
  const store = service.store;
  const staff = requireStaff(staffToken);

  async function reportFor(period: ReportQuery) {
    const view = await service.view('secretariat');
    const registrations: RegistrationFacts[] = (await store.workRecords('registration')).flatMap((row) => {
      const parsed = RegistrationReadSchema.safeParse(row.record.doc);
      return parsed.success ? [parsed.data] : [];
    });
    const pipeline: PipelineItem[] = (await store.workRecords('pipeline')).flatMap((row) => {
      const parsed = PipelineReadSchema.safeParse(row.record.doc);
      return parsed.success ? [parsed.data] : [];
    });
    const inputs: ReportInputs = {
      companies: view.companies,
      exchanges: view.exchanges,
      impactFigures: view.impactFigures,
      registrations,
      pipeline,
      ...(await logFacts(store)),
    };
    return buildCouncilReport(inputs, period);
  }

  api.openapi({ ...routes.report, middleware: [staff] }, async (c) => {
    const report = await reportFor(c.req.valid('query'));
    c.header('cache-control', 'private, no-store');
    return c.json(report, 200);
  });

  api.openapi({ ...routes.reportCsv, middleware: [staff] }, async (c) => {
    const { lang, ...period } = c.req.valid('query');
    const report = await reportFor(period);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('cache-control', 'private, no-store');
    c.header('content-disposition', `attachment; filename="council-report-${period.from}-${period.to}.csv"`);
    const csv = toCsv(REPORT_CSV_HEADER, councilReportRows(report, lang));
    return declared(routes.reportCsv, c.body(`\uFEFF${csv}`));
  });

  return api;
}
