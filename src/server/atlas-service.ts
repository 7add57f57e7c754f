import type { Visibility } from '../domain/common.ts';
import { createMatchingIndex, type MatchingIndex } from '../domain/matching.ts';
import { type DatasetView, visibleTo } from '../domain/visible-dataset.ts';
import type { AtlasStore, DatasetSnapshot } from './storage/atlas-store.ts';

/**
 * Read-side work shared by the routes: one snapshot per data version, the view each visibility level gets
 * of it, and one matching index. All are rebuilt lazily after a write, so a change shows in candidates and
 * stats on the very next request.
 */
export class AtlasService {
  private views = new Map<Visibility, DatasetView>();
  private index: MatchingIndex | null = null;
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
      this.index = null;
    }
    return snapshot;
  }

  async snapshot(): Promise<DatasetSnapshot> {
    return this.fresh();
  }

  async view(level: Visibility): Promise<DatasetView> {
    const snapshot = await this.fresh();
    let view = this.views.get(level);
    if (!view) {
      view = visibleTo(level, snapshot);
      this.views.set(level, view);
    }
    return view;
  }

  /** Matching runs over all data; callers pass their level to the index so results are filtered. */
  async matching(): Promise<MatchingIndex> {
    const snapshot = await this.fresh();
    this.index ??= createMatchingIndex({
      companies: { type: 'FeatureCollection', features: snapshot.companies },
      resources: snapshot.resources,
      exchanges: snapshot.exchanges,
    });
    return this.index;
  }
}
