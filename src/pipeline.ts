/**
 * The build recipe: config → scan → articles and pages → collect → assets → render → write. Each line is a stage;
 * all diagnostics of a stage are gathered before the build stops.
 */
import { collectSite, type CollectStore, type SiteModel } from './collect.js';
import { languageConfigs, loadConfigWithFlags, type SiteConfig } from './config.js';
import { languageFolderProblems, linkTranslations } from './collect-translations.js';
import { planAssets } from './content/assets.js';
import type { ArticlePoolStarter } from './content/article-pool.js';
import type { ArticleStore } from './content/article-store.js';
import { readArticles, type ArticlesRead } from './content/articles.js';
import { documentFileSizes } from './content/document.js';
import { readPages, type PageSourceStore } from './content/page.js';
import { languageFiles, scanSources, type SourceFiles, type SourceScanner } from './content/scan.js';
import { flagError, hasErrors, sortDiagnostics, type Diagnostic } from './messages.js';
import type { PageStore } from './render/page-store.js';
import { PhotoCodec } from './photos/codec.js';
import { finishPhotos, isPhotoPath, preparePhotos, startPhotos, type PhotosWritten, type PhotoSet, type PhotoStore } from './photos/photos.js';
import { renderSite, type PagePoolStarter } from './render/site.js';
import { writeSearchIndex, type SearchIndexStats, type SearchStore } from './search/search-index.js';
import { awaited, type Step } from './steps.js';
import type { ArticleMeta } from './types.js';
import { prefixedWriter, type Writer } from './write/writer.js';

/**
 * What a cache offers a build (see `src/cache/`): each stage is handed only the part it declares
 * (`ArticleStore`, `PageStore`, …); a build without one gets none, and every stage does all its work.
 */
export interface BuildStore extends SourceScanner, ArticleStore, PageSourceStore, CollectStore, PageStore, SearchStore, PhotoStore {
  /** Starts a build with this config (a store made with another config forgets what it holds). */
  begin(config: SiteConfig): void;
  /** The store of one of the site's other languages (`en`), kept with this one. */
  language(code: string): BuildStore;
}

/** What a build is asked to do. */
export interface BuildOptions {
  root: string;
  drafts?: boolean;
  future?: boolean;
  /** Include articles whose `expires` date has passed (`--expired`). */
  expired?: boolean;
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
  /**
   * Articles and pages (source paths) the build leaves out as if they were not there, but for links
   * to them, which are not reported (`--keep-going` leaves out the files that had errors).
   */
  omit?: ReadonlySet<string>;
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
  /** Starts worker threads to parse articles on when many changed (`build`, `serve`); `buildSite` does not use it. */
  articlePool?: ArticlePoolStarter;
  /** Told how many changed articles are parsed out of how many, while workers parse them (a progress line). */
  onArticles?: (done: number, total: number) => void;
  /**
   * When the search stage runs (if `search.enabled`): `now`, before the commit, so the index
   * appears together with the pages (`build`); `later`, after it, by `BuildResult.indexLater`
   * (`serve`, which serves the new pages meanwhile); `off` (`buildSite`, `check`).
   */
  search?: 'now' | 'later' | 'off';
  /**
   * `verify`: each photo is decoded once to find a damaged one, and its files are given to the
   * writer as paths without bytes (`check`, whose writer keeps paths only); `first`: a new photo's
   * smallest width is made before the commit, its other files by `BuildResult.photosLater`
   * (`serve`, which shows the photo at once); `make` (all of them before the commit) by default.
   */
  photos?: 'make' | 'verify' | 'first';
}

/** What a build did. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  ok: boolean;
  stats: BuildStats;
  /** What the build read, for `check`'s own rules; absent when the config could not be loaded. */
  model?: BuildModel;
  /**
   * With `search: 'later'`, after a successful build of a site with search: runs the search
   * stage on this build's model into `writer` (which it does not commit).
   */
  indexLater?: (writer: Writer) => Promise<{ diagnostics: Diagnostic[]; stats: SearchIndexStats }>;
  /** With `photos: 'first'`, after a successful build that left photo files to make: makes them into `writer` (which it does not commit). */
  photosLater?: (writer: Writer) => Promise<PhotosWritten>;
}

/** What a build counted. */
export interface BuildStats {
  articles: number;
  pages: number;
  written: number;
  reused: number;
  removed: number;
  /** Article files parsed by this build, and results taken from the store. */
  parsed: number;
  fromStore: number;
  search?: SearchIndexStats;
  /** Photos published, and their files encoded by this build or taken from the store (the rest were kept in the output). */
  photos?: { photos: number; files: number; encoded: number; fromStore: number };
}

/** The config, source files, valid articles, site model and published files of a build. */
export interface BuildModel {
  config: SiteConfig;
  files: SourceFiles;
  articles: ArticleMeta[];
  site: SiteModel;
  /** The files under `content/` that are published (see `planAssets`); photos are published as the files made of them. */
  assets: string[];
  /** The published photos and the files made of them (see `preparePhotos`). */
  photos: PhotoSet;
  /** An article's body HTML (with placeholders) or plain text, read when asked for. */
  body: (article: ArticleMeta, part: 'html' | 'text') => string;
  /**
   * Every language's model, the default first (this one, whose `config`, `files`, `site` and the
   * rest are the default language's); one for a site of one language.
   */
  languages: BuildModel[];
}

/** Loads the config with command-line overrides applied, each checked like the config's own key. */
export function resolveConfig(options: BuildOptions): { config: SiteConfig; diagnostics: Diagnostic[] } {
  return loadConfigWithFlags(options);
}

/**
 * Builds the site into the writer, all at once (no worker threads, no search index: `check`, the
 * library); on any error nothing is committed. A `store` kept between calls makes a rebuild redo
 * only what changed, with the same output.
 */
export function buildSite(options: BuildOptions, writer: Writer, store?: BuildStore): BuildResult {
  const run = { ...options, pagePool: undefined, articlePool: undefined, search: 'off' as const };
  return finishBuild(drain(runStages(run, writer, store, false)), writer);
}

/**
 * Builds the site with its search index (when `search.enabled`), written before the commit so it
 * appears together with the pages or not at all (`build`, unless `options.search` says otherwise).
 */
export async function buildSiteWithSearch(options: BuildOptions, writer: Writer, store?: BuildStore): Promise<BuildResult> {
  return finishBuild(await drainAwaiting(runStages({ search: 'now', ...options }, writer, store, true)), writer);
}

/**
 * Builds like `buildSiteWithSearch`, giving the event loop a turn every `sliceMs` of work, so a
 * process that also answers requests (`serve`) keeps answering while a large site rebuilds.
 */
export async function buildSiteInSlices(options: BuildOptions, writer: Writer, store?: BuildStore, sliceMs = 10): Promise<BuildResult> {
  const steps = runStages({ search: 'now', ...options }, writer, store, true);
  let sliceStart = performance.now();
  let step = steps.next();
  while (!step.done) {
    // Note: while work runs on other threads, the event loop turns too.
    if (step.value) await step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    step = steps.next();
  }
  return finishBuild(step.value, writer);
}

interface StagesRun {
  diagnostics: Diagnostic[];
  stats: BuildStats;
  model?: BuildModel;
  later?: BuildResult['indexLater'];
  photosLater?: BuildResult['photosLater'];
}

function finishBuild(run: StagesRun, writer: Writer): BuildResult {
  const sorted = sortDiagnostics(run.diagnostics);
  const ok = !hasErrors(sorted);
  if (ok) Object.assign(run.stats, writer.commit());
  else writer.abort();
  const result: BuildResult = { diagnostics: sorted, ok, stats: run.stats, ...(run.model ? { model: run.model } : {}) };
  if (ok && run.later) result.indexLater = run.later;
  if (ok && run.photosLater) result.photosLater = run.photosLater;
  return result;
}

/** Runs a build's steps to the end at once (with no worker threads, no step is work in flight). */
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

/** One language of a build, read and collected (see `runStages`). */
interface LanguageRun {
  config: SiteConfig;
  /** Where its output goes below the output folder: `en` (nothing for the default language). */
  prefix: string;
  files: SourceFiles;
  store: BuildStore | undefined;
  read: ArticlesRead;
  site: SiteModel;
  changed: ReadonlySet<string> | null;
}

/**
 * The one route of every build (`build`, `serve`, `check`, with or without a store): config →
 * content → collect → assets → render → search, as steps (see `steps.ts`). Each stage is handed
 * only its own part of the store. A site of several languages runs content and collect for each
 * language, links their translations, then renders each language under its prefix (`en/`).
 */
function* runStages(options: BuildOptions, writer: Writer, store: BuildStore | undefined, waits: boolean): Generator<Step, StagesRun> {
  const stats: BuildStats = { articles: 0, pages: 0, written: 0, reused: 0, removed: 0, parsed: 0, fromStore: 0 };
  const diagnostics: Diagnostic[] = [];

  const { config, diagnostics: configProblems } = resolveConfig(options);
  diagnostics.push(...configProblems);
  if (hasErrors(diagnostics)) return { diagnostics, stats };

  const scanned = store ? store.scan(options.root, scanSources) : scanSources(options.root);
  diagnostics.push(...scanned.diagnostics);
  const omit = options.omit ?? new Set<string>();
  const files = omit.size ? { ...scanned.files, articles: scanned.files.articles.filter((p) => !omit.has(p)), pages: scanned.files.pages.filter((p) => !omit.has(p)) } : scanned.files;
  diagnostics.push(...languageFolderProblems(files, config, config.languages[0]!.file || null));

  const runs: LanguageRun[] = [];
  for (const [i, own] of languageConfigs(config).entries()) {
    const part = own === config ? store : store?.language(own.language);
    const mine = languageFiles(files, own);
    part?.begin(own);
    const read = yield* readArticles(options.root, mine.articles, own, { store: part, pool: options.articlePool, onProgress: options.onArticles });
    diagnostics.push(...read.diagnostics);
    stats.parsed += read.parsed;
    stats.fromStore += read.reused;

    const pages = readPages(options.root, mine.pages, own, part);
    diagnostics.push(...pages.diagnostics);

    const publish = { drafts: options.drafts ?? false, future: options.future ?? false, expired: options.expired ?? false, now: options.now ?? Date.now(), failed: [...read.failed, ...pages.failed, ...omit] };
    const { site, diagnostics: collectProblems, changed } = collectSite(read.articles, own, publish, part, pages.pages);
    diagnostics.push(...collectProblems);
    stats.articles += site.articles.length;
    runs.push({ config: own, prefix: config.languages[i]!.prefix, files: mine, store: part, read, site, changed });
  }
  const linked = linkTranslations(runs);
  diagnostics.push(...linked.diagnostics);
  const previous = options.previousArticles ?? 0;
  if (stats.articles === 0 && previous > 0 && !options.allowEmpty && !hasErrors(diagnostics)) {
    diagnostics.push(flagError('content', 'empty-site', `no article to publish, while the last build published ${previous}; check that content/ is complete, or build with --allow-empty to publish an empty site`));
  }

  const planned = runs.map((run) => {
    const documents = run.site.documents.list.map((e) => e.meta);
    const items = [...run.site.articles, ...run.site.pages.map((node) => node.page), ...documents];
    const assets = planAssets(run.files.assets, items, run.config);
    diagnostics.push(...assets.diagnostics);
    const fileSizes = documentFileSizes(options.root, documents, run.files.assets);
    diagnostics.push(...fileSizes.diagnostics);
    return { ...run, items, assets, fileSizes: fileSizes.sizes };
  });

  // Note: sharp's worker starts only for a site that publishes photos; the pages render on this
  // thread while the photos are encoded on sharp's.
  const codec = planned.some((run) => run.assets.publish.some(isPhotoPath)) ? new PhotoCodec(!waits) : null;
  const models: BuildModel[] = [];
  const photosLater: NonNullable<BuildResult['photosLater']>[] = [];
  try {
    for (const run of planned) {
      const { config: own, site, files: mine, assets, store: part, prefix } = run;
      const into = prefixedWriter(writer, prefix);
      const photoRun = codec && assets.publish.some(isPhotoPath) ? { root: options.root, config: own, codec, store: part, verify: options.photos === 'verify', firstWidth: options.photos === 'first' } : null;
      const prepared = photoRun ? yield* preparePhotos(photoRun, assets.publish, run.items) : null;
      const photos: PhotoSet = prepared?.set ?? { photos: new Map(), digest: '' };
      if (prepared) diagnostics.push(...prepared.diagnostics);
      // Note: a photo is published as the files made of it; the rest of the assets as they are.
      const copied = assets.publish.filter((a) => !isPhotoPath(a));
      models.push({ config: own, files: mine, articles: run.read.articles, site, assets: copied, photos, body: run.read.body, languages: [] });
      // Note: also in a build that already failed, so a damaged photo is named with every other problem.
      const making = photoRun ? startPhotos(photoRun, photos, into, prepared!.places) : null;
      try {
        const html = (a: ArticleMeta) => run.read.body(a, 'html');
        const languages = { linked, all: config.languages, statics: files.statics };
        const rendered = yield* renderSite({ root: options.root, config: own, site, files: mine, assets: copied, photos, fileSizes: run.fileSizes, body: html, pages: part, changed: run.changed, collect: options.collect, pagePool: options.pagePool, onPages: options.onPages, languages }, into);
        diagnostics.push(...rendered.diagnostics);
        stats.pages += rendered.pages;
        if (making) {
          const { diagnostics: problems, later, ...counts } = yield* making.finish();
          diagnostics.push(...problems);
          stats.photos = addCounts(stats.photos, counts);
          if (later.length) photosLater.push((w) => finishPhotos(photoRun!, later, prefixedWriter(w, prefix), prepared!.places));
        }
      } finally {
        making?.stop();
      }
    }
  } finally {
    void codec?.close();
  }
  const model = { ...models[0]!, languages: models };

  const search = options.search ?? 'off';
  const after = photosLater.length ? { photosLater: (w: Writer) => inTurn(photosLater.map((f) => () => f(w)), addWritten) } : {};
  // Note: a language may turn its search off (`search: { enabled: false }` in its entry).
  const indexed = planned.flatMap((run, i) => (run.config.search.enabled ? [{ model: models[i]!, run }] : []));
  if (!indexed.length || search === 'off' || hasErrors(diagnostics)) return { diagnostics, stats, model, ...after };
  const indexAll = (into: Writer) => inTurn(indexed.map(({ model: m, run }) => () => indexSite(m, prefixedWriter(into, run.prefix), run.store)), addIndexed);
  if (search === 'later') return { diagnostics, stats, model, later: indexAll, ...after };
  const index = yield* awaited(indexAll(writer));
  diagnostics.push(...index.diagnostics);
  stats.search = index.stats;
  return { diagnostics, stats, model, ...after };
}

/** Runs `jobs` one after the other, folding their results with `add`. */
async function inTurn<T>(jobs: (() => Promise<T>)[], add: (a: T, b: T) => T): Promise<T> {
  let total: T | undefined;
  for (const job of jobs) {
    const result = await job();
    total = total === undefined ? result : add(total, result);
  }
  return total!;
}

function addCounts(a: BuildStats['photos'], b: NonNullable<BuildStats['photos']>): NonNullable<BuildStats['photos']> {
  return a ? { photos: a.photos + b.photos, files: a.files + b.files, encoded: a.encoded + b.encoded, fromStore: a.fromStore + b.fromStore } : b;
}

function addWritten(a: PhotosWritten, b: PhotosWritten): PhotosWritten {
  return { diagnostics: [...a.diagnostics, ...b.diagnostics], photos: a.photos + b.photos, files: a.files + b.files, encoded: a.encoded + b.encoded, fromStore: a.fromStore + b.fromStore };
}

function addIndexed(a: { diagnostics: Diagnostic[]; stats: SearchIndexStats }, b: { diagnostics: Diagnostic[]; stats: SearchIndexStats }) {
  const stats: SearchIndexStats = { ...a.stats, pages: a.stats.pages + b.stats.pages, files: a.stats.files + b.stats.files, bytes: a.stats.bytes + b.stats.bytes, kept: !!a.stats.kept && !!b.stats.kept };
  return { diagnostics: [...a.diagnostics, ...b.diagnostics], stats };
}

/** The search stage: the site's search index into the writer, kept as it is when its records are the last build's. */
async function indexSite(model: BuildModel, writer: Writer, store?: SearchStore): Promise<{ diagnostics: Diagnostic[]; stats: SearchIndexStats }> {
  const search = await writeSearchIndex({ config: model.config, site: model.site, text: (a) => model.body(a, 'text'), previous: store?.searchIndex }, writer);
  if (store) store.searchIndex = search.state ?? null;
  return { diagnostics: search.diagnostics, stats: search.stats };
}
