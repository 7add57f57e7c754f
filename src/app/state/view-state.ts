import type { ExchangeStatus } from '../../domain/exchange.ts';
import type { ResourceCategory } from '../../domain/resource.ts';

/**
 * Everything about what the user is looking at that belongs in a shareable link: camera, layers, filters
 * and selection. Kept as plain data so it round-trips through the URL unchanged; each field's default and link codec
 * are in view-fields.ts.
 */
export interface ViewState {
  camera: { lon: number; lat: number; zoom: number } | null;
  /** Resources switched off in the legend; everything else is shown. */
  hiddenResources: string[];
  /** Exchange statuses drawn as arcs. Historic is off by default: the map shows today. */
  statuses: ExchangeStatus[];
  /** Computed candidate matches as arcs. */
  showCandidates: boolean;
  /** Companies close together at the current zoom merge into one node, their flows into one arc. */
  clusters: boolean;
  /** Dots moving along the flows; null = the mode's default (on when presenting), never with reduced motion. */
  animateFlows: boolean | null;
  municipality: string | null;
  category: ResourceCategory | null;
  /** Only exchanges that flowed in this year; null = no year filter. */
  year: number | null;
  selectedCompanyId: string | null;
  /** A highlighted arc: an exchange id or a candidate id. */
  highlightedArcId: string | null;
  /**
   * The map, the same data as tables, or the symbiosis diagram (who sends what to whom); `register` is the
   * map with the public registration form beside it (a link a secretariat can send to companies), and
   * `registrations` the secretariat's queue of them; `board` is the secretariat's pipeline board; for staff
   * also a what-if `scenario` and the `report` to the councils.
   */
  view: 'map' | 'list' | 'diagram' | 'register' | 'registrations' | 'board' | 'scenario' | 'report';
  /** The saved what-if scenario open in the scenario view (staff share it by link). */
  scenarioId: string | null;
  /** The years the report to the councils covers; null = the default period. */
  reportPeriod: { from: number; to: number } | null;
  /** Exploring with panels, or presenting the guided story full screen (the /present route). */
  mode: 'explore' | 'present';
  /** The story chapter shown when presenting (0-based). */
  chapter: number;
  /** UI language; data labels use the dataset's da/en fields. */
  language: 'en' | 'da';
  partnerFinder: PartnerFinderState | null;
}

export interface PartnerFinderState {
  /** The company searching, when it searches around itself. */
  companyId: string | null;
  lon: number;
  lat: number;
  radiusKm: number;
  resourceId: string | null;
  /** What the searcher looks for: partners that have it (output) or need it (input). */
  direction: 'output' | 'input' | null;
}
