import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DagiInputError, deriveMunicipalityLayers } from './municipalities.ts';

const square = (west: number, south: number, east: number, north: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

const feature = (geometry: Polygon, properties: Record<string, unknown>): Feature<Polygon> => ({
  type: 'Feature',
  properties,
  geometry,
});

/**
 * Kalundborg (west) and Holbæk (east) side by side in DAGI, with DAGI's coast at lat 55.70, while the drawn
 * GSHHG land reaches 55.705 in the north (land DAGI calls sea) and stops at lon 11.35 in the east (DAGI land
 * the basemap draws as sea).
 */
const dagi: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    feature(square(11.0, 55.6, 11.2, 55.7), { komkode: '0326', komnavn: 'Kalundborg' }),
    feature(square(11.2, 55.6, 11.4, 55.7), { komkode: '0316', komnavn: 'Holbæk' }),
  ],
};
const land: FeatureCollection = {
  type: 'FeatureCollection',
  features: [feature(square(10.9, 55.55, 11.35, 55.705), { kind: 'land' })],
};

describe('municipality layers derived from DAGI and the land', () => {
  it('keeps each municipality on the drawn land: nothing of it lies over the sea', async () => {
    const { areas } = await deriveMunicipalityLayers(dagi, land);
    const holbaek = areas.features.find((area) => area.properties.komkode === '0316');
    expect(holbaek?.properties).toEqual({ komkode: '0316', name: 'Holbæk', region: true });
    expect(booleanPointInPolygon([11.3, 55.65], holbaek?.geometry as Polygon)).toBe(true);
    expect(booleanPointInPolygon([11.38, 55.65], holbaek?.geometry as Polygon)).toBe(false);
  });

  it('reaches out to the drawn coast where DAGI’s coast falls short, without crossing into a neighbour', async () => {
    const { areas } = await deriveMunicipalityLayers(dagi, land);
    const at = (lon: number, lat: number) =>
      areas.features
        .filter((area) => booleanPointInPolygon([lon, lat], area.geometry))
        .map((area) => area.properties.komkode);
    expect(at(11.1, 55.703)).toEqual(['0326']);
    expect(at(11.3, 55.703)).toEqual(['0316']);
  });

  it('draws only the border between the two as a line, cut to the land', async () => {
    const { borders } = await deriveMunicipalityLayers(dagi, land);
    expect(borders.features).toHaveLength(1);
    const line = borders.features[0];
    expect(line?.properties.region).toBe(true);
    const coordinates = line?.geometry.type === 'LineString' ? line.geometry.coordinates : [];
    for (const [lon] of coordinates) expect(lon).toBeCloseTo(11.2, 6);
  });

  it('puts each label inside its own municipality', async () => {
    const { labels, areas } = await deriveMunicipalityLayers(dagi, land);
    for (const label of labels.features) {
      const area = areas.features.find((a) => a.properties.komkode === label.properties.komkode);
      expect(area && booleanPointInPolygon(label.geometry, area.geometry)).toBe(true);
    }
  });

  it('names the DAGI feature that lacks a municipality code', async () => {
    const broken: FeatureCollection = {
      type: 'FeatureCollection',
      features: [feature(square(11, 55, 12, 56), { komnavn: 'Nowhere' })],
    };
    await expect(deriveMunicipalityLayers(broken, land)).rejects.toThrow(DagiInputError);
    await expect(deriveMunicipalityLayers(broken, land)).rejects.toThrow(/feature 0/);
  });
});
