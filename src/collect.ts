/**
 * The site model: published articles in order, taxonomy terms, provinces and the URL map,
 * checked for collisions and broken article links. Needs only each article's metadata.
 */
import { hash } from 'node:crypto';
import { collectDocuments, noDocuments, type SiteDocuments } from './collect-documents.js';
import type { SectionConfig, SiteConfig } from './config.js';
import { pagesFolder } from './content/scan.js';
import { provinceNameIn, provinces } from './vietnamese/provinces.js';
import { compareText, error, warning, type Diagnostic } from './messages.js';
import { permalink } from './content/article.js';
import { middleSlug, slugify, slugWithin } from './vietnamese/slugs.js';
import type { ArticleMeta, Reference, SitePage } from './types.js';
import { refCandidates, refIndex, type RefIndex } from './links.js';

/** A value of a taxonomy (a tag, a topic, a province) with the articles that carry it. */
export interface Term {
  taxonomy: string;
  name: string;
  slug: string;
  /** Spellings other than `name` seen in content, each with the files that use it. */
  variants: { spelling: string; files: string[] }[];
  /** Indexes into `SiteModel.articles`, newest first. */
  articles: number[];
}

/** Everything renderers need to know about the site as a whole. */
export interface SiteModel {
  /** Published articles, newest first, then by title (Vietnamese order), then by path. */
  articles: ArticleMeta[];
  /** Terms of each taxonomy (province included), sorted by name with `Intl.Collator`. */
  taxonomies: Record<string, Term[]>;
  /** Article and page URL by source path, for resolving links between them. */
  urlBySource: Map<string, string>;
  /** Published pages, as a tree in reading order: each parent before its children (see `collectPages`). */
  pages: PageNode[];
  /** Years with articles, newest first, each with its months (newest first). */
  archives: ArchiveYear[];
  /** The config's sections, in its order, each with its articles (none when it declares no sections). */
  sections: SiteSection[];
  /** The registry of official documents (the section of kind `documents`; empty without one). */
  documents: SiteDocuments;
}

/** A section of the site with its published articles. */
export interface SiteSection {
  /** The section as the config declares it. */
  declared: SectionConfig;
  /** Indexes into `SiteModel.articles`, newest first. */
  articles: number[];
}

/** A published page in the page tree. */
export interface PageNode {
  page: SitePage;
  /** Index in `SiteModel.pages` of the nearest page above it (`/gioi-thieu/` above `/gioi-thieu/lanh-dao/`), or null. */
  parent: number | null;
  /** Indexes of the pages right below it, in order: by `weight`, then by title (Vietnamese order). */
  children: number[];
}

/** The articles of one year, and of each of its months. */
export interface ArchiveYear {
  year: number;
  /** Indexes into `SiteModel.articles`, newest first. */
  articles: number[];
  months: { month: number; articles: number[] }[];
}

/** Options that decide which articles are published. */
export interface PublishOptions {
  drafts: boolean;
  future: boolean;
  /** Whether articles whose `expires` has passed are shown (`--expired`). */
  expired?: boolean;
  /** Build time (ms since the epoch); articles dated after it are future ones. */
  now: number;
  /**
   * Article files that exist but failed (their own errors say why): a link to one is not reported
   * as broken, since it would be once the article is fixed.
   */
  failed?: readonly string[];
}

/** Whether a build publishes an article: not a draft (unless `drafts`), not dated after now (unless `future`), not expired (unless `expired`). */
export function isPublished(a: Pick<ArticleMeta, 'draft' | 'date' | 'expires'>, options: Pick<PublishOptions, 'drafts' | 'future' | 'expired' | 'now'>): boolean {
  return (options.drafts || !a.draft) && (options.future || a.date.epoch <= options.now) && (options.expired || !a.expires || a.expires.epoch > options.now);
}

/**
 * The published articles with distinct URLs where only the slug's cap made them alike: two titles
 * that differ after about 80 characters (`… part 1`, `… part 2`). The earliest (then by path) keeps
 * its URL; each later one gets its title's slug cut in the middle (`middleSlug`), or, when that is
 * taken too, a suffix from its file's path. Same titles, or slugs the front matter gives, are left as
 * they are (a collision the render stage reports).
 */
function distinctSlugs(published: ArticleMeta[], config: SiteConfig): ArticleMeta[] {
  const byOutput = new Map<string, ArticleMeta[]>();
  for (const a of published) {
    const same = byOutput.get(a.output);
    if (same) same.push(a);
    else byOutput.set(a.output, [a]);
  }
  if (byOutput.size === published.length) return published;
  const taken = new Set(byOutput.keys());
  const replaced = new Map<ArticleMeta, ArticleMeta>();
  for (const group of byOutput.values()) {
    if (group.length < 2) continue;
    const [first, ...later] = [...group].sort((x, y) => x.date.epoch - y.date.epoch || compareText(x.sourcePath, y.sourcePath));
    const seen = new Set([slugWithin(first!.title, Infinity)]);
    for (const a of later) {
      const full = slugWithin(a.title, Infinity);
      if (a.slug !== slugify(a.title) || seen.has(full)) continue;
      seen.add(full);
      const section = config.sections.find((x) => x.id === a.section)?.path ?? '';
      const at = (slug: string) => permalink(config.permalink, { date: a.date, slug, province: a.province ?? 'chung', section });
      let slug = middleSlug(full);
      if (taken.has(`${at(slug).slice(1)}index.html`)) slug = `${slugWithin(full, 72)}-${hash('sha1', a.sourcePath, 'hex').slice(0, 6)}`;
      const url = at(slug);
      taken.add(`${url.slice(1)}index.html`);
      replaced.set(a, { ...a, slug, url, output: `${url.slice(1)}index.html` });
    }
  }
  return published.map((a) => replaced.get(a) ?? a);
}

const collators = new Map<string, Intl.Collator>();

/** The collator listings sort with (`vi` by default: Đ after D, tones in dictionary order). */
export function collatorFor(language: string): Intl.Collator {
  let c = collators.get(language);
  if (!c) {
    c = new Intl.Collator(language, { sensitivity: 'variant', numeric: true });
    collators.set(language, c);
  }
  return c;
}

/** Orders articles newest first; ties by title then path, so file-system order never matters. */
export function compareArticles(collator: Intl.Collator) {
  return (a: ArticleMeta, b: ArticleMeta) =>
    b.date.epoch - a.date.epoch || collator.compare(a.title, b.title) || compareText(a.sourcePath, b.sourcePath);
}

/** Groups spellings of one term: case, diacritic placement (NFC) and spacing do not matter. */
export function termKey(name: string): string {
  let key = termKeys.get(name);
  if (key === undefined) {
    key = name.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
    if (termKeys.size > 100_000) termKeys.clear();
    termKeys.set(name, key);
  }
  return key;
}

// Note: every page links its tags, so the same few hundred names are keyed again and again.
const termKeys = new Map<string, string>();

/**
 * What a build's collect stage leaves for the next one (`serve` keeps it in its cache): a rebuild
 * whose published articles changed nothing that places them (date, title, URL, terms, province)
 * takes the previous model with the new articles in their old places.
 */
/** Where a build keeps its site model for the next one (the build cache), which takes it over when no article moved. */
export interface CollectStore {
  collected: CollectMemo | null;
}

/** A build's site model with what decides whether the next build can take it over. */
export interface CollectMemo {
  /** What decides the model besides the articles: language, taxonomies, drafts and future shown. */
  setup: string;
  site: SiteModel;
  diagnostics: Diagnostic[];
  /** Index of each published article in `site.articles`, by source path. */
  order: Map<string, number>;
  unpublished: Set<string>;
  /** The build's documents (published or not) by source path, to tell which changed since. */
  documents?: ReadonlyMap<string, ArticleMeta>;
}

/**
 * The articles in the last build's order (new ones after), so that sorting them — a merge sort
 * whose comparisons call the collator — has next to nothing left to do when a rebuild (`serve`)
 * changed a few articles. The order is only a head start: the sort decides.
 */
function inLastOrder(articles: ArticleMeta[], order: ReadonlyMap<string, number>): ArticleMeta[] {
  const slots: (ArticleMeta | undefined)[] = new Array(order.size);
  const rest: ArticleMeta[] = [];
  for (const a of articles) {
    const at = order.get(a.sourcePath);
    if (at !== undefined && slots[at] === undefined) slots[at] = a;
    else rest.push(a);
  }
  return [...slots.filter((a): a is ArticleMeta => a !== undefined), ...rest];
}

/**
 * Builds the site model from every valid article's metadata; the memo in `store` (the last
 * build) makes a rebuild that moved no article cost one pass over the articles. `changed`: when
 * the last model was taken over so, the source paths of the articles that are not the last
 * build's; null when the model was made anew.
 */
export function collectSite(
  all: readonly ArticleMeta[],
  config: SiteConfig,
  options: PublishOptions,
  store?: CollectStore,
  pages: readonly SitePage[] = [],
): { site: SiteModel; diagnostics: Diagnostic[]; changed: ReadonlySet<string> | null } {
  const tree = collectPages(pages, config, options);
  // Note: documents are items of the article stage, but have a registry of their own, made anew on every build.
  const bulletins: ArticleMeta[] = [];
  const documents: ArticleMeta[] = [];
  const hidden: ArticleMeta[] = [];
  for (const a of all) {
    if (!a.document) bulletins.push(a);
    else if (isPublished(a, options)) documents.push(a);
    else hidden.push(a);
  }
  const linkable = documents.length || hidden.length
    ? { ...tree, urls: [...tree.urls, ...documents.map((d): [string, string] => [d.sourcePath, d.url])], unpublished: new Set([...tree.unpublished, ...hidden.map((d) => d.sourcePath)]) }
    : tree;
  const previous = store?.collected ?? undefined;
  const made = collectAnew(bulletins, config, options, linkable, previous);
  const known = new Map([...documents, ...hidden].map((d) => [d.sourcePath, d]));
  if (store) store.collected = { ...made.memo, documents: known };
  const collator = collatorFor(config.language);
  const failed = new Set(options.failed);
  const section = config.sections.find((x) => x.kind === 'documents');
  const anyFailed = !!section && [...failed].some((f) => f.startsWith(`${config.contentDir}${section.id}/`));
  const registry = collectDocuments(documents, made.site.articles, config, options.now, hidden, anyFailed, collator, tree.nodes.map((node) => node.page));
  const site = { ...made.site, pages: tree.nodes, documents: registry.documents };
  const diagnostics = [...made.diagnostics, ...tree.diagnostics, ...registry.diagnostics];
  for (const node of tree.nodes) diagnostics.push(...brokenLinks(node.page, site.urlBySource, made.memo.unpublished, failed, config));
  for (const d of documents) diagnostics.push(...brokenLinks(d, site.urlBySource, made.memo.unpublished, failed, config));
  return { site, diagnostics, changed: made.changed && withChangedDocuments(made.changed, known, previous?.documents) };
}

/**
 * The articles a rebuild changed (see `collectSite`), with the documents it changed: null (as if
 * the model were made anew) when documents were added or removed.
 */
function withChangedDocuments(changed: ReadonlySet<string>, now: ReadonlyMap<string, ArticleMeta>, before: ReadonlyMap<string, ArticleMeta> | undefined): ReadonlySet<string> | null {
  if (!now.size && !before?.size) return changed;
  if (!before || before.size !== now.size) return null;
  const out = new Set(changed);
  for (const [path, d] of now) {
    const old = before.get(path);
    if (!old) return null;
    if (old !== d) out.add(path);
  }
  return out;
}

/** The published pages as a tree, their URLs (sorted by source path), and the errors of pages that claim one URL. */
interface PageTree {
  nodes: PageNode[];
  urls: [string, string][];
  /** Source paths of the pages that are not published (drafts), for messages about links to them. */
  unpublished: Set<string>;
  diagnostics: Diagnostic[];
}

/**
 * The page tree: a page's parent is the nearest published page whose URL is above its own; the
 * children of a page (and the top pages) are ordered by `weight` (pages without one last), then
 * title, then URL.
 */
export function collectPages(pages: readonly SitePage[], config: SiteConfig, options: PublishOptions): PageTree {
  const diagnostics: Diagnostic[] = [];
  const unpublished = new Set<string>();
  const byUrl = new Map<string, SitePage>();
  for (const page of [...pages].sort((a, b) => compareText(a.sourcePath, b.sourcePath))) {
    if (page.draft && !options.drafts) {
      unpublished.add(page.sourcePath);
      continue;
    }
    const first = byUrl.get(page.url);
    if (first) {
      diagnostics.push(error(page.sourcePath, { line: 1, column: 1 }, 'duplicate-page', `this page and ${first.sourcePath} both make ${page.url}; rename or move one of them`));
      continue;
    }
    byUrl.set(page.url, page);
  }
  const collator = collatorFor(config.language);
  // Note: as in Hugo, a page without a weight comes after those with one.
  const weightOf = (p: SitePage) => p.weight ?? Number.POSITIVE_INFINITY;
  const order = (a: SitePage, b: SitePage) => (weightOf(a) === weightOf(b) ? 0 : weightOf(a) < weightOf(b) ? -1 : 1) || collator.compare(a.title, b.title) || compareText(a.url, b.url);
  const parentOf = (url: string): SitePage | null => {
    for (let up = url.slice(0, url.lastIndexOf('/', url.length - 2) + 1); up.length > 1; up = up.slice(0, up.lastIndexOf('/', up.length - 2) + 1)) {
      const found = byUrl.get(up);
      if (found) return found;
    }
    return null;
  };
  const below = new Map<SitePage | null, SitePage[]>();
  for (const page of byUrl.values()) {
    const parent = parentOf(page.url);
    const siblings = below.get(parent);
    if (siblings) siblings.push(page);
    else below.set(parent, [page]);
  }
  const nodes: PageNode[] = [];
  const place = (page: SitePage, parent: number | null) => {
    const index = nodes.push({ page, parent, children: [] }) - 1;
    if (parent !== null) nodes[parent]!.children.push(index);
    for (const child of (below.get(page) ?? []).sort(order)) place(child, index);
  };
  for (const top of (below.get(null) ?? []).sort(order)) place(top, null);
  const urls = [...byUrl.values()].map((p): [string, string] => [p.sourcePath, p.url]).sort((a, b) => compareText(a[0], b[0]));
  return { nodes, urls, unpublished, diagnostics };
}

function collectAnew(
  all: readonly ArticleMeta[],
  config: SiteConfig,
  options: PublishOptions,
  pages: PageTree,
  previous?: CollectMemo,
): { site: SiteModel; diagnostics: Diagnostic[]; memo: CollectMemo; changed: ReadonlySet<string> | null } {
  const failed = new Set(options.failed);
  // Note: which articles failed decides which links are reported, so it is part of the setup; so do the pages articles may link to.
  const setup = JSON.stringify([config.language, config.taxonomies, config.sections.map((x) => x.id), options.drafts, options.future, options.expired ?? false, [...failed].sort(compareText), hash('sha1', JSON.stringify(pages.urls), 'base64'), [...pages.unpublished]]);
  const unpublished = new Set<string>(pages.unpublished);
  const shown: ArticleMeta[] = [];
  for (const a of all) {
    if (isPublished(a, options)) shown.push(a);
    else unpublished.add(a.sourcePath);
  }
  const published = distinctSlugs(shown, config);
  if (previous?.setup === setup) {
    const kept = inPlace(all, published, unpublished, failed, previous, config, options.now);
    if (kept) return kept;
  }

  const diagnostics: Diagnostic[] = [];
  const collator = collatorFor(config.language);
  const articles = inLastOrder(published, previous?.order ?? new Map()).sort(compareArticles(collator));
  let urlBySource = new Map([...articles.map((a): [string, string] => [a.sourcePath, a.url]), ...pages.urls]);
  // Note: an unchanged URL map stays the same object, whose digest the render stage has already made.
  if (previous && sameEntries(previous.site.urlBySource, urlBySource)) urlBySource = previous.site.urlBySource;
  for (const a of articles) diagnostics.push(...brokenLinks(a, urlBySource, unpublished, failed, config));
  for (const a of all) diagnostics.push(...farDates(a, config, options.now));

  const taxonomies: Record<string, Term[]> = {};
  for (const taxonomy of config.taxonomies) {
    taxonomies[taxonomy] = taxonomy === 'province' ? collectProvinces(articles, collator, config.language) : collectTerms(taxonomy, articles, collator);
  }
  for (const [taxonomy, terms] of Object.entries(taxonomies)) diagnostics.push(...spellingWarnings(taxonomy, terms, articles, config));
  const site = { articles, taxonomies, urlBySource, pages: pages.nodes, archives: collectArchives(articles), sections: collectSections(articles, config), documents: noDocuments() };
  const order = new Map(articles.map((a, i) => [a.sourcePath, i]));
  return { site, diagnostics, memo: { setup, site, diagnostics, order, unpublished }, changed: null };
}

/**
 * The previous model with changed articles put in their places (and their paths), when the same
 * files are published and unpublished and no changed article differs in what places it; null otherwise.
 */
function inPlace(
  all: readonly ArticleMeta[],
  published: readonly ArticleMeta[],
  unpublished: ReadonlySet<string>,
  failed: ReadonlySet<string>,
  previous: CollectMemo,
  config: SiteConfig,
  now: number,
) {
  const before = previous.site.articles;
  if (published.length !== before.length || !sameMembers(unpublished, previous.unpublished)) return null;
  const articles: ArticleMeta[] = new Array(before.length);
  const changed = new Set<string>();
  for (const a of published) {
    const at = previous.order.get(a.sourcePath);
    if (at === undefined || articles[at] !== undefined) return null;
    if (before[at] !== a) {
      if (!samePlace(before[at]!, a)) return null;
      changed.add(a.sourcePath);
    }
    articles[at] = a;
  }
  const site = { ...previous.site, articles };
  // Note: an unpublished article is not in the model, so it may have changed unseen: its dates are checked again.
  const redo = (d: Diagnostic) => (d.rule === 'broken-link' && changed.has(d.file)) || (d.rule === 'date-out-of-range' && (changed.has(d.file) || unpublished.has(d.file)));
  const diagnostics = previous.diagnostics.filter((d) => !redo(d));
  for (const a of articles) if (changed.has(a.sourcePath)) diagnostics.push(...brokenLinks(a, site.urlBySource, unpublished, failed, config), ...farDates(a, config, now));
  for (const a of all) if (unpublished.has(a.sourcePath)) diagnostics.push(...farDates(a, config, now));
  return { site, diagnostics, memo: { ...previous, site, diagnostics }, changed };
}

/** Whether two versions of an article sort, link and group alike (what the model is made of). */
function samePlace(a: ArticleMeta, b: ArticleMeta): boolean {
  return (
    a.sourcePath === b.sourcePath &&
    a.date.iso === b.date.iso &&
    a.date.epoch === b.date.epoch &&
    a.title === b.title &&
    a.url === b.url &&
    a.section === b.section &&
    a.province === b.province &&
    a.provinceName === b.provinceName &&
    JSON.stringify(a.terms) === JSON.stringify(b.terms) &&
    JSON.stringify(a.termPlaces) === JSON.stringify(b.termPlaces)
  );
}

function sameMembers<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Dates before this year are far from any bulletin's (a mistyped year, e.g. 1024 for 2024). */
const EARLIEST_LIKELY_YEAR = 1945;

/**
 * Warnings for an article's `date` and `updated` far from the site's others: before
 * `EARLIEST_LIKELY_YEAR`, or more than a year after the build time `now`.
 */
function farDates(a: ArticleMeta, config: SiteConfig, now: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ahead = new Date(now);
  ahead.setUTCFullYear(ahead.getUTCFullYear() + 1);
  const check = (field: 'date' | 'updated', date: ArticleMeta['date'] | null) => {
    if (!date) return;
    const early = date.year < EARLIEST_LIKELY_YEAR;
    if (!early && date.epoch <= ahead.getTime()) return;
    // Note: read only for a date warned about (a cached article's places are in its pack).
    const place = a.datePlaces[field] ?? a.datePlaces.date;
    const name = config.fields[field] ?? field;
    const why = early ? `is before ${EARLIEST_LIKELY_YEAR}, far from the site's other dates` : `is more than a year after the build (${new Date(now).toISOString().slice(0, 10)})`;
    out.push(warning(a.sourcePath, place, 'date-out-of-range', `${name} ${date.date} ${why}; check the year`));
  };
  check('date', a.date);
  check('updated', a.updated);
  return out;
}

/**
 * Errors for an article's links to articles that are not published: drafts and future ones and
 * missing files. A link to an article that failed is left to that article's own errors. A `ref`
 * link that reaches no article is an error, or a warning with `shortcodes: { missingRef: warning }`.
 */
function brokenLinks(a: { sourcePath: string; references: readonly Reference[] }, urlBySource: ReadonlyMap<string, string>, unpublished: ReadonlySet<string>, failed: ReadonlySet<string>, config: SiteConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pages = pagesFolder(config);
  const why = (target: string) => (unpublished.has(target) ? (target.startsWith(pages) ? 'is a draft' : 'is a draft or dated in the future') : 'does not exist');
  for (const ref of a.references) {
    if (ref.kind === 'ref') {
      out.push(...brokenRef(a.sourcePath, ref, refIndexOf(urlBySource, unpublished, failed), urlBySource, failed, config, why));
      continue;
    }
    if (ref.kind !== 'article' || urlBySource.has(ref.target) || failed.has(ref.target)) continue;
    out.push(error(a.sourcePath, ref.place, 'broken-link', `link to "${ref.target}", which ${why(ref.target)}; fix the path or remove the link`));
  }
  return out;
}

function brokenRef(file: string, ref: Reference, index: RefIndex, urlBySource: ReadonlyMap<string, string>, failed: ReadonlySet<string>, config: SiteConfig, why: (target: string) => string): Diagnostic[] {
  const found = refCandidates(ref.target, index, config.contentDir);
  if (found.length === 1 && (urlBySource.has(found[0]!) || failed.has(found[0]!))) return [];
  const report = config.shortcodes.missingRef === 'warning' ? warning : error;
  if (found.length > 1) {
    return [report(file, ref.place, 'broken-ref', `ref "${ref.url}" names ${found.length} articles (${found.join(', ')}); write more of the path, e.g. "${found[0]!.slice(config.contentDir.length)}"`)];
  }
  const what = found.length ? `"${found[0]}", which ${why(found[0]!)}` : 'no article of the site';
  const lenient = config.shortcodes.missingRef === 'warning';
  const fix = found.length ? 'publish it or remove the link' : lenient ? 'the link leads nowhere until the path is fixed (from content/, or the file name alone)' : 'fix the path (from content/, or the file name alone), or set shortcodes: { missingRef: warning } to link such refs to nothing';
  return [report(file, ref.place, 'broken-ref', `ref "${ref.url}" names ${what}; ${fix}`)];
}

const refIndexes = new WeakMap<ReadonlyMap<string, string>, { unpublished: ReadonlySet<string>; failed: ReadonlySet<string>; index: RefIndex }>();

/** Every article's and page's source path by file name (published, unpublished and failed), made once per site model. */
function refIndexOf(urlBySource: ReadonlyMap<string, string>, unpublished: ReadonlySet<string>, failed: ReadonlySet<string>): RefIndex {
  const known = refIndexes.get(urlBySource);
  if (known && known.unpublished === unpublished && known.failed === failed) return known.index;
  const index = refIndex([...urlBySource.keys(), ...unpublished, ...failed]);
  refIndexes.set(urlBySource, { unpublished, failed, index });
  return index;
}

/**
 * One warning per file that spells a term other than its most frequent spelling, at the field's
 * line: another case or spacing of it, or another name with the same slug ("C++" and "C"), which
 * shares its page.
 */
function spellingWarnings(taxonomy: string, terms: readonly Term[], articles: readonly ArticleMeta[], config: SiteConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const field = config.fields[taxonomy] ?? taxonomy;
  const bySource = new Map<string, ArticleMeta>();
  for (const term of terms) {
    if (!term.variants.length) continue;
    if (!bySource.size) for (const a of articles) bySource.set(a.sourcePath, a);
    const others = new Set(term.variants.flatMap((v) => v.files));
    const main = term.articles.map((i) => articles[i]!.sourcePath).filter((f) => !others.has(f)).sort(compareText);
    const where = main.length ? ` (${main[0]}${main.length > 1 ? ` and ${main.length - 1} more` : ''})` : '';
    for (const v of term.variants) {
      for (const file of v.files) {
        out.push(warning(file, bySource.get(file)?.termPlaces[taxonomy], 'term-spelling', `${field} "${v.spelling}" and "${term.name}"${where} make one page, shown as "${term.name}", the spelling most articles use; write "${term.name}" to match`));
      }
    }
  }
  return out;
}

function collectSections(articles: readonly ArticleMeta[], config: SiteConfig): SiteSection[] {
  const sections = config.sections.map((declared) => ({ declared, articles: [] as number[] }));
  const byId = new Map(sections.map((x) => [x.declared.id, x]));
  articles.forEach((a, index) => {
    if (a.section !== null) byId.get(a.section)?.articles.push(index);
  });
  return sections;
}

function collectArchives(articles: readonly ArticleMeta[]): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  articles.forEach((a, index) => {
    const { year, month } = a.date;
    let y = years.find((x) => x.year === year);
    if (!y) years.push((y = { year, articles: [], months: [] }));
    y.articles.push(index);
    let m = y.months.find((x) => x.month === month);
    if (!m) y.months.push((m = { month, articles: [] }));
    m.articles.push(index);
  });
  years.sort((x, y) => y.year - x.year);
  for (const y of years) y.months.sort((a, b) => b.month - a.month);
  return years;
}

function collectTerms(taxonomy: string, articles: readonly ArticleMeta[], collator: Intl.Collator): Term[] {
  const groups = new Map<string, { spellings: Map<string, Set<string>>; articles: number[] }>();
  articles.forEach((a, index) => {
    const seen = new Set<string>();
    for (const value of a.terms[taxonomy] ?? []) {
      const key = termKey(value);
      let group = groups.get(key);
      if (!group) {
        if (!slugify(key)) continue;
        groups.set(key, (group = { spellings: new Map(), articles: [] }));
      }
      let files = group.spellings.get(value);
      if (!files) group.spellings.set(value, (files = new Set()));
      files.add(a.sourcePath);
      if (!seen.has(key)) group.articles.push(index);
      seen.add(key);
    }
  });
  const bySlug = new Map<string, Term>();
  for (const group of groups.values()) {
    const ranked = [...group.spellings.entries()].sort(
      (x, y) => y[1].size - x[1].size || collator.compare(x[0], y[0]) || compareText(x[0], y[0]),
    );
    const name = ranked[0]![0];
    const slug = slugify(name);
    const term: Term = {
      taxonomy,
      name,
      slug,
      variants: ranked.slice(1).map(([spelling, files]) => ({ spelling, files: [...files].sort(compareText) })),
      articles: group.articles,
    };
    // Note: "Đắk Lắk" and "Dak Lak" differ as words but share a slug, so they share a page.
    const existing = bySlug.get(slug);
    if (existing) {
      const keep = existing.articles.length >= term.articles.length ? existing : term;
      const other = keep === existing ? term : existing;
      keep.variants.push({ spelling: other.name, files: other.articles.map((i) => articles[i]!.sourcePath) }, ...other.variants);
      keep.articles = [...new Set([...keep.articles, ...other.articles])].sort((x, y) => x - y);
      bySlug.set(slug, keep);
    } else {
      bySlug.set(slug, term);
    }
  }
  return [...bySlug.values()].sort((x, y) => collator.compare(x.name, y.name) || compareText(x.slug, y.slug));
}

function collectProvinces(articles: readonly ArticleMeta[], collator: Intl.Collator, language: string): Term[] {
  const bySlug = new Map<string, { articles: number[]; spellings: Map<string, string[]> }>();
  articles.forEach((a, index) => {
    if (!a.province || !a.provinceName) return;
    let group = bySlug.get(a.province);
    if (!group) bySlug.set(a.province, (group = { articles: [], spellings: new Map() }));
    group.articles.push(index);
    const files = group.spellings.get(a.provinceName);
    if (files) files.push(a.sourcePath);
    else group.spellings.set(a.provinceName, [a.sourcePath]);
  });
  const terms: Term[] = [];
  for (const [slug, group] of bySlug) {
    // Note: a known province has its own name; names written freely (`provinces: off`) that share a
    // slug ("Hà Nội", "Ha Noi") share a page, shown as the spelling most articles use.
    const ranked = [...group.spellings.entries()].sort(
      (x, y) => y[1].length - x[1].length || collator.compare(x[0], y[0]) || compareText(x[0], y[0]),
    );
    const name = (provinces().bySlug.has(slug) ? provinceNameIn(slug, language) : null) ?? ranked[0]![0];
    const variants = ranked.filter(([spelling]) => spelling !== name).map(([spelling, files]) => ({ spelling, files: files.sort(compareText) }));
    terms.push({ taxonomy: 'province', name, slug, variants, articles: group.articles });
  }
  return terms.sort((x, y) => collator.compare(x.name, y.name) || compareText(x.slug, y.slug));
}

