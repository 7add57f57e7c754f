import { create } from 'zustand';
import { MAX_SCENARIO_CANDIDATES } from '../../domain/workbench/scenario.ts';

/**
 * The scenario being put together: the candidates picked (from the scenario's list or from a candidate's
 * details on the map) and its name, before and between saves. `savedAs` is the saved scenario the draft
 * was loaded from or last saved to, so the panel knows whether saving creates one or changes it.
 */
interface ScenarioDraft {
  candidateIds: string[];
  name: string;
  savedAs: string | null;
  toggle(id: string): void;
  add(id: string): void;
  setName(name: string): void;
  load(savedAs: string, name: string, candidateIds: readonly string[]): void;
  reset(): void;
}

export const useScenarioDraft = create<ScenarioDraft>()((set) => ({
  candidateIds: [],
  name: '',
  savedAs: null,
  toggle: (id) =>
    set((draft) => ({
      candidateIds: draft.candidateIds.includes(id)
        ? draft.candidateIds.filter((other) => other !== id)
        : [...draft.candidateIds, id].slice(0, MAX_SCENARIO_CANDIDATES),
    })),
  add: (id) =>
    set((draft) =>
      draft.candidateIds.includes(id)
        ? draft
        : { candidateIds: [...draft.candidateIds, id].slice(0, MAX_SCENARIO_CANDIDATES) },
    ),
  setName: (name) => set({ name }),
  load: (savedAs, name, candidateIds) => set({ savedAs, name, candidateIds: [...candidateIds] }),
  reset: () => set({ candidateIds: [], name: '', savedAs: null }),
}));
