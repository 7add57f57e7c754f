import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { CandidateExchange } from '../../domain/matching/types.ts';
import { computeStats } from '../../domain/stats.ts';
import {
  computeScenario,
  outputStreamOf,
  type Scenario,
  ScenarioCreateSchema,
  ScenarioPatchSchema,
  ScenarioRecordSchema,
  ScenarioSchema,
  ScenarioWithResultSchema,
  todayTotals,
} from '../../domain/workbench/scenario.ts';
import type { AtlasService } from '../atlas-service.ts';
import { type AtlasEnv, actorOf, requireStaff } from '../auth.ts';
import {
  answer,
  declaredRoutes,
  errors,
  idParams,
  ifMatchHeaders,
  jsonBody,
  jsonInput,
  staffOnly,
  versionHeader,
} from '../contract.ts';
import { ApiError } from '../errors.ts';
import { etagOf, expectedVersions } from '../record-versions.ts';
import { type WorkItem, workRecordsOf } from '../work-records.ts';

const routes = {
  create: createRoute({
    method: 'post',
    path: '/scenarios',
    summary: 'Save a what-if scenario of computed candidates (staff), with its estimated result',
    security: staffOnly,
    request: { body: jsonBody(ScenarioCreateSchema) },
    responses: {
      201: { ...answer('Saved', ScenarioWithResultSchema), headers: versionHeader },
      ...errors(400, 403, 413, 415, 422),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/scenarios',
    summary: 'Saved scenarios (staff), oldest first, without their results',
    security: staffOnly,
    responses: { 200: answer('Scenarios', z.array(ScenarioRecordSchema)), ...errors(403) },
  }),
  get: createRoute({
    method: 'get',
    path: '/scenarios/{id}',
    summary: 'One scenario (staff) with its result computed from the candidates as they are now',
    description:
      'A candidate the matching engine no longer computes is reported as `not-computed` and counts nothing.',
    security: staffOnly,
    request: { params: idParams },
    responses: {
      200: { ...answer('Scenario', ScenarioWithResultSchema), headers: versionHeader },
      ...errors(403, 404),
    },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/scenarios/{id}',
    summary: 'Rename a scenario or change its candidates (staff)',
    security: staffOnly,
    request: { params: idParams, headers: ifMatchHeaders, body: jsonBody(ScenarioPatchSchema) },
    responses: {
      200: { ...answer('Changed', ScenarioWithResultSchema), headers: versionHeader },
      ...errors(400, 403, 404, 412, 413, 415, 422, 428),
    },
  }),
};

/** Scenario ids are unguessable, so a link to one tells nobody how many others there are. */
function newScenarioId(): string {
  return `sc-${randomBytes(6).toString('hex')}`;
}

export function scenarioRoutes(service: AtlasService, staffToken: string | undefined) {
  const api = declaredRoutes();
  const scenarios = workRecordsOf(service.store, 'scenario', ScenarioSchema);
  const staff = requireStaff(staffToken);

  /** The candidates with these ids as the secretariat's engine computes them now (over all data). */
  async function currentCandidates(ids: readonly string[]): Promise<Map<string, CandidateExchange>> {
    const view = await service.view('secretariat');
    const index = await service.matching('secretariat');
    const giverOf = new Map<string, string>();
    for (const company of view.companies) {
      for (const stream of company.properties.streams) giverOf.set(stream.id, company.properties.id);
    }
    const givers = new Set(
      ids.flatMap((id) => {
        const giver = giverOf.get(outputStreamOf(id) ?? '');
        return giver ? [giver] : [];
      }),
    );
    const wanted = new Set(ids);
    const found = new Map<string, CandidateExchange>();
    for (const giver of givers) {
      for (const candidate of index.candidatesFor(giver, { visibleTo: 'secretariat' })) {
        if (wanted.has(candidate.id)) found.set(candidate.id, candidate);
      }
    }
    return found;
  }

  /** `known`: the candidates of this scenario's ids, when the route has just looked them up. */
  async function withResult(item: WorkItem<Scenario>, known?: Map<string, CandidateExchange>) {
    const view = await service.view('secretariat');
    const stats = computeStats(view.companies, view.exchanges, view.impactFigures, service.currentYear());
    const current = known ?? (await currentCandidates(item.record.candidateIds));
    return {
      id: item.id,
      version: item.version,
      updatedAt: item.updatedAt,
      scenario: item.record,
      result: computeScenario(
        item.record.candidateIds,
        current,
        todayTotals(view.exchanges, stats.latestHeadlineFigures),
      ),
    };
  }

  /** A new pick must be a candidate the engine computes now; one that later stops being computed is reported. */
  async function refuseUnknown(ids: readonly string[]): Promise<Map<string, CandidateExchange>> {
    const current = await currentCandidates(ids);
    const unknown = ids.filter((id) => !current.has(id));
    if (unknown.length > 0) {
      throw new ApiError(422, `Not a computed candidate: ${unknown.join(', ')}`);
    }
    return current;
  }

  const answerPrivately = (c: Context<AtlasEnv>, version: number) => {
    c.header('etag', etagOf(version));
    c.header('cache-control', 'private, no-store');
  };

  api.openapi({ ...routes.create, middleware: [staff, ...jsonInput('scenario')] }, async (c) => {
    const input = c.req.valid('json');
    const picked = await refuseUnknown(input.candidateIds);
    const created = await scenarios.create(
      newScenarioId(),
      { ...input, createdBy: actorOf(c), createdAt: new Date().toISOString() },
      actorOf(c),
    );
    answerPrivately(c, created.version);
    return c.json(await withResult(created, picked), 201);
  });

  api.openapi({ ...routes.list, middleware: [staff] }, async (c) => {
    const items = await scenarios.list();
    c.header('cache-control', 'private, no-store');
    return c.json(
      items.map((item) => ({
        id: item.id,
        version: item.version,
        updatedAt: item.updatedAt,
        scenario: item.record,
      })),
      200,
    );
  });

  api.openapi({ ...routes.get, middleware: [staff] }, async (c) => {
    const { id } = c.req.valid('param');
    const item = await scenarios.get(id);
    if (!item) throw new ApiError(404, `No scenario "${id}"`);
    answerPrivately(c, item.version);
    return c.json(await withResult(item), 200);
  });

  api.openapi({ ...routes.patch, middleware: [staff, ...jsonInput('scenario changes')] }, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const expected = expectedVersions(c, c.get('caller'));
    if (!(await scenarios.get(id))) throw new ApiError(404, `No scenario "${id}"`);
    const picked = patch.candidateIds ? await refuseUnknown(patch.candidateIds) : undefined;
    const updated = await scenarios.update(
      id,
      (current) => ({
        ...current,
        name: patch.name ?? current.name,
        candidateIds: patch.candidateIds ?? current.candidateIds,
      }),
      actorOf(c),
      expected,
    );
    answerPrivately(c, updated.version);
    return c.json(await withResult(updated, picked), 200);
  });

  return api;
}
