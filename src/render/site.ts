/** The render stage: every page and file of the site, checked for collisions, into the writer. */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteModel } from '../collect.js';
import { contentRelative, type SiteConfig, type SiteLanguage } from '../config.js';
import type { Alternate, LinkedLanguages } from '../collect-translations.js';
import { FILE, KEEP, type PageStore } from './page-store.js';
import { pagesFolder, type SourceFiles } from '../content/scan.js';
import { refCandidates, refIndex, resolveReferences, type RefIndex } from '../links.js';
import { stringsFor } from '../locale.js';
import { warning, type Diagnostic } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import type { Writer } from '../write/writer.js';
import { FOLD_MODULE, INDEX_FOLDER } from '../search/records.js';
import { outputClaims, type Claimant } from './claims.js';
import { documentLink, planDocuments } from './documents.js';
import { planDocumentFiles } from './open-data.js';
import { planFiles } from './files.js';
import { planListings } from './listings.js';
import { articlePage, sitePage, type PagePlan } from './pages.js';
import { checkMenuPaths, resolveMenus } from './menus.js';
import { planSearch } from './search.js';
import { filesOf, type PhotoSet } from '../photos/photos.js';
import { linkedPhotoFile, photoFileUrl, photoOf, withPictures } from './photos.js';
import { loadTheme, TEMPLATE_LIMIT_RULES, urlFilters, type Theme } from './theme.js';
import { urlsFor } from './urls.js';
import { indexTerms, sharedKey, viewMemo, type RenderContext } from './views.js';

/** Inputs of the render stage. */
export interface RenderInput {
  root: string;
  config: SiteConfig;
  site: SiteModel;
  files: SourceFiles;
  /** The files under `content/` to copy (see `planAssets`); the rest of `files.assets` is not published. */
  assets: readonly string[];
  /** The published photos (see `preparePhotos`): their files are written by the photo stage, and claimed here. */
  photos?: PhotoSet;
  /** The size in bytes of each file a published document offers (see `documentFileSizes`). */
  fileSizes?: ReadonlyMap<string, number>;
  /** The body HTML of an article (with placeholders). */
  body: (article: ArticleMeta) => string;
  /** Pages kept from the previous build (`serve`); a page whose template and data are unchanged is reused. */
  pages?: PageStore;
  /**
   * When the site model is the last build's (see `collectSite`): the source paths of the articles
   * that changed since. A page showing none of them (`PagePlan.shows`) has the parts it had.
   */
  changed?: ReadonlySet<string> | null;
  /** Run after every `every` pages rendered (see `BuildOptions.collect`). */
  collect?: { every: number; run: () => void };
  /** Starts worker threads that render pages (see `BuildOptions.pagePool`). */
  pagePool?: PagePoolStarter;
  /** Told how many of the site's pages are done, once a page pool has started (see `BuildOptions.onPages`). */
  onPages?: (done: number, total: number) => void;
  /** A site of several languages: its languages linked (see `linkTranslations`), for each page's alternates and language switcher. */
  languages?: { linked: LinkedLanguages; all: readonly SiteLanguage[]; statics: readonly string[] };
}

/** Starts a pool rendering pages with the site's templates, as `Theme.render` does. */
export type PagePoolStarter = (root: string, config: SiteConfig, inline: Theme['render']) => PagePool;

/** Worker threads rendering pages. */
export interface PagePool {
  size: number;
  render(template: string, data: Record<string, unknown>): Promise<string | Diagnostic>;
  close(): Promise<void>;
}

/**
 * What a build's steps yield: nothing (a pause, where a caller may do other work) or work in
 * flight on other threads, which the caller awaits before going on.
 */
export type Step = void | Promise<unknown>;

/** Pages rendered on this thread before a page pool is started: below it, starting one costs more. */
export const POOL_AFTER_PAGES = 64;
/** Pages in flight per worker: enough to keep it busy, few enough to bound memory. */
const PAGES_IN_FLIGHT_PER_WORKER = 8;

/**
 * A page's data without `t` (the locale's strings, the same on every page and fixed by the config
 * and bantin's code, which a cache checks as a whole): hashing it per page costs time.
 */
function withoutStrings(data: Record<string, unknown>): Record<string, unknown> {
  const { t: _strings, ...rest } = data;
  return rest;
}

const RENAME = 'rename or move one of them';

/** Output path of a file under the language's content folder: its path below it (`content/2020/a.jpg` → `2020/a.jpg`). */
export function assetOutput(target: string, config: Pick<SiteConfig, 'contentDir'>): string {
  return contentRelative(config, target);
}

/**
 * Items (articles, pages) reused from a cache between two pauses of a build's steps; an item made
 * anew (parsed, rendered) is followed by a pause. Note: a pause costs a few microseconds, as much
 * as reusing a page, and far less than rendering one.
 */
export const PAUSE_EVERY = 16;

/** What the render stage did. */
export interface RenderResult {
  diagnostics: Diagnostic[];
  pages: number;
}

/**
 * Renders and writes the whole site; returns diagnostics and the number of pages. Runs as steps:
 * it pauses (yields) after each page it renders and every `PAUSE_EVERY` reused, so a caller can do
 * other work meanwhile.
 */
export function* renderSite(input: RenderInput, writer: Writer): Generator<Step, RenderResult> {
  const { root, config, site, files, changed } = input;
  const urls = urlsFor(config);
  const strings = stringsFor(config.language, config.strings);
  const others = new Map([...(input.languages?.linked.pages ?? [])].filter(([, code]) => code !== config.language));
  const menus = resolveMenus(config.menus, site.pages, new Set(files.pages), config.sections, urls, { folder: pagesFolder(config), language: config.language, pages: others });
  const photos = input.photos ?? { photos: new Map(), digest: '' };
  const main = config.contentDir === 'content/';
  const languages = input.languages && input.languages.all.length > 1
    ? { alternates: input.languages.linked.alternates.get(config.language) ?? new Map(), digest: input.languages.linked.digests.get(config.language) ?? '', sitemaps: input.languages.linked.sitemaps, main }
    : undefined;
  const ctx: RenderContext = { config, site, strings, urls, termSlugs: indexTerms(site), menus: menus.menus, memo: viewMemo(), photos, ...(languages ? { languages } : {}) };
  const { theme, diagnostics } = loadTheme(root, urlFilters(urls), main ? config.shortcodeTemplates : {});
  if (diagnostics.length) return { diagnostics, pages: 0 };
  // Note: the theme's assets are at the root, shared by every language.
  const themeAssets = main ? theme.assets : [];
  diagnostics.push(...menus.diagnostics);
  const versions = languageVersions(config, input.languages);
  input.pages?.beginRender(theme.dir, `${sharedKey(ctx)}\0${versions.digest}`);

  const statics = new Set(input.languages?.statics ?? files.statics);
  let refs: RefIndex | null = null;
  const lookup = (kind: string, target: string) => {
    if (kind === 'article') {
      const url = site.urlBySource.get(target);
      return url ? urls.relative(url) : null;
    }
    if (kind === 'ref') {
      const found = refCandidates(target, (refs ??= refIndex(site.urlBySource.keys())), config.contentDir);
      const url = found.length === 1 ? site.urlBySource.get(found[0]!) : undefined;
      return url ? urls.relative(url) : null;
    }
    const photo = photoOf(photos, kind, target);
    if (photo) return photoFileUrl(urls, linkedPhotoFile(photo).output);
    if (kind === 'asset') return urls.relative(`/${assetOutput(target, config)}`);
    if (kind === 'document') {
      const url = documentLink(site.documents, target);
      return url ? urls.relative(url) : null;
    }
    // Note: a file of `static/` is at the site's root, whichever language links it.
    if (statics.has(`static${target}`)) return urls.shared(target);
    return urls.relative(target);
  };
  const sizes = input.fileSizes ?? new Map<string, number>();
  const pictures = (html: string) => withPictures(html, photos, config.images.sizes, (o) => photoFileUrl(urls, o), 'page');

  const plans: PagePlan[] = [
    ...site.articles.map((a) => articlePage(a, () => resolveReferences(pictures(input.body(a)), lookup), ctx)),
    ...site.pages.map((node, i) => sitePage(i, () => resolveReferences(pictures(node.page.html), lookup), ctx)),
    ...planDocuments(ctx, (a) => resolveReferences(pictures(input.body(a)), lookup), sizes),
    ...planListings(ctx, (template) => theme.has(template)),
    ...planSearch(ctx, (template) => theme.has(template)),
  ];

  const origin = new URL(config.baseUrl).origin;
  const absolute = (kind: string, target: string) => {
    const url = lookup(kind, target);
    return url === null ? null : `${origin}${url}`;
  };
  const feedBody = (a: ArticleMeta) => resolveReferences(withPictures(input.body(a), photos, config.images.sizes, (o) => `${origin}${photoFileUrl(urls, o)}`, 'feed'), absolute);
  const photoOutputs = [...photos.photos.values()].flatMap((p) => filesOf(p).map((f) => ({ output: f.output, source: p.source })));
  const filePlans = [...planFiles(ctx, plans, feedBody, (output) => files.statics.includes(`static/${output}`)), ...planDocumentFiles(ctx, feedBody, sizes)];

  diagnostics.push(...missingLeadImages(site, [plans.map((p) => p.output), filePlans.map((f) => f.output), themeAssets, input.assets.map((a) => assetOutput(a, config)), photoOutputs.map((f) => f.output)], statics, photos));

  // Note: whether outputs collide follows from their paths alone; when the paths are the ones the
  // last render claimed without a collision, they are not claimed one by one again.
  if (menus.paths.length) {
    const outputs = [plans.map((p) => p.output), filePlans.map((f) => f.output), themeAssets, input.assets.map((a) => assetOutput(a, config)), photoOutputs.map((f) => f.output), files.statics.map(staticOutput)];
    diagnostics.push(...checkMenuPaths(menus.paths, outputs, config.search.enabled ? `${INDEX_FOLDER}/` : null));
  }
  const claimed = claimsDigest(config.search.enabled, [plans, filePlans, themeAssets, input.assets.map((a) => assetOutput(a, config)), photoOutputs, files.statics.map(staticOutput)]);
  const trusted = !!input.pages && input.pages.claimed === claimed;
  const claims = outputClaims(diagnostics);
  let refused = 0;
  const claim = trusted ? () => true : (output: string, owner: Claimant) => claims.claim(output, owner) || (refused++, false);
  if (config.search.enabled && !trusted) {
    claims.reserve(INDEX_FOLDER, 'the search index (search in bantin.config.yaml)', true);
    claims.reserve(FOLD_MODULE, 'the search index (search in bantin.config.yaml)');
  }

  // Note: failures are listed in page order, whichever thread rendered them.
  const failures = new Map<string, { index: number; diagnostic: Diagnostic }>();
  // Note: a template past a limit (an include loop, a huge loop) fails on every page that uses it,
  // each waiting for its limit: the first one stops the rendering, and the workers with it.
  let stopped = false;
  const finish = (plan: PagePlan, index: number, html: string | Diagnostic) => {
    if (typeof html === 'string') {
      const page = resolveReferences(html, lookup);
      input.pages?.store(plan.output, page);
      writer.write(plan.output, page);
    } else {
      if (TEMPLATE_LIMIT_RULES.has(html.rule)) stopped = true;
      const id = `${html.file}:${html.line}:${html.column}:${html.message}`;
      if (!failures.has(id) || failures.get(id)!.index > index) failures.set(id, { index, diagnostic: html });
    }
  };
  let pool: PagePool | null = null;
  let done = 0;
  const advance = () => {
    done++;
    if (pool) input.onPages?.(done, plans.length);
  };
  const inFlight = new Set<Promise<void>>();
  // Note: the first failure of work on another thread, kept to be thrown here (see below).
  const broken: { error: unknown }[] = [];
  let step = 0;
  let made = false;
  let rendered = 0;
  try {
    for (const [index, plan] of plans.entries()) {
      if (stopped) break;
      if (made || ++step % PAUSE_EVERY === 0) yield;
      made = false;
      if (!claim(plan.output, { file: plan.owner })) {
        advance();
        continue;
      }
      let data: Record<string, unknown> | undefined;
      const key = plan.key ? versions.key(plan, plan.key) : () => withoutStrings((data ??= versions.data(plan)));
      const sameParts = !!changed && plan.shows !== undefined && plan.shows.every((a) => !changed.has(a.sourcePath));
      const reused = input.pages?.reuse(plan.output, plan.template, key, lookup, plan.parts, sameParts);
      if (reused === KEEP && writer.keep?.(plan.output)) {
        advance();
        continue;
      }
      if (typeof reused === 'string') {
        writer.write(plan.output, reused);
        advance();
        continue;
      }
      made = true;
      rendered++;
      if (input.collect && rendered % input.collect.every === 0) input.collect.run();
      if (!pool && input.pagePool && rendered >= POOL_AFTER_PAGES && index < plans.length - POOL_AFTER_PAGES) {
        pool = input.pagePool(root, config, (template, data) => theme.render(template, { ...data, t: strings }));
      }
      if (!pool) {
        finish(plan, index, theme.render(plan.template, (data ??= versions.data(plan))));
        advance();
        continue;
      }
      const job = pool
        .render(plan.template, withoutStrings((data ??= versions.data(plan))))
        .then((html) => {
          if (stopped) return;
          finish(plan, index, html);
          advance();
        })
        // Note: a rejection nobody awaits yet would end the process.
        .catch((error: unknown) => void broken.push({ error }))
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
      if (inFlight.size >= pool.size * PAGES_IN_FLIGHT_PER_WORKER) yield Promise.race(inFlight);
      if (broken[0]) throw broken[0].error;
    }
    // Note: once stopped, the pages still in flight are dropped with their workers.
    if (inFlight.size && !stopped) yield Promise.all(inFlight);
    if (broken[0]) throw broken[0].error;
  } finally {
    void pool?.close();
  }
  diagnostics.push(...[...failures.values()].sort((a, b) => a.index - b.index).map((f) => f.diagnostic));

  for (const file of filePlans) {
    if (made || ++step % PAUSE_EVERY === 0) yield;
    made = false;
    if (!claim(file.output, { file: file.owner, ...(file.place ? { place: file.place } : {}), ...(file.fix ? { fix: file.fix } : {}) })) continue;
    const reused = file.key ? input.pages?.reuse(file.output, FILE, file.key, lookup, file.parts) : undefined;
    if (reused === KEEP && writer.keep?.(file.output)) continue;
    if (typeof reused === 'string') {
      writer.write(file.output, reused);
      continue;
    }
    const content = file.content();
    made = true;
    if (file.key) input.pages?.store(file.output, content);
    writer.write(file.output, content);
  }

  for (const asset of themeAssets) {
    if (claim(asset, { file: `templates/${asset}`, fix: RENAME })) writer.write(asset, readFileSync(join(theme.dir, asset)));
  }
  for (const asset of input.assets) {
    const output = assetOutput(asset, config);
    if (claim(output, { file: asset, fix: RENAME })) writer.write(output, readFileSync(join(root, asset)));
  }
  // Note: the photo stage writes these files (see `startPhotos`); their paths are claimed here with the rest.
  for (const file of photoOutputs) claim(file.output, { file: file.source, fix: RENAME });
  for (const file of files.statics) {
    const output = staticOutput(file);
    if (claim(output, { file, fix: RENAME })) writer.write(output, readFileSync(join(root, file)));
  }
  if (input.pages && !trusted) input.pages.claimed = refused === 0 && !stopped ? claimed : null;
  return { diagnostics, pages: plans.length };
}

/**
 * What a page of one language shows of the others: `alternates`, its versions in every language
 * (for `hreflang`; none when it has no translation), and `languages`, the switcher's links (its
 * translation, else that language's front page; none on a site of one language). `digest` is what
 * the pages' shared key adds, and `key` adds a page's versions to its own key, so a translation
 * linked, moved or removed renders the pages that show it again.
 */
function languageVersions(config: SiteConfig, languages: RenderInput['languages']) {
  if (!languages || languages.all.length < 2) return { digest: '', data: (plan: PagePlan) => ({ ...plan.data(), alternates: [], languages: [] }), key: (_plan: PagePlan, key: () => unknown) => key };
  const alternates = languages.linked.alternates.get(config.language) ?? new Map<string, Alternate[]>();
  const homes = languages.linked.homes;
  const names = new Map(languages.all.map((l) => [l.code, stringsFor(l.code, l.code === config.language ? config.strings : {}).languageName]));
  const switcher = (versions: readonly Alternate[] | undefined, output: string) =>
    languages.all.map((l) => {
      const version = versions?.find((v) => v.language === l.code);
      const current = l.code === config.language;
      const url = current ? `${homes.get(l.code)}${output.replace(/index\.html$/, '')}` : version ? new URL(version.url).pathname : homes.get(l.code)!;
      return { code: l.code, name: names.get(l.code)!, url, current, translated: current || !!version };
    });
  return {
    digest: languages.linked.digests.get(config.language) ?? '',
    data: (plan: PagePlan) => {
      const versions = alternates.get(plan.output);
      return { ...plan.data(), alternates: versions ?? [], languages: switcher(versions, plan.output) };
    },
    // Note: a page's own key (`PagePlan.key`) knows nothing of the other languages: its versions are added.
    key: (plan: PagePlan, key: () => unknown) => () => [key(), alternates.get(plan.output) ?? null],
  };
}

/**
 * A warning for each lead photo (`image`) given as a site path (`/assets/anh.jpg`) that is no file
 * the build writes nor one of `static/`: the page would show a broken image (content moved over from
 * another generator often names its old theme's folder).
 */
function missingLeadImages(site: SiteModel, outputs: readonly (readonly string[])[], statics: ReadonlySet<string>, photos: PhotoSet): Diagnostic[] {
  const items = [...site.articles, ...site.documents.list.map((e) => e.meta)].filter((a) => a.image?.target.startsWith('/'));
  if (!items.length) return [];
  const written = new Set(outputs.flat());
  const found = (path: string) => written.has(path.slice(1)) || statics.has(`static${path}`) || !!photoOf(photos, 'root', path);
  return items
    .filter((a) => !found(a.image!.target))
    .map((a) => warning(a.sourcePath, a.image!.place, 'missing-image', `image "${a.image!.target}" is no file of the site, so the page would show a broken image; put the photo beside the article and write its name, or put the file in static/ at that path`));
}

/** Output path of a file under `static/`. */
function staticOutput(file: string): string {
  return file.replace(/^static\//, '');
}

/**
 * A digest of every output path a render claims, in order (and of the search index's, which it
 * reserves): two renders with the same digest have the same collisions, or none.
 */
function claimsDigest(search: boolean, groups: readonly (readonly (string | { output: string })[])[]): string {
  const paths = groups.map((group) => group.map((item) => (typeof item === 'string' ? item : item.output)).join('\n'));
  return hash('sha1', `${search ? 'search' : ''}\n${paths.join('\n\0\n')}`, 'hex');
}
