import {
  type CompanyFeature,
  type CompanyRole,
  currentStreams,
  type StreamDirection,
} from '../../domain/company.ts';
import { streamVolumeIndex } from '../../domain/map-companies.ts';
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

export function markerRadiusPx(company: CompanyFeature): number {
  return 5 + 2.2 * Math.sqrt(streamVolumeIndex(company.properties.streams));
}

function positionOf(company: CompanyFeature): LonLat {
  return [company.geometry.coordinates[0] ?? 0, company.geometry.coordinates[1] ?? 0];
}

export function buildCompanyMarkers(companies: readonly CompanyFeature[]): CompanyMarker[] {
  // Big markers first, so small ones are drawn on top and stay clickable.
  return companies
    .map((company) => {
      const style = roleStyle[company.properties.role];
      return {
        id: company.properties.id,
        name: company.properties.name,
        position: positionOf(company),
        role: company.properties.role,
        radiusPx: markerRadiusPx(company),
        fill: hexToRgba(style.fill),
        outline: hexToRgba(style.outline),
      };
    })
    .sort((a, b) => b.radiusPx - a.radiusPx || a.id.localeCompare(b.id));
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
  companies: readonly CompanyFeature[],
  resources: ReadonlyMap<string, Resource>,
  isShown: (resourceId: string) => boolean,
): StreamGlyph[] {
  const glyphs: StreamGlyph[] = [];
  for (const company of companies) {
    const streams = currentStreams(company.properties.streams).filter((stream) => isShown(stream.resourceId));
    const ring = markerRadiusPx(company) + 5;
    for (const direction of ['output', 'input'] as const) {
      const these = streams.filter((stream) => stream.direction === direction);
      const offsets = fan(these.length, ring, direction === 'output');
      these.forEach((stream, i) => {
        glyphs.push({
          id: stream.id,
          companyId: company.properties.id,
          resourceId: stream.resourceId,
          direction,
          position: positionOf(company),
          offsetPx: offsets[i] ?? [0, 0],
          colour: hexToRgba(resources.get(stream.resourceId)?.colour ?? '#777777'),
        });
      });
    }
  }
  return glyphs;
}
