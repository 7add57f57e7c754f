import type { Resource } from '../../domain/resource.ts';
import { useUiStore } from '../state/ui-store.ts';
import type { Chapter } from './story.ts';

/** Puts the map in the state a chapter describes: its year, flows, resources, highlights and camera. */
export function applyChapter(chapter: Chapter, resources: readonly Resource[]): void {
  const store = useUiStore.getState();
  const hidden = chapter.categories
    ? resources
        .filter((resource) => !chapter.categories?.includes(resource.category))
        .map((resource) => resource.id)
    : [];
  store.replaceViewState({
    ...store,
    year: chapter.year,
    statuses: chapter.statuses,
    showCandidates: chapter.showCandidates,
    hiddenResources: hidden,
    category: null,
    municipality: null,
    selectedCompanyId: null,
    highlightedArcId: null,
    partnerFinder: null,
  });
  store.setStoryHighlight(chapter.highlight);
  store.requestFlyTo(chapter.camera);
}
