import { compareIds } from '../ids.ts';
import { type NextStep, PIPELINE_STAGES, type PipelineEntry, type PipelineStage } from './pipeline.ts';

/**
 * The secretariat's board: the opportunities in one column per stage, filtered by where they are, what
 * they carry and who carries them, with next steps that are past their date marked. Pure: the caller says
 * what day it is.
 */

/** A calendar day, YYYY-MM-DD, of a date in the local time of whoever looks (a due date has no time of day). */
export function calendarDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A next step is overdue from the day after its due date. */
export function isOverdue(nextStep: NextStep | null | undefined, today: string): boolean {
  return nextStep !== null && nextStep !== undefined && nextStep.due < today;
}

/** null = no filter on that field. */
export interface BoardFilters {
  /** A municipality code: the opportunities with either end in it. */
  municipality: string | null;
  resourceId: string | null;
  /** An owner's name, exactly as entered. */
  owner: string | null;
}

export const noBoardFilters: BoardFilters = { municipality: null, resourceId: null, owner: null };

export function matchesFilters(entry: PipelineEntry, filters: BoardFilters): boolean {
  return (
    (filters.municipality === null ||
      entry.from.municipality === filters.municipality ||
      entry.to.municipality === filters.municipality) &&
    (filters.resourceId === null || entry.resourceId === filters.resourceId) &&
    (filters.owner === null || entry.item?.owner === filters.owner)
  );
}

export interface BoardColumn {
  stage: PipelineStage;
  entries: PipelineEntry[];
}

/** Soonest due first (overdue ones therefore on top), those without a next step last, then by id. */
function byDue(a: PipelineEntry, b: PipelineEntry): number {
  const dueA = a.item?.nextStep?.due ?? null;
  const dueB = b.item?.nextStep?.due ?? null;
  if (dueA !== dueB) {
    if (dueA === null) return 1;
    if (dueB === null) return -1;
    return dueA < dueB ? -1 : 1;
  }
  return compareIds(a.exchangeId, b.exchangeId);
}

/** Every stage's column, in the pipeline's order, empty ones included (the board's shape never shifts). */
export function boardColumns(entries: readonly PipelineEntry[], filters: BoardFilters): BoardColumn[] {
  const shown = entries.filter((entry) => matchesFilters(entry, filters));
  return PIPELINE_STAGES.map((stage) => ({
    stage,
    entries: shown.filter((entry) => entry.stage === stage).sort(byDue),
  }));
}

/** What the filters offer: only values some opportunity has, sorted. */
export function filterOptions(entries: readonly PipelineEntry[]): {
  municipalities: string[];
  resourceIds: string[];
  owners: string[];
} {
  const distinct = (values: (string | null | undefined)[]) =>
    [...new Set(values.filter((value): value is string => typeof value === 'string'))].sort((a, b) =>
      a.localeCompare(b),
    );
  return {
    municipalities: distinct(entries.flatMap((entry) => [entry.from.municipality, entry.to.municipality])),
    resourceIds: distinct(entries.map((entry) => entry.resourceId)),
    owners: distinct(entries.map((entry) => entry.item?.owner)),
  };
}

/**
 * Where the camera goes for an opportunity: between its two ends, zoomed so both fit in about a third of a
 * screen (Web Mercator: a degree of latitude is 1/cos(lat) degrees of longitude wide on screen).
 */
export function flyTargetOf(entry: Pick<PipelineEntry, 'from' | 'to'>): {
  lon: number;
  lat: number;
  zoom: number;
} {
  const lon = (entry.from.lon + entry.to.lon) / 2;
  const lat = (entry.from.lat + entry.to.lat) / 2;
  const spanDeg = Math.max(
    Math.abs(entry.from.lon - entry.to.lon),
    Math.abs(entry.from.lat - entry.to.lat) / Math.cos((lat * Math.PI) / 180),
    0.001,
  );
  // 512 px per tile at zoom 0 spans 360°; the span should take about 300 px.
  const zoom = Math.log2((300 * 360) / (512 * spanDeg));
  return { lon, lat, zoom: Math.round(Math.min(13, Math.max(8, zoom)) * 10) / 10 };
}
