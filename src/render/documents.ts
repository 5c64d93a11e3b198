/**
 * The document registry's pages: one page per document (its record, files, the
 * documents it replaces or amends and back, the articles that cite it), the registry listing with
 * its filters and metadata, and the front page's newest documents (the feed and open data: `open-data.ts`).
 */
import { DOCUMENT_STATUSES, type DocumentEntry, type DocumentStatus } from '../collect-documents.js';
import { statusLabel } from './document-links.js';
export { documentLink, documentLinksKey, statusLabel } from './document-links.js';
import type { Strings } from '../locales/vi.js';
import { compareText } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import { administrativeDate } from '../vietnamese/documents.js';
import { atomPath } from './feeds.js';
import { publisherOf, scriptJson, type MetaTag } from './metadata.js';
import { mediaType } from '../media-types.js';
import { DOCUMENTS_CSV, DOCUMENTS_JSON } from './open-data.js';
import { articleParts, bodyKey, lastChange, listingPages, type FeedLink, type PagePlan } from './pages.js';
import { searchPath } from './search.js';
import { dateView, siteView, siteViewKey, type RenderContext } from './views.js';

/** A file size as people read it: `245 KB`, `1,2 MB`. */
function fileSize(bytes: number, strings: Strings): string {
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

