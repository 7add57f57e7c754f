import { describe, expect, it } from 'vitest';
import type { Quantity } from '../../domain/common.ts';
import type { FlowRecord } from '../../domain/flow-records.ts';
import { aggregateFlows } from './aggregate-flows.ts';
import { PlaceClusterIndex, type PlaceLevel, type PlacePoint, unclusteredLevel } from './place-clusters.ts';

// Three harbour plants a few hundred metres apart, and a town 30 km away.
const points: PlacePoint[] = [
  { id: 'power', name: 'Power station', position: [11.081, 55.661], role: 'partner', weight: 12 },
  { id: 'refinery', name: 'Refinery', position: [11.1, 55.664], role: 'partner', weight: 10 },
  { id: 'pharma', name: 'Pharma', position: [11.123, 55.669], role: 'partner', weight: 11 },
  {
    id: 'greenhouse',
    name: 'Greenhouse',
    position: [11.71, 55.718],
    role: 'registered-potential',
    weight: 6,
  },
];

function flow(
  id: string,
  fromId: string,
  toId: string,
  quantity: Quantity,
  resourceId = 'steam',
): FlowRecord {
  return {
    id,
    kind: 'exchange',
    status: 'existing',
    fromId,
    toId,
    resourceId,
    quantity,
    startYear: 1990,
    endYear: null,
    score: null,
    distanceKm: null,
  };
}

const index = new PlaceClusterIndex(points, [{ name: 'Kalundborg', position: [11.085, 55.6814] }]);
const overview = index.level(9);

describe('companies clustered by zoom', () => {
  it('merge the harbour into one node named after its town, counting its members and their roles', () => {
    const harbour = overview.nodes.find((node) => node.kind === 'cluster');
    expect(harbour?.memberIds.sort()).toEqual(['pharma', 'power', 'refinery']);
    expect(harbour?.placeName).toBe('Kalundborg');
    expect(harbour?.name).toBe('Power station');
    expect(harbour?.roles.partner).toBe(3);
    expect(harbour?.expansionZoom).toBeGreaterThan(9);
  });

  it('keep every company in exactly one node at every zoom', () => {
    for (let zoom = 0; zoom <= 16; zoom++) {
      const level = index.level(zoom);
      const members = level.nodes.flatMap((node) => node.memberIds).sort();
      expect(members, `zoom ${zoom}`).toEqual(points.map((p) => p.id).sort());
      for (const node of level.nodes)
        for (const id of node.memberIds) expect(level.nodeOf.get(id)).toBe(node.id);
    }
  });

  it('separate at harbour zoom', () => {
    expect(index.level(15).nodes.every((node) => node.kind === 'company')).toBe(true);
  });
});

describe('flows aggregated between clusters', () => {
  const t = (value: number, referenceYear?: number): Quantity =>
    referenceYear === undefined ? { value, unit: 't/yr' } : { value, unit: 't/yr', referenceYear };
  const records = [
    flow('a', 'power', 'greenhouse', t(100, 2018)),
    flow('b', 'refinery', 'greenhouse', t(50, 2018)),
    flow('c', 'pharma', 'greenhouse', t(70, 1995)),
    flow('d', 'pharma', 'greenhouse', { value: 9, unit: 'MWh/yr', referenceYear: 2018 }),
    flow('e', 'pharma', 'greenhouse', { value: null, unit: 't/yr' }),
    flow('inside', 'power', 'pharma', t(5, 2018)),
  ];
  const { flows, withinNode } = aggregateFlows(records, overview);

  it('draw one arc per cluster pair, direction and resource, counting every exchange', () => {
    expect(flows).toHaveLength(1);
    expect(flows[0]?.memberIds.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(flows[0]?.toNodeId).toBe('greenhouse');
  });

  it('add quantities only within one unit and one reference year, and count the unknown ones', () => {
    expect(flows[0]?.summary.totals).toEqual([
      { unit: 'MWh/yr', referenceYear: 2018, value: 9, flows: 1 },
      { unit: 't/yr', referenceYear: 1995, value: 70, flows: 1 },
      { unit: 't/yr', referenceYear: 2018, value: 150, flows: 2 },
    ]);
    expect(flows[0]?.summary.unknown).toBe(1);
  });

  it('count flows inside a cluster on the node instead of drawing zero-length arcs', () => {
    const harbour = overview.nodes.find((node) => node.kind === 'cluster');
    expect(withinNode.get(harbour?.id ?? '')).toBe(1);
  });

  it('conserve the number of flows from zoom to zoom: drawn plus counted inside equals all', () => {
    for (let zoom = 0; zoom <= 16; zoom++) {
      const level: PlaceLevel = index.level(zoom);
      const result = aggregateFlows(records, level);
      const drawn = result.flows.reduce((sum, f) => sum + f.memberIds.length, 0);
      const inside = [...result.withinNode.values()].reduce((sum, n) => sum + n, 0);
      expect(drawn + inside, `zoom ${zoom}`).toBe(records.length);
    }
  });

  it('keep each flow between two single companies as its own arc, with its own id', () => {
    const { flows: single } = aggregateFlows(records, unclusteredLevel(points, 15));
    expect(single.map((f) => f.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'inside']);
  });
});
