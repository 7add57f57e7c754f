import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { TransitionError, transitionExchange } from '../../domain/exchange-lifecycle.ts';
import type { CompanyFeature, Exchange } from '../../domain/schema.ts';
import {
  type PipelineEnd,
  type PipelineEntry,
  PipelineEntryListSchema,
  PipelineEntrySchema,
  type PipelineItem,
  PipelineItemSchema,
  PipelineNoteCreateSchema,
  PipelinePatchSchema,
} from '../../domain/workbench/pipeline.ts';
import {
  addNote,
  applyPatch,
  currentStage,
  PipelineRuleError,
  startItem,
} from '../../domain/workbench/pipeline-rules.ts';
import type { AtlasService } from '../atlas-service.ts';
import { type AtlasEnv, actorOf, requireStaff } from '../auth.ts';
import {
  answer,
  declaredRoutes,
  errors,
  ifMatchHeaders,
  jsonBody,
  jsonInput,
  staffOnly,
  versionHeader,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import { etagOf, expectedVersions } from '../record-versions.ts';
import { type ExpectedVersions, StoreConflictError } from '../storage/atlas-store.ts';
import { checkExpected } from '../storage/store-records.ts';
import { type WorkItem, workRecordsOf } from '../work-records.ts';

/**
 * The secretariat's pipeline (staff only): one item per exchange, kept as a working record (never in a
 * snapshot, so in no public or partner answer). An exchange without an item is shown at the stage of its
 * status and gets one with its first change; its ETag is then "v0". Moving the stage moves the exchange's
 * status too, through the store's updateExchange and the exchange lifecycle, so the public map follows;
 * both writes are audited.
 */

const exchangeParams = z.object({
  exchangeId: z.string().meta({ param: { name: 'exchangeId', in: 'path' } }),
});

/** What may be on the board without an item: the opportunities still being worked on. */
const OPEN_STATUSES: ReadonlySet<Exchange['status']> = new Set(['candidate', 'proposed']);

const routes = {
  list: createRoute({
    method: 'get',
    path: '/pipeline',
    summary: 'The pipeline (staff): every recorded candidate and proposal, and every exchange with an item',
    security: staffOnly,
    responses: { 200: answer('Opportunities', PipelineEntryListSchema), ...errors(403) },
  }),
  one: createRoute({
    method: 'get',
    path: '/pipeline/{exchangeId}',
    summary: 'One exchange’s pipeline item (staff), with its ETag ("v0" while it has none)',
    security: staffOnly,
    request: { params: exchangeParams },
    responses: {
      200: { ...answer('Opportunity', PipelineEntrySchema), headers: versionHeader },
      ...errors(403, 404),
    },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/pipeline/{exchangeId}',
    summary: 'Move an opportunity’s stage, or set its owner or next step (staff)',
    description:
      'A stage whose exchange status differs moves the exchange too (agreement = proposed, operating = ' +
      'existing, ended = historic, declined = rejected), as the exchange lifecycle allows; a move it ' +
      'refuses answers 409.',
    security: staffOnly,
    request: { params: exchangeParams, headers: ifMatchHeaders, body: jsonBody(PipelinePatchSchema) },
    responses: {
      200: { ...answer('Changed', PipelineEntrySchema), headers: versionHeader },
      ...errors(400, 403, 404, 409, 412, 413, 415, 428),
    },
  }),
  addNote: createRoute({
    method: 'post',
    path: '/pipeline/{exchangeId}/notes',
    summary: 'Add a dated note to an opportunity (staff)',
    security: staffOnly,
    request: { params: exchangeParams, body: jsonBody(PipelineNoteCreateSchema) },
    responses: {
      201: { ...answer('Noted', PipelineEntrySchema), headers: versionHeader },
      ...errors(400, 403, 404, 409, 413, 415),
    },
  }),
};

function endOf(companies: ReadonlyMap<string, CompanyFeature>, id: string): PipelineEnd {
  const company = companies.get(id);
  const [lon = 0, lat = 0] = company?.geometry.coordinates ?? [];
  return {
    id,
    name: company?.properties.name ?? id,
    municipality: company?.properties.municipality ?? null,
    lon,
    lat,
  };
}

function entryOf(
  exchange: Exchange,
  item: PipelineItem | null,
  companies: ReadonlyMap<string, CompanyFeature>,
): PipelineEntry {
  return {
    exchangeId: exchange.id,
    status: exchange.status,
    resourceId: exchange.resourceId,
    from: endOf(companies, exchange.from),
    to: endOf(companies, exchange.to),
    stage: currentStage(item, exchange.status),
    item,
  };
}

/** The rules' refusals are conflicts with the data as it is. */
function ruled<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PipelineRuleError || error instanceof TransitionError) {
      throw new ApiError(409, error.message);
    }
    throw error;
  }
}

export function pipelineRoutes(service: AtlasService, staffToken: string | undefined) {
  const api = declaredRoutes();
  const store = service.store;
  const items = workRecordsOf(store, 'pipeline', PipelineItemSchema);
  // On each route rather than on '*': this router shares the /api prefix with the public reads.
  const staff = requireStaff(staffToken);

  async function exchangeOf(id: string): Promise<Exchange> {
    const found = await store.exchange(id);
    if (!found) throw new ApiError(404, `No exchange "${id}"`);
    return found.record;
  }

  async function companyIndex(): Promise<Map<string, CompanyFeature>> {
    const snapshot = await service.snapshot();
    return new Map(snapshot.companies.map((company) => [company.properties.id, company]));
  }

  /** The entry as written, with its ETag. */
  async function send(c: Context<AtlasEnv>, exchange: Exchange, written: WorkItem<PipelineItem> | null) {
    c.header('etag', etagOf(written?.version ?? 0));
    return entryOf(exchange, written?.record ?? null, await companyIndex());
  }

  /**
   * Writes an item: creates it from `start` when the exchange has none, else changes it as stored. Two
   * first writes at once: the second finds the item created and changes it (or gets its 412).
   */
  async function writeItem(
    exchangeId: string,
    start: () => PipelineItem,
    change: (current: PipelineItem) => PipelineItem,
    who: string,
    expected: ExpectedVersions,
  ): Promise<WorkItem<PipelineItem>> {
    const existing = await items.get(exchangeId);
    // If-Match against an item that may not exist yet: version 0.
    checkExpected(expected, existing?.version ?? 0);
    if (!existing) {
      try {
        return await items.create(
          exchangeId,
          ruled(() => change(start())),
          who,
        );
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
      }
    }
    return items.update(exchangeId, (current) => ruled(() => change(current)), who, expected);
  }

  api.openapi({ ...routes.list, middleware: [staff] }, async (c) => {
    const [snapshot, stored, companies] = await Promise.all([
      service.snapshot(),
      items.list(),
      companyIndex(),
    ]);
    const itemOf = new Map(stored.map((item) => [item.id, item.record]));
    const entries = snapshot.exchanges
      .filter((exchange) => itemOf.has(exchange.id) || OPEN_STATUSES.has(exchange.status))
      .map((exchange) => entryOf(exchange, itemOf.get(exchange.id) ?? null, companies));
    return c.json(entries, 200);
  });

  api.openapi({ ...routes.one, middleware: [staff] }, async (c) => {
    const { exchangeId } = c.req.valid('param');
    const exchange = await exchangeOf(exchangeId);
    return c.json(await send(c, exchange, await items.get(exchangeId)), 200);
  });

  api.openapi({ ...routes.patch, middleware: [staff, ...jsonInput('pipeline changes')] }, async (c) => {
    const patch = c.req.valid('json');
    const expected = expectedVersions(c, c.get('caller'));
    const { exchangeId } = c.req.valid('param');
    const who = actorOf(c);
    const at = new Date().toISOString();
    let exchange = await exchangeOf(exchangeId);
    const before = exchange.status;
    const existing = await items.get(exchangeId);
    // If-Match against an item that may not exist yet: version 0.
    checkExpected(expected, existing?.version ?? 0);
    const start = () => startItem(exchangeId, before, at, who);
    // Checked before anything is written: a refused move changes neither the exchange nor the item.
    const planned = ruled(() => applyPatch(existing?.record ?? start(), before, patch, at, who));
    if (planned.statusChanges) {
      // The exchange first: the public map follows the stage. Should the item's write then fail, the stage
      // shown still follows the exchange's new status (currentStage).
      const moved = await store.updateExchange(
        exchangeId,
        (current) => ruled(() => transitionExchange(current, planned.status, service.currentYear())),
        who,
      );
      exchange = moved.record;
    }
    const written = await writeItem(
      exchangeId,
      start,
      (current) => applyPatch(current, before, patch, at, who).item,
      who,
      expected,
    );
    return c.json(await send(c, exchange, written), 200);
  });

  api.openapi({ ...routes.addNote, middleware: [staff, ...jsonInput('note')] }, async (c) => {
    const { text } = c.req.valid('json');
    const { exchangeId } = c.req.valid('param');
    const who = actorOf(c);
    const at = new Date().toISOString();
    const exchange = await exchangeOf(exchangeId);
    // A note overwrites nothing, so it needs no If-Match: it is appended to the notes as they are.
    const written = await writeItem(
      exchangeId,
      () => startItem(exchangeId, exchange.status, at, who),
      (current) => addNote(current, text, at, who),
      who,
      undefined,
    );
    return c.json(await send(c, exchange, written), 201);
  });

  return api;
}
