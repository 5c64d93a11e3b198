/**
 * The site model: published articles in order, taxonomy terms, provinces and the URL map,
 * checked for collisions and broken article links. Needs only each article's metadata.
 */
import type { SiteConfig } from './config.js';
import { provinces } from './content/article.js';
import { compareText, error, warning, type Diagnostic } from './messages.js';
import { slugify } from './slugs.js';
import type { ArticleMeta } from './types.js';

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
  /** Article URL by source path, for resolving links between articles. */
  urlBySource: Map<string, string>;
  /** Years with articles, newest first, each with its months (newest first). */
  archives: ArchiveYear[];
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
  /** Build time (ms since the epoch); articles dated after it are future ones. */
  now: number;
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

let lastOrder = new Map<string, number>();

/**
 * The articles in the last build's order (new ones after), so that sorting them — a merge sort
 * whose comparisons call the collator — has next to nothing left to do when a rebuild (`serve`)
 * changed a few articles. The order is only a head start: the sort decides.
 */
function inLastOrder(articles: ArticleMeta[]): ArticleMeta[] {
  const slots: (ArticleMeta | undefined)[] = new Array(lastOrder.size);
  const rest: ArticleMeta[] = [];
  for (const a of articles) {
    const at = lastOrder.get(a.sourcePath);
    if (at !== undefined && slots[at] === undefined) slots[at] = a;
    else rest.push(a);
  }
  return [...slots.filter((a): a is ArticleMeta => a !== undefined), ...rest];
}

/** Builds the site model from every valid article's metadata. */
export function collectSite(
  all: readonly ArticleMeta[],
  config: SiteConfig,
  options: PublishOptions,
): { site: SiteModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const collator = collatorFor(config.language);
  const articles = inLastOrder(all.filter((a) => (options.drafts || !a.draft) && (options.future || a.date.epoch <= options.now))).sort(compareArticles(collator));
  lastOrder = new Map(articles.map((a, i) => [a.sourcePath, i]));

  const urlBySource = new Map(articles.map((a) => [a.sourcePath, a.url]));
  const unpublished = new Set(all.map((a) => a.sourcePath).filter((p) => !urlBySource.has(p)));
  for (const a of articles) {
    for (const ref of a.references) {
      if (ref.kind !== 'article' || urlBySource.has(ref.target)) continue;
      const why = unpublished.has(ref.target) ? 'is a draft or dated in the future' : 'does not exist';
      diagnostics.push(error(a.sourcePath, ref.place, 'broken-link', `link to "${ref.target}", which ${why}; fix the path or remove the link`));
    }
  }

  const taxonomies: Record<string, Term[]> = {};
  for (const taxonomy of config.taxonomies) {
    taxonomies[taxonomy] = taxonomy === 'province' ? collectProvinces(articles, collator) : collectTerms(taxonomy, articles, collator);
  }
  for (const [taxonomy, terms] of Object.entries(taxonomies)) {
    if (taxonomy !== 'province') diagnostics.push(...spellingWarnings(taxonomy, terms));
  }
  return { site: { articles, taxonomies, urlBySource, archives: collectArchives(articles) }, diagnostics };
}

/** One warning per file that spells a term other than its most frequent spelling. */
function spellingWarnings(taxonomy: string, terms: readonly Term[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const term of terms) {
    for (const v of term.variants) {
      for (const file of v.files) {
        out.push(warning(file, undefined, 'term-spelling', `${taxonomy} "${v.spelling}" is shown as "${term.name}", the spelling most articles use; write "${term.name}" to match`));
      }
    }
  }
  return out;
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

function collectProvinces(articles: readonly ArticleMeta[], collator: Intl.Collator): Term[] {
  const bySlug = new Map<string, Term>();
  articles.forEach((a, index) => {
    if (!a.province || !a.provinceName) return;
    let term = bySlug.get(a.province);
    if (!term) {
      const known = provinces().bySlug.get(a.province);
      bySlug.set(a.province, (term = { taxonomy: 'province', name: known?.name ?? a.provinceName, slug: a.province, variants: [], articles: [] }));
    }
    term.articles.push(index);
  });
  return [...bySlug.values()].sort((x, y) => collator.compare(x.name, y.name) || compareText(x.slug, y.slug));
}

