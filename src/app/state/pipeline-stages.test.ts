import { describe, expect, it } from 'vitest';
import type { PipelineEntry } from '../../domain/workbench/pipeline.ts';
import type { FlowArc } from '../../map/layers/flow-arcs.ts';
import { arcStagesOf, stageByExchange } from './pipeline-stages.ts';

function arc(id: string, memberIds: string[], kind: FlowArc['kind'] = 'exchange'): FlowArc {
  return {
    id,
    kind,
    status: 'candidate',
    fromId: 'a',
    toId: 'b',
    resourceId: 'surplus-heat',
    path: [
      [11, 55],
      [11.1, 55.1],
    ],
    colors: [],
    widthPx: 2,
    dashed: true,
    cased: false,
    quantity: { value: null, unit: 'MWh/yr' },
    distanceKm: 5,
    startYear: null,
    endYear: null,
    score: null,
    memberIds,
    summary: { totals: [], unknown: 1, ranged: 0 },
    stub: false,
    arrow: { angleDeg: 0, backoffPx: 8, sizePx: 9 },
  };
}

const entry = (exchangeId: string, stage: PipelineEntry['stage']) =>
  ({ exchangeId, stage }) as Pick<PipelineEntry, 'exchangeId' | 'stage'> as PipelineEntry;

describe('the stages the map shows', () => {
  const stages = stageByExchange([
    entry('heat', 'screening'),
    entry('water', 'screening'),
    entry('gypsum', 'idea'),
  ]);

  it('marks an arc with its exchange’s stage, and a merged arc only when all its exchanges share one', () => {
    const shown = arcStagesOf(
      [arc('heat', ['heat']), arc('merged', ['heat', 'water']), arc('mixed', ['heat', 'gypsum'])],
      stages,
    );
    expect([...shown]).toEqual([
      ['heat', 'screening'],
      ['merged', 'screening'],
    ]);
  });

  it('marks no computed candidate, no exchange off the board, and nothing at all without a pipeline', () => {
    expect(arcStagesOf([arc('cand-x', ['cand-x'], 'candidate'), arc('steam', ['steam'])], stages).size).toBe(
      0,
    );
    expect(arcStagesOf([arc('heat', ['heat']), arc('half', ['heat', 'steam'])], stages).has('half')).toBe(
      false,
    );
    expect(arcStagesOf([arc('heat', ['heat'])], new Map()).size).toBe(0);
  });
});
