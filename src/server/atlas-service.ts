import type { Visibility } from '../domain/common.ts';
import { createMatchingIndex, type MatchingIndex } from '../domain/matching/index.ts';
import { type DatasetView, visibleTo } from '../domain/visible-dataset.ts';
import type { Caller } from './auth.ts';
import type { AtlasStore, DatasetSnapshot } from './storage/atlas-store.ts';

/**
 * Read-side work shared by the routes: one snapshot per data version, the view each caller gets of it, and
 * a matching index per level. All are rebuilt lazily after a write, so a change shows in candidates and
 * stats on the very next request.
 */
export class AtlasService {
  /** Keyed by level, or `partners:<company id>` for a partner's view (its own company in full). */
  private views = new Map<string, DatasetView>();
  private indexes = new Map<Visibility, MatchingIndex>();
  private version: string | null = null;

  constructor(
    readonly store: AtlasStore,
    readonly currentYear: () => number = () => new Date().getFullYear(),
  ) {}

  private async fresh(): Promise<DatasetSnapshot> {
    const snapshot = await this.store.snapshot();
    if (snapshot.version !== this.version) {
      this.version = snapshot.version;
      this.views.clear();
      this.indexes.clear();
    }
    return snapshot;
  }

  async snapshot(): Promise<DatasetSnapshot> {
    return this.fresh();
  }

  /** What a caller cleared for `level` sees; with `ownCompanyId`, a partner's view including its own company. */
  async view(level: Visibility, ownCompanyId: string | null = null): Promise<DatasetView> {
    const snapshot = await this.fresh();
    const key = ownCompanyId === null ? level : `${level}:${ownCompanyId}`;
    let view = this.views.get(key);
    if (!view) {
      view = level === 'secretariat' ? snapshot : visibleTo(level, snapshot, { ownCompanyId });
      this.views.set(key, view);
    }
    return view;
  }

  /** The view of this caller: its level, and for a partner its own company's records in full. */
  viewFor(caller: Caller): Promise<DatasetView> {
    return this.view(caller.level, caller.companyId);
  }

  /**
   * Candidates and partner search for callers cleared for `level`, computed over that level's view. Both
   * ends and both streams of every candidate are then visible to the caller by construction, and so is
   * every quantity that went into a score: a hidden exact figure shows up neither in `matchedQuantity` nor
   * in `impact`, nor through a quantity fit (a ratio to a visible figure would give it away), because at
   * that level it is a band, which matching treats as unknown. The secretariat's index is over all data.
   */
  async matching(level: Visibility = 'secretariat'): Promise<MatchingIndex> {
    const view = await this.view(level);
    let index = this.indexes.get(level);
    if (!index) {
      index = createMatchingIndex({
        companies: { type: 'FeatureCollection', features: view.companies },
        resources: view.resources,
        exchanges: view.exchanges,
      });
      this.indexes.set(level, index);
    }
    return index;
  }
}
