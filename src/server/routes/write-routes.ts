import { createRoute } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import {
  CompanyCreateSchema,
  CompanyPatchSchema,
  ExchangeCreateSchema,
  ExchangePatchSchema,
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
  CompanyFeatureSchema,
  CompanyPropertiesSchema,
  ExchangeSchema,
  partnerVisibilityProblem,
  type Quantity,
  type Resource,
  type StreamRecord,
  StreamRecordSchema,
} from '../../domain/schema.ts';
import type { AtlasService } from '../atlas-service.ts';
import { type AtlasEnv, actorOf, type Caller, requireEditor, requireStaff } from '../auth.ts';
import {
  answer,
  declaredRoutes,
  errors,
  idParams,
  ifMatchHeaders,
  jsonBody,
  jsonInput,
  staffOnly,
  staffOrPartner,
  versionHeader,
} from '../contract.ts';
import { ApiError, parseOrThrow } from '../errors.ts';
import { etagOf, expectedVersions } from '../record-versions.ts';
import type { DatasetSnapshot, Versioned } from '../storage/atlas-store.ts';

function resourceOf(resources: readonly Resource[], id: string): Resource {
  const resource = resources.find((candidate) => candidate.id === id);
  if (!resource) throw new ApiError(400, `Unknown resource "${id}"; GET /api/resources lists them`);
  return resource;
}

export function companyOf(snapshot: DatasetSnapshot, id: string): CompanyFeature {
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

function sendVersioned<T>(c: Context<AtlasEnv>, written: Versioned<T>) {
  c.header('etag', etagOf(written.version));
  return written.record;
}

const deleted = { 204: { description: 'Deleted' } } as const;
/** What a change of a stored record may also answer: a stale If-Match, a browser without one. */
const versionConflicts = [412, 428] as const;

const routes = {
  createCompany: createRoute({
    method: 'post',
    path: '/companies',
    summary: 'Register a company',
    security: staffOnly,
    request: { body: jsonBody(CompanyCreateSchema) },
    responses: {
      201: { ...answer('Created', CompanyFeatureSchema), headers: versionHeader },
      ...errors(400, 403, 409, 413, 415),
    },
  }),
  patchCompany: createRoute({
    method: 'patch',
    path: '/companies/{id}',
    summary: 'Change a company',
    security: staffOnly,
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(CompanyPatchSchema) },
    responses: {
      200: { ...answer('Changed', CompanyFeatureSchema), headers: versionHeader },
      ...errors(400, 403, 404, 413, 415, ...versionConflicts),
    },
  }),
  deleteCompany: createRoute({
    method: 'delete',
    path: '/companies/{id}',
    summary: 'Delete a company that takes part in no exchange',
    security: staffOnly,
    request: { params: idParams, headers: ifMatchHeaders },
    responses: { ...deleted, ...errors(403, 404, 409, ...versionConflicts) },
  }),
  createStream: createRoute({
    method: 'post',
    path: '/companies/{id}/streams',
    summary: 'Add a stream (output it has, input it needs); a partner only to its own company',
    description:
      'A partner leaves out `id` (the server names its streams), and its figures are marked `reported` ' +
      'until staff confirm them.',
    security: staffOrPartner,
    request: { params: idParams, body: jsonBody(StreamCreateSchema) },
    responses: {
      201: { ...answer('Created', StreamRecordSchema), headers: versionHeader },
      ...errors(400, 403, 404, 409, 413, 415),
    },
  }),
  patchStream: createRoute({
    method: 'patch',
    path: '/streams/{id}',
    summary:
      'Change a stream; a partner only its own company’s, and it may not make one (or its exact quantity) public',
    description:
      'A partner never changes the resource; a new figure or source from a partner is marked `reported` ' +
      'until staff confirm it. A quantity’s unit must convert to the resource’s.',
    security: staffOrPartner,
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(StreamPatchSchema) },
    responses: {
      200: { ...answer('Changed', StreamRecordSchema), headers: versionHeader },
      ...errors(400, 403, 404, 413, 415, ...versionConflicts),
    },
  }),
  deleteStream: createRoute({
    method: 'delete',
    path: '/streams/{id}',
    summary: 'Delete a stream; a partner only its own company’s',
    security: staffOrPartner,
    request: { params: idParams, headers: ifMatchHeaders },
    responses: { ...deleted, ...errors(403, 404, ...versionConflicts) },
  }),
  createExchange: createRoute({
    method: 'post',
    path: '/exchanges',
    summary: 'Record a candidate or proposed exchange',
    security: staffOnly,
    request: { body: jsonBody(ExchangeCreateSchema) },
    responses: {
      201: { ...answer('Created', ExchangeSchema), headers: versionHeader },
      ...errors(400, 403, 404, 409, 413, 415),
    },
  }),
  patchExchange: createRoute({
    method: 'patch',
    path: '/exchanges/{id}',
    summary: 'Move an exchange on (candidate → proposed → existing → historic, or rejected)',
    security: staffOnly,
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(ExchangePatchSchema) },
    responses: {
      200: { ...answer('Changed', ExchangeSchema), headers: versionHeader },
      ...errors(400, 403, 404, 409, 413, 415, ...versionConflicts),
    },
  }),
};

export function writeRoutes(service: AtlasService, staffToken: string | undefined) {
  const api = declaredRoutes();
  const store = service.store;

  // Guards go on each route rather than on '*': this router shares the /api prefix with the public reads.
  // They run before the input is validated: a caller who may not write learns nothing from a 400.
  const staff = requireStaff(staffToken);
  const editors = requireEditor(staffToken);
  /** Who may call it, then its JSON body, named `what` in a 400. */
  const writing = (guard: MiddlewareHandler<AtlasEnv>, what: string) => [guard, ...jsonInput(what)];

  api.openapi({ ...routes.createCompany, middleware: writing(staff, 'company') }, async (c) => {
    const input = c.req.valid('json');
    const snapshot = await service.snapshot();
    const ids = new Set(snapshot.companies.map((feature) => feature.properties.id));
    const created = await store.createCompany(
      validCompany(companyFromCreate(input, (id) => ids.has(id))),
      actorOf(c),
    );
    return c.json(sendVersioned(c, created), 201);
  });

  // Changes are merged into the record as it is when the write lock is held, not as it was when the
  // request was read: two writers of different fields both keep theirs; If-Match decides for the same one.
  api.openapi({ ...routes.patchCompany, middleware: writing(staff, 'company changes') }, async (c) => {
    const patch = c.req.valid('json');
    const expected = expectedVersions(c, c.get('caller'));
    const { id } = c.req.valid('param');
    const updated = await store.updateCompany(
      id,
      (current) => validCompany(patchCompany(current, patch)),
      actorOf(c),
      expected,
    );
    return c.json(sendVersioned(c, updated), 200);
  });

  api.openapi({ ...routes.deleteCompany, middleware: [staff] }, async (c) => {
    const expected = expectedVersions(c, c.get('caller'));
    await store.deleteCompany(c.req.valid('param').id, actorOf(c), expected);
    return c.body(null, 204);
  });

  api.openapi({ ...routes.createStream, middleware: writing(editors, 'stream') }, async (c) => {
    const caller = c.get('caller');
    const input = c.req.valid('json');
    const body: unknown = await c.req.json();
    const { id: companyId } = c.req.valid('param');
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
    const created = await store.createStream(asReportedByPartner(caller, null, draft), actorOf(c));
    return c.json(sendVersioned(c, created), 201);
  });

  api.openapi({ ...routes.patchStream, middleware: writing(editors, 'stream changes') }, async (c) => {
    const caller = c.get('caller');
    const patch = c.req.valid('json');
    const body: unknown = await c.req.json();
    const expected = expectedVersions(c, caller);
    const { id } = c.req.valid('param');
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
      actorOf(c),
      expected,
    );
    return c.json(sendVersioned(c, updated), 200);
  });

  api.openapi({ ...routes.deleteStream, middleware: [editors] }, async (c) => {
    const caller = c.get('caller');
    const expected = expectedVersions(c, caller);
    const { id } = c.req.valid('param');
    const found = await store.stream(id);
    if (!found) throw new ApiError(404, `No stream "${id}"`);
    await checkOwner(service, caller, found.record.companyId, { kind: 'stream', id });
    await store.deleteStream(id, actorOf(c), expected);
    return c.body(null, 204);
  });

  api.openapi({ ...routes.createExchange, middleware: writing(staff, 'exchange') }, async (c) => {
    const input = c.req.valid('json');
    const snapshot = await service.snapshot();
    if (input.from === input.to) throw new ApiError(400, 'An exchange links two different companies');
    companyOf(snapshot, input.from);
    companyOf(snapshot, input.to);
    const resource = resourceOf(snapshot.resources, input.resourceId);
    if (input.quantity) checkUnit(input.quantity, resource);
    const ids = new Set(snapshot.exchanges.map((exchange) => exchange.id));
    const draft = exchangeFromCreate(input, resource, (id) => ids.has(id));
    const created = await store.createExchange(parseOrThrow(ExchangeSchema, draft, 'exchange'), actorOf(c));
    return c.json(sendVersioned(c, created), 201);
  });

  api.openapi({ ...routes.patchExchange, middleware: writing(staff, 'exchange changes') }, async (c) => {
    const patch = c.req.valid('json');
    const expected = expectedVersions(c, c.get('caller'));
    const { id } = c.req.valid('param');
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
      actorOf(c),
      expected,
    );
    return c.json(sendVersioned(c, updated), 200);
  });

  return api;
}
