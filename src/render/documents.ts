/**
 * The document registry's pages and files: one page per document (its record, files, the
 * documents it replaces or amends and back, the articles that cite it), the registry listing with
 * its filters, the Atom feed, and the registry as open data (`documents.json`, `documents.csv`).
 */
import { createHash } from 'node:crypto';
import { DOCUMENT_STATUSES, type DocumentEntry, type DocumentStatus } from '../collect-documents.js';
import { statusLabel } from './document-links.js';
export { documentLink, documentLinksKey, statusLabel } from './document-links.js';
import type { Strings } from '../locales/vi.js';
import { mediaType } from '../media-types.js';
import { compareText } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import { administrativeDate } from '../vietnamese/documents.js';
import { atomFeed, atomPath, FEED_SIZE, type AbsoluteBody } from './feeds.js';
import { publisherOf, scriptJson, type MetaTag } from './metadata.js';
import { articleParts, bodyKey, lastChange, listingPages, type FeedLink, type FilePlan, type PagePlan } from './pages.js';
import { searchPath } from './search.js';
import { dateView, siteView, siteViewKey, type RenderContext } from './views.js';

/** Site path of the registry as open data, JSON and CSV (below the registry's path). */
export const DOCUMENTS_JSON = 'documents.json';
export const DOCUMENTS_CSV = 'documents.csv';

/** A file size as people read it: `245 KB`, `1,2 MB`. */
export function fileSize(bytes: number, strings: Strings): string {
  const decimal = (n: number) => n.toFixed(1).replace('.', strings.lang === 'vi' ? ',' : '.');
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${decimal(bytes / 1024 / 1024)} MB`;
}

/** A document as the registry lists it (and as a link to it shows it). */
function summaryView(e: DocumentEntry, ctx: RenderContext) {
  const { urls, strings } = ctx;
  const r = e.record;
  const date = (d: typeof r.issued) => ({ ...dateView(d, strings), short: shortDate(d, strings), administrative: administrativeDate(d) });
  return {
    number: r.number,
    type: r.type,
    title: e.meta.title,
    summary: e.meta.summary,
    url: urls.relative(e.meta.url),
    issuer: r.issuer,
    field: r.field,
    issued: date(r.issued),
    effective: date(r.effective),
    expires: r.expires ? date(r.expires) : null,
    status: { id: e.status, label: statusLabel(e.status, strings) },
  };
}

/** A date in the site's short style (`24/02/2020` in Vietnamese: two digits for day and month, as registries print them). */
function shortDate(d: { year: number; month: number; day: number }, strings: Strings): string {
  if (strings.lang !== 'vi') return `${d.day} ${strings.months[d.month - 1]} ${d.year}`;
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** What a document's summary view is a pure function of: its source and its status. */
function entryParts(e: DocumentEntry): string {
  return `${articleParts(e.meta)} ${e.status}`;
}

/** Plans the page of each document and the registry's listing pages. */
export function planDocuments(ctx: RenderContext, html: (a: ArticleMeta) => string, sizes: ReadonlyMap<string, number>): PagePlan[] {
  const { site, urls, strings } = ctx;
  const { section, list } = site.documents;
  if (!section) return [];
  const plans: PagePlan[] = [];
  const path = urls.section(section.path);
  const registry = { title: section.title, url: urls.relative(path) };
  const byMeta = new Map(list.map((e) => [e.meta, e]));
  const view = (a: ArticleMeta) => summaryView(byMeta.get(a)!, ctx);
  const key = (a: ArticleMeta) => entryParts(byMeta.get(a)!);
  const feed = section.feed && list.length ? atomPath(path) : null;
  plans.push(
    ...listingPages(
      {
        path,
        title: section.title,
        template: section.template,
        owner: section.file,
        kind: 'documents',
        feed,
        extra: { section: { id: section.id, ...registry }, filters: registryFilters(ctx), data: ctx.config.documents.openData ? { json: urls.relative(`${path}${DOCUMENTS_JSON}`), csv: urls.relative(`${path}${DOCUMENTS_CSV}`) } : null },
        ...(section.pageSize ? { pageSize: section.pageSize } : {}),
        entries: { view, key },
      },
      list.map((e) => e.meta),
      ctx,
      (from, to) => newestOf(list.slice(from, to)),
    ),
  );
  const feeds: FeedLink[] = feed ? [{ title: `${section.title} – Atom`, url: urls.relative(feed), type: 'application/atom+xml' }] : [];
  for (const e of list) {
    const linked = (indexes: readonly number[]) => indexes.map((i) => list[i]!);
    const citing = e.citedBy.map((i) => site.articles[i]!);
    const others = [...linked(e.replaces), ...(e.replacedBy === null ? [] : [list[e.replacedBy]!]), ...linked(e.amends), ...linked(e.amendedBy), ...linked(e.related)];
    const filesKey = e.record.files.map((f) => `${f.target}:${sizes.get(f.target) ?? ''}`).join(' ');
    const parts = () => [entryParts(e), filesKey, ...others.map(entryParts), ...citing.map(articleParts)].join('\0');
    plans.push({
      output: e.meta.output,
      template: 'document',
      owner: e.meta.sourcePath,
      sitemap: { path: e.meta.url, lastmod: lastChange(e.meta).iso },
      key: () => [siteViewKey(ctx), parts(), bodyKey(e.meta)],
      parts,
      data: () => {
        const record = summaryView(e, ctx);
        return {
          site: siteView(ctx),
          t: strings,
          page: {
            kind: 'document',
            title: e.meta.title,
            description: e.meta.summary ?? '',
            url: urls.relative(e.meta.url),
            canonical: urls.absolute(e.meta.url),
            feeds: [...siteFeeds(ctx), ...feeds],
            ...documentMetadata(e, ctx),
          },
          document: {
            ...record,
            registry,
            signer: e.record.signer,
            signer_title: e.record.signerTitle,
            files: e.record.files.map((f) => ({ url: f.href, title: f.title ?? f.target.slice(f.target.lastIndexOf('/') + 1), type: f.type.toUpperCase(), size: sizes.has(f.target) ? fileSize(sizes.get(f.target)!, strings) : null })),
            replaces: linked(e.replaces).map((x) => summaryView(x, ctx)),
            replaced_by: e.replacedBy === null ? null : summaryView(list[e.replacedBy]!, ctx),
            amends: linked(e.amends).map((x) => summaryView(x, ctx)),
            amended_by: linked(e.amendedBy).map((x) => summaryView(x, ctx)),
            related: linked(e.related).map((x) => summaryView(x, ctx)),
            cited_by: citing.map((a) => ({ title: a.title, url: urls.relative(a.url), date: dateView(a.date, strings) })),
            body_key: bodyKey(e.meta),
            body: html(e.meta),
          },
        };
      },
    });
  }
  return plans;
}

/** The newest change among documents, as ISO text. */
function newestOf(entries: readonly DocumentEntry[]): string | null {
  let best: ReturnType<typeof lastChange> | null = null;
  for (const e of entries) {
    const change = lastChange(e.meta);
    if (!best || change.epoch > best.epoch) best = change;
  }
  return best ? best.iso : null;
}

/** The site-wide feeds every page links (as `feedLinks` in pages.ts). */
function siteFeeds(ctx: RenderContext): FeedLink[] {
  if (!ctx.site.articles.length) return [];
  return [
    { title: `${ctx.config.title} – Atom`, url: ctx.urls.relative('/atom.xml'), type: 'application/atom+xml' },
    { title: `${ctx.config.title} – JSON Feed`, url: ctx.urls.relative('/feed.json'), type: 'application/feed+json' },
  ];
}

/**
 * The registry's filters: each of type, issuer, year, field and status with its values and how many
 * documents have each, and the search page address each value opens (its results then count within
 * the filters chosen). None without search.
 */
function registryFilters(ctx: RenderContext) {
  const { site, urls, strings, config } = ctx;
  const search = searchPath(ctx);
  const section = site.documents.section;
  if (!search || !section) return null;
  const collator = new Intl.Collator(config.language, { numeric: true });
  const count = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return counts;
  };
  const list = site.documents.list;
  const groups: [string, string, Map<string, number>, (a: string, b: string) => number][] = [
    ['type', strings.documentType, count(list.map((e) => e.record.type)), collator.compare],
    ['issuer', strings.issuer, count(list.map((e) => e.record.issuer)), collator.compare],
    ['year', strings.searchYear, count(list.map((e) => String(e.record.issued.year))), (a, b) => compareText(b, a)],
    ['field', strings.documentField, count(list.map((e) => e.record.field)), collator.compare],
    ['status', strings.documentStatus, count(list.map((e) => statusLabel(e.status, strings))), (a, b) => statusOrder(a, strings) - statusOrder(b, strings)],
  ];
  return {
    action: urls.relative(search),
    section: section.title,
    groups: groups
      .filter(([, , counts]) => counts.size > 0)
      .map(([name, label, counts, order]) => ({ name, label, values: [...counts.keys()].sort(order).map((value) => ({ value, count: counts.get(value)! })) })),
  };
}

function statusOrder(label: string, strings: Strings): number {
  return DOCUMENT_STATUSES.findIndex((s) => statusLabel(s, strings) === label);
}

/** JSON-LD `Legislation` (schema.org) and Open Graph tags of a document's page. */
function documentMetadata(e: DocumentEntry, ctx: RenderContext): { meta: MetaTag[]; json_ld: string } {
  const { urls, strings, config } = ctx;
  const r = e.record;
  const canonical = urls.absolute(e.meta.url);
  const meta: MetaTag[] = [
    { attr: 'property', key: 'og:type', content: 'article' },
    { attr: 'property', key: 'og:title', content: e.meta.title },
    { attr: 'property', key: 'og:url', content: canonical },
    { attr: 'property', key: 'og:site_name', content: config.title },
    { attr: 'property', key: 'og:locale', content: strings.ogLocale },
    { attr: 'property', key: 'og:description', content: e.meta.summary ?? '' },
    { attr: 'name', key: 'DC.title', content: e.meta.title },
    { attr: 'name', key: 'DC.creator', content: r.issuer },
    { attr: 'name', key: 'DC.date', content: r.issued.date },
    { attr: 'name', key: 'DC.identifier', content: r.number },
    { attr: 'name', key: 'DC.type', content: r.type },
    { attr: 'name', key: 'DC.language', content: strings.lang },
  ];
  const list = ctx.site.documents.list;
  const ref = (i: number) => ({ '@type': 'Legislation', legislationIdentifier: list[i]!.record.number, url: urls.absolute(list[i]!.meta.url) });
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    name: e.meta.title,
    url: canonical,
    mainEntityOfPage: canonical,
    legislationIdentifier: r.number,
    legislationType: r.type,
    legislationPassedBy: { '@type': 'GovernmentOrganization', name: r.issuer },
    legislationDate: r.issued.date,
    legislationDateVersion: lastChange(e.meta).date,
    legislationLegalForce: LEGAL_FORCE[e.status],
    temporalCoverage: `${r.effective.date}/${r.expires ? r.expires.date : '..'}`,
    description: e.meta.summary,
    inLanguage: strings.lang,
    publisher: publisherOf(ctx),
  };
  if (r.signer) data.legislationResponsible = { '@type': 'Person', name: r.signer, ...(r.signerTitle ? { jobTitle: r.signerTitle } : {}) };
  if (r.field) data.about = r.field;
  // Note: schema.org has one property for a document that changes others, whether it replaces or amends them.
  if (e.replaces.length || e.amends.length) data.legislationChanges = [...e.replaces, ...e.amends].map(ref);
  if (e.related.length) data.citation = e.related.map(ref);
  if (r.files.length) data.encoding = r.files.map((f) => ({ '@type': 'MediaObject', contentUrl: urls.file(f.target), encodingFormat: mediaType(f.type) ?? f.type }));
  return { meta, json_ld: scriptJson(data) };
}

/** schema.org's `LegalForceStatus` of each status. */
const LEGAL_FORCE: Record<DocumentStatus, string> = {
  'in-force': 'https://schema.org/InForce',
  amended: 'https://schema.org/PartiallyInForce',
  'not-yet': 'https://schema.org/NotInForce',
  expired: 'https://schema.org/NotInForce',
  replaced: 'https://schema.org/NotInForce',
};


/** The registry's Atom feed and its open data (`documents.json`, `documents.csv`, below the registry's path). */
export function planDocumentFiles(ctx: RenderContext, body: AbsoluteBody, sizes: ReadonlyMap<string, number>): FilePlan[] {
  const { site, urls, config } = ctx;
  const { section, list } = site.documents;
  if (!section || !list.length) return [];
  const path = urls.section(section.path);
  const plans: FilePlan[] = [];
  const articles = list.map((e) => e.meta);
  if (section.feed) {
    const title = `${section.title} – ${config.title}`;
    plans.push({
      output: atomPath(path).slice(1),
      owner: section.file,
      content: () => atomFeed({ path, title, articles }, body, ctx)!,
      key: () => ({ atom: path, title, entries: articles.slice(0, FEED_SIZE).map(bodyKey) }),
      parts: () => `${path}\0${title}\0${articles.slice(0, FEED_SIZE).map(articleParts).join('\0')}`,
    });
  }
  if (!config.documents.openData) return plans;
  let rows: OpenRows | undefined;
  const made = () => (rows ??= openRows(ctx, sizes));
  let digest: string | undefined;
  // Note: one digest of every record's source, status, file sizes and links, without a text of them all (2 MB at 20,000 documents).
  const parts = () => {
    if (digest === undefined) {
      const h = createHash('sha1').update(urls.absolute(path));
      for (const e of list) h.update(`\0${e.meta.sourcePath} ${e.meta.hash} ${e.status} ${e.record.files.map((f) => sizes.get(f.target) ?? '').join(' ')} ${e.replacedBy ?? ''},${e.replaces},${e.amends},${e.amendedBy},${e.related}`);
      digest = h.digest('base64');
    }
    return digest;
  };
  plans.push(
    { output: `${path.slice(1)}${DOCUMENTS_JSON}`, owner: section.file, content: () => documentsJson(made().json, ctx, path), key: () => ({ json: parts() }), parts },
    { output: `${path.slice(1)}${DOCUMENTS_CSV}`, owner: section.file, content: () => documentsCsv(made().csv), key: () => ({ csv: parts() }), parts: () => `csv\0${parts()}` },
  );
  return plans;
}

/** Every document of the registry as a line of `documents.json` and a row of `documents.csv`. */
interface OpenRows {
  json: string[];
  csv: string[];
}

/**
 * The open data's records, each as `data/documents.schema.json` describes it, written out once for
 * both files. Note: written field by field, as an object made for `JSON.stringify` cost twice as much.
 */
function openRows(ctx: RenderContext, sizes: ReadonlyMap<string, number>): OpenRows {
  const { urls } = ctx;
  const list = ctx.site.documents.list;
  const q = JSON.stringify;
  const numbers = (indexes: readonly number[]) => indexes.map((i) => list[i]!.record.number);
  const json: string[] = new Array(list.length);
  const csv: string[] = new Array(list.length);
  const base = urls.absolute('/');
  list.forEach((e, i) => {
    const r = e.record;
    // Note: what a row is made of besides its document (whose metadata object `serve` keeps while the file is unchanged).
    const made = `${base}\0${e.status}\0${r.files.map((f) => sizes.get(f.target) ?? '').join(' ')}\0${[e.replacedBy, ...e.replaces, ...e.amends, ...e.amendedBy, ...e.related].map((k) => (k === null ? '' : list[k]!.record.number)).join(' ')}`;
    const known = rowMemo.get(e.meta);
    if (known?.made === made) {
      json[i] = known.json;
      csv[i] = known.csv;
      return;
    }
    const url = urls.absolute(e.meta.url);
    const files = r.files.map((f) => ({ url: urls.file(f.target), type: mediaType(f.type) ?? f.type, bytes: sizes.get(f.target) ?? null, title: f.title }));
    const replacedBy = e.replacedBy === null ? null : list[e.replacedBy]!.record.number;
    const [replaces, amends, amendedBy, related] = [numbers(e.replaces), numbers(e.amends), numbers(e.amendedBy), numbers(e.related)];
    const summary = e.meta.summary ?? '';
    json[i] =
      `{"number":${q(r.number)},"type":${q(r.type)},"issuer":${q(r.issuer)},"issued":"${r.issued.date}","effective":"${r.effective.date}",` +
      `"expires":${r.expires ? `"${r.expires.date}"` : 'null'},"status":"${e.status}","signer":${q(r.signer)},"signer_title":${q(r.signerTitle)},` +
      `"field":${q(r.field)},"summary":${q(summary)},"url":${q(url)},"files":${q(files)},"replaces":${q(replaces)},"replaced_by":${q(replacedBy)},` +
      `"amends":${q(amends)},"amended_by":${q(amendedBy)},"related":${q(related)}}`;
    csv[i] = [
      csvCell(r.number), csvCell(r.type), csvCell(r.issuer), r.issued.date, r.effective.date, r.expires?.date ?? '', e.status,
      csvCell(r.signer ?? ''), csvCell(r.signerTitle ?? ''), csvCell(r.field ?? ''), csvCell(summary), csvCell(url),
      csvCell(files.map((f) => f.url).join(' ')), csvCell(replaces.join(' ')), csvCell(replacedBy ?? ''), csvCell(amends.join(' ')), csvCell(amendedBy.join(' ')), csvCell(related.join(' ')),
    ].join(',');
    rowMemo.set(e.meta, { made, json: json[i]!, csv: csv[i]! });
  });
  return { json, csv };
}

// Note: `serve` rebuilds in one process, where an unchanged document keeps its metadata object: its
// rows are made again only when its status, files' sizes or links change (in `build`, every row is new).
const rowMemo = new WeakMap<ArticleMeta, { made: string; json: string; csv: string }>();

/**
 * The registry as JSON (`documents.json`): the site, then every document newest first, one to a
 * line (a diff of two versions shows the documents that changed). Note: indenting every key made
 * the file about 40% larger and its writing the slowest step of a one-document edit at 20,000.
 */
function documentsJson(lines: readonly string[], ctx: RenderContext, path: string): string {
  const { config, urls } = ctx;
  const section = ctx.site.documents.section!;
  const head = JSON.stringify({ title: `${section.title} – ${config.title}`, url: urls.absolute(path), publisher: config.agency.name || config.title, language: ctx.strings.lang });
  return `${head.slice(0, -1)},"documents":[\n${lines.join(',\n')}\n]}\n`;
}

const CSV_COLUMNS = ['number', 'type', 'issuer', 'issued', 'effective', 'expires', 'status', 'signer', 'signer_title', 'field', 'summary', 'url', 'files', 'replaces', 'replaced_by', 'amends', 'amended_by', 'related'];

/** The registry as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read its diacritics). */
function documentsCsv(rows: readonly string[]): string {
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n${rows.join('\r\n')}\r\n`;
}

/** What a CSV cell needs more than its text for: a quote, comma or line break, or a formula's first character. */
const CSV_QUOTE = /[",\r\n]|^[=+\-@\t]/;

/** A text as a CSV cell: quoted when it must be; a formula's first character (`=`, `+`, `-`, `@`) kept as text by a quote mark. */
function csvCell(text: string): string {
  if (!CSV_QUOTE.test(text)) return text;
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The newest documents for the front page ("Văn bản mới"): their summary views, at most `count`. */
export function newestDocuments(ctx: RenderContext, count: number) {
  const { section, list } = ctx.site.documents;
  if (!section || count <= 0 || !list.length) return null;
  // Note: without the status, which changes with the day; the front page's key is made of the documents' sources.
  const entries = list.slice(0, count).map((e) => {
    const { status: _status, ...view } = summaryView(e, ctx);
    return view;
  });
  return { title: ctx.strings.newDocuments, url: ctx.urls.relative(ctx.urls.section(section.path)), entries, metas: list.slice(0, count).map((e) => e.meta) };
}

