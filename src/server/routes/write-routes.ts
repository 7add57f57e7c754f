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
import type { DatasetSnapshot } from '../storage/atlas-store.ts';

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

function resourceOf(snapshot: DatasetSnapshot, id: string): Resource {
  const resource = snapshot.resources.find((candidate) => candidate.id === id);
  if (!resource) throw new ApiError(400, `Unknown resource "${id}"; GET /api/resources lists them`);
  return resource;
}

function companyOf(snapshot: DatasetSnapshot, id: string): CompanyFeature {
  const company = snapshot.companies.find((feature) => feature.properties.id === id);
  if (!company) throw new ApiError(404, `No company "${id}"`);
  return company;
}

function draftOf(company: CompanyFeature): CompanyDraft {
  const { streams: _streams, ...properties } = company.properties;
  const [lon = 0, lat = 0] = company.geometry.coordinates;
  return { properties, location: { lon, lat } };
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

function streamOf(snapshot: DatasetSnapshot, id: string): StreamRecord | null {
  for (const company of snapshot.companies) {
    const stream = company.properties.streams.find((s) => s.id === id);
    if (stream) return { ...stream, companyId: company.properties.id };
  }
  return null;
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

/**
 * Property-level rules for a partner's stream write: verification is the secretariat's judgement of a
 * source, and publishing is the secretariat's decision (see partnerVisibilityProblem).
 */
function checkPartnerFields(
  caller: Caller,
  body: unknown,
  before: StreamRecord | null,
  after: StreamRecord,
): void {
  if (caller.companyId === null) return;
  if (typeof body === 'object' && body !== null && 'verification' in body) {
    throw new ApiError(403, 'Only secretariat staff can set how well a stream is verified');
  }
  const problem = partnerVisibilityProblem(before, after);
  if (problem) throw new ApiError(403, problem);
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
    return c.json(created, 201);
  });

  api.patch('/companies/:id', staffOnly, limitBody, async (c) => {
    const patch = parseOrThrow(CompanyPatchSchema, await jsonBody(c), 'company changes');
    const current = companyOf(await service.snapshot(), c.req.param('id'));
    const next = validCompany(patchCompany(draftOf(current), patch));
    return c.json(await store.updateCompany(current.properties.id, next, actor(c)));
  });

  api.delete('/companies/:id', staffOnly, async (c) => {
    await store.deleteCompany(companyOf(await service.snapshot(), c.req.param('id')).properties.id, actor(c));
    return c.body(null, 204);
  });

  api.post('/companies/:id/streams', editors, limitBody, async (c) => {
    const caller = c.get('caller');
    const body = await jsonBody(c);
    const input = parseOrThrow(StreamCreateSchema, body, 'stream');
    const snapshot = await service.snapshot();
    const companyId = c.req.param('id');
    await checkOwner(service, caller, companyId, { kind: 'company', id: companyId });
    const company = companyOf(snapshot, companyId);
    const ids = new Set(snapshot.companies.flatMap((feature) => feature.properties.streams.map((s) => s.id)));
    const draft = parseOrThrow(
      StreamRecordSchema,
      streamFromCreate(company.properties.id, input, resourceOf(snapshot, input.resourceId), (id) =>
        ids.has(id),
      ),
      'stream',
    );
    checkPartnerFields(caller, body, null, draft);
    return c.json(await store.createStream(draft, actor(c)), 201);
  });

  api.patch('/streams/:id', editors, limitBody, async (c) => {
    const caller = c.get('caller');
    const body = await jsonBody(c);
    const patch = parseOrThrow(StreamPatchSchema, body, 'stream changes');
    const snapshot = await service.snapshot();
    const id = c.req.param('id');
    const current = streamOf(snapshot, id);
    if (!current) throw new ApiError(404, `No stream "${id}"`);
    await checkOwner(service, caller, current.companyId, { kind: 'stream', id });
    if (patch.resourceId) resourceOf(snapshot, patch.resourceId);
    const next = parseOrThrow(StreamRecordSchema, patchStream(current, patch), 'stream');
    checkPartnerFields(caller, body, current, next);
    return c.json(await store.updateStream(id, next, actor(c)));
  });

  api.delete('/streams/:id', editors, async (c) => {
    const id = c.req.param('id');
    const current = streamOf(await service.snapshot(), id);
    if (!current) throw new ApiError(404, `No stream "${id}"`);
    await checkOwner(service, c.get('caller'), current.companyId, { kind: 'stream', id });
    await store.deleteStream(id, actor(c));
    return c.body(null, 204);
  });

  api.post('/exchanges', staffOnly, limitBody, async (c) => {
    const input = parseOrThrow(ExchangeCreateSchema, await jsonBody(c), 'exchange');
    const snapshot = await service.snapshot();
    if (input.from === input.to) throw new ApiError(400, 'An exchange links two different companies');
    companyOf(snapshot, input.from);
    companyOf(snapshot, input.to);
    const ids = new Set(snapshot.exchanges.map((exchange) => exchange.id));
    const draft = exchangeFromCreate(input, resourceOf(snapshot, input.resourceId), (id) => ids.has(id));
    return c.json(await store.createExchange(parseOrThrow(ExchangeSchema, draft, 'exchange'), actor(c)), 201);
  });

  api.patch('/exchanges/:id', staffOnly, limitBody, async (c) => {
    const patch = parseOrThrow(ExchangePatchSchema, await jsonBody(c), 'exchange changes');
    const snapshot = await service.snapshot();
    const id = c.req.param('id');
    const current = snapshot.exchanges.find((exchange) => exchange.id === id);
    if (!current) throw new ApiError(404, `No exchange "${id}"`);
    let next: unknown;
    try {
      next = patchExchange(current, patch, service.currentYear());
    } catch (error) {
      if (error instanceof TransitionError) throw new ApiError(409, error.message);
      throw error;
    }
    return c.json(await store.updateExchange(id, parseOrThrow(ExchangeSchema, next, 'exchange'), actor(c)));
  });

  api.get('/audit', staffOnly, async (c) => {
    const { limit, entity } = parseOrThrow(AuditQuerySchema, c.req.query(), 'query');
    return c.json(await store.auditLog({ limit, entityId: entity }));
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
