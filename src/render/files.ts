/**
 * Files written without a template: Atom feeds (site, each term), the JSON Feed, redirect pages
 * for article `aliases`, `sitemap.xml` and `robots.txt`.
 */
import { compareText } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import { atomFeed, atomPath, FEED_SIZE, jsonFeed, JSON_FEED_PATH, jsonFeedPath, type AbsoluteBody } from './feeds.js';
import { escapeXml } from './xml.js';
import { articleParts, bodyKey, type FilePlan, type PagePlan } from './pages.js';
import { robotsTxt, sitemapXml, SITEMAP_PATH, type SitemapEntry } from './sitemap.js';
import type { RenderContext } from './views.js';

/** Plans the feeds, redirects, sitemap and robots file; `hasStatic` tells whether `static/` provides a file. */
export function planFiles(ctx: RenderContext, pages: readonly PagePlan[], body: AbsoluteBody, hasStatic: (output: string) => boolean): FilePlan[] {
  const { site, config, urls } = ctx;
  const plans: FilePlan[] = [];
  const feed = (path: string, title: string, articles: readonly ArticleMeta[], owner: string) => {
    if (articles.length === 0) return;
    plans.push({
      output: atomPath(path).slice(1),
      owner,
      content: () => atomFeed({ path, title, articles }, body, ctx)!,
      key: () => ({ atom: path, title, entries: articles.slice(0, FEED_SIZE).map(bodyKey) }),
      parts: () => `${path}\0${title}\0${articles.slice(0, FEED_SIZE).map(articleParts).join('\0')}`,
    });
  };

  feed('/', config.title, site.articles, 'templates/index.liquid');
  if (site.articles.length) {
    plans.push({
      output: JSON_FEED_PATH.slice(1),
      owner: 'templates/index.liquid',
      content: () => jsonFeed(site.articles, body, ctx)!,
      key: () => ({ json: JSON_FEED_PATH, entries: site.articles.slice(0, FEED_SIZE).map(jsonEntryKey) }),
      parts: () => site.articles.slice(0, FEED_SIZE).map(articleParts).join('\0'),
    });
  }
  for (const { declared, ...section } of site.sections) {
    if (!declared.feed || !section.articles.length || declared.kind === 'documents') continue;
    const path = urls.section(declared.path);
    const articles = section.articles.map((i) => site.articles[i]!);
    const title = `${declared.title} – ${config.title}`;
    feed(path, title, articles, declared.file);
    plans.push({
      output: jsonFeedPath(path).slice(1),
      owner: declared.file,
      content: () => jsonFeed(articles, body, ctx, { path, title })!,
      key: () => ({ json: jsonFeedPath(path), title, entries: articles.slice(0, FEED_SIZE).map(jsonEntryKey) }),
      parts: () => `${path}\0${title}\0${articles.slice(0, FEED_SIZE).map(articleParts).join('\0')}`,
    });
  }
  for (const [taxonomy, terms] of Object.entries(site.taxonomies)) {
    for (const term of terms) {
      const articles = term.articles.map((i) => site.articles[i]!);
      feed(urls.term(taxonomy, term.slug), `${term.name} – ${config.title}`, articles, 'templates/term.liquid');
    }
  }

  let entries: SitemapEntry[] | undefined;
  const sitemap = () => (entries ??= pages.flatMap((p) => (p.sitemap ? [p.sitemap] : [])).sort((x, y) => compareText(x.path, y.path)));
  // Note: the sitemap is a pure function of its entries (and the base URL, in the config a cache checks itself).
  let listed: string | undefined;
  // Note: on a site of several languages, the digest of the pages' versions too (their xhtml:links).
  const parts = () => (listed ??= `${ctx.languages?.digest ?? ''}\n${sitemap().map((e) => `${e.path}\t${e.lastmod ?? ''}`).join('\n')}`);
  const versions = ctx.languages?.alternates;
  plans.push({ output: SITEMAP_PATH.slice(1), owner: 'templates', content: () => sitemapXml(sitemap(), urls, versions), key: () => ({ sitemap: parts() }), parts });
  // Note: robots.txt is read at the root only: the default language's names every language's sitemap.
  const sitemaps = ctx.languages?.sitemaps ?? [urls.absolute(SITEMAP_PATH)];
  if (!hasStatic('robots.txt') && (ctx.languages?.main ?? true)) plans.push({ output: 'robots.txt', owner: 'templates', content: () => robotsTxt(sitemaps) });
  // Note: after the files bantin names itself, so that an alias over one of them is what is reported.
  for (const a of site.articles) {
    for (const alias of a.aliases) {
      plans.push({ output: aliasOutput(alias.path), owner: a.sourcePath, place: alias.place, fix: 'change or remove this alias', content: () => redirectPage(a, ctx) });
    }
  }

  return plans;
}

/** Output file of an old URL: `/tin/12.html` → `tin/12.html`, `/tin/12/` or `/tin/12` → `tin/12/index.html`. */
export function aliasOutput(alias: string): string {
  let path = alias;
  try {
    path = decodeURIComponent(alias);
  } catch {
    // kept as written
  }
  path = path.replace(/^\/+/, '');
  if (path.endsWith('/')) return `${path}index.html`;
  return /\.[a-z0-9]+$/i.test(path) ? path : `${path}/index.html`;
}

/** A page at an old URL that sends visitors (and search engines, via canonical) to the article. */
function redirectPage(a: ArticleMeta, ctx: RenderContext): string {
  const x = escapeXml;
  const target = ctx.urls.relative(a.url);
  return [
    '<!doctype html>',
    `<html lang="${x(ctx.strings.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${x(a.title)}</title>`,
    `<link rel="canonical" href="${x(ctx.urls.absolute(a.url))}">`,
    '<meta name="robots" content="noindex">',
    `<meta http-equiv="refresh" content="0; url=${x(target)}">`,
    '</head>',
    '<body>',
    `<p>${x(ctx.strings.redirecting)} <a href="${x(target)}">${x(a.title)}</a></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * What a JSON Feed item is a pure function of: the body, and the lead photo (its `image`), whose
 * placeholder a cache resolves to the photo's file (named by its bytes).
 */
function jsonEntryKey(a: ArticleMeta): string {
  return `${bodyKey(a)} ${a.image?.src ?? ''}`;
}
