import type { Visibility } from '../domain/common.ts';
import { createMatchingIndex, type MatchingIndex } from '../domain/matching/index.ts';
import { type DatasetView, visibleTo } from '../domain/visible-dataset.ts';
import type { Caller } from './auth.ts';
import type { PreparedBody } from './prepared-body.ts';
import type { AtlasStore, DatasetSnapshot } from './storage/atlas-store.ts';

/**
 * Partners' own views are kept for the most recent ones only: each is a full copy of the data with its
 * response bodies, and a platform may issue many tokens.
 */
const MAX_PARTNER_VIEWS = 16;

/**
 * Under a burst of writes (more than BURST_WRITES within maxLag), views (and the matching indexes and
 * response bodies made from them) are rebuilt at most once per maxLag, so that reads keep their pace instead
 * of rebuilding a whole region after every write. Outside a burst, and for a caller that has itself written
 * since the view was made, a read always sees every write before it.
 */
const DEFAULT_MAX_LAG_MS = 2000;
const BURST_WRITES = 20;
/** Writers remembered for read-your-writes; a platform has as many as it has tokens. */
const MAX_WRITERS = 1000;

/** One caller level's view of one data version, and the response bodies made from it. */
interface CachedView {
  view: DatasetView;
  /** By name (a route and whatever else its body depends on, e.g. the year for stats). */
  bodies: Map<string, PreparedBody>;
}

/**
 * Read-side work shared by the routes: one snapshot per data version, the view each caller gets of it, the
 * response bodies made from that view, and a matching index per level. All are rebuilt lazily after a
 * write, so a change shows in candidates and stats on the very next request.
 *
 * Everything derived is kept under the key of the view it was made from, and that key is the caller's
 * level (or a partner's own company): what one level may not see can never be served to another from here.
 */
export class AtlasService {
  /** Keyed by level, or `partners:<company id>` for a partner's view (its own company in full). */
  private views = new Map<string, CachedView>();
  private indexes = new Map<Visibility, MatchingIndex>();
  /** The snapshot the views are made from, when, and whether it was during a burst of writes. */
  private built: { snapshot: DatasetSnapshot; at: number; inBurst: boolean } | null = null;
  /** When recent write requests ended, oldest first (only those within maxLag are kept). */
  private recentWrites: number[] = [];
  /** When each writer's latest write request ended. */
  private lastWriteOf = new Map<string, number>();

  constructor(
    readonly store: AtlasStore,
    readonly currentYear: () => number = () => new Date().getFullYear(),
    private readonly options: { maxLagMs?: number; now?: () => number } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get maxLagMs(): number {
    return this.options.maxLagMs ?? DEFAULT_MAX_LAG_MS;
  }

  /** A write request by `actor` has ended (answered or refused). */
  wrote(actor: string | null): void {
    const now = this.now();
    this.recentWrites.push(now);
    if (actor !== null) {
      this.lastWriteOf.delete(actor);
      this.lastWriteOf.set(actor, now);
      if (this.lastWriteOf.size > MAX_WRITERS) {
        const oldest = this.lastWriteOf.keys().next().value;
        if (oldest !== undefined) this.lastWriteOf.delete(oldest);
      }
    }
  }

  private inBurst(now: number): boolean {
    const since = now - this.maxLagMs;
    let drop = 0;
    while (drop < this.recentWrites.length && (this.recentWrites[drop] ?? 0) <= since) drop++;
    if (drop > 0) this.recentWrites.splice(0, drop);
    return this.recentWrites.length > BURST_WRITES;
  }

  /**
   * The snapshot the views are made from: the latest, or during a burst of writes one at most maxLag old
   * (never older than the reader's own latest write).
   */
  private async fresh(reader: string | null = null): Promise<DatasetSnapshot> {
    const snapshot = await this.store.snapshot();
    const built = this.built;
    if (built?.snapshot.version === snapshot.version) return built.snapshot;
    const now = this.now();
    const readerWroteSince =
      reader !== null && (this.lastWriteOf.get(reader) ?? -Infinity) >= (built?.at ?? 0);
    if (built && now - built.at < this.maxLagMs && !readerWroteSince && this.inBurst(now)) {
      return built.snapshot;
    }
    this.built = { snapshot, at: now, inBurst: this.inBurst(now) };
    this.views.clear();
    this.indexes.clear();
    return snapshot;
  }

  /** The current data, for writes to check against: never lagging, unlike the views. */
  async snapshot(): Promise<DatasetSnapshot> {
    return this.store.snapshot();
  }

  private async cachedView(
    level: Visibility,
    ownCompanyId: string | null,
    reader: string | null = null,
  ): Promise<CachedView> {
    const snapshot = await this.fresh(reader);
    const key = ownCompanyId === null ? level : `${level}:${ownCompanyId}`;
    let cached = this.views.get(key);
    if (cached && ownCompanyId !== null) {
      // Most recently used last, so that the oldest partner view is the one let go.
      this.views.delete(key);
      this.views.set(key, cached);
    }
    if (!cached) {
      const view = level === 'secretariat' ? snapshot : visibleTo(level, snapshot, { ownCompanyId });
      cached = { view, bodies: new Map() };
      this.views.set(key, cached);
      if (ownCompanyId !== null) this.forgetOldPartnerViews();
    }
    return cached;
  }

  private forgetOldPartnerViews(): void {
    const partnerKeys = [...this.views.keys()].filter((key) => key.includes(':'));
    for (const key of partnerKeys.slice(0, Math.max(0, partnerKeys.length - MAX_PARTNER_VIEWS))) {
      this.views.delete(key);
    }
  }

  /** What a caller cleared for `level` sees; with `ownCompanyId`, a partner's view including its own company. */
  async view(level: Visibility, ownCompanyId: string | null = null): Promise<DatasetView> {
    return (await this.cachedView(level, ownCompanyId)).view;
  }

  /** The view of this caller: its level, and for a partner its own company's records in full. */
  async viewFor(caller: Caller): Promise<DatasetView> {
    return (await this.cachedView(caller.level, caller.companyId, caller.actor)).view;
  }

  /**
   * A response body made from this caller's view, once per data version: `make` runs on the first request
   * after a write, every later one gets the same bytes (and their compressed forms). `name` must say
   * everything the body depends on besides the view.
   */
  async preparedBody(
    caller: Caller,
    name: string,
    make: (view: DatasetView) => PreparedBody,
  ): Promise<PreparedBody> {
    const cached = await this.cachedView(caller.level, caller.companyId, caller.actor);
    let body = cached.bodies.get(name);
    if (!body) {
      body = make(cached.view);
      body.fastCompression = this.built?.inBurst ?? false;
      cached.bodies.set(name, body);
    }
    return body;
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
