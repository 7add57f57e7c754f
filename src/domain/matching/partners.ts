// Partner search: companies near a point that have or need a resource.
import { distance } from '@turf/turf';
import { around } from 'geokdbush';
import type KDBush from 'kdbush';
import type { Quantity } from '../common.ts';
import type { StreamDirection } from '../company.ts';
import type { Position } from '../geojson.ts';
import { KILOMETRES, searchRadiusKm } from './distance.ts';
import {
  ALL_VISIBLE,
  bitsetPredicate,
  checkLimit,
  hasBit,
  type Prepared,
  type PreparedResource,
  type PreparedStream,
  type Site,
  visibilityRank,
} from './prepare.ts';
import { compareIds, distanceDecay, matchQuantities, NEUTRAL_QUANTITY_FIT, round } from './rules.ts';
import type { PartnerMatch, PartnerQuery } from './types.ts';

// ——— Partner search ———————————————————————————————————————————————————————————————————————————————————————

export function checkPartnerQuery(query: PartnerQuery): void {
  const { lon, lat, radiusKm } = query;
  if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
    throw new RangeError(`partner search needs a valid [lon, lat], got [${lon}, ${lat}]`);
  }
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) {
    throw new RangeError(`radiusKm must be a finite number ≥ 0, got ${radiusKm}`);
  }
}

export function partnerPredicate(
  prepared: Prepared,
  resource: PreparedResource | null,
  direction?: StreamDirection,
) {
  const outputs = resource ? resource.hasOutput : prepared.anyOutput;
  const inputs = resource ? resource.hasInput : prepared.anyInput;
  if (direction === 'output') return bitsetPredicate(outputs);
  if (direction === 'input') return bitsetPredicate(inputs);
  return (index: number) => hasBit(outputs, index) || hasBit(inputs, index);
}

export function matchingStreams(site: Site, query: PartnerQuery, viewer: number): PreparedStream[] {
  return site.streams.filter(
    (stream) =>
      stream.visibility <= viewer &&
      (query.resourceId === undefined || stream.resource.id === query.resourceId) &&
      (query.direction === undefined || stream.direction === query.direction),
  );
}

export function partnerFit(streams: readonly PreparedStream[], quantity: Quantity | undefined): number {
  if (!quantity) return NEUTRAL_QUANTITY_FIT;
  let best = Number.NEGATIVE_INFINITY;
  for (const stream of streams) {
    best = Math.max(best, matchQuantities(quantity, stream.quantity, stream.resource.canonicalUnit).fit);
  }
  return Number.isFinite(best) ? best : NEUTRAL_QUANTITY_FIT;
}

export function comparePartners(a: PartnerMatch, b: PartnerMatch): number {
  return b.score - a.score || a.distanceKm - b.distanceKm || compareIds(a.companyId, b.companyId);
}

export function partnersNear(prepared: Prepared, kd: KDBush | null, query: PartnerQuery): PartnerMatch[] {
  checkPartnerQuery(query);
  const limit = checkLimit(query.limit);
  const resource = query.resourceId === undefined ? null : prepared.resourceById.get(query.resourceId);
  if (!kd || resource === undefined || limit === 0) return [];
  const viewer = query.visibleTo === undefined ? ALL_VISIBLE : visibilityRank(query.visibleTo);
  const scaleKm = resource ? resource.maxTransportKm : Math.max(query.radiusKm, Number.MIN_VALUE);
  const centre: Position = [query.lon, query.lat];
  const found = around(
    kd,
    query.lon,
    query.lat,
    Number.POSITIVE_INFINITY,
    searchRadiusKm(query.radiusKm),
    partnerPredicate(prepared, resource, query.direction),
  );
  const matches: PartnerMatch[] = [];
  for (const index of found) {
    const site = prepared.sites[index];
    if (!site || site.id === query.excludeCompanyId || site.visibility > viewer) continue;
    const km = distance(centre, site.position, KILOMETRES);
    const streams = km <= query.radiusKm ? matchingStreams(site, query, viewer) : [];
    if (streams.length === 0) continue;
    const distanceKm = round(km, 2);
    const scoreParts = {
      distanceDecay: round(distanceDecay(distanceKm, scaleKm), 3),
      quantityFit: round(partnerFit(streams, query.quantity), 3),
    };
    matches.push({
      companyId: site.id,
      distanceKm,
      score: round(scoreParts.distanceDecay * scoreParts.quantityFit, 3),
      scoreParts,
      streams: streams.map((s) => ({
        streamId: s.id,
        resourceId: s.resource.id,
        direction: s.direction,
        quantity: s.quantity,
      })),
      withinTransportRange: resource ? km <= resource.maxTransportKm : null,
      locationUncertain: site.locationUncertain,
    });
  }
  return matches.sort(comparePartners).slice(0, limit);
}
