/**
 * Search records: the document Pagefind indexes for each article (pure). Its body holds the
 * title, lead and text as published, then, after a marker, the folded spelling of the words
 * with `đ`, so `duong` finds "đường": Pagefind folds tone marks itself (and ranks the spelling
 * typed first), not `đ`. Folding every word with a diacritic instead (`changed`) finds nothing
 * more and makes the index about a quarter larger (bench/search-index.mjs).
 */
import type { SiteModel } from '../collect.js';
import type { SiteConfig } from '../config.js';
import { formatDate } from '../locale.js';
import type { Strings } from '../locales/vi.js';
import { siteDocumentTypes } from '../content/document.js';
import { foldDiacritics } from '../vietnamese/slugs.js';
import { statusLabel } from '../collect-documents.js';
import type { ArticleMeta } from '../types.js';

/** Folder of the index below the output. */
export const INDEX_FOLDER = 'pagefind';

/** Output path of the folding module the search page imports. */
export const FOLD_MODULE = 'assets/fold.js';

/** Separates the published text from the folded words in a record's content; the page script cuts there. */
export const FOLDED_MARKER = '⁂';

/** One article as Pagefind receives it: its page URL below the base path and a small HTML document. */
export interface SearchRecord {
  url: string;
  html: string;
}

/** Which words get a folded copy: `changed` folds every word with a diacritic, `d` only those with `đ`. */
export type FoldedWords = 'changed' | 'd';

/** The folded spellings of a text's words that differ from the words themselves, each once. */
export function foldedWords(text: string, which: FoldedWords = 'd'): string[] {
  const seen = new Set<string>();
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
    if (!word || (which === 'd' && !/[đĐ]/.test(word))) continue;
    const folded = foldDiacritics(word);
    if (folded !== word) seen.add(folded);
  }
  return [...seen];
}

/** Builds the record of every published article and page; `text` gives an article's plain body text. */
export function searchRecords(
  site: SiteModel,
  config: SiteConfig,
  strings: Strings,
  text: (a: ArticleMeta) => string,
  which: FoldedWords = 'd',
): SearchRecord[] {
  const tags = new Map<number, string[]>();
  for (const term of site.taxonomies.tags ?? []) {
    for (const i of term.articles) tags.set(i, [...(tags.get(i) ?? []), term.name]);
  }
  const sectionTitle = new Map(config.sections.map((x) => [x.id, x.title]));
  const articles = site.articles.map((a, i) => ({
    url: a.url,
    html: searchDocument(a, text(a), { lang: config.language, date: formatDate(a.date, strings), tags: tags.get(i) ?? [], which, section: a.section === null ? null : sectionTitle.get(a.section) ?? null }),
  }));
  // Note: a page has no date, tags or province; the search page shows it without them.
  const pages = site.pages.map(({ page }) => ({ url: page.url, html: searchDocument(page, page.text, { lang: config.language, date: null, tags: [], which, section: null }) }));
  const registry = site.documents.section?.title ?? null;
  const types = new Map(site.documents.list.length ? siteDocumentTypes(config).map((t) => [t.name, t.abbr]) : []);
  const documents = site.documents.list.map((e) => {
    const r = e.record;
    const filters = { type: r.type, issuer: r.issuer, status: statusLabel(e.status, strings), ...(r.field ? { field: r.field } : {}) };
    const abbr = r.number.split(/[/-]/).find((part) => types.get(r.type) === part) ?? null;
    return { url: e.meta.url, html: searchDocument(e.meta, text(e.meta), { lang: config.language, date: formatDate(e.meta.date, strings), tags: [], which, section: registry, filters, number: numberForms(r.number, r.type, abbr) }) };
  });
  return [...articles, ...pages, ...documents];
}

/**
 * The ways a visitor types a document's number, as the words of its record: as written, its parts,
 * folded, and with its type's name (`215/QĐ-UBND`, `215 QĐ UBND`, `215 qd ubnd`, `quyết định 215`,
 * `quyet dinh 215`); and each of them as one key (`vb215qdubndvb`, see `numberSearchKey`), which
 * the search page looks up first when a query has a digit, so the document of that very number
 * comes before those whose numbers or text only begin with it (`2150/QĐ-UBND`).
 */
export function numberForms(number: string, type: string, abbr: string | null): string {
  const parts = number.split(/[/-]/);
  const serial = parts[0]!;
  const spaced = parts.join(' ');
  const forms = [number, spaced, foldDiacritics(spaced), `${type} ${serial}`, foldDiacritics(`${type} ${serial}`)];
  const keys = [number, `${type} ${serial}`, ...(abbr ? [`${abbr} ${serial}`] : [])].map(numberSearchKey);
  return [...new Set([...forms, ...keys])].join(' ');
}

/** A number or query as one word: folded, lower case, letters and digits only, between `vb` and `vb`. */
export function numberSearchKey(text: string): string {
  return `vb${foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, '')}vb`;
}

function searchDocument(
  a: Pick<ArticleMeta, 'title' | 'summary'> & Partial<Pick<ArticleMeta, 'date' | 'provinceName'>>,
  body: string,
  opts: { lang: string; date: string | null; tags: string[]; which: FoldedWords; section: string | null; filters?: Record<string, string>; number?: string },
): string {
  const published = [a.title, a.summary ?? '', body].join('\n');
  const folded = foldedWords(published, opts.which);
  const titleFolded = foldedWords(a.title, opts.which);
  const meta = (key: string, value: string) => `<meta data-pagefind-meta="${key}:${escapeAttr(value)}">`;
  const filter = (key: string, value: string) => `<meta data-pagefind-filter="${key}:${escapeAttr(value)}">`;
  // Note: Pagefind weights an <h1> above body text; the folded title goes in a second <h1> so
  // `dak lak` ranks a title "Đắk Lắk" as high as `Đắk Lắk` does.
  return [
    `<!doctype html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>${escapeText(a.title)}</title></head><body>`,
    meta('title', a.title),
    opts.date !== null ? meta('date', opts.date) : '',
    a.date ? meta('datetime', a.date.date) : '',
    a.provinceName ? meta('province', a.provinceName) : '',
    a.provinceName ? filter('province', a.provinceName) : '',
    opts.section ? filter('section', opts.section) : '',
    ...opts.tags.map((t) => filter('tag', t)),
    ...Object.entries(opts.filters ?? {}).map(([k, v]) => filter(k, v)),
    a.date ? filter('year', String(a.date.year)) : '',
    a.date ? filter('month', a.date.date.slice(0, 7)) : '',
    '<main data-pagefind-body>',
    `<h1>${escapeText(a.title)}</h1>`,

    a.summary ? `<p>${escapeText(a.summary)}</p>` : '',
    `<div>${escapeText(body)}</div>`,
    folded.length || opts.number ? `<p>${FOLDED_MARKER}</p>` : '',
    // Note: a number is what visitors search a registry by; its forms weigh as much as a title.
    opts.number ? `<p data-pagefind-weight="7">${escapeText(opts.number)}</p>` : '',
    titleFolded.length ? `<h1>${escapeText(titleFolded.join(' '))}</h1>` : '',
    folded.length ? `<p>${escapeText(folded.join(' '))}</p>` : '',
    '</main></body></html>',
  ].join('');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
