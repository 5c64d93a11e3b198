/**
 * What a long-running process (`serve`) keeps between builds so that a rebuild redoes only what
 * changed: each article's result by path and content hash, and each page's HTML by a key made of
 * its template (with the layouts and partials it pulls in) and its data. A config change clears
 * everything. The output of a cached build is byte-identical to a fresh one.
 */
import { hash as hashOf } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectMemo, SiteModel } from '../collect.js';
import type { SiteConfig } from '../config.js';
import type { ArticleResult } from '../content/article.js';
import type { PageResult } from '../content/page.js';
import type { SourceScanner } from '../content/scan.js';
import { resolveReferences } from '../links.js';
import { FILE, KEEP, type ReferenceLookup } from '../render/page-store.js';
import type { BuildStore } from '../pipeline.js';
import type { StoredResult } from '../content/article-store.js';
import type { Diagnostic } from '../messages.js';
import type { Article, ArticleMeta } from '../types.js';
import type { SearchIndexState } from '../search/search-index.js';
import type { PhotoInfo } from '../photos/photos.js';
import { photoFilesInMemory, type PhotoFiles } from './photo-files.js';
import { contentHash } from '../content-hash.js';
import { fileStat, statIfThere, type FileStat } from './stamps.js';
import { templateFingerprints } from './template-prints.js';

type ScanResult = ReturnType<SourceScanner['scan']>;

/** Cached results of the article stage and the render stage, carried from one build to the next. */
export class BuildCache implements BuildStore {
  private articles = new Map<string, ArticleEntry>();
  private seenArticles = new Map<string, ArticleEntry>();
  private pages = new Map<string, PageEntry>();
  private seenPages = new Map<string, PageEntry>();
  private pending = new Map<string, PageEntry>();
  private readonly pendingFiles = new Set<string>();
  private configKey = '';
  /** Each template's fingerprint (with what it includes) in this build, the page keys' part. */
  private fingerprints = new Map<string, string>();
  /** The fingerprints of the build that made the page keys read at the start of this one. */
  private lastPrints = new Map<string, string>();
  private stamps = new Map<string, StampEntry>();
  /** Page results (`content/pages/`) of the last build and of this one, by source path. */
  private pageSources = new Map<string, PageSourceEntry>();
  private seenPageSources = new Map<string, PageSourceEntry>();
  /** What the photo stage read of each photo (by its key), in the last build and in this one. */
  private photoInfos = new Map<string, PhotoInfo>();
  private seenPhotoInfos = new Map<string, PhotoInfo>();
  /** The photo files this build uses and the photo sources it hashed (whose stamps a snapshot keeps). */
  private usedPhotoFiles = new Set<string>();
  private photoSources = new Set<string>();
  /** Where encoded photo files are kept: in the cache folder (set by `CacheStore`), else in memory. */
  photoFiles: PhotoFiles = photoFilesInMemory();
  /**
   * A file's stamp is trusted only when its last change is older than this (ms): a file changed
   * again within the file system's timestamp granularity could keep its stamp ("racily clean", as
   * git calls it), so such a file is read and hashed again. Note: used only for a stat taken
   * without the file system's clock (`serve`); a stat from `stampSources` says itself whether it
   * is racy, by that clock, so a build trusts the same stamps however long it and the last one took.
   */
  racyMs = 3000;
  /**
   * The only source paths (relative to the root) that may have changed since the last build, when
   * that is known (`serve`'s watcher, or a build that has just checked every file): other files'
   * stamps are trusted without a stat, and the last scan of the folders is kept when these paths
   * are all files it found. Null: every file is checked and the folders are read again.
   */
  suspects: ReadonlySet<string> | null = null;
  /** Stats of source files taken at the start of this build (see `stampSources`), used instead of a second stat. */
  statted: ReadonlyMap<string, FileStat> | null = null;
  private lastScan: { root: string; scan: ScanResult; known: Set<string> } | null = null;
  /** The last build's site model, which a rebuild that moved no article takes over (see `collectSite`). */
  collected: CollectMemo | null = null;
  /** What the render stage of the last build did: pages and files rendered anew versus reused (the article stage counts its own, `BuildStats.parsed`). */
  stats = { pagesRendered: 0, pagesReused: 0, filesRendered: 0, filesReused: 0 };

  /** The caches of the site's other languages, by code: what each language's stages keep (see `language`). */
  readonly languages = new Map<string, BuildCache>();

  /**
   * The cache of another language of the site: its articles, pages and search index are its own;
   * it shares this cache's photo files (whose names hold their content's hash).
   */
  language(code: string): BuildCache {
    let cache = this.languages.get(code);
    if (!cache) {
      cache = new BuildCache();
      cache.parent = this;
      this.languages.set(code, cache);
    }
    cache.photoFiles = this.photoFiles;
    cache.racyMs = this.racyMs;
    cache.suspects = this.suspects;
    cache.statted = this.statted;
    cache.keepHtml = this.keepHtml;
    return cache;
  }

  /** The default language's cache, for a language's cache (see `language`). */
  private parent: BuildCache | null = null;

  /** Starts a build: forgets everything when the config changed, and what the last build did not use. */
  begin(config: SiteConfig): void {
    this.useConfig(config);
    this.articles = this.seenArticles;
    this.seenArticles = new Map();
    this.pageSources = this.seenPageSources;
    this.seenPageSources = new Map();
    this.photoInfos = this.seenPhotoInfos;
    this.seenPhotoInfos = new Map();
    this.usedPhotoFiles = new Set();
    this.photoSources = new Set();
    this.stats = { pagesRendered: 0, pagesReused: 0, filesRendered: 0, filesReused: 0 };
  }

  /**
   * The content hash of a source file, from its stat (size, times, inode) when that is the same as
   * when it was last hashed; otherwise the file is read, and its bytes are returned too.
   */
  hashSource(root: string, path: string): { hash: string; bytes?: Buffer } {
    const trusted = this.stamps.get(path);
    if (trusted && this.suspects && !this.suspects.has(path)) return { hash: trusted.hash };
    // Note: the full path is joined only when needed (joining one for each of 10,000 files took ~10 ms).
    const stat = this.statted?.get(path) ?? fileStat(statSync(join(root, path)));
    const stamp = stat.stamp;
    const known = this.stamps.get(path);
    if (known?.stamp === stamp) return { hash: known.hash };
    const bytes = readFileSync(join(root, path));
    const hash = contentHash(bytes);
    if (!(stat.racy ?? Date.now() - stat.ctimeMs <= this.racyMs)) this.stamps.set(path, { stamp, hash });
    else this.stamps.delete(path);
    return { hash, bytes };
  }

  /** The content hash of a photo (see `hashSource`), whose stamp the cache then keeps. */
  hashPhoto(root: string, path: string): { hash: string; bytes?: Buffer } {
    this.photoSources.add(path);
    return this.hashSource(root, path);
  }

  /** What an earlier build read of the photo with this key (this build then keeps it). */
  photoInfo(key: string): PhotoInfo | undefined {
    const info = this.seenPhotoInfos.get(key) ?? this.photoInfos.get(key);
    if (info) this.seenPhotoInfos.set(key, info);
    return info;
  }

  keepPhotoInfo(key: string, info: PhotoInfo): void {
    this.seenPhotoInfos.set(key, info);
  }

  photoFile(name: string): Uint8Array | undefined {
    return this.photoFiles.read(name);
  }

  keepPhotoFile(name: string, data: Uint8Array): void {
    this.photoFiles.write(name, data);
  }

  usePhotoFile(name: string): void {
    this.usedPhotoFiles.add(name);
    this.parent?.usePhotoFile(name);
  }

  /** Removes the kept photo files this build did not use (after a successful build). */
  sweepPhotoFiles(): void {
    // Note: a language's cache shares the default's photo files, which the default's sweeps (it knows every language's).
    if (this.parent) return;
    this.photoFiles.sweep(this.usedPhotoFiles);
  }

  /** The site's source files (from `fresh`, the scan of the folders), scanned again only when `suspects` may have changed them. */
  scan(root: string, fresh: (root: string) => ScanResult): ScanResult {
    const last = this.lastScan;
    const isKnownFile = (path: string) => last!.known.has(path) && statIfThere(join(root, path))?.isFile() === true;
    const touchesFolders = (path: string) => path.startsWith('content/') || path.startsWith('static/');
    if (last?.root === root && this.suspects && [...this.suspects].every((p) => !touchesFolders(p) || isKnownFile(p))) return last.scan;
    const scan = fresh(root);
    this.lastScan = { root, scan, known: new Set([...scan.files.articles, ...scan.files.pages, ...scan.files.assets, ...scan.files.statics]) };
    return scan;
  }

  /** The last build's result for the source at `path`, when its bytes hash the same (this build then uses it). */
  find(path: string, hash: string): StoredResult | undefined {
    const entry = this.articles.get(path);
    if (entry?.hash !== hash) return undefined;
    this.seenArticles.set(path, entry);
    return entry.result;
  }

  /** Keeps the result this build made of a source (its body moved to disk, when `bodies` is set). */
  keep(path: string, hash: string, result: ArticleResult): StoredResult {
    const kept = this.bodies ? { diagnostics: result.diagnostics, article: result.article && this.bodies.detach(result.article) } : result;
    this.seenArticles.set(path, { hash, result: kept });
    return kept;
  }

  /**
   * Where the bodies of articles are kept out of memory (a cache on disk, see `CacheStore`); null
   * in memory (`serve`), where an article keeps its own.
   */
  bodies: ArticleBodies | null = null;

  /** An article's body HTML or plain text. */
  body(article: ArticleMeta, part: 'html' | 'text'): string {
    return this.bodies ? this.bodies.body(article, part) : ((article as Article)[part] ?? '');
  }

  /**
   * Starts the render stage: fingerprints every template with what it includes. `shared` is the
   * key of what all pages share: while it stays the same, a page whose template and `parts` are
   * the same as last build's is reused without its key being made.
   */
  beginRender(templatesDir: string, shared: string): void {
    this.lastPrints = this.fingerprints;
    this.fingerprints = templateFingerprints(templatesDir);
    this.sameShared = shared === this.shared;
    this.shared = shared;
    this.pages = this.seenPages;
    this.seenPages = new Map();
    this.pending.clear();
    this.pendingFiles.clear();
  }

  private shared = '';
  private sameShared = false;

  /**
   * The HTML of a page whose template and data (or the key its data is a pure function of) are
   * unchanged since it was last rendered, `KEEP` when only its key is known (a cache loaded from
   * disk: the previous output file is the page), or undefined. `key` is called only when `parts`
   * (what the page is made of besides the build's shared context) do not show the page unchanged.
   */
  reuse(output: string, template: string, key: () => unknown, lookup: ReferenceLookup, parts?: () => string, sameParts = false): string | typeof KEEP | undefined {
    const print = this.fingerprints.get(template) ?? '';
    const entry = this.pages.get(output);
    // Note: parts known to be the last build's (`sameParts`, see `PagePlan.shows`) need not be made
    // and hashed again, when the template is the one they were hashed with.
    if (sameParts && this.sameShared && entry?.fast !== undefined && this.lastPrints.get(template) === print) return this.reused(output, template, entry);
    // Note: in memory (`serve`) a text is its own key; hashing it only saves room on disk.
    const fast = parts === undefined ? undefined : this.keepHtml ? `${print}\0${parts()}` : sha1(`${print}\0${parts()}`);
    if (fast !== undefined && this.sameShared && entry?.fast === fast) return this.reused(output, template, entry);
    // Note: resolving the references inside the data makes a moved link target change the key.
    const text = `${template}\0${print}\0${resolveReferences(JSON.stringify(key()) ?? '', lookup)}`;
    const full = this.keepHtml ? text : sha1(text);
    if (entry?.key === full) return this.reused(output, template, { ...entry, fast });
    this.pending.set(output, { key: full, fast });
    if (template === FILE) this.pendingFiles.add(output);
    return undefined;
  }

  private reused(output: string, template: string, entry: PageEntry): string | typeof KEEP {
    this.seenPages.set(output, entry);
    if (template === FILE) this.stats.filesReused++;
    else this.stats.pagesReused++;
    return entry.html ?? KEEP;
  }

  /** Remembers a freshly rendered page under the key `reuse` computed for it. */
  store(output: string, html: string): void {
    const entry = this.pending.get(output);
    if (entry === undefined) return;
    this.pending.delete(output);
    this.seenPages.set(output, this.keepHtml ? { ...entry, html } : entry);
    if (this.pendingFiles.delete(output)) this.stats.filesRendered++;
    else this.stats.pagesRendered++;
  }

  /** The digest of the output paths the last render claimed without a collision (see `PageStore.claimed`). */
  claimed: string | null = null;

  /** The result the last build made of a page file with these bytes (see `PageSourceStore`). */
  pageSource(path: string, hash: string): PageResult | undefined {
    const entry = this.pageSources.get(path);
    return entry?.hash === hash ? entry.result : undefined;
  }

  /** Keeps a page file's result for the next build. */
  keepPageSource(path: string, hash: string, result: PageResult): void {
    this.seenPageSources.set(path, { hash, result });
  }

  /** The search index the last build wrote, so an unchanged one can be kept. */
  searchIndex: SearchIndexState | null = null;

  /** The build id of the output the page keys describe (see `DiskWriter.buildId`). */
  outputId: string | null = null;

  /** Forgets page keys (and the search index) when the output is not the one they describe. */
  trustOutput(id: string | null): void {
    for (const cache of this.languages.values()) cache.trustOutput(id);
    if (id !== null && id === this.outputId) return;
    this.seenPages.clear();
    this.searchIndex = null;
  }

  /** Marks the page keys as describing the output `id` (this cache's and its languages'). */
  describeOutput(id: string | null): void {
    this.outputId = id;
    for (const cache of this.languages.values()) cache.describeOutput(id);
  }

  /** What the render stage did in this build, in every language (see `stats`). */
  renderStats(): BuildCache['stats'] {
    const total = { ...this.stats };
    for (const cache of this.languages.values()) {
      for (const key of Object.keys(total) as (keyof BuildCache['stats'])[]) total[key] += cache.stats[key];
    }
    return total;
  }

  /** Whether page HTML is kept in memory (serve) or only page keys (a build with a disk cache). */
  keepHtml = true;

  /** A snapshot to persist: the config key, article results and page keys of the last build. */
  snapshot(): CacheSnapshot {
    const pages = new Map<string, PageKeys>();
    for (const [output, e] of this.seenPages) pages.set(output, e.html === undefined ? e : { key: e.key, fast: e.fast });
    const stamps = new Map<string, StampEntry>();
    for (const [path, stamp] of this.stamps) if (this.seenArticles.has(path) || this.photoSources.has(path)) stamps.set(path, stamp);
    return {
      configKey: this.configKey,
      articles: new Map(this.seenArticles),
      pageSources: [...this.seenPageSources],
      photos: [...this.seenPhotoInfos],
      pages,
      shared: this.shared,
      prints: [...this.fingerprints],
      stamps,
      searchIndex: this.searchIndex,
      outputId: this.outputId,
      claimed: this.claimed,
      collected: this.collected && storedMemo(this.collected),
    };
  }

  /** Restores a snapshot (from `snapshot`, read back from disk). */
  restore(s: CacheSnapshot): void {
    this.configKey = s.configKey;
    this.seenArticles = new Map(s.articles);
    this.seenPageSources = new Map(s.pageSources);
    this.seenPhotoInfos = new Map(s.photos);
    // Note: entries are shared with the snapshot; a build replaces an entry, never changes it.
    this.seenPages = new Map(s.pages);
    this.shared = s.shared;
    this.fingerprints = new Map(s.prints);
    this.stamps = new Map(s.stamps);
    this.searchIndex = s.searchIndex;
    this.outputId = s.outputId;
    this.claimed = s.claimed;
    this.collected = s.collected ? memoFrom(s.collected, this.seenArticles) : null;
  }

  /** Whether the cache was made with this config. */
  knows(config: SiteConfig): boolean {
    return JSON.stringify(config) === this.configKey;
  }

  /** Forgets everything cached when the config is not the one the cache was made with. */
  useConfig(config: SiteConfig): void {
    const key = JSON.stringify(config);
    if (key !== this.configKey) {
      this.seenArticles.clear();
      this.seenPages.clear();
      this.seenPageSources.clear();
      this.collected = null;
      this.configKey = key;
    }
  }

  /** Forgets an article's result (one found unsound after the build used it), so the next build parses it again. */
  forget(path: string): void {
    this.seenArticles.delete(path);
  }

  /** The article this build took for a source (parsed, or from the cache), once it took one. */
  usedArticle(path: string): StoredResult['article'] | undefined {
    return this.seenArticles.get(path)?.result.article;
  }

}

/** An article's entry: the content hash of its source and the result made of it. */
export interface ArticleEntry {
  hash: string;
  result: StoredResult;
}

/** Article bodies kept out of memory: `detach` moves a fresh article's there, `body` reads one back. */
export interface ArticleBodies {
  detach(article: Article): ArticleMeta;
  body(article: ArticleMeta, part: 'html' | 'text'): string;
}

/** A page's key and fast key, as a snapshot keeps them. */
export interface PageKeys {
  key: string;
  /** The template's fingerprint and the page's parts (see `PagePlan.parts`), hashed on disk. */
  fast?: string;
}

interface PageEntry extends PageKeys {
  html?: string;
}

/** A source file's stamp and the content hash it was last seen with. */
export interface StampEntry {
  stamp: string;
  hash: string;
}

// Note: crypto.hash, one call without a Hash object, takes half the time of createHash for short texts (13,000 page keys a build).
function sha1(text: string): string {
  return hashOf('sha1', text, 'hex');
}

/**
 * What a cache holds between processes. Note: its tables are Maps, which a snapshot file holds as
 * they are: read back, they need no entry copied into another shape.
 */
export interface CacheSnapshot {
  configKey: string;
  articles: Map<string, ArticleEntry>;
  /** Page results (`content/pages/`, tens of them: kept whole, not as a table of changes). */
  pageSources: [string, PageSourceEntry][];
  /** What the photo stage read of each photo, by its key (hundreds or thousands: kept whole). */
  photos: [string, PhotoInfo][];
  /** Each page's key and fast key (see `reuse`), by output path. */
  pages: Map<string, PageKeys>;
  /** The key of what all pages shared (see `beginRender`). */
  shared: string;
  /** The templates' fingerprints the page keys were made with. */
  prints: [string, string][];
  /** Stat stamps and content hashes of source files (see `hashFile`). */
  stamps: Map<string, StampEntry>;
  searchIndex: SearchIndexState | null;
  outputId: string | null;
  /** See `BuildCache.claimed`. */
  claimed: string | null;
  /** The last build's site model (see `BuildCache.collected`), articles by path. */
  collected: StoredMemo | null;
}

/** A page file's result with the hash of the bytes it was made of. */
export interface PageSourceEntry {
  hash: string;
  result: PageResult;
}

/** A collect memo as a snapshot holds it: published articles by source path, in the model's order. */
export interface StoredMemo {
  setup: string;
  order: string[];
  taxonomies: SiteModel['taxonomies'];
  archives: SiteModel['archives'];
  sections: SiteModel['sections'];
  /** The URL map's entries for pages (the articles' follow from the articles). */
  pageUrls: [string, string][];
  diagnostics: Diagnostic[];
  unpublished: string[];
  /** The documents of the build, published or not, by source path (see `CollectMemo.documents`). */
  documents: string[];
}

function storedMemo(memo: CollectMemo): StoredMemo {
  const { setup, site, diagnostics, order, unpublished } = memo;
  const articleUrls = new Set(order.keys());
  const pageUrls = [...site.urlBySource].filter(([source]) => !articleUrls.has(source));
  return { setup, order: [...order.keys()], taxonomies: site.taxonomies, archives: site.archives, sections: site.sections, pageUrls, diagnostics, unpublished: [...unpublished], documents: [...(memo.documents?.keys() ?? [])] };
}

/**
 * The collect memo of a snapshot, with the cached articles in their places; null when one of
 * them is not cached (the next build then collects from scratch).
 */
function memoFrom(stored: StoredMemo, entries: ReadonlyMap<string, ArticleEntry>): CollectMemo | null {
  const articles: SiteModel['articles'] = [];
  for (const path of stored.order) {
    const article = entries.get(path)?.result.article;
    if (!article) return null;
    articles.push(article);
  }
  return {
    setup: stored.setup,
    // Note: the pages themselves are read on every build, and `collectSite` puts them in.
    site: { articles, taxonomies: stored.taxonomies, urlBySource: new Map([...articles.map((a): [string, string] => [a.sourcePath, a.url]), ...stored.pageUrls]), pages: [], archives: stored.archives, sections: stored.sections, documents: { section: null, list: [], byNumber: new Map(), cited: new Map(), changesAt: null } },
    diagnostics: stored.diagnostics,
    order: new Map(stored.order.map((path, i) => [path, i])),
    unpublished: new Set(stored.unpublished),
    ...documentsFrom(stored.documents ?? [], entries),
  };
}

/** The documents of a stored memo, when every one is cached (else none: the next build sees them all as changed). */
function documentsFrom(paths: readonly string[], entries: ReadonlyMap<string, ArticleEntry>): { documents?: Map<string, ArticleMeta> } {
  const documents = new Map<string, ArticleMeta>();
  for (const path of paths) {
    const d = entries.get(path)?.result.article;
    if (!d) return {};
    documents.set(path, d);
  }
  return { documents };
}

