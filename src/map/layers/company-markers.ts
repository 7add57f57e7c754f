import type { MapCompany } from '../../domain/api.ts';
import type { CompanyRole, StreamDirection } from '../../domain/company.ts';
import { compareIds } from '../../domain/ids.ts';
import type { Resource } from '../../domain/resource.ts';
import { hexToRgba, markerPalette, type Rgba } from '../colour.ts';
import type { LonLat } from './flow-paths.ts';

export interface CompanyMarker {
  id: string;
  name: string;
  position: LonLat;
  role: CompanyRole;
  radiusPx: number;
  fill: Rgba;
  outline: Rgba;
}

/** A small dot beside a marker for one of its streams: filled above for outputs, hollow below for inputs. */
export interface StreamGlyph {
  id: string;
  companyId: string;
  resourceId: string;
  direction: StreamDirection;
  position: LonLat;
  offsetPx: [number, number];
  colour: Rgba;
}

const roleStyle: Record<CompanyRole, { fill: string; outline: string }> = {
  partner: { fill: markerPalette.partner, outline: '#FFFFFF' },
  'former-partner': { fill: markerPalette.formerPartner, outline: '#FFFFFF' },
  'registered-potential': {
    fill: markerPalette.registeredPotential,
    outline: markerPalette.registeredPotentialOutline,
  },
  external: { fill: markerPalette.external, outline: '#5F6B6D' },
};

/** Marker size from the layer's flow weight (see streamVolumeIndex): by square root, so area follows it. */
export function markerRadiusPx(company: Pick<MapCompany, 'weight'>): number {
  return 5 + 2.2 * Math.sqrt(company.weight);
}

export function mapCompanyPosition(company: Pick<MapCompany, 'lon' | 'lat'>): LonLat {
  return [company.lon, company.lat];
}

export function buildCompanyMarkers(companies: readonly MapCompany[]): CompanyMarker[] {
  // Big markers first, so small ones are drawn on top and stay clickable.
  return companies
    .map((company) => {
      const style = roleStyle[company.role];
      return {
        id: company.id,
        name: company.name,
        position: mapCompanyPosition(company),
        role: company.role,
        radiusPx: markerRadiusPx(company),
        fill: hexToRgba(style.fill),
        outline: hexToRgba(style.outline),
      };
    })
    .sort((a, b) => b.radiusPx - a.radiusPx || compareIds(a.id, b.id));
}

const GLYPH_STEP_DEGREES = 24;

/** Glyph offsets fanned out over the upper (outputs) or lower (inputs) half of a ring round the marker. */
function fan(count: number, radius: number, upper: boolean): [number, number][] {
  const start = 90 - ((count - 1) * GLYPH_STEP_DEGREES) / 2;
  return Array.from({ length: count }, (_, i) => {
    const angle = ((start + i * GLYPH_STEP_DEGREES) * Math.PI) / 180;
    // Screen y grows downwards: outputs above the marker, inputs below.
    return [Math.cos(angle) * radius, (upper ? -1 : 1) * Math.sin(angle) * radius];
  });
}

export function buildStreamGlyphs(
  companies: readonly MapCompany[],
  resources: ReadonlyMap<string, Resource>,
  isShown: (resourceId: string) => boolean,
): StreamGlyph[] {
  const glyphs: StreamGlyph[] = [];
  for (const company of companies) {
    const streams = company.streams.filter(([resourceId]) => isShown(resourceId));
    const ring = markerRadiusPx(company) + 5;
    for (const direction of ['output', 'input'] as const) {
      const these = streams.filter((stream) => stream[1] === direction);
      const offsets = fan(these.length, ring, direction === 'output');
      these.forEach(([resourceId], i) => {
        glyphs.push({
          // The map layer carries no stream ids: a glyph is its company's i-th stream of a direction.
          id: `${company.id}/${direction}/${i}`,
          companyId: company.id,
          resourceId,
          direction,
          position: mapCompanyPosition(company),
          offsetPx: offsets[i] ?? [0, 0],
          colour: hexToRgba(resources.get(resourceId)?.colour ?? '#777777'),
        });
      });
    }
  }
  return glyphs;
}
