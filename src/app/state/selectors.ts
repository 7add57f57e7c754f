import type { MapCompany } from '../../domain/api.ts';
import type { Exchange } from '../../domain/exchange.ts';
import type { CandidateExchange } from '../../domain/matching/index.ts';
import type { ResourceIndex } from '../../domain/resource.ts';
import { statusInYear } from '../../domain/timeline.ts';
import type { ViewState } from './view-state.ts';

/** The parts of the view state that decide what is drawn (selection and camera do not). */
export type LayerFilters = Pick<
  ViewState,
  'hiddenResources' | 'statuses' | 'showCandidates' | 'municipality' | 'category' | 'year'
>;

/**
 * Pure derivations from (server data, view state) to what is drawn and listed. The map layers and the
 * panels both read these, so the legend's counts and the arcs on the map can never disagree.
 */

export { indexCompanies } from '../../domain/company.ts';
export { indexResources, type ResourceIndex } from '../../domain/resource.ts';

/** A resource is drawn unless its toggle is off or a category filter excludes it. */
export function isResourceShown(resourceId: string, resources: ResourceIndex, view: LayerFilters): boolean {
  if (view.hiddenResources.includes(resourceId)) return false;
  if (view.category === null) return true;
  return resources.get(resourceId)?.category === view.category;
}

function inMunicipality(
  companyIds: readonly string[],
  companies: ReadonlyMap<string, MapCompany>,
  municipality: string | null,
): boolean {
  return municipality === null || companyIds.some((id) => companies.get(id)?.municipality === municipality);
}

/** Companies on the map: all, or those of the chosen municipality. */
export function selectVisibleCompanies(companies: readonly MapCompany[], view: LayerFilters): MapCompany[] {
  return view.municipality === null
    ? [...companies]
    : companies.filter((company) => company.municipality === view.municipality);
}

/**
 * Exchanges drawn as arcs: of a shown resource, touching the chosen municipality, and of a shown status.
 * With a year chosen, the status is the one the exchange had then (statusInYear): flowing counts as
 * existing, just ended as historic, and exchanges that had not started or were long gone are not drawn.
 */
export function selectVisibleExchanges(
  exchanges: readonly Exchange[],
  companies: ReadonlyMap<string, MapCompany>,
  resources: ResourceIndex,
  view: LayerFilters,
): Exchange[] {
  return exchanges.filter((exchange) => {
    const status = statusInYear(exchange, view.year);
    return (
      status !== null &&
      view.statuses.includes(status) &&
      isResourceShown(exchange.resourceId, resources, view) &&
      inMunicipality([exchange.from, exchange.to], companies, view.municipality)
    );
  });
}

/**
 * Computed candidates drawn as arcs: only when switched on, never one that already flows (that arc is there
 * as an exchange), and under the same resource and municipality filters as exchanges.
 */
export function selectVisibleCandidates(
  candidates: readonly CandidateExchange[],
  companies: ReadonlyMap<string, MapCompany>,
  resources: ResourceIndex,
  view: LayerFilters,
): CandidateExchange[] {
  if (!view.showCandidates || view.year !== null) return [];
  return candidates.filter(
    (candidate) =>
      candidate.existingExchangeId === undefined &&
      candidate.recordedCandidateId === undefined &&
      isResourceShown(candidate.resourceId, resources, view) &&
      inMunicipality([candidate.fromCompanyId, candidate.toCompanyId], companies, view.municipality),
  );
}

/** How many visible arcs each resource has, for the legend. */
export function arcCountsByResource(
  exchanges: readonly Exchange[],
  candidates: readonly CandidateExchange[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of [...exchanges.map((e) => e.resourceId), ...candidates.map((c) => c.resourceId)]) {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** How many current streams each resource has (the legend's stream counts; the map layer has only those). */
export function streamCountsByResource(companies: readonly MapCompany[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const company of companies) {
    for (const [resourceId] of company.streams) counts.set(resourceId, (counts.get(resourceId) ?? 0) + 1);
  }
  return counts;
}
