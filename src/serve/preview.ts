/**
 * The site as `serve` holds it: the last good build in memory, rebuilt incrementally on demand,
 * with the files each rebuild changed and the diagnostics of the latest attempt.
 */
import { createHash } from 'node:crypto';
import { BuildCache } from '../cache/build-cache.js';
import { basePath } from '../config.js';
import { startArticlePool } from '../content/article-pool.js';
import { BuildFailure, type Diagnostic } from '../messages.js';
import { buildSiteInSlices, resolveConfig, type BuildOptions, type BuildResult } from '../pipeline.js';
import { startPagePool } from '../render/page-pool.js';
import type { Writer } from '../write/writer.js';

/** What one rebuild did. */
export interface Rebuild {
  ok: boolean;
  /** Output files added, changed or removed (empty when the build failed). */
  changed: string[];
  diagnostics: Diagnostic[];
  ms: number;
  /** Articles parsed anew (none for a build that failed before its end), and the render stage's counts. */
  stats: BuildCache['stats'] & { parsed: number };
}

/** The served site: files of the last good build, their ETags, and the state of the latest build. */
export class PreviewSite {
  /** Files of the last successful build, by output path. */
  files = new Map<string, string | Uint8Array>();
  /** Diagnostics of the latest build (the site has errors when it failed). */
  diagnostics: Diagnostic[] = [];
  /** Whether the latest build succeeded. */
  ok = false;
  /** The base URL's path of the last good build, e.g. `/` or `/ban-tin/`. */
  base = '/';
  private readonly cache = new BuildCache();
  private readonly etags = new Map<string, string>();
  /** Files the search stage wrote last (kept across rebuilds until the next index replaces them). */
  private searchPaths = new Set<string>();
  private indexLater: BuildResult['indexLater'];
  private photosLater: BuildResult['photosLater'];
  private generation = 0;

  constructor(private readonly options: BuildOptions) {}

  /** Whether a build has succeeded yet (there is something to serve). */
  get ready(): boolean {
    return this.files.size > 0;
  }

  /**
   * Builds again, reusing what did not change; on failure the previous files stay. The build gives
   * the event loop a turn every few milliseconds, so the server keeps answering (with the previous
   * files) meanwhile; the caller runs one rebuild at a time. `changed`: the paths (relative to the
   * root) the watcher saw change since the last rebuild; without it every source file is checked.
   */
  async rebuild(changed?: readonly string[]): Promise<Rebuild> {
    this.building = true;
    try {
      return await this.build(changed);
    } finally {
      this.building = false;
    }
  }

  /** Whether a rebuild is running (the files served are still the previous build's). */
  building = false;

  private async build(changed?: readonly string[]): Promise<Rebuild> {
    const started = performance.now();
    const options = { ...this.options, now: this.options.now ?? Date.now() };
    const writer = new SnapshotWriter(this.files);
    // Note: with the watcher's list of changed paths, other files are trusted without a stat.
    this.cache.suspects = changed && this.ready ? new Set(changed) : null;
    let result;
    try {
      // Note: a rebuild that parses or renders many (the first build, a template or config change) does it on worker threads.
      result = await buildSiteInSlices({ ...options, pagePool: startPagePool, articlePool: startArticlePool, search: 'later' }, writer, this.cache);
    } catch (e) {
      // Note: a source removed while the article stage read it; the watcher's event for it builds again.
      if (!(e instanceof BuildFailure)) throw e;
      this.ok = false;
      this.diagnostics = e.diagnostics;
      return { ok: false, changed: [], diagnostics: e.diagnostics, ms: performance.now() - started, stats: { ...this.cache.renderStats(), parsed: 0 } };
    } finally {
      this.cache.suspects = null;
    }
    this.ok = result.ok;
    this.diagnostics = result.diagnostics;
    if (result.ok) {
      // Note: the search index is built after the pages (it takes longest); until then the last one stays.
      for (const path of this.searchPaths) {
        const previous = this.files.get(path);
        if (previous !== undefined && !writer.files.has(path)) writer.files.set(path, previous);
      }
      writer.changed = writer.changed.filter((path) => !this.searchPaths.has(path) || !writer.files.has(path) || writer.files.get(path) !== this.files.get(path));
      this.files = writer.files;
      this.generation++;
      this.indexLater = result.indexLater;
      this.photosLater = result.photosLater;
      for (const path of writer.changed) this.etags.delete(path);
      this.base = basePath(resolveConfig(this.options).config);
    }
    return { ok: result.ok, changed: result.ok ? writer.changed : [], diagnostics: result.diagnostics, ms: performance.now() - started, stats: { ...this.cache.renderStats(), parsed: result.stats.parsed } };
  }

  /**
   * Builds the search index of the latest good build, when its config enables search, and serves it.
   * Returns the files that changed and the stage's diagnostics; nothing when a newer build came first.
   */
  async indexSearch(): Promise<{ changed: string[]; diagnostics: Diagnostic[] }> {
    const indexLater = this.indexLater;
    this.indexLater = undefined;
    if (!indexLater) return { changed: [], diagnostics: [] };
    const generation = this.generation;
    const written = new Map<string, string | Uint8Array>();
    const collector: Writer = { write: (path, content) => void written.set(path, content), commit: () => ({ written: 0, reused: 0, removed: 0 }), abort() {} };
    const result = await indexLater(collector);
    if (generation !== this.generation || result.diagnostics.length) return { changed: [], diagnostics: result.diagnostics };
    const changed: string[] = [];
    for (const path of this.searchPaths) {
      if (!written.has(path) && this.files.delete(path)) changed.push(path);
    }
    for (const [path, content] of written) {
      if (!same(this.files.get(path), content)) changed.push(path);
      this.files.set(path, content);
    }
    this.searchPaths = new Set(written.keys());
    for (const path of changed) this.etags.delete(path);
    return { changed: changed.sort(), diagnostics: [] };
  }

  /**
   * Makes the photo files the latest good build left for later (with `photos: 'first'`, the sizes
   * but the smallest of a new photo) and serves them; returns the files added and the stage's
   * diagnostics. The caller runs it between rebuilds.
   */
  async makePhotos(): Promise<{ changed: string[]; diagnostics: Diagnostic[] }> {
    const later = this.photosLater;
    this.photosLater = undefined;
    if (!later) return { changed: [], diagnostics: [] };
    const written = new Map<string, string | Uint8Array>();
    const collector: Writer = { write: (path, content) => void written.set(path, content), commit: () => ({ written: 0, reused: 0, removed: 0 }), abort() {} };
    const result = await later(collector);
    for (const [path, content] of written) {
      this.files.set(path, content);
      this.etags.delete(path);
    }
    return { changed: [...written.keys()].sort(), diagnostics: result.diagnostics };
  }

  /** The ETag of a served file (a hash of its bytes), computed once per change. */
  etag(path: string): string | undefined {
    let tag = this.etags.get(path);
    if (tag === undefined) {
      const content = this.files.get(path);
      if (content === undefined) return undefined;
      tag = `"${createHash('sha1').update(content).digest('base64url').slice(0, 22)}"`;
      this.etags.set(path, tag);
    }
    return tag;
  }
}

/** A writer that builds the next snapshot of the files and notes which paths differ from the last. */
class SnapshotWriter implements Writer {
  files = new Map<string, string | Uint8Array>();
  changed: string[] = [];
  private pending = new Map<string, string | Uint8Array>();

  constructor(private readonly previous: Map<string, string | Uint8Array>) {}

  /** Whether each written path differs from the previous snapshot. */
  private differs = new Map<string, boolean>();

  // Note: compared as they are written (between the build's pauses), not all at once at commit.
  write(path: string, content: string | Uint8Array): void {
    this.pending.set(path, content);
    this.differs.set(path, !same(this.previous.get(path), content));
  }

  commit() {
    const changed = [...this.differs].filter(([, differs]) => differs).map(([path]) => path);
    const reused = this.differs.size - changed.length;
    const removed = [...this.previous.keys()].filter((path) => !this.pending.has(path));
    this.files = this.pending;
    this.changed = [...changed, ...removed].sort();
    this.pending = new Map();
    return { written: changed.length, reused, removed: removed.length };
  }

  abort(): void {
    this.pending = new Map();
    this.differs = new Map();
  }
}

function same(a: string | Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (a === b) return true;
  if (a === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return Buffer.from(a).equals(Buffer.from(b));
}
