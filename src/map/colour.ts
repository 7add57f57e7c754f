export type Rgba = [number, number, number, number];

/** '#D55E00' → [213, 94, 0, alpha]: deck.gl wants colours as byte arrays. */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
}

export function withAlpha([r, g, b]: Rgba, alpha: number): Rgba {
  return [r, g, b, alpha];
}

/** Role colours of company markers: partners solid, registered potentials hollow, the rest muted. */
export const markerPalette = {
  partner: '#1F4E5F',
  formerPartner: '#7F8C8D',
  registeredPotential: '#FFFFFF',
  registeredPotentialOutline: '#1F4E5F',
  external: '#BDC3C7',
  selection: '#E69F00',
  historicArc: '#8C8C8C',
  casing: '#1B1B1B',
  finder: '#0072B2',
} as const;
