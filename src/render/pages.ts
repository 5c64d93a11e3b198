/** Pages: which HTML files the site has, and the data each template gets. */
import type { Place } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import { citedDocuments, citedMetas } from './document-links.js';
import { articleMetadata, listingMetadata } from './metadata.js';
import type { SitemapEntry } from './sitemap.js';
import { articleView, articleViewKey, dateView, siteView, siteViewKey, type RenderContext } from './views.js';

/** A page to render: the template, its data and who asked for it (for collision messages). */
export interface PagePlan {
  /** Output path below the output folder, e.g. `2020/02/x/index.html`. */
  output: string;
  template: string;
  /** The file this page comes from (an article's path, or the template for listings). */
  owner: string;
  data: () => Record<string, unknown>;
  /**
   * What `data` is a pure function of (with link placeholders), cheaper to compute than the data:
   * a build cache keeps the previous page when it is unchanged. Absent: the data itself is the key.
   */
  key?: () => unknown;
  /**
   * What the page is made of besides what all pages share (`sharedKey`), as text cheaper to make
   * than `key`: each article by its source path and content hash (its metadata and body are a pure
   * function of them and the config). A cache reuses the page without making its key while these
   * and the shared key stay the same. Made only when a cache asks.
   */
  parts?: () => string;
  /**
   * The articles `parts` names, when the rest of it follows from the site model and the config (a
   * listing's terms and pages): while the model is the last build's and none of these articles
   * changed, `parts` is known to be the same without being made (see `RenderInput.changed`).
   */
  shows?: readonly ArticleMeta[];
  /** How the sitemap lists the page; absent for pages it leaves out (404). */
  sitemap?: SitemapEntry;
}

/** A file written without a template (feeds, sitemap, redirects). */
export interface FilePlan {
  output: string;
  owner: string;
  /** Where in `owner` the file is asked for (an alias's line), when known. */
  place?: Place;
  /** How to fix a collision of this file, when the default (another slug or date) does not fit. */
  fix?: string;
  content: () => string;
  /**
   * What the content is a pure function of (with link placeholders), when that is cheaper to
   * compute than the content: a build cache keeps the previous file when it is unchanged.
   */
  key?: () => unknown;
  /** As `PagePlan.parts`. */
  parts?: () => string;
}

/** A feed a page links with `<link rel="alternate">`. */
export interface FeedLink {
  title: string;
  url: string;
  type: string;
}

/** Last change of an article: `updated`, else `date`. */
export function lastChange(a: ArticleMeta) {
  return a.updated ?? a.date;
}

/** The newest change among articles, as ISO text (null when there are none). */
export function newestChange(articles: readonly ArticleMeta[]): string | null {
  let best: ReturnType<typeof lastChange> | null = null;
  for (const a of articles) {
    const change = lastChange(a);
    if (!best || change.epoch > best.epoch) best = change;
  }
  return best ? best.iso : null;
}

/** The `page` object of a page that is not an article. */
function pageView(kind: string, title: string, path: string, ctx: RenderContext, feeds: FeedLink[], description = ctx.config.description, schemaType?: string) {
  return {
    kind,
    title,
    description,
    url: ctx.urls.relative(path),
    canonical: ctx.urls.absolute(path),
    feeds,
    ...listingMetadata({ title, description, path, ...(schemaType ? { schemaType } : {}) }, ctx),
  };
}

/** Feeds every page links: the site's, then the listing's own. */
function feedLinks(ctx: RenderContext, own: FeedLink | null): FeedLink[] {
  const links: FeedLink[] = [];
  if (ctx.site.articles.length) {
    links.push({ title: `${ctx.config.title} – Atom`, url: ctx.urls.relative('/atom.xml'), type: 'application/atom+xml' });
    links.push({ title: `${ctx.config.title} – JSON Feed`, url: ctx.urls.relative('/feed.json'), type: 'application/feed+json' });
  }
  if (own && !links.some((l) => l.url === own.url)) links.push(own);
  return links;
}

/** The page of one article; `html` is its body with references already resolved. */
export function articlePage(a: ArticleMeta, html: () => string, ctx: RenderContext): PagePlan {
  // Note: an article lists the documents it cites, so its page is made of them too.
  const cited = a.citations.length || a.references.some((r) => r.kind === 'document') ? citedMetas(a, ctx.site.documents) : [];
  return {
    output: a.output,
    template: 'article',
    owner: a.sourcePath,
    sitemap: { path: a.url, lastmod: lastChange(a).iso },
    // Note: the page part is made of the article, the config and the site-wide feed links (in the site view).
    key: () => [siteViewKey(ctx), articleViewKey(a, ctx), bodyKey(a), ...cited.map(articleParts)],
    parts: () => (cited.length ? [a, ...cited].map(articleParts).join('\0') : articleParts(a)),
    shows: cited.length ? [a, ...cited] : [a],
    data: () => ({
      site: siteView(ctx),
      t: ctx.strings,
      page: {
        kind: 'article',
        title: a.title,
        description: a.summary ?? '',
        url: ctx.urls.relative(a.url),
        canonical: ctx.urls.absolute(a.url),
        feeds: feedLinks(ctx, null),
        ...articleMetadata(a, ctx),
      },
      // Note: data is made only for a page that is rendered; its key is `key`, not this data.
      article: { ...articleView(a, ctx), documents: citedDocuments(a, ctx.site.documents, ctx.urls), body_key: bodyKey(a), body: html() },
    }),
  };
}

/** An article as a page's `parts` name it: its source and the hash of its bytes. */
export function articleParts(a: ArticleMeta): string {
  return `${a.sourcePath} ${a.hash}`;
}

/**
 * What an article's body HTML is a pure function of: its source bytes (with the config, which a
 * cache checks itself) and the targets of its links, as placeholders a cache resolves.
 */
export function bodyKey(a: ArticleMeta): string {
  return `${a.hash} ${a.references.map((r) => r.placeholder).join(' ')}`;
}

/** A page that is not a paginated listing (an index, the 404 page). */
export function singlePage(
  opts: { path: string; output?: string; title: string; template: string; owner: string; kind: string; lastmod?: string | null },
  data: () => Record<string, unknown>,
  ctx: RenderContext,
): PagePlan {
  return {
    output: opts.output ?? `${opts.path.slice(1)}index.html`,
    template: opts.template,
    owner: opts.owner,
    sitemap: opts.lastmod === undefined ? undefined : { path: opts.path, lastmod: opts.lastmod },
    data: () => ({
      site: siteView(ctx),
      t: ctx.strings,
      page: pageView(opts.kind, opts.title, opts.path, ctx, feedLinks(ctx, null)),
      ...data(),
    }),
  };
}

/**
 * The pages of a paginated listing of articles; `feed` is the site path of its own Atom feed, and
 * `newest(from, to)` the newest change among `articles[from..to)` (see `newestChange`).
 */
export function listingPages(
  opts: {
    path: string;
    title: string;
    template: string;
    owner: string;
    kind: string;
    feed?: string | null;
    extra?: Record<string, unknown>;
    pageSize?: number;
    /** Articles every page shows besides its own slice (the front page's section blocks, in `extra`). */
    also?: readonly ArticleMeta[];
    /**
     * How an entry is shown and what that view is a pure function of (a document's record and its
     * status on the day of the build); default `articleView` and its key. With it, the page is not
     * known unchanged from its articles alone (it has no `shows`).
     */
    entries?: { view: (a: ArticleMeta) => unknown; key: (a: ArticleMeta) => string };
  },
  articles: readonly ArticleMeta[],
  ctx: RenderContext,
  newest: (from: number, to: number) => string | null,
): PagePlan[] {
  const size = opts.pageSize ?? ctx.config.pageSize;
  const total = Math.max(1, Math.ceil(articles.length / size));
  const own = opts.feed ? { title: `${opts.title} – Atom`, url: ctx.urls.relative(opts.feed), type: 'application/atom+xml' } : null;
  const plans: PagePlan[] = [];
  // Note: what every page of the listing shares goes into their keys as one text, made once.
  const { also = [], entries, ...shown } = opts;
  const listingKey = JSON.stringify([own, shown, articles.length, total]);
  const entryKey = entries?.key ?? ((a: ArticleMeta) => articleViewKey(a, ctx));
  const entryParts = entries?.key ?? articleParts;
  const entryView = entries?.view ?? ((a: ArticleMeta) => articleView(a, ctx));
  for (let n = 1; n <= total; n++) {
    const path = ctx.urls.page(opts.path, n);
    const slice = articles.slice((n - 1) * size, n * size);
    const title = n > 1 ? `${opts.title} – ${ctx.strings.page} ${n}` : opts.title;
    plans.push({
      output: `${path.slice(1)}index.html`,
      template: opts.template,
      owner: opts.owner,
      sitemap: { path, lastmod: newest((n - 1) * size, n * size) },
      key: () => [siteViewKey(ctx), listingKey, title, path, n, [...slice.map(entryKey), ...also.map((a) => articleViewKey(a, ctx))]],
      parts: () => `${listingKey}\0${n}\0${[...slice.map(entryParts), ...also.map(articleParts)].join('\0')}`,
      ...(entries ? {} : { shows: also.length ? [...slice, ...also] : slice }),
      data: () => ({
        site: siteView(ctx),
        t: ctx.strings,
        page: pageView(opts.kind, title, path, ctx, feedLinks(ctx, own)),
        listing: {
          ...opts.extra,
          title: opts.title,
          feed: own?.url ?? null,
          entries: slice.map(entryView),
          count: articles.length,
          pagination: {
            current: n,
            total,
            previous: n > 1 ? ctx.urls.relative(ctx.urls.page(opts.path, n - 1)) : null,
            next: n < total ? ctx.urls.relative(ctx.urls.page(opts.path, n + 1)) : null,
            pages: pageWindow(n, total).map((number, i, all) => ({
              number,
              url: ctx.urls.relative(ctx.urls.page(opts.path, number)),
              current: number === n,
              gap: i > 0 && number - all[i - 1]! > 1,
            })),
          },
        },
      }),
    });
  }
  return plans;
}

/**
 * Page numbers a pagination bar shows: the first, the last and two either side of the current.
 * Note: listing every page made each page's data grow with the listing (quadratic at 100,000 articles).
 */
export function pageWindow(current: number, total: number): number[] {
  const numbers = new Set([1, total]);
  for (let k = Math.max(1, current - 2); k <= Math.min(total, current + 2); k++) numbers.add(k);
  return [...numbers].sort((a, b) => a - b);
}

/**
 * The page of an undated page (`content/pages/…`, see `collectPages`), with its breadcrumbs and its
 * child pages; `html` is its body with references resolved.
 */
export function sitePage(index: number, html: () => string, ctx: RenderContext): PagePlan {
  const { site, urls } = ctx;
  const node = site.pages[index]!;
  const { page } = node;
  const link = (i: number) => ({ title: site.pages[i]!.page.title, url: urls.relative(site.pages[i]!.page.url) });
  const ancestors: number[] = [];
  for (let up = node.parent; up !== null; up = site.pages[up]!.parent) ancestors.unshift(up);
  return {
    output: page.output,
    template: 'page',
    owner: page.sourcePath,
    sitemap: { path: page.url, lastmod: page.updated?.iso ?? null },
    data: () => ({
      site: siteView(ctx),
      t: ctx.strings,
      page: pageView('page', page.title, page.url, ctx, feedLinks(ctx, null), page.summary ?? ctx.config.description, page.contact ? 'ContactPage' : 'WebPage'),
      node: {
        title: page.title,
        summary: page.summary,
        url: urls.relative(page.url),
        updated: page.updated ? dateView(page.updated, ctx.strings) : null,
        contact: page.contact,
        breadcrumbs: ancestors.map(link),
        children: node.children.map((i) => ({ ...link(i), summary: site.pages[i]!.page.summary })),
        body: html(),
      },
    }),
  };
}
