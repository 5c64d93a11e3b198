/**
 * Syndication: Atom 1.0 feeds (RFC 4287) for the site, each tag and each province, and a JSON Feed
 * 1.1 for the site. Dates come from the articles only (never the build time), so a rebuild of the
 * same content gives the same bytes; entry ids are tag URIs (RFC 4151) that survive rebuilds.
 */
import type { ArticleMeta } from '../types.js';
import { publisherName } from './metadata.js';
import { lastChange, newestChange } from './pages.js';
import type { RenderContext } from './views.js';
import { cardOf } from './photos.js';
import { escapeXml } from './xml.js';

/** Entries per feed: the newest articles. */
export const FEED_SIZE = 20;

/** Site path of the Atom feed of a listing at `path` (`/` → `/atom.xml`, `/tags/x/` → `/tags/x/atom.xml`). */
export function atomPath(listingPath: string): string {
  return `${listingPath}atom.xml`;
}

/** Site path of the JSON Feed. */
export const JSON_FEED_PATH = '/feed.json';

/** Site path of the JSON Feed of a listing at `path` (`/` → `/feed.json`, `/tin-tuc/` → `/tin-tuc/feed.json`). */
export function jsonFeedPath(listingPath: string): string {
  return `${listingPath}feed.json`;
}

/** What a feed is about. */
export interface FeedInput {
  /** Site path of the listing page the feed mirrors, e.g. `/` or `/tags/dan-van/`. */
  path: string;
  title: string;
  /** Articles newest first; only the first `FEED_SIZE` are used. */
  articles: readonly ArticleMeta[];
}

/** The body HTML of an article with internal links made absolute. */
export type AbsoluteBody = (a: ArticleMeta) => string;


/** A stable id for an article: `tag:example.gov.vn,2020-02-24:/2020/02/slug/`. */
export function entryId(a: ArticleMeta, ctx: RenderContext): string {
  return `tag:${new URL(ctx.config.baseUrl).hostname},${a.date.date}:${a.url}`;
}

/** An Atom feed document, or null for a listing with no articles. */
export function atomFeed(feed: FeedInput, body: AbsoluteBody, ctx: RenderContext): string | null {
  const entries = feed.articles.slice(0, FEED_SIZE);
  const updated = newestChange(entries);
  if (updated === null) return null;
  const { urls, config, strings } = ctx;
  const x = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(strings.lang)}">`,
    `<title>${x(feed.title)}</title>`,
  ];
  if (config.description) lines.push(`<subtitle>${x(config.description)}</subtitle>`);
  lines.push(
    `<link rel="alternate" type="text/html" href="${x(urls.absolute(feed.path))}"/>`,
    `<link rel="self" type="application/atom+xml" href="${x(urls.absolute(atomPath(feed.path)))}"/>`,
    `<id>${x(urls.absolute(feed.path))}</id>`,
    `<updated>${updated}</updated>`,
    `<author><name>${x(publisherName(ctx))}</name>${config.agency.url ? `<uri>${x(config.agency.url)}</uri>` : ''}</author>`,
    '<generator>bantin</generator>',
  );
  for (const a of entries) lines.push(atomEntry(a, body(a), ctx));
  lines.push('</feed>', '');
  return lines.join('\n');
}

// Note: an article is in several feeds, and `serve` writes feeds again after each save; an entry
// is kept with its article while its body (links resolved) and the site's URL and language stay.
const entryCache = new WeakMap<ArticleMeta, { html: string; site: string; xml: string }>();

/** One `<entry>` of an Atom feed. */
function atomEntry(a: ArticleMeta, html: string, ctx: RenderContext): string {
  const site = `${ctx.urls.absolute('/')}\0${ctx.config.baseUrl}\0${ctx.strings.lang}`;
  const known = entryCache.get(a);
  if (known && known.html === html && known.site === site) return known.xml;
  const { urls } = ctx;
  const x = escapeXml;
  const lines = [
    '<entry>',
    `<title>${x(a.title)}</title>`,
    `<link rel="alternate" type="text/html" href="${x(urls.absolute(a.url))}"/>`,
    `<id>${x(entryId(a, ctx))}</id>`,
    `<published>${a.date.iso}</published>`,
    `<updated>${lastChange(a).iso}</updated>`,
  ];
  if (a.author) lines.push(`<author><name>${x(a.author)}</name></author>`);
  for (const tag of a.terms.tags ?? []) lines.push(`<category term="${x(tag)}"/>`);
  if (a.summary) lines.push(`<summary>${x(a.summary)}</summary>`);
  lines.push(`<content type="html">${x(html)}</content>`, '</entry>');
  const xml = lines.join('\n');
  entryCache.set(a, { html, site, xml });
  return xml;
}

/** The site's JSON Feed 1.1 document, or null when the site has no articles. */
export function jsonFeed(articles: readonly ArticleMeta[], body: AbsoluteBody, ctx: RenderContext, of: { path: string; title: string } = { path: '/', title: ctx.config.title }): string | null {
  const entries = articles.slice(0, FEED_SIZE);
  if (entries.length === 0) return null;
  const { urls, config, strings } = ctx;
  const feed: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: of.title,
    home_page_url: urls.absolute(of.path),
    feed_url: urls.absolute(jsonFeedPath(of.path)),
  };
  if (config.description) feed.description = config.description;
  feed.language = strings.lang;
  feed.authors = [{ name: publisherName(ctx), ...(config.agency.url ? { url: config.agency.url } : {}) }];
  feed.items = entries.map((a) => {
    const item: Record<string, unknown> = {
      id: entryId(a, ctx),
      url: urls.absolute(a.url),
      title: a.title,
      content_html: body(a),
    };
    if (a.summary) item.summary = a.summary;
    const card = cardOf(a, ctx.photos, urls);
    if (card) item.image = card.url;
    item.date_published = a.date.iso;
    item.date_modified = lastChange(a).iso;
    if (a.author) item.authors = [{ name: a.author }];
    const tags = [...(a.terms.tags ?? []), ...(a.provinceName ? [a.provinceName] : [])];
    if (tags.length) item.tags = tags;
    return item;
  });
  return `${JSON.stringify(feed, null, 2)}\n`;
}
