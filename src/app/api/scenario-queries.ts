import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { MunicipalityBoundariesSchema } from '../../domain/boundaries.ts';
import { CouncilReportSchema } from '../../domain/workbench/council-report.ts';
import {
  type ScenarioCreate,
  type ScenarioPatch,
  ScenarioRecordSchema,
  ScenarioWithResultSchema,
} from '../../domain/workbench/scenario.ts';
import { downloadFromApi } from '../export/download.ts';
import { getJson, getVersioned, sendJson } from './http.ts';
import { useBasemapManifest } from './queries.ts';
import { activeToken, useSession } from './session.ts';

/**
 * The secretariat's scenarios and the report to the councils: staff-only answers, fetched only while a
 * staff token is in use and keyed under `staff`, so that signing out forgets them with everything else.
 */
function useStaffKey(): 'staff' | null {
  return useSession((state) => (activeToken(state) ? 'staff' : null));
}

export const workbenchKeys = {
  scenarios: ['staff', 'scenarios'] as const,
  scenario: (id: string) => ['staff', 'scenario', id] as const,
  report: (from: number, to: number) => ['staff', 'report', from, to] as const,
};

export function useScenarioList(enabled: boolean) {
  const staff = useStaffKey();
  return useQuery({
    queryKey: workbenchKeys.scenarios,
    queryFn: ({ signal }) => getJson('/api/scenarios', z.array(ScenarioRecordSchema), signal),
    enabled: enabled && staff !== null,
  });
}

/** One saved scenario with its result as the server computes it now, and its ETag for an edit. */
export function useScenario(id: string | null) {
  const staff = useStaffKey();
  return useQuery({
    queryKey: workbenchKeys.scenario(id ?? ''),
    queryFn: ({ signal }) =>
      getVersioned(`/api/scenarios/${encodeURIComponent(id ?? '')}`, ScenarioWithResultSchema, signal),
    enabled: id !== null && staff !== null,
  });
}

export function useCreateScenario() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ScenarioCreate) =>
      sendJson('POST', '/api/scenarios', ScenarioWithResultSchema, input),
    onSuccess: () => client.invalidateQueries({ queryKey: workbenchKeys.scenarios }),
  });
}

export function useUpdateScenario() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch, etag }: { id: string; patch: ScenarioPatch; etag: string }) =>
      sendJson('PATCH', `/api/scenarios/${encodeURIComponent(id)}`, ScenarioWithResultSchema, patch, etag),
    onSuccess: (_saved, { id }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: workbenchKeys.scenarios }),
        client.invalidateQueries({ queryKey: workbenchKeys.scenario(id) }),
      ]),
  });
}

export function useCouncilReport(period: { from: number; to: number }, enabled: boolean) {
  const staff = useStaffKey();
  return useQuery({
    queryKey: workbenchKeys.report(period.from, period.to),
    queryFn: ({ signal }) =>
      getJson(`/api/report?from=${period.from}&to=${period.to}`, CouncilReportSchema, signal),
    enabled: enabled && staff !== null,
  });
}

export function downloadReportCsv(period: { from: number; to: number }, language: 'en' | 'da') {
  return downloadFromApi(
    `/api/report.csv?from=${period.from}&to=${period.to}&lang=${language}`,
    `council-report-${period.from}-${period.to}.csv`,
  );
}

/** The municipalities' outlines as the basemap draws them, for the report's own small maps. */
export function useMunicipalityAreas() {
  const manifest = useBasemapManifest();
  const url = manifest.data?.municipalities.areas;
  return useQuery({
    queryKey: ['basemap', 'municipality-areas', url],
    queryFn: ({ signal }) => getJson(url ?? '', MunicipalityBoundariesSchema, signal),
    enabled: url !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
