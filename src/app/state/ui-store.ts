import { create } from 'zustand';
import type { ExchangeStatus } from '../../domain/exchange.ts';
import type { ResourceCategory } from '../../domain/resource.ts';
import { defaultViewState, pickViewState } from './view-fields.ts';
import type { PartnerFinderState, ViewState } from './view-state.ts';

/** What the pointer is over: drawn highlighted, described in the tooltip. Never in the URL. */
export type HoverTarget =
  | { kind: 'company'; id: string; x: number; y: number }
  | { kind: 'arc'; id: string; x: number; y: number }
  | { kind: 'cluster'; id: string; x: number; y: number }
  | null;

export interface FlyTarget {
  lon: number;
  lat: number;
  zoom?: number;
  pitch?: number;
  bearing?: number;
}

export interface UiState extends ViewState {
  hover: HoverTarget;
  /** A request to move the camera (fly to a company, a chapter…), consumed by the map. */
  flyTo: (FlyTarget & { key: number }) | null;
  /** Companies the story points at, ringed on the map. */
  storyHighlight: string[];
  /** Staff mode: click on the map to place a new company. */
  placingCompany: boolean;

  replaceViewState(view: ViewState): void;
  setCamera(camera: ViewState['camera']): void;
  toggleResource(resourceId: string): void;
  setResourcesHidden(resourceIds: string[], hidden: boolean): void;
  toggleStatus(status: ExchangeStatus): void;
  setShowCandidates(show: boolean): void;
  setClusters(clusters: boolean): void;
  setAnimateFlows(animate: boolean | null): void;
  setMunicipality(code: string | null): void;
  setCategory(category: ResourceCategory | null): void;
  setYear(year: number | null): void;
  selectCompany(id: string | null): void;
  highlightArc(id: string | null): void;
  setView(view: ViewState['view']): void;
  setScenarioId(id: string | null): void;
  setReportPeriod(period: ViewState['reportPeriod']): void;
  setLanguage(language: ViewState['language']): void;
  setMode(mode: ViewState['mode']): void;
  setChapter(chapter: number): void;
  setPartnerFinder(finder: PartnerFinderState | null): void;
  setHover(hover: HoverTarget): void;
  requestFlyTo(target: FlyTarget): void;
  setStoryHighlight(ids: string[]): void;
  setPlacingCompany(placing: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  ...defaultViewState,
  hover: null,
  flyTo: null,
  placingCompany: false,
  storyHighlight: [],

  replaceViewState: (view) => set(view),
  setCamera: (camera) => set({ camera }),
  toggleResource: (resourceId) =>
    set((state) => ({
      hiddenResources: state.hiddenResources.includes(resourceId)
        ? state.hiddenResources.filter((id) => id !== resourceId)
        : [...state.hiddenResources, resourceId],
    })),
  setResourcesHidden: (resourceIds, hidden) =>
    set((state) => {
      const rest = state.hiddenResources.filter((id) => !resourceIds.includes(id));
      return { hiddenResources: hidden ? [...rest, ...resourceIds] : rest };
    }),
  toggleStatus: (status) =>
    set((state) => ({
      statuses: state.statuses.includes(status)
        ? state.statuses.filter((s) => s !== status)
        : [...state.statuses, status],
    })),
  setShowCandidates: (showCandidates) => set({ showCandidates }),
  setClusters: (clusters) => set({ clusters }),
  setAnimateFlows: (animateFlows) => set({ animateFlows }),
  setMunicipality: (municipality) => set({ municipality }),
  setCategory: (category) => set({ category }),
  setYear: (year) => set({ year }),
  selectCompany: (selectedCompanyId) => set({ selectedCompanyId, highlightedArcId: null }),
  highlightArc: (highlightedArcId) => set({ highlightedArcId }),
  setView: (view) => set({ view }),
  setScenarioId: (scenarioId) => set({ scenarioId }),
  setReportPeriod: (reportPeriod) => set({ reportPeriod }),
  setLanguage: (language) => set({ language }),
  setMode: (mode) => set({ mode }),
  setChapter: (chapter) => set({ chapter }),
  setPartnerFinder: (partnerFinder) => set({ partnerFinder }),
  setHover: (hover) => set({ hover }),
  requestFlyTo: (target) => set((state) => ({ flyTo: { ...target, key: (state.flyTo?.key ?? 0) + 1 } })),
  setPlacingCompany: (placingCompany) => set({ placingCompany }),
  setStoryHighlight: (storyHighlight) => set({ storyHighlight }),
}));

/** The shareable part of the UI state, for the URL. */
export function selectViewState(state: UiState): ViewState {
  return pickViewState(state);
}
