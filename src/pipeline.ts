/**
 * The build recipe: config → scan → articles → collect → assets → render → write. Each line is a stage;
 * all diagnostics of a stage are gathered before the build stops.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectSite, type SiteModel } from './collect.js';
import { loadConfigWithFlags, type SiteConfig } from './config.js';
import type { BuildCache } from './cache/build-cache.js';
import { planAssets } from './content/assets.js';
import { processArticle } from './content/article.js';
import { scanSources, type SourceFiles } from './content/scan.js';
import { flagError, hasErrors, sortDiagnostics, type Diagnostic } from './messages.js';
import { PAUSE_EVERY, renderSite, type PagePoolStarter, type Step } from './render/site.js';
import { writeSearchIndex, type SearchIndexStats } from './search/search-index.js';
import type { Article } from './types.js';
import type { Writer } from './write/writer.js';

/** What a build is asked to do. */
export interface BuildOptions {
  root: string;
  drafts?: boolean;
  future?: boolean;
  /** Overrides the config's base URL (`--base-url`, checked like the key). */
  baseUrl?: string;
  /**
   * The output folder as given by `--out` (relative to the working folder); absent for the
   * default `<root>/dist`. The cache folder must not overlap it.
   */
  out?: string;
  /**
   * How many articles the site's last build published (`build`, from its record): a build that
   * would publish none then fails [empty-site], unless `allowEmpty`.
   */
  previousArticles?: number;
  /** Lets a build publish no article even when the last one published some (`--allow-empty`). */
  allowEmpty?: boolean;
  /** Build time in ms since the epoch (defaults to now); decides which articles are future. */
  now?: number;
  /**
   * Something to run (a full garbage collection) after every `every` pages rendered, to keep a long
   * build's memory near what it holds alive (`build`); off by default, as a collection pauses
   * everything else (`serve`).
   */
  collect?: { every: number; run: () => void };
  /**
   * Starts worker threads to render pages on when a build has many to render (`build`, `serve`);
   * `buildSite`, which runs its steps at once, does not use it.
   */
  pagePool?: PagePoolStarter;
  /** Told how many pages are done out of how many, while a page pool renders them (a progress line). */
  onPages?: (done: number, total: number) => void;
}

/** What a build did. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  ok: boolean;
  stats: { articles: number; pages: number; written: number; reused: number; removed: number; search?: SearchIndexStats };
  /** What the build read, for `check`'s own rules; absent when the config could not be loaded. */
  model?: BuildModel;
}

/** The config, source files, valid articles, site model and published files of a build. */
export interface BuildModel {
  config: SiteConfig;
  files: SourceFiles;
  articles: Article[];
  site: SiteModel;
  /** The files under `content/` that are published (see `planAssets`). */
  assets: string[];
}

/** Loads the config with command-line overrides applied, each checked like the config's own key. */
export function resolveConfig(options: BuildOptions): { config: SiteConfig; diagnostics: Diagnostic[] } {
  return loadConfigWithFlags(options);
}

/**
 * Builds the site into the writer; on any error nothing is committed. A `cache` kept between
 * calls (by `serve`) makes a rebuild redo only what changed, with the same output.
 */
export function buildSite(options: BuildOptions, writer: Writer, cache?: BuildCache): BuildResult {
  return finishBuild(drain(runStages({ ...options, pagePool: undefined }, writer, cache)), writer);
}

/**
 * Builds like `buildSite`, giving the event loop a turn every `sliceMs` of work, so a process that
 * also answers requests (`serve`) keeps answering while a large site rebuilds.
 */
export async function buildSiteInSlices(options: BuildOptions, writer: Writer, cache?: BuildCache, sliceMs = 10): Promise<BuildResult> {
  const steps = runStages(options, writer, cache);
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    // Note: while pages are rendered on other threads, the event loop turns too.
    if (step.value) await step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return finishBuild(step.value, writer);
}

/**
 * Builds the site like `buildSite`, plus its search index (when `search.enabled`), which is
 * written before the commit so it appears together with the pages or not at all.
 */
export async function buildSiteWithSearch(options: BuildOptions, writer: Writer, cache?: BuildCache): Promise<BuildResult> {
  const run = await drainAwaiting(runStages(options, writer, cache));
  if (run.model?.config.search.enabled && !hasErrors(run.diagnostics)) {
    const bySource = new Map(run.model.articles.map((a) => [a.sourcePath, a]));
    const search = await writeSearchIndex(
      { config: run.model.config, site: run.model.site, text: (a) => bySource.get(a.sourcePath)?.text ?? '', previous: cache?.searchIndex },
      writer,
    );
    if (cache) cache.searchIndex = search.state ?? null;
    run.diagnostics.push(...search.diagnostics);
    run.stats.search = search.stats;
  }
  return finishBuild(run, writer);
}

interface StagesRun {
  diagnostics: Diagnostic[];
  stats: BuildResult['stats'];
  model?: BuildModel;
}

function finishBuild(run: StagesRun, writer: Writer): BuildResult {
  const sorted = sortDiagnostics(run.diagnostics);
  const ok = !hasErrors(sorted);
  if (ok) Object.assign(run.stats, writer.commit());
  else writer.abort();
  return { diagnostics: sorted, ok, stats: run.stats, ...(run.model ? { model: run.model } : {}) };
}

/** Runs a build's steps to the end at once (with no page pool, no step is work in flight). */
function drain<T>(steps: Generator<Step, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Runs a build's steps to the end, awaiting the work in flight a step yields. Note: that work
 * never rejects; a failure of it is thrown inside the steps, which stop their workers.
 */
async function drainAwaiting<T>(steps: Generator<Step, T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    if (step.value) await step.value;
    step = steps.next();
  }
  return step.value;
}

/**
 * The stages, as steps: the build pauses (yields) after each article it parses and page it renders,
 * and after every `PAUSE_EVERY` taken from the cache.
 */
function* runStages(options: BuildOptions, writer: Writer, cache?: BuildCache): Generator<Step, StagesRun> {
  const stats: BuildResult['stats'] = { articles: 0, pages: 0, written: 0, reused: 0, removed: 0 };
  const diagnostics: Diagnostic[] = [];

  const { config, diagnostics: configProblems } = resolveConfig(options);
  diagnostics.push(...configProblems);
  if (hasErrors(diagnostics)) return { diagnostics, stats };

  const { files, diagnostics: scanProblems } = cache ? cache.scan(options.root) : scanSources(options.root);
  diagnostics.push(...scanProblems);

  cache?.begin(config);
  const articles: Article[] = [];
  let step = 0;
  for (const path of files.articles) {
    const parsed = cache?.stats.articlesProcessed;
    const result = cache ? cache.articleFile(options.root, path, config) : processArticle(path, readFileSync(join(options.root, path)), config);
    diagnostics.push(...result.diagnostics);
    if (result.article) articles.push(result.article);
    const made = !cache || cache.stats.articlesProcessed !== parsed;
    if (made || ++step % PAUSE_EVERY === 0) yield;
  }

  const valid = new Set(articles.map((a) => a.sourcePath));
  const failed = files.articles.filter((path) => !valid.has(path));
  const publish = { drafts: options.drafts ?? false, future: options.future ?? false, now: options.now ?? Date.now(), failed };
  const { site, diagnostics: collectProblems, memo, changed } = collectSite(articles, config, publish, cache?.collected ?? undefined);
  if (cache) cache.collected = memo;
  diagnostics.push(...collectProblems);
  stats.articles = site.articles.length;
  const previous = options.previousArticles ?? 0;
  if (site.articles.length === 0 && previous > 0 && !options.allowEmpty && !hasErrors(diagnostics)) {
    diagnostics.push(flagError('content', 'empty-site', `no article to publish, while the last build published ${previous}; check that content/ is complete, or build with --allow-empty to publish an empty site`));
  }
  const assets = planAssets(files.assets, site.articles, config);
  diagnostics.push(...assets.diagnostics);
  const model: BuildModel = { config, files, articles, site, assets: assets.publish };

  // Note: bodies are read when a page needs them (a disk cache keeps them out of memory).
  const bySource = new Map(articles.map((a) => [a.sourcePath, a]));
  const rendered = yield* renderSite({ root: options.root, config, site, files, assets: assets.publish, body: (a) => bySource.get(a.sourcePath)?.html ?? '', pages: cache?.keepsPages ? cache : undefined, changed, collect: options.collect, pagePool: options.pagePool, onPages: options.onPages }, writer);
  diagnostics.push(...rendered.diagnostics);
  stats.pages = rendered.pages;
  return { diagnostics, stats, model };
}
