import type { CompanyRole } from '../../domain/company.ts';
import { markerPalette } from '../../map/colour.ts';

/**
 * Colours of the diagram, taken from the map's so the two read alike: companies as the map's markers
 * (partners solid, registered potentials hollow, the rest muted), flows in their resource's colour, the
 * selection in the map's selection orange. Drawn as SVG attributes, not CSS, so an exported copy of the
 * drawing looks exactly like the screen.
 */

export const DIAGRAM_FONT = '"Noto Sans", system-ui, sans-serif';
export const INK = '#22303A';
export const INK_SOFT = '#55626B';
export const SELECTION = markerPalette.selection;
export const FOCUS_RING = '#1B1B1B';
export const CASING = markerPalette.casing;

export interface NodeColours {
  fill: string;
  stroke: string;
  text: string;
}

export function nodeColours(role: CompanyRole | null): NodeColours {
  switch (role) {
    case 'partner':
      return { fill: markerPalette.partner, stroke: markerPalette.partner, text: '#FFFFFF' };
    case 'registered-potential':
      return {
        fill: '#FFFFFF',
        stroke: markerPalette.registeredPotentialOutline,
        text: markerPalette.partner,
      };
    case 'former-partner':
      return { fill: markerPalette.formerPartner, stroke: markerPalette.formerPartner, text: '#FFFFFF' };
    default:
      // The map's external grey, lightened so dark text on it stays readable (contrast above 7:1).
      return { fill: '#E6EAED', stroke: markerPalette.external, text: INK };
  }
}

export const DASH = '7 5';
