/**
 * The build cache on disk (`.bantin-cache/` in the site): article results and page keys of the
 * last successful build, and each article's body in a pack file (see `CachedArticles`), read only
 * when a page, feed or search record asks for it. A build that changed little writes
 * only what changed since the last full snapshot (`build.cache`) into a journal beside it
 * (`build.journal`, see `cache-journal.ts`). A corrupted, truncated or foreign-version cache is
 * ignored with a warning; files are written to a temporary name and renamed (packs under a name no
 * other build uses), so concurrent builds never see half a file.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { ArticleEntry, BuildCache, CacheSnapshot } from './build-cache.js';
import { BodyPacks, type BodyLocation } from './body-packs.js';
import { journalSince, tablesOf, withJournal, type CacheJournal, type SnapshotTables } from './journal.js';
import { CachedArticles, type Reparse } from './cached-articles.js';
import { photoFilesIn } from './photo-files.js';
import { withPath } from '../messages.js';
import { describeOtherTool, toolFingerprint } from '../version.js';

// Note: bump when the cached shapes or the Markdown pipeline's output change.
const FORMAT = 24;
const MAGIC = 'bantin-cache';
const JOURNAL_MAGIC = 'bantin-cache-journal';

/** An opened cache folder. */
export interface CacheStore {
  dir: string;
  /**
   * Restores the last build's snapshot into the cache, and has it keep article bodies here;
   * returns a warning when the snapshot could not be used.
   */
  load(cache: BuildCache): string | null;
  /** Persists the cache after a successful build. */
  save(cache: BuildCache): void;
  /** Source paths of the articles whose cached body was lost or damaged, and which were parsed again. */
  readonly redone: ReadonlySet<string>;
}

/**
 * The header of a stored file: a line of JSON, padded to `HEADER_BYTES`, before the payload's
 * parts. Note: each part is serialized and written before the next is made, and read in place:
 * a snapshot is never one buffer, nor copied into an envelope with its header (at 100,000
 * articles the snapshot is 239 MB, which a save held once or twice over at the end of a cold build).
 */
interface StoredHeader {
  magic: string;
  format: number;
  version: string;
  /** A random name of this file's contents, which a journal names its snapshot by. */
  id: string;
  /** CRC-32 of the payload (its parts one after the other) and the length of each part. */
  crc: number;
  parts: number[];
}

/** Bytes of a stored file's header line, its newline included: written last, once the parts are. */
const HEADER_BYTES = 1024;

/** Articles of a snapshot serialized into one part of its file. */
const ARTICLES_PER_PART = 5000;

/** The first byte of a value serialized by `node:v8`: a file of the format before headers were lines (an older bantin's). */
const V8_SERIALIZED = 0xff;

/** An article entry as stored: the article's metadata, and where its body is. */
type StoredEntry = ArticleEntry & { body?: BodyLocation };

/** How a cache folder writes its snapshot. */
export interface StoreOptions {
  /** Articles a snapshot's file holds in each of its parts (see `StoredHeader`). */
  articlesPerPart?: number;
  /**
   * Run after each part is written: a young-generation collection (`build`) frees the part's
   * bytes at once, where V8 would otherwise let some hundred megabytes of them pile up first.
   */
  afterPart?: () => void;
}

/**
 * Opens (without reading yet) the cache folder of a site. `reparse` parses a source again, for an
 * article whose body was lost from its pack.
 */
export function openCacheStore(root: string, dir: string, reparse: Reparse, options: StoreOptions = {}): CacheStore {
  const { articlesPerPart = ARTICLES_PER_PART, afterPart } = options;
  const full = join(root, dir);
  const tool = toolFingerprint();
  const manifest = join(full, 'build.cache');
  const journalFile = join(full, 'build.journal');
  const packs = new BodyPacks(join(full, 'bodies'));
  const cached = new CachedArticles(packs, root, reparse);

  /** The snapshot file's tables as read, which a journal is made against; null before one is read or written. */
  let base: SnapshotTables | null = null;

  return {
    dir: full,
    redone: cached.redone,
    load(cache) {
      cache.bodies = cached;
      cache.photoFiles = photoFilesIn(join(full, 'photos'));
      let raw: Buffer;
      try {
        raw = fs.readFileSync(manifest);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        return `the build cache in ${dir}/ is damaged (build.cache is not a readable file) and is not used; it is rebuilt`;
      }
      try {
        const stored = readStored(raw, MAGIC);
        if ('madeBy' in stored) return `the build cache in ${dir}/ was made by ${stored.madeBy} and is not used; it is rebuilt`;
        const [first, ...rest] = stored.parts;
        const snapshot = { ...(deserialize(first!) as Omit<CacheSnapshot, 'articles'>), articles: new Map() } as CacheSnapshot;
        for (const part of rest) for (const [path, entry] of deserialize(part) as [string, ArticleEntry][]) snapshot.articles.set(path, entry);
        base = tablesOf(snapshot, stored.id);
        const journal = readJournal(journalFile, stored.id);
        const current = journal ? withJournal(base, journal) : { ...snapshot, articles: new Map(snapshot.articles) };
        // Note: the snapshot holds articles without their bodies. One whose pack is gone (another
        // build's save deleted it) is left out, so this build parses it again.
        for (const [path, entry] of current.articles as Map<string, StoredEntry>) {
          const article = entry.result.article;
          if (!article || cached.locationOf(article)) continue;
          if (!entry.body || !packs.has(entry.body[0])) {
            cached.redone.add(path);
            current.articles.delete(path);
            continue;
          }
          entry.result.article = cached.restore(entry.body, article);
        }
        cache.restore(current);
        cached.current = (path) => cache.usedArticle(path)?.hash;
        return null;
      } catch (e) {
        base = null;
        return `the build cache in ${dir}/ is damaged (${(e as Error).message}) and is not used; it is rebuilt`;
      }
    },
    save(cache) {
      for (const path of cached.damaged) cache.forget(path);
      const taken = cache.snapshot();
      const live = liveBodies(taken, cached);
      const moved = packs.compact(live);
      saveSnapshot(relocated(taken, moved, cached));
      packs.sweep(live.map((location) => moved.get(location) ?? location));
      cache.sweepPhotoFiles();
    },
  };

  /** Writes the snapshot, or only what changed since the one on disk into the journal. */
  function saveSnapshot(snapshot: CacheSnapshot): void {
    const journal = base && journalSince(base, snapshot, (e) => plainEntry(e, cached));
    if (journal) {
      writeStored(journalFile, JOURNAL_MAGIC, [serialize(journal)]);
      return;
    }
    // Note: bodies live in packs; the snapshot holds the articles' metadata only.
    const { articles, ...tables } = snapshot;
    function* parts() {
      yield serialize(tables);
      let chunk: [string, StoredEntry][] = [];
      for (const [path, e] of articles) {
        chunk.push([path, plainEntry(e, cached)]);
        if (chunk.length === articlesPerPart) {
          yield serialize(chunk);
          chunk = [];
        }
      }
      if (chunk.length) yield serialize(chunk);
    }
    const id = writeStored(manifest, MAGIC, parts());
    // Note: a journal left beside the new snapshot names the old one's id, so it is never applied.
    fs.rmSync(journalFile, { recursive: true, force: true });
    base = tablesOf(snapshot, id);
  }

  /** Reads a stored file's payload, or says which other bantin wrote it; throws when it is damaged. */
  function readStored(raw: Buffer, magic: string): { parts: Buffer[]; id: string } | { madeBy: string } {
    if (raw[0] === V8_SERIALIZED) {
      const older = deserialize(raw) as { magic?: unknown; version?: unknown };
      if (older?.magic !== magic) throw new Error('not a bantin cache');
      return { madeBy: describeOtherTool(String(older.version)) };
    }
    const end = raw.indexOf(0x0a);
    let header: StoredHeader;
    try {
      header = JSON.parse(raw.toString('utf8', 0, end < 0 ? 0 : end)) as StoredHeader;
    } catch {
      throw new Error('not a bantin cache');
    }
    if (header?.magic !== magic) throw new Error('not a bantin cache');
    if (header.format !== FORMAT || header.version !== tool) return { madeBy: describeOtherTool(String(header.version)) };
    const payload = raw.subarray(end + 1);
    const lengths = Array.isArray(header.parts) && header.parts.every((n) => Number.isSafeInteger(n) && n >= 0) ? header.parts : [];
    if (lengths.reduce((sum, n) => sum + n, 0) !== payload.length || crc32(payload) !== header.crc) throw new Error('checksum mismatch');
    const parts: Buffer[] = [];
    for (let at = 0, i = 0; i < lengths.length; at += lengths[i]!, i++) parts.push(payload.subarray(at, at + lengths[i]!));
    if (parts.length === 0) throw new Error('checksum mismatch');
    return { parts, id: header.id };
  }

  /** Writes the parts of a payload (each made as the last is written) with their header, atomically; returns its id. */
  function writeStored(file: string, magic: string, parts: Iterable<Buffer>): string {
    const id = randomBytes(12).toString('hex');
    const header: StoredHeader = { magic, format: FORMAT, version: tool, id, crc: 0, parts: [] };
    writeAtomic(file, (fd) => {
      let at = HEADER_BYTES;
      for (const part of parts) {
        writeAll(fd, part, at);
        at += part.length;
        afterPart?.();
        header.crc = crc32(part, header.crc);
        header.parts.push(part.length);
      }
      const line = JSON.stringify(header);
      if (Buffer.byteLength(line) >= HEADER_BYTES) throw new Error(`the header of ${file} is over ${HEADER_BYTES} bytes`);
      writeAll(fd, Buffer.from(`${line.padEnd(HEADER_BYTES - 1)}\n`), 0);
    });
    return id;
  }

  /** The journal that goes with the snapshot of id `base`, or null when there is none. */
  function readJournal(file: string, base: string): CacheJournal | null {
    let raw: Buffer;
    try {
      raw = fs.readFileSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error('build.journal is not a readable file');
    }
    const stored = readStored(raw, JOURNAL_MAGIC);
    const journal = 'parts' in stored ? (deserialize(stored.parts[0]!) as CacheJournal) : null;
    // Note: a journal of another snapshot (one a concurrent build replaced) is left unread; the
    // snapshot alone is a valid, older cache.
    return journal?.base === base ? journal : null;
  }
}

/**
 * An article entry as stored (see `CachedArticles.stored`) and where the rest of the article is.
 * Note: an article whose body is in no pack is stored without a place, and parsed again when read.
 */
function plainEntry(e: ArticleEntry, cached: CachedArticles): StoredEntry {
  const article = e.result.article;
  const body = article ? cached.locationOf(article) : undefined;
  return { hash: e.hash, result: { diagnostics: e.result.diagnostics, article: article && cached.stored(article) }, ...(body ? { body } : {}) };
}

/** Where the bodies of a snapshot's articles are. */
function liveBodies(snapshot: CacheSnapshot, cached: CachedArticles): BodyLocation[] {
  const live: BodyLocation[] = [];
  for (const entry of snapshot.articles.values()) {
    const body = entry.result.article && cached.locationOf(entry.result.article);
    if (body) live.push(body);
  }
  return live;
}

/**
 * The snapshot with the articles whose bodies moved (see `BodyPacks.compact`) as new entries, so
 * that a journal holds them as changed.
 */
function relocated(snapshot: CacheSnapshot, moved: ReadonlyMap<BodyLocation, BodyLocation>, cached: CachedArticles): CacheSnapshot {
  if (moved.size === 0) return snapshot;
  const articles = new Map(snapshot.articles);
  for (const [path, entry] of snapshot.articles) {
    const article = entry.result.article;
    const to = article && moved.get(cached.locationOf(article)!);
    if (to) articles.set(path, { hash: entry.hash, result: { diagnostics: entry.result.diagnostics, article: cached.moved(article, to) } });
  }
  return { ...snapshot, articles };
}

/** Writes `file` atomically: `write` fills a new file, which then takes the name. */
function writeAtomic(file: string, write: (fd: number) => void): void {
  fs.mkdirSync(join(file, '..'), { recursive: true });
  // Note: a folder where a cache file belongs is damage too (warned of when read): it is replaced.
  if (fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) fs.rmSync(file, { recursive: true, force: true });
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    withPath(file, () => {
      const fd = fs.openSync(temp, 'w');
      try {
        write(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
    fs.renameSync(temp, file);
  } catch (e) {
    // Note: a disk that filled up, or a folder where the file belongs, leaves no half-written file behind.
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** Writes all of `bytes` at `position` of the file. */
function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}
