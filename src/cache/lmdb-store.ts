/**
 * The build cache on LMDB (`lmdb` on npm): one environment in `.bantin-cache/lmdb/`, a table each of
 * article entries, article bodies, page keys and file stamps by key, and a `state` table with the
 * format, the tool that wrote it and what a build shares. A save writes what changed since the
 * cache was read in one transaction, so a build killed at any instant leaves the last committed
 * cache; two builds at once are serialised by LMDB's writer lock, and the later one, seeing the
 * cache changed since it read it, writes all it holds rather than mix the two.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { ArticleEntry, CacheSnapshot, PageKeys, StampEntry } from './build-cache.js';
import { CachedArticles, type Reparse } from './cached-articles.js';
import type { CacheStore } from './store.js';
import { describeOtherTool, toolFingerprint } from '../version.js';

// Note: bump when the cached shapes or the Markdown pipeline's output change.
const FORMAT = 1;
const MAGIC = 'bantin-cache-lmdb';
/** Bodies buffered before they are written (in a transaction of their own, see `BodyRow`). */
const FLUSH_CHARS = 4 << 20;

/** What a build shares, with the number of saves the cache has had (see `save`). */
type SharedState = Omit<CacheSnapshot, 'articles' | 'pages' | 'stamps'> & { saves: number };

/**
 * An article's body as stored, with the content hash of the source it was made from. Note: bodies
 * are written as a build parses (not only when it saves), so a body may be newer than the cached
 * entry of its article; one whose hash is not the entry's is treated as lost.
 */
interface BodyRow {
  hash: string;
  html: string;
  text: string;
}

interface Tables {
  root: RootDatabase;
  state: Database;
  articles: Database<ArticleEntry, string>;
  bodies: Database<BodyRow, string>;
  pages: Database<PageKeys, string>;
  stamps: Database<StampEntry, string>;
}

/** The tables as the last load or save left them, which the next save writes the changes against. */
interface Base {
  saves: number;
  articles: ReadonlyMap<string, ArticleEntry>;
  pages: ReadonlyMap<string, PageKeys>;
  stamps: ReadonlyMap<string, StampEntry>;
}

/** Opens (without reading yet) the LMDB cache of a site. */
export function openLmdbStore(root: string, dir: string, reparse: Reparse): CacheStore {
  const full = join(root, dir);
  const path = join(full, 'lmdb');
  const tool = toolFingerprint();
  let tables: Tables | null = null;
  let base: Base | null = null;
  const pending = new Map<string, BodyRow>();
  let pendingChars = 0;

  const cached = new CachedArticles<readonly [path: string, hash: string]>(
    {
      add(article) {
        pending.set(article.sourcePath, { hash: article.hash, html: article.html, text: article.text });
        pendingChars += article.html.length + article.text.length;
        if (pendingChars >= FLUSH_CHARS) flush();
        return [article.sourcePath, article.hash];
      },
      read([source, hash], part) {
        const mine = pending.get(source);
        const row = mine?.hash === hash ? mine : tables?.bodies.get(source);
        return row?.hash === hash && typeof row[part] === 'string' ? row[part] : null;
      },
    },
    root,
    reparse,
  );

  return {
    dir: full,
    redone: cached.redone,
    load(cache) {
      cache.bodies = cached;
      try {
        tables = openTables(path);
        const header = tables.state.get('header') as { magic: string; format: number; version: string } | undefined;
        if (header === undefined) return null;
        if (header.magic !== MAGIC) throw new Error('not a bantin cache');
        if (header.format !== FORMAT || header.version !== tool) return `the build cache in ${dir}/ was made by ${describeOtherTool(String(header.version))} and is not used; it is rebuilt`;
        const shared = tables.state.get('shared') as SharedState | undefined;
        if (shared === undefined) throw new Error('its state is missing');
        const read = <V>(db: Database<V, string>) => new Map(Array.from(db.getRange(), ({ key, value }) => [key, value] as [string, V]));
        const articles = read(tables.articles);
        for (const [source, entry] of articles) if (entry.result.article) cached.restore([source, entry.hash], entry.result.article);
        const snapshot: CacheSnapshot = { ...shared, articles, pages: read(tables.pages), stamps: read(tables.stamps) };
        cache.restore(snapshot);
        cached.current = (source) => cache.usedArticle(source)?.hash;
        base = { saves: shared.saves, articles: snapshot.articles, pages: snapshot.pages, stamps: snapshot.stamps };
        return null;
      } catch (e) {
        base = null;
        return `the build cache in ${dir}/ is damaged (${(e as Error).message}) and is not used; it is rebuilt`;
      }
    },
    save(cache) {
      for (const source of cached.damaged) cache.forget(source);
      const snapshot = cache.snapshot();
      if (!tables) tables = openFresh(path);
      const t = tables;
      const { articles, pages, stamps, ...rest } = snapshot;
      const saves = t.root.transactionSync(() => {
        const shared = t.state.get('shared') as SharedState | undefined;
        const header = t.state.get('header') as { format?: number; version?: string } | undefined;
        // Note: a cache another build saved since this one read it is written whole: the last save wins, unmixed.
        const known = base !== null && shared?.saves === base.saves && header?.format === FORMAT && header.version === tool ? base : null;
        const gone = writeTable(t.articles, known?.articles ?? null, articles, (a, b) => a === b);
        writeTable(t.pages, known?.pages ?? null, pages, (a, b) => a === b || (a.key === b.key && a.fast === b.fast));
        writeTable(t.stamps, known?.stamps ?? null, stamps, (a, b) => a === b || (a.stamp === b.stamp && a.hash === b.hash));
        for (const [source, row] of pending) t.bodies.putSync(source, row);
        const dead = known ? gone : Array.from(t.bodies.getKeys(), String).filter((key) => !articles.has(key));
        for (const key of dead) t.bodies.removeSync(key);
        const next = (shared?.saves ?? 0) + 1;
        t.state.putSync('header', { magic: MAGIC, format: FORMAT, version: tool });
        t.state.putSync('shared', { ...rest, saves: next } satisfies SharedState);
        return next;
      });
      pending.clear();
      pendingChars = 0;
      base = { saves, articles, pages, stamps };
    },
  };

  /** Writes the buffered bodies, in a transaction of their own. */
  function flush(): void {
    if (!tables) tables = openFresh(path);
    const t = tables;
    t.root.transactionSync(() => {
      for (const [source, row] of pending) t.bodies.putSync(source, row);
    });
    pending.clear();
    pendingChars = 0;
  }
}

function openTables(path: string): Tables {
  const root = open({ path, maxDbs: 8 });
  const table = <V>(name: string) => root.openDB<V, string>({ name, sharedStructuresKey: Symbol.for('structures') });
  return { root, state: root.openDB({ name: 'state' }), articles: table('articles'), bodies: table('bodies'), pages: table('pages'), stamps: table('stamps') };
}

/** The tables of an environment that can be written: the one there, or a new one in place of one that cannot be opened. */
function openFresh(path: string): Tables {
  try {
    return openTables(path);
  } catch {
    rmSync(path, { recursive: true, force: true });
    return openTables(path);
  }
}

/**
 * Writes a table as `now` has it: against `base` (what it held when read) only what changed; with
 * no base, every entry, and removes the others. Returns the keys removed.
 */
function writeTable<V>(db: Database<V, string>, base: ReadonlyMap<string, V> | null, now: ReadonlyMap<string, V>, same: (a: V, b: V) => boolean): string[] {
  const gone = base === null ? Array.from(db.getKeys(), String).filter((key) => !now.has(key)) : [...base.keys()].filter((key) => !now.has(key));
  for (const key of gone) db.removeSync(key);
  for (const [key, value] of now) {
    const before = base?.get(key);
    if (before === undefined || !same(before, value)) db.putSync(key, value);
  }
  return gone;
}
