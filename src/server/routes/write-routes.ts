import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  AuditQuerySchema,
  CompanyCreateSchema,
  CompanyPatchSchema,
  ExchangeCreateSchema,
  ExchangePatchSchema,
  PartnerTokenCreateSchema,
  StreamCreateSchema,
  StreamPatchSchema,
} from '../../domain/api.ts';
import { TransitionError } from '../../domain/exchange-lifecycle.ts';
import { convertAnnualValue } from '../../domain/impact-factors.ts';
import {
  type CompanyDraft,
  companyFromCreate,
  exchangeFromCreate,
  patchCompany,
  patchExchange,
  patchStream,
  streamFromCreate,
} from '../../domain/registrations.ts';
import {
  type CompanyFeature,
  CompanyPropertiesSchema,
  ExchangeSchema,
  partnerVisibilityProblem,
  type Quantity,
  type Resource,
  type StreamRecord,
  StreamRecordSchema,
} from '../../domain/schema.ts';
import type { AtlasService } from '../atlas-service.ts';
import {
  type AtlasEnv,
  type Caller,
  hashToken,
  newPartnerToken,
  requireEditor,
  requireStaff,
} from '../auth.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import { etagOf, expectedVersions } from '../record-versions.ts';
import type { DatasetSnapshot, Versioned } from '../storage/atlas-store.ts';

/** Far above any real record; small enough that nobody can fill the disk through the API. */
export const maxBodyBytes = 1024 * 1024;

async function jsonBody(c: Context<AtlasEnv>): Promise<unknown> {
  if (!c.req.header('content-type')?.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'Send the request body as JSON (Content-Type: application/json)');
  }
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON');
  }
}

function resourceOf(resources: readonly Resource[], id: string): Resource {
  const resource = resources.find((candidate) => candidate.id === id);
  if (!resource) throw new ApiError(400, `Unknown resource "${id}"; GET /api/resources lists them`);
  return resource;
}

function companyOf(snapshot: DatasetSnapshot, id: string): CompanyFeature {
  const company = snapshot.companies.find((feature) => feature.properties.id === id);
  if (!company) throw new ApiError(404, `No company "${id}"`);
  return company;
}

/** The merged record must still be a valid record of the dataset, or nothing is written. */
function validCompany(draft: CompanyDraft): CompanyDraft {
  const properties = parseOrThrow(
    CompanyPropertiesSchema.omit({ streams: true }),
    draft.properties,
    'company',
  );
  return { properties, location: draft.location };
}

/**
 * A figure must be in a unit its resource can be measured in: one that converts exactly to the resource's
 * canonical unit (MWh/yr and GJ/yr for heat; not m³/yr), or matching and totals would compare apples and
 * litres.
 */
function checkUnit(quantity: Quantity, resource: Resource): void {
  if (convertAnnualValue(1, quantity.unit, resource.canonicalUnit) !== null) return;
  throw new ApiError(
    400,
    `Invalid quantity: quantity.unit: "${quantity.unit}" is not a unit of ${resource.id}, which is measured in ${resource.canonicalUnit}`,
    [{ path: 'quantity.unit', message: `must convert to ${resource.canonicalUnit}` }],
  );
}

/**
 * Object-level authorisation for stream writes: staff may touch any company's streams, a partner only its
 * own company's. A partner asking about another company gets 403 when it can see that company or stream
 * (it knows it exists) and 404 otherwise, so the answer never confirms a record hidden from it.
 */
async function checkOwner(
  service: AtlasService,
  caller: Caller,
  companyId: string,
  what: { kind: 'company' | 'stream'; id: string },
): Promise<void> {
  if (caller.companyId === null || caller.companyId === companyId) return;
  const view = await service.viewFor(caller);
  const company = view.companies.find((feature) => feature.properties.id === companyId);
  const visible =
    what.kind === 'company' ? company : company?.properties.streams.find((s) => s.id === what.id);
  if (!visible) throw new ApiError(404, `No ${what.kind} "${what.id}"`);
  throw new ApiError(
    403,
    `A partner token for "${caller.companyId}" may change only that company’s streams, not ${companyId}’s`,
  );
}

const has = (body: unknown, field: string) => typeof body === 'object' && body !== null && field in body;

/**
 * Property-level rules for a partner's stream write: verification is the secretariat's judgement of a
 * source, publishing is the secretariat's decision (see partnerVisibilityProblem), and what a stream is
 * (its resource) is fixed: a partner with something else to offer adds a stream.
 */
function checkPartnerFields(
  caller: Caller,
  body: unknown,
  before: StreamRecord | null,
  after: StreamRecord,
): void {
  if (caller.companyId === null) return;
  if (has(body, 'verification')) {
    throw new ApiError(403, 'Only secretariat staff can set how well a stream is verified');
  }
  if (before && before.resourceId !== after.resourceId) {
    throw new ApiError(403, 'A partner cannot change a stream’s resource; add a stream for the other one');
  }
  const problem = partnerVisibilityProblem(before, after);
  if (problem) throw new ApiError(403, problem);
}

/**
 * A figure or source a company gives is the company's word until the secretariat checks it: the badge a
 * published, verified figure had does not carry over to the number that replaced it.
 */
function asReportedByPartner(caller: Caller, before: StreamRecord | null, after: StreamRecord): StreamRecord {
  if (caller.companyId === null) return after;
  const changedFacts =
    before === null ||
    JSON.stringify(before.quantity) !== JSON.stringify(after.quantity) ||
    JSON.stringify(before.source) !== JSON.stringify(after.source);
  return changedFacts ? { ...after, verification: 'reported' } : after;
}

function sendVersioned<T>(c: Context<AtlasEnv>, written: Versioned<T>, status: 200 | 201 = 200) {
  c.header('etag', etagOf(written.version));
  return c.json(written.record as object, status);
}

export function writeRoutes(service: AtlasService, staffToken: string | undefined): Hono<AtlasEnv> {
  const api = new Hono<AtlasEnv>();
  const store = service.store;
  const actor = (c: Context<AtlasEnv>) => c.get('caller').actor ?? 'unknown';

  // Guards go on each route rather than on '*': this router shares the /api prefix with the public reads.
  const staffOnly = requireStaff(staffToken);
  const editors = requireEditor(staffToken);
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => c.json({ error: `The request body is larger than ${maxBodyBytes / 1024} kB` }, 413),
  });

  api.post('/companies', staffOnly, limitBody, async (c) => {
    const input = parseOrThrow(CompanyCreateSchema, await jsonBody(c), 'company');
    const snapshot = await service.snapshot();
    const ids = new Set(snapshot.companies.map((feature) => feature.properties.id));
    const created = await store.createCompany(
      validCompany(companyFromCreate(input, (id) => ids.has(id))),
      actor(c),
    );
    return sendVersioned(c, created, 201);
  });

  // Changes are merged into the record as it is when the write lock is held, not as it was when the
  // request was read: two writers of different fields both keep theirs; If-Match decides for the same one.
  api.patch('/companies/:id', staffOnly, limitBody, async (c) => {
    const patch = parseOrThrow(CompanyPatchSchema, await jsonBody(c), 'company changes');
    const expected = expectedVersions(c, c.get('caller'));
    const id = c.req.param('id');
    const updated = await store.updateCompany(
      id,
      (current) => validCompany(patchCompany(current, patch)),
      actor(c),
      expected,
    );
    return sendVersioned(c, updated);
  });

  api.delete('/companies/:id', staffOnly, async (c) => {
    const expected = expectedVersions(c, c.get('caller'));
    await store.deleteCompany(c.req.param('id'), actor(c), expected);
    return c.body(null, 204);
  });

  api.post('/companies/:id/streams', editors, limitBody, async (c) => {
    const caller = c.get('caller');
    const body = await jsonBody(c);
    const input = parseOrThrow(StreamCreateSchema, body, 'stream');
    const companyId = c.req.param('id');
    await checkOwner(service, caller, companyId, { kind: 'company', id: companyId });
    // A partner's new stream is named by the server: a chosen id could only be answered "taken" or not,
    // which would tell it about streams it may not see.
    if (caller.companyId !== null && input.id !== undefined) {
      throw new ApiError(403, 'The server names a partner’s new streams; leave out "id"');
    }
    const snapshot = await service.snapshot();
    const company = companyOf(snapshot, companyId);
    const resource = resourceOf(await store.resources(), input.resourceId);
    if (input.quantity) checkUnit(input.quantity, resource);
    const ids = new Set(snapshot.companies.flatMap((feature) => feature.properties.streams.map((s) => s.id)));
    const draft = parseOrThrow(
      StreamRecordSchema,
      streamFromCreate(company.properties.id, input, resource, (id) => ids.has(id)),
      'stream',
    );
    checkPartnerFields(caller, body, null, draft);
    return sendVersioned(
      c,
      await store.createStream(asReportedByPartner(caller, null, draft), actor(c)),
      201,
    );
  });

  api.patch('/streams/:id', editors, limitBody, async (c) => {
    const caller = c.get('caller');
    const body = await jsonBody(c);
    const patch = parseOrThrow(StreamPatchSchema, body, 'stream changes');
    const expected = expectedVersions(c, caller);
    const id = c.req.param('id');
    const found = await store.stream(id);
    if (!found) throw new ApiError(404, `No stream "${id}"`);
    await checkOwner(service, caller, found.record.companyId, { kind: 'stream', id });
    const resources = await store.resources();
    const updated = await store.updateStream(
      id,
      (current) => {
        const next = parseOrThrow(StreamRecordSchema, patchStream(current, patch), 'stream');
        checkPartnerFields(caller, body, current, next);
        const resource = resourceOf(resources, next.resourceId);
        if (patch.quantity || patch.resourceId) checkUnit(next.quantity, resource);
        return asReportedByPartner(caller, current, next);
      },
      actor(c),
      expected,
    );
    return sendVersioned(c, updated);
  });

  api.delete('/streams/:id', editors, async (c) => {
    const caller = c.get('caller');
    const expected = expectedVersions(c, caller);
    const id = c.req.param('id');
    const found = await store.stream(id);
    if (!found) throw new ApiError(404, `No stream "${id}"`);
    await checkOwner(service, caller, found.record.companyId, { kind: 'stream', id });
    await store.deleteStream(id, actor(c), expected);
    return c.body(null, 204);
  });

  api.post('/exchanges', staffOnly, limitBody, async (c) => {
    const input = parseOrThrow(ExchangeCreateSchema, await jsonBody(c), 'exchange');
    const snapshot = await service.snapshot();
    if (input.from === input.to) throw new ApiError(400, 'An exchange links two different companies');
    companyOf(snapshot, input.from);
    companyOf(snapshot, input.to);
    const resource = resourceOf(snapshot.resources, input.resourceId);
    if (input.quantity) checkUnit(input.quantity, resource);
    const ids = new Set(snapshot.exchanges.map((exchange) => exchange.id));
    const draft = exchangeFromCreate(input, resource, (id) => ids.has(id));
    return sendVersioned(
      c,
      await store.createExchange(parseOrThrow(ExchangeSchema, draft, 'exchange'), actor(c)),
      201,
    );
  });

  api.patch('/exchanges/:id', staffOnly, limitBody, async (c) => {
    const patch = parseOrThrow(ExchangePatchSchema, await jsonBody(c), 'exchange changes');
    const expected = expectedVersions(c, c.get('caller'));
    const id = c.req.param('id');
    const resources = await store.resources();
    const updated = await store.updateExchange(
      id,
      (current) => {
        let next: unknown;
        try {
          next = patchExchange(current, patch, service.currentYear());
        } catch (error) {
          if (error instanceof TransitionError) throw new ApiError(409, error.message);
          throw error;
        }
        const exchange = parseOrThrow(ExchangeSchema, next, 'exchange');
        if (patch.quantity) checkUnit(exchange.quantity, resourceOf(resources, exchange.resourceId));
        return exchange;
      },
      actor(c),
      expected,
    );
    return sendVersioned(c, updated);
  });

  api.get('/audit', staffOnly, async (c) => {
    const { limit, entity, before } = parseOrThrow(AuditQuerySchema, c.req.query(), 'query');
    const entries = await store.auditLog({ limit, entityId: entity, before });
    // A full page may have more behind it: the next one starts below its oldest entry.
    const oldest = entries.at(-1);
    if (entries.length === limit && oldest) c.header('x-next-before', String(oldest.id));
    return c.json(entries);
  });

  // Partner tokens: staff issue one per company, see the list (never a secret) and revoke.
  api.post('/partner-tokens', staffOnly, limitBody, async (c) => {
    const input = parseOrThrow(PartnerTokenCreateSchema, await jsonBody(c), 'partner token');
    companyOf(await service.snapshot(), input.companyId);
    const token = newPartnerToken();
    const issued = await store.createPartnerToken(
      {
        id: `pt-${randomBytes(6).toString('hex')}`,
        companyId: input.companyId,
        label: input.label ?? null,
        tokenHash: hashToken(token),
      },
      actor(c),
    );
    c.header('cache-control', 'no-store');
    return c.json({ ...issued, token }, 201);
  });

  api.get('/partner-tokens', staffOnly, async (c) => c.json(await store.listPartnerTokens()));

  api.delete('/partner-tokens/:id', staffOnly, async (c) => {
    await store.deletePartnerToken(c.req.param('id'), actor(c));
    return c.body(null, 204);
  });

  return api;
}
