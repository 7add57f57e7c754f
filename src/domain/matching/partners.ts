// Partner search: companies near a point that have or need a resource.
import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { Quantity } from '../common.ts';
import type { StreamDirection } from '../company.ts';
import { compareIds } from '../ids.ts';
import { ALL_VISIBLE, visibilityRank } from '../visibility.ts';
import { cachedPoint, kmBetween, searchRadiusKm } from './distance.ts';
import {
  checkLimit,
  type Prepared,
  type PreparedResource,
  type PreparedStream,
  type Site,
} from './prepare.ts';
import { distanceDecay, matchQuantities, NEUTRAL_QUANTITY_FIT, round } from './rules.ts';
import type { PartnerMatch, PartnerQuery } from './types.ts';

function checkPartnerQuery(query: PartnerQuery): void {
  const { lon, lat, radiusKm } = query;
  if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
    throw new RangeError(`partner search needs a valid [lon, lat], got [${lon}, ${lat}]`);
  }
  if (!(radiusKm >= 0) || !Number.isFinite(radiusKm)) {
    throw new RangeError(`radiusKm must be a finite number ≥ 0, got ${radiusKm}`);
  }
}

function matchingStreams(site: Site, query: PartnerQuery, viewer: number): PreparedStream[] {
  return site.streams.filter(
    (stream) =>
      stream.visibility <= viewer &&
      (query.resourceId === undefined || stream.resource.id === query.resourceId) &&
      (query.direction === undefined || stream.direction === query.direction),
  );
}

function partnerFit(streams: readonly PreparedStream[], quantity: Quantity | undefined): number {
  if (!quantity) return NEUTRAL_QUANTITY_FIT;
  let best = Number.NEGATIVE_INFINITY;
  for (const stream of streams) {
    best = Math.max(best, matchQuantities(quantity, stream.quantity, stream.resource.canonicalUnit).fit);
  }
  return Number.isFinite(best) ? best : NEUTRAL_QUANTITY_FIT;
}

function comparePartners(a: PartnerMatch, b: PartnerMatch): number {
  return b.score - a.score || a.distanceKm - b.distanceKm || compareIds(a.companyId, b.companyId);
}

/** A set of company indices as a bitset: the around() predicate runs for every point in range. */
type Bitset = Uint32Array;

function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] ?? 0) | (1 << (index & 31));
}

function hasBit(bits: Bitset, index: number): boolean {
  return (((bits[index >>> 5] ?? 0) >>> (index & 31)) & 1) === 1;
}

/** Which companies have a current output (input) stream, of each resource and of any. */
interface StreamBits {
  outputs: Bitset;
  inputs: Bitset;
}

/**
 * One kdbush index over all company locations, searched with geokdbush around() and a predicate over
 * bitsets of the companies that have a stream of the resource and direction asked for.
 */
export class PartnerSearch {
  private readonly kd: KDBush | null;
  private readonly any: StreamBits;
  private readonly byResource: StreamBits[];

  constructor(private readonly prepared: Prepared) {
    const count = prepared.sites.length;
    const bits = (): StreamBits => ({ outputs: newBitset(count), inputs: newBitset(count) });
    this.any = bits();
    this.byResource = prepared.resources.map(bits);
    for (const stream of prepared.streams) {
      const key = stream.direction === 'output' ? 'outputs' : 'inputs';
      setBit(this.any[key], stream.site.index);
      const own = this.byResource[stream.resource.index];
      if (own) setBit(own[key], stream.site.index);
    }
    this.kd = count === 0 ? null : new KDBush(count);
    if (this.kd) {
      for (const site of prepared.sites) this.kd.add(site.lon, site.lat);
      this.kd.finish();
    }
  }

  private predicate(resource: PreparedResource | null, direction?: StreamDirection) {
    const bits = resource ? this.byResource[resource.index] : this.any;
    if (!bits) return () => false;
    const { outputs, inputs } = bits;
    if (direction === 'output') return (index: number) => hasBit(outputs, index);
    if (direction === 'input') return (index: number) => hasBit(inputs, index);
    return (index: number) => hasBit(outputs, index) || hasBit(inputs, index);
  }

  near(query: PartnerQuery): PartnerMatch[] {
    return partnersNear(this.prepared, this.kd, query, (resource) =>
      this.predicate(resource, query.direction),
    );
  }
}

function partnersNear(
  prepared: Prepared,
  kd: KDBush | null,
  query: PartnerQuery,
  predicateFor: (resource: PreparedResource | null) => (index: number) => boolean,
): PartnerMatch[] {
  checkPartnerQuery(query);
  const limit = checkLimit(query.limit);
  const resource = query.resourceId === undefined ? null : prepared.resourceById.get(query.resourceId);
  if (!kd || resource === undefined || limit === 0) return [];
  const viewer = query.visibleTo === undefined ? ALL_VISIBLE : visibilityRank(query.visibleTo);
  const scaleKm = resource ? resource.maxTransportKm : Math.max(query.radiusKm, Number.MIN_VALUE);
  const centre = cachedPoint(query.lon, query.lat);
  const found = around(
    kd,
    query.lon,
    query.lat,
    Number.POSITIVE_INFINITY,
    searchRadiusKm(query.radiusKm),
    predicateFor(resource),
  );
  const matches: PartnerMatch[] = [];
  for (const index of found) {
    const site = prepared.sites[index];
    if (!site || site.id === query.excludeCompanyId || site.visibility > viewer) continue;
    const km = kmBetween(centre, site);
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
