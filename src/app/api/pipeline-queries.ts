import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PipelineEntryListSchema,
  PipelineEntrySchema,
  type PipelinePatch,
} from '../../domain/workbench/pipeline.ts';
import { getJson, getVersioned, sendJson } from './http.ts';
import { useInvalidateAll, useLevelKey, useServerSession } from './queries.ts';

/**
 * The secretariat's pipeline (GET/PATCH /api/pipeline…, staff only). Keys start with the caller's level,
 * as every key of queries.ts does, so a write's "invalidate everything" refetches the board too.
 */
export const pipelineKeys = {
  list: (level: string) => [level, 'pipeline'] as const,
  one: (level: string, id: string) => [level, 'pipeline', id] as const,
};

/** Whether the server says this caller is secretariat staff: the only ones the pipeline is for. */
export function useIsStaff(): boolean {
  return useServerSession().data?.level === 'secretariat';
}

/** Every opportunity on the board; not asked for at all unless the caller is staff. */
export function usePipeline() {
  const level = useLevelKey();
  const staff = useIsStaff();
  return useQuery({
    queryKey: pipelineKeys.list(level),
    queryFn: ({ signal }) => getJson('/api/pipeline', PipelineEntryListSchema, signal),
    enabled: staff,
  });
}

/** One exchange's entry with the ETag its edits send back ("v0" while nothing is recorded). */
export function usePipelineEntry(exchangeId: string | null) {
  const level = useLevelKey();
  const staff = useIsStaff();
  return useQuery({
    queryKey: pipelineKeys.one(level, exchangeId ?? ''),
    queryFn: ({ signal }) =>
      getVersioned(`/api/pipeline/${encodeURIComponent(exchangeId ?? '')}`, PipelineEntrySchema, signal),
    enabled: staff && exchangeId !== null,
  });
}

const pipelinePath = (exchangeId: string) => `/api/pipeline/${encodeURIComponent(exchangeId)}`;

/** After a write that changes only the pipeline (no exchange status): the board and items refetch. */
function useInvalidatePipeline() {
  const client = useQueryClient();
  const level = useLevelKey();
  return () => client.invalidateQueries({ queryKey: pipelineKeys.list(level) });
}

/**
 * A stage move, owner or next step. A stage move may change the exchange's status, and so the map: then
 * everything is refetched. After a refusal nothing is, so the form keeps what was typed.
 */
export function useUpdatePipeline() {
  const invalidateAll = useInvalidateAll();
  const invalidatePipeline = useInvalidatePipeline();
  return useMutation({
    mutationFn: ({ exchangeId, patch, etag }: { exchangeId: string; patch: PipelinePatch; etag: string }) =>
      sendJson('PATCH', pipelinePath(exchangeId), PipelineEntrySchema, patch, etag),
    onSuccess: (_entry, { patch }) => (patch.stage === undefined ? invalidatePipeline() : invalidateAll()),
  });
}

export function useAddPipelineNote() {
  const invalidatePipeline = useInvalidatePipeline();
  return useMutation({
    mutationFn: ({ exchangeId, text }: { exchangeId: string; text: string }) =>
      sendJson('POST', `${pipelinePath(exchangeId)}/notes`, PipelineEntrySchema, { text }),
    onSuccess: invalidatePipeline,
  });
}
