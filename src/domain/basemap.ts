import { z } from 'zod';

/**
 * What the server offers as basemap layers: the app's own GeoJSON files, all committed in geodata/ (the
 * municipality layers are derived from DAGI by `npm run geodata`, clipped to the GSHHG land).
 */
export const basemapManifestSchema = z
  .object({
    land: z.string(),
    /** The coast as lines, without the edges where the land polygons were clipped to the basemap box. */
    shoreline: z.string(),
    lakes: z.string(),
    places: z.string(),
    municipalities: z.object({
      /** Each municipality's area on the drawn land (fills, and which municipality a point is in). */
      areas: z.string(),
      /** Borders between municipalities only; the coast is drawn once, by the shoreline. */
      borders: z.string(),
      labels: z.string(),
    }),
    attribution: z.array(z.string()).min(1),
  })
  .meta({ id: 'BasemapManifest' });

export type BasemapManifest = z.infer<typeof basemapManifestSchema>;

/** Where on its own origin the server publishes each basemap layer; the manifest announces these paths. */
export const basemapLayerPaths = {
  land: '/geodata/land.geojson',
  shoreline: '/geodata/shoreline.geojson',
  lakes: '/geodata/lakes.geojson',
  places: '/geodata/places.geojson',
  municipalities: {
    areas: '/geodata/municipalities.geojson',
    borders: '/geodata/municipality-borders.geojson',
    labels: '/geodata/municipality-labels.geojson',
  },
} as const satisfies Omit<BasemapManifest, 'attribution'>;

/** Municipality codes (DAGI komkode) of the secretariat's three municipalities. */
export const regionMunicipalities = [
  { code: '0326', name: 'Kalundborg' },
  { code: '0316', name: 'Holbæk' },
  { code: '0306', name: 'Odsherred' },
] as const;

export type RegionMunicipalityCode = (typeof regionMunicipalities)[number]['code'];

/** Kalundborg, Holbæk and Odsherred municipalities together (west, south, east, north), with a small margin. */
export const regionBounds: [number, number, number, number] = [10.86, 55.43, 11.98, 56.0];

/**
 * The box the coastline is derived for, and the map's pan limit. Wider than the region of interest
 * (lon 10.6–12.3, lat 55.3–56.1) so that a wide presentation screen framed on the three municipalities
 * never shows where the land was clipped.
 */
export const basemapExtent: [number, number, number, number] = [10.2, 55.1, 12.7, 56.3];
