import type { MapCompany } from './api.ts';
import { type CompanyFeature, currentStreams, type Stream } from './company.ts';

/**
 * A size for "how much flows here" that works across units: each current stream counts 1, plus the order of
 * magnitude of its known quantity, so a plant with a few big streams outweighs one with a single unknown need.
 * A quantity the caller sees only as a band counts as unknown, so the weight gives no hidden figure away.
 */
export function streamVolumeIndex(streams: readonly Stream[]): number {
  return currentStreams(streams).reduce(
    (sum, stream) =>
      sum + 1 + (stream.quantity.value === null ? 0 : Math.log10(1 + stream.quantity.value) / 2),
    0,
  );
}

/** One company of a caller's view as the map's lean layer carries it (see MapCompanySchema). */
export function toMapCompany(feature: CompanyFeature): MapCompany {
  const { id, name, aliases, kind, role, partnerSince, partnerUntil, municipality, streams } =
    feature.properties;
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  return {
    id,
    name,
    ...(aliases.length > 0 ? { aliases: aliases.map((alias) => alias.name) } : {}),
    kind,
    role,
    ...(partnerSince === null ? {} : { partnerSince }),
    ...(partnerUntil === null ? {} : { partnerUntil }),
    municipality,
    lon,
    lat,
    // Two decimals are far below a pixel of marker radius, and keep the layer small.
    weight: Math.round(streamVolumeIndex(streams) * 100) / 100,
    streams: currentStreams(streams).map((stream) => [
      stream.resourceId,
      stream.direction,
      stream.quantity.value !== null,
    ]),
  };
}

export function indexMapCompanies(companies: readonly MapCompany[]): ReadonlyMap<string, MapCompany> {
  return new Map(companies.map((company) => [company.id, company]));
}
