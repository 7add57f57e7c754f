import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { CompanyCreateSchema, ErrorBodySchema, StreamCreateSchema } from '../../domain/api.ts';
import type { MunicipalityBoundaries } from '../../domain/boundaries.ts';
import { municipalityAt } from '../../domain/geo-checks.ts';
import { type CompanyDraft, companyFromCreate, streamFromCreate } from '../../domain/registrations.ts';
import {
  CompanyPropertiesSchema,
  type Resource,
  type StreamRecord,
  StreamRecordSchema,
} from '../../domain/schema.ts';
import {
  acceptedRegistration,
  companyCreateOf,
  decidedProblem,
  declinedRegistration,
  editedRegistration,
  newReference,
  pendingRegistration,
  type Registration,
  RegistrationAcceptSchema,
  RegistrationDeclineSchema,
  type RegistrationDetails,
  RegistrationListSchema,
  RegistrationPatchSchema,
  RegistrationReceiptSchema,
  RegistrationSchema,
  RegistrationSubmissionSchema,
  RegistrationsQuerySchema,
  registrationProblems,
  streamCreatesOf,
} from '../../domain/workbench/registration.ts';
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
import { ApiError, parseOrThrow } from '../errors.ts';
import { clientAddress, RateLimiter } from '../rate-limit.ts';
import { etagOf, expectedVersions } from '../record-versions.ts';
import { StoreConflictError } from '../storage/atlas-store.ts';
import { readDatasetBoundaries } from '../storage/dataset-files.ts';
import { type WorkItem, workRecordsOf } from '../work-records.ts';
import { companyOf } from './write-routes.ts';

/**
 * Companies register their own side-streams through the public form (POST /api/registrations); the
 * secretariat reviews each one (the rest of these routes, staff only) and accepts it into the dataset,
 * where it becomes a company with streams like any other, or declines it. A registration is a working
 * record, in no snapshot: nothing of it reaches a public or partner answer.
 */

/**
 * Registrations per minute from one address, whatever the API's general limits say (and also when they
 * are off): a person registers a company once, perhaps again after a correction; a script does it for ever.
 */
export const REGISTRATIONS_PER_MINUTE = 5;

/** A registration of twenty streams with every note filled in is about 15 kB. */
export const REGISTRATION_MAX_BYTES = 32 * 1024;

export interface RegistrationRouteOptions {
  /** Where the municipality outlines are (municipalities.geojson), to place a registered site. */
  geodataDir: string;
  perMinute?: number;
  now?: () => Date;
}

const referenceParams = z.object({
  reference: z
    .string()
    .meta({ param: { name: 'reference', in: 'path' }, description: 'The reference, e.g. SA-7K3F-Q9M2' }),
});

const received = (what: string) => ({ ...answer(what, RegistrationSchema), headers: versionHeader });
const tooLarge = {
  413: answer(`The body is larger than ${REGISTRATION_MAX_BYTES / 1024} kB`, ErrorBodySchema),
};

const routes = {
  submit: createRoute({
    method: 'post',
    path: '/registrations',
    summary: 'Register a company’s side-streams (public; staff review it before anything is shown)',
    description:
      `At most ${REGISTRATIONS_PER_MINUTE} a minute from one address (429 with Retry-After) and ` +
      `${REGISTRATION_MAX_BYTES / 1024} kB. The answer is the reference to quote, and nothing else.`,
    request: { body: jsonBody(RegistrationSubmissionSchema) },
    responses: {
      201: answer('Received: pending until the secretariat has looked at it', RegistrationReceiptSchema),
      ...errors(400, 415),
      ...tooLarge,
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/registrations',
    summary: 'Registrations sent in (staff), newest first',
    security: staffOnly,
    request: { query: RegistrationsQuerySchema },
    responses: { 200: answer('Registrations', RegistrationListSchema), ...errors(400, 403) },
  }),
  get: createRoute({
    method: 'get',
    path: '/registrations/{reference}',
    summary: 'One registration (staff)',
    security: staffOnly,
    request: { params: referenceParams },
    responses: { 200: received('The registration'), ...errors(403, 404) },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/registrations/{reference}',
    summary: 'Correct a pending registration (staff): each part named replaces the one submitted',
    security: staffOnly,
    request: { params: referenceParams, headers: ifMatchHeaders, body: jsonBody(RegistrationPatchSchema) },
    responses: { 200: received('Changed'), ...errors(400, 403, 404, 409, 412, 413, 415, 428) },
  }),
  accept: createRoute({
    method: 'post',
    path: '/registrations/{reference}/accept',
    summary:
      'Accept a pending registration (staff): a new company with its streams, or `into` an existing one',
    description:
      'The company is a registered potential, shown as the company agreed; its streams are `reported`. ' +
      'Merged into a company, only the streams it does not have yet are added. Candidates follow at once.',
    security: staffOnly,
    request: { params: referenceParams, body: jsonBody(RegistrationAcceptSchema) },
    responses: { 200: received('Accepted'), ...errors(400, 403, 404, 409, 413, 415) },
  }),
  decline: createRoute({
    method: 'post',
    path: '/registrations/{reference}/decline',
    summary: 'Decline a pending registration with a reason (staff)',
    security: staffOnly,
    request: { params: referenceParams, body: jsonBody(RegistrationDeclineSchema) },
    responses: { 200: received('Declined'), ...errors(400, 403, 404, 409, 413, 415) },
  }),
};

function refuseProblems(details: Pick<RegistrationDetails, 'streams'>, resources: readonly Resource[]) {
  const problems = registrationProblems(details, resources);
  if (problems.length === 0) return;
  throw new ApiError(
    400,
    `Invalid registration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    problems,
  );
}

function resourceOf(resources: readonly Resource[], id: string): Resource {
  const resource = resources.find((candidate) => candidate.id === id);
  if (!resource) throw new ApiError(400, `Unknown resource "${id}"; GET /api/resources lists them`);
  return resource;
}

function sendItem(c: Context<AtlasEnv>, item: WorkItem<Registration>): Registration {
  c.header('etag', etagOf(item.version));
  return item.record;
}

export function registrationRoutes(
  service: AtlasService,
  staffToken: string | undefined,
  options: RegistrationRouteOptions,
) {
  const api = declaredRoutes();
  const store = service.store;
  const records = workRecordsOf(store, 'registration', RegistrationSchema);
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const staff = requireStaff(staffToken);

  let outlines: Promise<MunicipalityBoundaries | null> | null = null;
  const municipalityOf = async (location: { lon: number; lat: number }) => {
    outlines ??= readDatasetBoundaries(options.geodataDir).catch((error: unknown) => {
      console.error(`registrations: no municipality outlines: ${String(error)}`);
      return null;
    });
    const boundaries = await outlines;
    return boundaries ? municipalityAt(boundaries, location.lon, location.lat) : null;
  };

  const limiter = new RateLimiter(options.perMinute ?? REGISTRATIONS_PER_MINUTE);
  const perClient = createMiddleware<AtlasEnv>(async (c, next) => {
    const wait = limiter.take(clientAddress(c));
    if (wait === 0) return next();
    c.header('retry-after', String(wait));
    return c.json(new ApiError(429, `Too many registrations; try again in ${wait} s`).body(), 429);
  });
  const smallBody = bodyLimit({
    maxSize: REGISTRATION_MAX_BYTES,
    onError: (c) => c.json({ error: `A registration is at most ${REGISTRATION_MAX_BYTES / 1024} kB` }, 413),
  });

  const found = async (reference: string) => {
    const item = await records.get(reference);
    if (!item) throw new ApiError(404, `No registration "${reference}"`);
    return item;
  };
  /** Refuses (409) a decision on a registration already decided, inside the write that would make it. */
  const stillPending = (registration: Registration, action: 'accept' | 'decline' | 'edit') => {
    const problem = decidedProblem(registration, action);
    if (problem) throw new ApiError(409, problem);
  };

  // The rate limit comes first, so that a flood is turned away before its bodies are read.
  api.openapi(
    { ...routes.submit, middleware: [perClient, smallBody, ...jsonInput('registration')] },
    async (c) => {
      const submission = c.req.valid('json');
      refuseProblems(submission, await store.resources());
      const facts = { submittedAt: now(), municipality: await municipalityOf(submission.location) };
      // 40 random bits: a clash is all but impossible, and would only mean drawing again.
      for (let attempt = 0; ; attempt++) {
        const registration = pendingRegistration(submission, { ...facts, reference: newReference() });
        try {
          await records.create(registration.reference, registration, actorOf(c, 'public'));
          return c.json({ reference: registration.reference, status: registration.status }, 201);
        } catch (error) {
          if (!(error instanceof StoreConflictError) || attempt >= 2) throw error;
        }
      }
    },
  );

  api.openapi({ ...routes.list, middleware: [staff] }, async (c) => {
    const { status } = c.req.valid('query');
    const items = (await records.list())
      .map((item) => item.record)
      .filter((registration) => status === undefined || registration.status === status)
      .sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0));
    return c.json(items, 200);
  });

  api.openapi({ ...routes.get, middleware: [staff] }, async (c) => {
    return c.json(sendItem(c, await found(c.req.valid('param').reference)), 200);
  });

  api.openapi({ ...routes.patch, middleware: [staff, ...jsonInput('registration changes')] }, async (c) => {
    const patch = c.req.valid('json');
    const expected = expectedVersions(c, c.get('caller'));
    const { reference } = c.req.valid('param');
    await found(reference);
    if (patch.streams) refuseProblems({ streams: patch.streams }, await store.resources());
    const municipality = patch.location ? await municipalityOf(patch.location) : undefined;
    const updated = await records.update(
      reference,
      (current) => {
        stillPending(current, 'edit');
        const edited = editedRegistration(current, patch, { at: now(), actor: actorOf(c, 'public') });
        return municipality === undefined ? edited : { ...edited, municipality };
      },
      actorOf(c, 'public'),
      expected,
    );
    return c.json(sendItem(c, updated), 200);
  });

  api.openapi({ ...routes.accept, middleware: [staff, ...jsonInput('acceptance')] }, async (c) => {
    const { into } = c.req.valid('json');
    const { reference } = c.req.valid('param');
    const registration = (await found(reference)).record;
    stillPending(registration, 'accept');
    const snapshot = await service.snapshot();
    refuseProblems(registration.submission, snapshot.resources);

    // Everything is built and checked before anything is written.
    let company: CompanyDraft | null = null;
    let companyId: string;
    let existing: StreamRecord[] = [];
    if (into !== undefined) {
      const target = companyOf(snapshot, into);
      companyId = target.properties.id;
      existing = target.properties.streams.map((stream) => ({ ...stream, companyId }));
    } else {
      const input = parseOrThrow(CompanyCreateSchema, companyCreateOf(registration), 'company');
      const companyIds = new Set(snapshot.companies.map((feature) => feature.properties.id));
      const draft = companyFromCreate(input, (id) => companyIds.has(id));
      company = {
        properties: parseOrThrow(
          CompanyPropertiesSchema.omit({ streams: true }),
          draft.properties,
          'company',
        ),
        location: draft.location,
      };
      companyId = company.properties.id;
    }
    const streamIds = new Set(snapshot.companies.flatMap((f) => f.properties.streams.map((s) => s.id)));
    const streams = streamCreatesOf(registration, existing).creates.map((create) => {
      const input = parseOrThrow(StreamCreateSchema, create, 'stream');
      const resource = resourceOf(snapshot.resources, input.resourceId);
      const record = parseOrThrow(
        StreamRecordSchema,
        streamFromCreate(companyId, input, resource, (id) => streamIds.has(id)),
        'stream',
      );
      streamIds.add(record.id);
      return record;
    });

    // Claimed first, inside one write: of two staff accepting at once, one gets a 409 and creates nothing.
    const claimed = await records.update(
      reference,
      (current) => {
        stillPending(current, 'accept');
        return acceptedRegistration(current, { at: now(), companyId, streamIds: streams.map((s) => s.id) });
      },
      actorOf(c, 'public'),
    );
    const written: { company: boolean; streams: string[] } = { company: false, streams: [] };
    try {
      if (company) {
        await store.createCompany(company, actorOf(c, 'public'));
        written.company = true;
      }
      for (const stream of streams) {
        await store.createStream(stream, actorOf(c, 'public'));
        written.streams.push(stream.id);
      }
    } catch (error) {
      // Undone as far as it went, and the registration waits again: a half-accepted one helps nobody.
      for (const id of written.streams.reverse())
        await store.deleteStream(id, actorOf(c, 'public')).catch(() => {});
      if (written.company) await store.deleteCompany(companyId, actorOf(c, 'public')).catch(() => {});
      await records
        .update(
          reference,
          (current) => ({ ...current, status: 'pending', decidedAt: null, companyId: null, streamIds: [] }),
          actorOf(c, 'public'),
        )
        .catch(() => {});
      throw error;
    }
    return c.json(sendItem(c, claimed), 200);
  });

  api.openapi({ ...routes.decline, middleware: [staff, ...jsonInput('decline')] }, async (c) => {
    const { reason } = c.req.valid('json');
    const { reference } = c.req.valid('param');
    await found(reference);
    const updated = await records.update(
      reference,
      (current) => {
        stillPending(current, 'decline');
        return declinedRegistration(current, { at: now(), reason });
      },
      actorOf(c, 'public'),
    );
    return c.json(sendItem(c, updated), 200);
  });

  return api;
}
