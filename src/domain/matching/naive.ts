// The naive baseline: every output against every input, no index. The test oracle and the benchmark baseline.
import { distance } from '@turf/turf';
import { offerStreamPair, pairContext } from './candidates.ts';
import { CandidateCollector } from './collector.ts';
import { KILOMETRES } from './distance.ts';
import { effectiveMaxKm, prepare, resolveOptions } from './prepare.ts';
import type { CandidateExchange, CandidateOptions, MatchingInput } from './types.ts';

// ——— The naive baseline ————————————————————————————————————————————————————————————————————————————————————

/**
 * Every output stream against every input stream, turf distance for each pair of the same resource, no index.
 * O(streams²): the benchmark baseline and the test oracle for the indexed engine, which must return exactly
 * the same candidates.
 */
export function allCandidatesNaive(
  input: MatchingInput,
  options: CandidateOptions = {},
): CandidateExchange[] {
  const prepared = prepare(input);
  const resolved = resolveOptions(prepared, options);
  const wanted = new Set(resolved.resources);
  const collector = new CandidateCollector(resolved.limit);
  const located = prepared.sites.flatMap((site, index) => site.streams.map((stream) => ({ stream, index })));
  const outputs = located.filter(({ stream }) => stream.direction === 'output');
  const inputs = located.filter(({ stream }) => stream.direction === 'input');
  for (const out of outputs) {
    for (const into of inputs) {
      const resource = out.stream.resource;
      if (into.stream.resource !== resource || out.index === into.index || !wanted.has(resource)) continue;
      const from = prepared.sites[out.index];
      const to = prepared.sites[into.index];
      if (!from || !to) continue;
      const km = distance(from.position, to.position, KILOMETRES);
      if (km > effectiveMaxKm(resource, resolved)) continue;
      const pair = pairContext(prepared, resource, out.index, into.index, km, resolved);
      if (pair) offerStreamPair(pair, out.stream, into.stream, resolved.viewer, collector);
    }
  }
  return collector.results();
}
