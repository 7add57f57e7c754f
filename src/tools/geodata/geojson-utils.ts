import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

/** ~1 m at this latitude: finer than any source we have, coarse enough to keep files small. */
export const coordinatePrecision = 5;

export function roundPosition(position: Position, precision = coordinatePrecision): Position {
  const factor = 10 ** precision;
  return position.map((value) => Math.round(value * factor) / factor);
}

export function roundGeometry<G extends Geometry>(geometry: G, precision = coordinatePrecision): G {
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: roundPosition(geometry.coordinates, precision) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map((p) => roundPosition(p, precision)) };
    case 'MultiLineString':
    case 'Polygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((ring) => ring.map((p) => roundPosition(p, precision))),
      };
    case 'MultiPolygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((polygon) =>
          polygon.map((ring) => ring.map((p) => roundPosition(p, precision))),
        ),
      };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => roundGeometry(g, precision)) };
  }
}

/** One feature per line: small diffs when the data changes, still compact. */
export function serializeFeatureCollection<G extends Geometry, P>(
  collection: FeatureCollection<G, P>,
): string {
  const features = collection.features.map((feature: Feature<G, P>) => JSON.stringify(feature));
  const { features: _omit, ...rest } = collection;
  const head = JSON.stringify(rest).slice(0, -1);
  return `${head}${head.length > 1 ? ',' : ''}"features":[\n${features.join(',\n')}\n]}\n`;
}
