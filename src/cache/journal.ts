/**
 * The build cache's journal: what changed since the snapshot in `build.cache`, written instead of a
 * new snapshot by a build that changed little, and applied to the snapshot when the cache is read.
 */
import type { ArticleEntry, CacheSnapshot, PageKeys, StampEntry, StoredMemo } from './build-cache.js';
import { sameList } from './build-record.js';

/**
 * A journal holding more entries than this share of the snapshot's is folded into a new snapshot:
 * reading it costs about as much as the snapshot, and its entries are written again by every save.
 */
const JOURNAL_MAX_SHARE = 1 / 8;

/** Entries of one table of the snapshot set anew since it was written, and entries gone. */
interface TableChanges<V> {
  set: [string, V][];
  gone: string[];
}

/** What changed since the snapshot in `build.cache` (whose id is `base`). */
export interface CacheJournal {
  base: string;
  configKey: string;
  shared: string;
  prints: CacheSnapshot['prints'];
  searchIndex: CacheSnapshot['searchIndex'];
  outputId: string | null;
  claimed: string | null;
  /** The site model, when it is not the snapshot's. */
  collected?: StoredMemo | null;
  /** The page results, whole (see `CacheSnapshot.pageSources`). */
  pageSources: CacheSnapshot['pageSources'];
  /** What was read of the photos, whole (see `CacheSnapshot.photos`). */
  photos: CacheSnapshot['photos'];
  articles: TableChanges<ArticleEntry>;
  pages: TableChanges<PageKeys>;
  stamps: TableChanges<StampEntry>;
}

/**
 * The tables of the snapshot in `build.cache` as read (see `changesSince`). Note: they are the
 * snapshot's own Maps, which nothing changes once read or written.
 */
export interface SnapshotTables {
  id: string;
  articles: ReadonlyMap<string, ArticleEntry>;
  pages: ReadonlyMap<string, PageKeys>;
  stamps: ReadonlyMap<string, StampEntry>;
  collected: StoredMemo | null;
  size: number;
}

/**
 * The journal of what `snapshot` changed since `base`, its articles as `stored` makes them; null
 * when it changed so much that a new snapshot is worth writing instead.
 */
export function journalSince(base: SnapshotTables, snapshot: CacheSnapshot, stored: (entry: ArticleEntry) => ArticleEntry): CacheJournal | null {
  const changes = changesSince(base, snapshot);
  if (changes.size > Math.max(64, base.size * JOURNAL_MAX_SHARE)) return null;
  return {
    base: base.id,
    configKey: snapshot.configKey,
    shared: snapshot.shared,
    prints: snapshot.prints,
    searchIndex: snapshot.searchIndex,
    outputId: snapshot.outputId,
    claimed: snapshot.claimed,
    ...(sameMemo(base.collected, snapshot.collected) ? {} : { collected: snapshot.collected }),
    pageSources: snapshot.pageSources,
    photos: snapshot.photos,
    articles: { set: changes.articles.set.map(([path, e]) => [path, stored(e)]), gone: changes.articles.gone },
    pages: changes.pages,
    stamps: changes.stamps,
  };
}

/** The tables of a snapshot (read, or just written) of id `id`, which a journal is made against. */
export function tablesOf(snapshot: CacheSnapshot, id: string): SnapshotTables {
  const { articles, pages, stamps } = snapshot;
  return { id, articles, pages, stamps, collected: snapshot.collected ?? null, size: articles.size + pages.size + stamps.size };
}

/**
 * The entries of `now` not in the snapshot `base` as they are there, and those gone. Note: an
 * entry the build kept is the very object read from the cache, so comparing identities is enough
 * for articles; page keys and stamps made anew are compared as text.
 */
function changesSince(base: SnapshotTables, now: CacheSnapshot) {
  const articles = tableChanges(base.articles, now.articles, (a, b) => a === b);
  const pages = tableChanges(base.pages, now.pages, (a, b) => a === b || (a.key === b.key && a.fast === b.fast));
  const stamps = tableChanges(base.stamps, now.stamps, (a, b) => a === b || (a.stamp === b.stamp && a.hash === b.hash));
  const size = [articles, pages, stamps].reduce((n, t) => n + t.set.length + t.gone.length, 0);
  return { articles, pages, stamps, size };
}

function tableChanges<V>(base: ReadonlyMap<string, V>, now: ReadonlyMap<string, V>, same: (a: V, b: V) => boolean): TableChanges<V> {
  const set: [string, V][] = [];
  for (const [key, value] of now) {
    const before = base.get(key);
    if (before === undefined || !same(before, value)) set.push([key, value]);
  }
  const gone: string[] = [];
  for (const key of base.keys()) if (!now.has(key)) gone.push(key);
  return { set, gone };
}

/**
 * Whether two stored site models are the same. Note: a model a build took over (see `collectSite`)
 * keeps the terms and archives objects it was read with, so comparing identities is enough there.
 */
function sameMemo(a: StoredMemo | null, b: StoredMemo | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.setup === b.setup &&
    a.taxonomies === b.taxonomies &&
    a.archives === b.archives &&
    sameList(a.order, b.order) &&
    sameList(a.unpublished, b.unpublished) &&
    JSON.stringify(a.diagnostics) === JSON.stringify(b.diagnostics)
  );
}

/** The snapshot with a journal's changes applied. */
export function withJournal(base: SnapshotTables, journal: CacheJournal): CacheSnapshot {
  const apply = <V>(table: ReadonlyMap<string, V>, changes: TableChanges<V>): Map<string, V> => {
    const merged = new Map(table);
    for (const key of changes.gone) merged.delete(key);
    for (const [key, value] of changes.set) merged.set(key, value);
    return merged;
  };
  return {
    configKey: journal.configKey,
    shared: journal.shared,
    prints: journal.prints,
    searchIndex: journal.searchIndex,
    outputId: journal.outputId,
    claimed: journal.claimed,
    collected: journal.collected === undefined ? base.collected : journal.collected,
    pageSources: journal.pageSources,
    photos: journal.photos,
    articles: apply(base.articles, journal.articles),
    pages: apply(base.pages, journal.pages),
    stamps: apply(base.stamps, journal.stamps),
  };
}
