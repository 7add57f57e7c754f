// One schema for geodata, storage, API and client: import validators and types from here.
import type { CompanyCollection } from './company.ts';
import type { Exchange } from './exchange.ts';
import type { ImpactFigure } from './impact.ts';
import type { PlaceCollection } from './place.ts';
import type { Resource } from './resource.ts';

export * from './boundaries.ts';
export * from './common.ts';
export * from './company.ts';
export * from './exchange.ts';
export * from './geojson.ts';
export * from './impact.ts';
export * from './place.ts';
export * from './resource.ts';
export * from './visibility.ts';

/** The whole seed dataset as held in geodata/ (places are drawn by the basemap and may be absent). */
export interface Dataset {
  resources: Resource[];
  companies: CompanyCollection;
  exchanges: Exchange[];
  impactFigures: ImpactFigure[];
  places: PlaceCollection | null;
}
