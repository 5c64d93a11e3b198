/** `bantin build`: the site into its output folder, atomically. */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkOutputAside, readRecord, recordedArticles, recordedFiles, recordedOutput, sourceStats, stampSources, unchangedSince, writeRecord, type RecordOptions, type SourceStamps } from '../cache/build-record.js';
import { siteFolderProblems } from '../content/scan.js';
import { BuildFailure, describeError, faultDiagnostic, formatDiagnostic, hasErrors, type Diagnostic, type Io } from '../messages.js';
import { languageConfigs, loadConfigWithFlags, type SiteConfig } from '../config.js';
import { DiskWriter, outputBuildId } from '../write/disk-writer.js';
import { checkOutputFolder, notWritable } from '../write/output-paths.js';
import type { FileStat } from '../cache/stamps.js';
import type { BuildOptions } from '../pipeline.js';

/** Options of the build command. */
export interface BuildCommandOptions extends BuildOptions {
  /** Skip the build cache: neither read nor write it. */
  noCache?: boolean;
  /** Build every article and page that has no error, leaving out those that have (`--keep-going`): exit `EXIT_OMISSIONS`. */
  keepGoing?: boolean;
}

/** The exit code of a build that left files out for their errors (`--keep-going`), so CI tells it from success (0) and failure (1). */
export const EXIT_OMISSIONS = 3;

/** How many times a `--keep-going` build runs again without the files that failed (each may uncover more). */
const KEEP_GOING_ROUNDS = 5;

/**
 * The content files a failed build's errors are in, with their diagnostics, when every error is in
 * an article or page (`content/….md`); null when one is elsewhere (config, a template, a photo),
 * which leaving files out cannot fix.
 */
function leftOut(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> | null {
  const files = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  if (![...files].every((f) => /^content\/.+\.md$/i.test(f))) return null;
  const left = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) if (files.has(d.file)) left.set(d.file, [...(left.get(d.file) ?? []), d]);
  return left;
}

/**
 * A full garbage collection after every 2,000 pages rendered (`run`), and a young-generation one
 * (`young`, after each part of the cache's snapshot is written), asked of V8 through the flag that
 * exposes them (none where that is refused). Note: a long build's heap otherwise grows far beyond
 * what it keeps alive: at 50,000 articles, 1.6 GB at the end of rendering against about 0.7 GB
 * with these collections, which also made the build faster.
 */
function garbageCollections(): (NonNullable<BuildOptions['collect']> & { young: () => void }) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;
    return { every: 2000, run: () => gc(), young: () => gc({ type: 'minor' }) };
  } catch {
    return undefined;
  }
}

/** Runs a build and prints its diagnostics; returns the exit code. */
export async function runBuild(options: BuildCommandOptions, io: Io): Promise<number> {
  const root = resolve(options.root);
  const out = resolve(options.out ?? `${root}/dist`);
  // Note: a site that cannot be read, a refused output folder or a broken config stops the build
  // before anything is written (not even the root, a cache folder or a temporary folder).
  const early = siteFolderProblems(root);
  const refused = early.length ? null : checkOutputFolder(root, out, options.out === undefined ? undefined : '--out');
  if (refused) early.push(refused);
  const loaded = early.length ? null : loadConfigWithFlags({ ...options, root });
  if (loaded) early.push(...loaded.diagnostics);
  if (!loaded || hasErrors(early)) {
    for (const d of early) io.err(formatDiagnostic(d));
    io.err(`build failed: ${early.filter((d) => d.severity === 'error').length} error(s); the previous output was left as it was`);
    return 1;
  }
  const started = performance.now();
  const now = options.now ?? Date.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(2);
  const recordOptions: RecordOptions = { out, drafts: options.drafts, future: options.future, expired: options.expired, baseUrl: options.baseUrl };
  const { config } = loaded;
  let cacheDir = options.noCache ? null : openCacheFolder(root, config.cacheDir, io);
  const record = cacheDir === null ? null : readRecord(root, cacheDir, recordOptions, (why) => io.err(`warning: the build record in ${cacheDir}/ is not used: ${why}; it is written again [cache-ignored]`));
  // Note: the output's folders are checked on another thread while this one stamps the sources
  // (then, when they are unchanged, helps with the check; when not, loads the cache).
  const output = checkOutputAside(cacheDir === null ? null : record, out, outputBuildId(out));
  const sources = cacheDir === null ? null : stampCacheSources(root, cacheDir, io);
  if (!sources) cacheDir = null;
  const unchanged = cacheDir === null ? null : await unchangedSince(record, sources, join(root, cacheDir), output, now);
  if (unchanged) {
    // Note: what the last build printed, as it printed it (warnings included).
    for (const line of unchanged.messages) io.err(line);
    io.out(`built ${unchanged.articles} articles, ${documentsCount(unchanged.documents)}${unchanged.pages} pages into ${out} in ${seconds()} s (0 files written, ${unchanged.files} unchanged, 0 removed; nothing changed since the last build)`);
    if (unchanged.search !== null) io.out(`search index: ${unchanged.search} pages, unchanged`);
    return 0;
  }

  // Note: a record of other options (not used above) still tells how many articles were published.
  const previousArticles = cacheDir === null ? undefined : (record?.summary.articles ?? recordedArticles(root, cacheDir) ?? undefined);
  // Note: the pipeline is loaded only for a build that has work to do.
  const [{ buildSiteWithSearch }, { startPagePool }, { startArticlePool }] = await Promise.all([
    import('../pipeline.js'),
    import('../render/page-pool.js'),
    import('../content/article-pool.js'),
  ]);
  const failed = (e: unknown) => {
    if (!(e instanceof BuildFailure)) throw e;
    for (const d of e.diagnostics) io.err(formatDiagnostic(d));
    io.err(`build failed: ${e.diagnostics.length} error(s); the previous output was left as it was`);
    return 1;
  };
  const collect = garbageCollections();
  let cache;
  try {
    cache = cacheDir === null ? null : await openCache(root, config, io, sources ? sourceStats(sources) : undefined, collect?.young);
  } catch (e) {
    return failed(e);
  }
  let checked: typeof record = null;
  const held = cacheDir !== null && (await output.holds);
  const attempt = async (omit: ReadonlySet<string>) => {
    const writer = new DiskWriter(out, (recovered) => {
      // Note: a killed build recovered just now, or a build waited for, changed the output after it was checked.
      const holding = recovered ? recordedOutput(record, out, outputBuildId(out)) : held && record ? recordedFiles(record) : null;
      if (holding) checked = record;
      return holding;
    });
    // Note: page keys describe one output; another (--out, a --no-cache build, one a concurrent build made) starts afresh.
    cache?.cache.trustOutput(outputBuildId(out));
    try {
      const onPages = process.stderr.isTTY ? progressLine('writing pages') : undefined;
      const onArticles = process.stderr.isTTY ? progressLine('parsing articles') : undefined;
      const run = { ...options, root, now, previousArticles, collect, pagePool: startPagePool, articlePool: startArticlePool, onPages, onArticles, omit };
      return { writer, result: await buildSiteWithSearch(run, writer, cache?.cache) };
    } catch (e) {
      // Note: a fault (disk full) must not be hidden by one of the clean-up (a commit had moved the folder).
      tryTo(() => writer.abort());
      return { writer, fault: e };
    }
  };
  // Note: with --keep-going, a build that failed only in content files is run again without them
  // (the cache makes the next run cheap), until one succeeds or fails for another cause.
  const omitted = new Map<string, Diagnostic[]>();
  let made = await attempt(new Set());
  for (let round = 0; options.keepGoing && made.result && !made.result.ok && round < KEEP_GOING_ROUNDS; round++) {
    const left = leftOut(made.result.diagnostics);
    if (!left) break;
    for (const [file, diagnostics] of left) omitted.set(file, diagnostics);
    made = await attempt(new Set(omitted.keys()));
  }
  if (!made.result) return failed(made.fault);
  const { writer, result } = made;
  if (result.ok && cache?.save) {
    // Note: a build that changed nothing (no article parsed, no page rendered, the same output) leaves the cache as it was.
    const id = outputBuildId(out);
    const s = cache.cache.renderStats();
    const idle = result.stats.parsed === 0 && s.pagesRendered === 0 && s.filesRendered === 0 && result.stats.written === 0 && result.stats.removed === 0 && id === cache.cache.outputId;
    if (!idle) {
      cache.cache.describeOutput(id);
      // Note: what rendering left behind (plans, page data) is collected before the cache is
      // serialized beside it: after a cold build at 100,000 articles, the two together made the
      // build's peak.
      if (collect && s.pagesRendered >= collect.every) collect.run();
      // Note: the output is complete; a cache that cannot be saved only makes the next build slower.
      const saved = tryTo(cache.save);
      if (saved !== true) io.err(`warning: the build cache in ${cacheDir}/ could not be saved (${saved}) [cache-ignored]`);
    }
  }
  const redone = cache?.redone() ?? 0;
  if (redone) {
    io.err(`warning: the build cache in ${cacheDir}/ had lost or damaged the bodies of ${redone} article(s); they were parsed again [cache-ignored]`);
  }
  for (const d of [...omitted.values()].flat()) io.err(formatDiagnostic(d));
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`build failed: ${errors} error(s); the previous output was left as it was`);
    return 1;
  }
  const s = result.stats;
  const { model } = result;
  const renderStats = cache?.cache.renderStats();
  const rendered = cache?.save && renderStats ? `, ${renderStats.pagesRendered} pages rendered, ${renderStats.pagesReused} reused` : '';
  const parsed = cache?.save ? `, ${s.parsed} articles parsed, ${s.fromStore} from cache` : '';
  io.out(`built ${s.articles} articles, ${documentsCount(model?.site.documents.list.length)}${s.pages} pages into ${out} in ${seconds()} s (${s.written} files written, ${s.reused} unchanged, ${s.removed} removed${parsed}${rendered})`);
  if (s.photos) {
    const { photos, files, encoded, fromStore } = s.photos;
    io.out(`photos: ${photos} published, ${files} files (${encoded} encoded, ${fromStore} from the cache, ${files - encoded - fromStore} unchanged)`);
  }
  if (s.search) io.out(s.search.kept ? `search index: ${s.search.pages} pages, unchanged` : `search index: ${s.search.pages} pages, ${s.search.files} files, ${formatBytes(s.search.bytes)}`);
  if (omitted.size) {
    // Note: no build record: the next build must not say "nothing changed" of a site built with omissions.
    for (const [file, diagnostics] of omitted) io.err(`left out ${file} (${diagnostics.filter((d) => d.severity === 'error').length} error(s))`);
    io.err(`built with omissions: ${omitted.size} file(s) left out for their errors; fix them and build again (exit code ${EXIT_OMISSIONS})`);
    return EXIT_OMISSIONS;
  }
  const outputId = outputBuildId(out);
  if (cacheDir !== null && sources && outputId !== null && model) {
    // Note: the record only saves work; a record that cannot be written leaves a build from scratch next time.
    const dir = cacheDir;
    const written = tryTo(() => writeRecord(root, dir, {
      options: recordOptions,
      sources,
      outputId,
      files: writer.files(),
      checked,
      changed: writer.changed,
      published: writer.published,
      expires: [options.future ? null : nextPublication(model.languages.flatMap((m) => m.articles), now), ...model.languages.map((m) => m.site.documents.changesAt)].reduce(earliest, null),
      summary: {
        articles: s.articles,
        documents: model.site.documents.list.length,
        pages: s.pages,
        files: s.written + s.reused,
        search: s.search ? s.search.pages : null,
        messages: result.diagnostics.map(formatDiagnostic),
      },
    }));
    if (written !== true) io.err(`warning: the build record in ${cacheDir}/ could not be written (${written}) [cache-ignored]`);
  }
  return 0;
}

/**
 * The cache folder, or null, with a warning, when it cannot be used: it is not a folder or cannot
 * be written. Note: the cache only saves work, so a build goes on without it.
 */
function openCacheFolder(root: string, cacheDir: string, io: Io): string | null {
  const dir = join(root, cacheDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    io.err(`warning: ${cacheDir} is not a folder, so the build cache is not used; remove it or set another cacheDir in the config [cache-ignored]`);
    return null;
  }
  const unwritable = notWritable(existsSync(dir) ? dir : root);
  if (unwritable) {
    io.err(`warning: ${cacheDir} cannot be written (${unwritable}), so the build cache is not used; make it writable or set another cacheDir in the config [cache-ignored]`);
    return null;
  }
  return cacheDir;
}

/**
 * The stamps of the sources, taken with the cache folder's clock, or null, with a warning, when
 * writing into the cache folder failed (then the cache is not used).
 */
function stampCacheSources(root: string, cacheDir: string, io: Io): SourceStamps | null {
  try {
    return stampSources(root, cacheDir);
  } catch (e) {
    if (!faultDiagnostic(e)) throw e;
    io.err(`warning: the build cache in ${cacheDir}/ is not used: ${describeError(e)} [cache-ignored]`);
    return null;
  }
}

/** True when `f` ran, else the message of what it threw. */
function tryTo(f: () => void): true | string {
  try {
    f();
    return true;
  } catch (e) {
    return describeError(e);
  }
}

/** When the clock next changes the site (ms since the epoch): an article dated after `now` gets published, or one expires; null when none does. */
function nextPublication(articles: readonly { date: { epoch: number }; expires: { epoch: number } | null }[], now: number): number | null {
  let next: number | null = null;
  for (const a of articles) {
    // Note: an article's expiry (`expires`) changes the site as its publication does.
    for (const at of [a.date.epoch, a.expires?.epoch ?? 0]) if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}

/** "9 documents, " for the build's summary line; nothing for a site without a registry. */
function documentsCount(count: number | undefined): string {
  return count ? `${count} documents, ` : '';
}

/** The earlier of two instants that may be unknown (null). */
function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Opens the site's build cache and loads what the last build left in it (a warning when it could
 * not). `statted`: the stats of the sources taken with the cache folder's clock (see `stampSources`);
 * `afterPart`, run after each part of the snapshot is written (see `StoreOptions`).
 */
async function openCache(root: string, config: SiteConfig, io: Io, statted?: ReadonlyMap<string, FileStat>, afterPart?: () => void) {
  const [{ BuildCache }, { openCacheStore }, { processArticle }] = await Promise.all([import('../cache/build-cache.js'), import('../cache/store.js'), import('../content/article.js')]);
  const cache = new BuildCache();
  // Note: each other language's cache is kept in a folder of its own (`languages/en/`), its photo files with the default's.
  const stores = languageConfigs(config).map((own, i) => {
    const part = i === 0 ? cache : cache.language(own.language);
    // Note: an article whose body the cache lost is parsed again by the article stage, handed in here.
    const store = openCacheStore(root, i === 0 ? config.cacheDir : `${config.cacheDir}/languages/${own.language}`, (path, bytes) => processArticle(path, bytes, own).article, { afterPart });
    part.keepHtml = false;
    const warning = store.load(part);
    if (warning) io.err(`warning: ${warning} [cache-ignored]`);
    part.useConfig(own);
    part.statted = statted ?? null;
    return { part, store };
  });
  // Note: the articles whose bodies were parsed again, known once the build has run.
  const redone = () => stores.reduce((n, { store }) => n + store.redone.size, 0);
  return { cache, save: () => stores.forEach(({ part, store }) => store.save(part)), redone };
}

/** A terminal progress line for a long stage: done/total and the time left at the current rate, from its first report. */
function progressLine(label: string) {
  let first: { at: number; done: number } | null = null;
  return (done: number, total: number) => {
    first ??= { at: performance.now(), done };
    if (done % 50 !== 0 && done !== total) return;
    const elapsed = (performance.now() - first.at) / 1000;
    const left = done > first.done ? Math.round((elapsed / (done - first.done)) * (total - done)) : 0;
    const eta = done === total ? 'done' : `about ${left} s left`;
    process.stderr.write(`\r${label}: ${done}/${total} (${eta})\x1b[K${done === total ? '\n' : ''}`);
  };
}
