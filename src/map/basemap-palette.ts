/**
 * Basemap colours. Deliberately quiet (light, low-saturation) so the resource colours of streams and arcs,
 * which carry the meaning, stand out on top. The three municipality tints differ in lightness as well as hue
 * so they stay distinguishable for colour-blind viewers and on washed-out projectors.
 */
export const basemapPalette = {
  sea: '#c9dde8',
  land: '#f3f0e8',
  coast: '#8fb0c4',
  lake: '#b7d2e2',
  municipalityLine: '#9a9589',
  municipalityLineRegion: '#5f5a50',
  regionFill: {
    '0326': '#f0d9b5', // Kalundborg: sand
    '0316': '#cfe3c6', // Holbæk: sage
    '0306': '#ddd3ea', // Odsherred: lavender
  },
  regionLabel: {
    '0326': '#7a5218',
    '0316': '#2f5e26',
    '0306': '#4f3c74',
  },
  otherMunicipalityLabel: '#8a857a',
  placeText: '#3b3a36',
  placeDot: '#57544c',
  waterText: '#3f6f8c',
  halo: '#ffffff',
} as const;
