// The indexed engine: a kdbush spatial index over company locations, searched with geokdbush around().
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import { bestPossibleFit, offerCompanyPair } from './candidates.ts';
import { CandidateCollector } from './collector.ts';
import { searchRadiusKm } from './distance.ts';
import { partnersNear } from './partners.ts';
import {
  effectiveMaxKm,
  type Prepared,
  type PreparedResource,
  prepare,
  type ResolvedOptions,
  resolveOptions,
  type Site,
} from './prepare.ts';
import { distanceForDecay } from './rules.ts';
import type { MatchingIndex, MatchingInput } from './types.ts';

// ——— The indexed engine ————————————————————————————————————————————————————————————————————————————————————

export function buildKdIndex(sites: readonly Site[]): KDBush | null {
  if (sites.length === 0) return null;
  const index = new KDBush(sites.length);
  for (const site of sites) index.add(site.lon, site.lat);
  return index.finish();
}

export type Role = 'giver' | 'receiver';

/**
 * With a limit, once the best `limit` candidates are collected, a new pair only gets in if decay × fit reaches
 * the worst kept score (novelty is at most 1). Fit is at most 1, and exactly NEUTRAL_QUANTITY_FIT when the
 * company's own streams have no known quantity, so this bounds the distance worth searching: often to a few
 * km, and to nothing (-1) when no pair can get in. The margins cover the rounding of the distance
 * (2 decimals), the decay and the score (3 decimals).
 */
export function reachKm(resource: PreparedResource, collector: CandidateCollector, maxFit: number): number {
  const floor = collector.floorScore();
  if (floor === null) return Number.POSITIVE_INFINITY;
  const decayNeeded = (floor - 0.0006) / maxFit - 0.0006;
  if (decayNeeded <= 0) return Number.POSITIVE_INFINITY;
  if (decayNeeded > 1) return -1;
  return distanceForDecay(decayNeeded, resource.maxTransportKm) + 0.006;
}

/**
 * Offers every pair between the company at `self` and the companies around it that play the other role for
 * `resource`. around() returns only companies whose bit is set, so the loop never sees the rest.
 */
export function offerAround(
  prepared: Prepared,
  kd: KDBush,
  self: number,
  role: Role,
  resource: PreparedResource,
  options: ResolvedOptions,
  collector: CandidateCollector,
): void {
  const site = prepared.sites[self];
  if (!site || site.visibility > options.viewer) return;
  const own = role === 'giver' ? resource.outputs.get(self) : resource.inputs.get(self);
  const reach = reachKm(resource, collector, bestPossibleFit(own));
  if (reach < 0) return;
  const radius = searchRadiusKm(Math.min(effectiveMaxKm(resource, options), reach));
  const partnerRole = role === 'giver' ? resource.isReceiver : resource.isGiver;
  for (const other of around(kd, site.lon, site.lat, Number.POSITIVE_INFINITY, radius, partnerRole)) {
    if (other === self) continue;
    if (role === 'giver') offerCompanyPair(prepared, resource, self, other, options, collector);
    else offerCompanyPair(prepared, resource, other, self, options, collector);
  }
}

export function createMatchingIndex(input: MatchingInput): MatchingIndex {
  const prepared = prepare(input);
  const kd = buildKdIndex(prepared.sites);

  return {
    companyCount: prepared.sites.length,

    allCandidates(options = {}) {
      const resolved = resolveOptions(prepared, options);
      const collector = new CandidateCollector(resolved.limit);
      if (!kd) return [];
      for (const resource of resolved.resources) {
        for (const from of resource.outputs.keys()) {
          offerAround(prepared, kd, from, 'giver', resource, resolved, collector);
        }
      }
      return collector.results();
    },

    candidatesFor(companyId, options = {}) {
      const self = prepared.siteIndex.get(companyId);
      const site = self === undefined ? undefined : prepared.sites[self];
      if (!kd || self === undefined || !site) return [];
      const resolved = resolveOptions(prepared, options);
      const wanted = new Set(resolved.resources);
      const collector = new CandidateCollector(resolved.limit);
      for (const resource of site.givesIn) {
        if (wanted.has(resource)) offerAround(prepared, kd, self, 'giver', resource, resolved, collector);
      }
      for (const resource of site.receivesIn) {
        if (wanted.has(resource)) offerAround(prepared, kd, self, 'receiver', resource, resolved, collector);
      }
      return collector.results();
    },

    partnersNear(query) {
      return partnersNear(prepared, kd, query);
    },
  };
}
