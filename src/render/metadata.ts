/**
 * Per-page metadata for machines: Open Graph, Dublin Core and JSON-LD (`NewsArticle` published by
 * a `GovernmentOrganization`). Templates print the tags HTML-escaped and the JSON-LD as built here.
 */
import type { ArticleMeta } from '../types.js';
import type { RenderContext } from './views.js';
import { cardOf } from './photos.js';

/** One `<meta>` tag: `attr` is `name` or `property`. */
export interface MetaTag {
  attr: 'name' | 'property';
  key: string;
  content: string;
}

/** What a page's `<head>` says about it besides title, description and canonical URL. */
export interface PageMetadata {
  meta: MetaTag[];
  /** JSON-LD text, safe inside `<script type="application/ld+json">`, or empty. */
  json_ld: string;
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` become `\u003c` … so text such as `</script>` or
 * `<!--` in content cannot end or change the element; U+2028/2029 are escaped for old parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 0).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The issuing agency as schema.org sees it (config `agency`, or the site itself). */
export function publisherOf(ctx: RenderContext): Record<string, unknown> {
  const { agency, title, baseUrl } = ctx.config;
  const org: Record<string, unknown> = {
    '@type': 'GovernmentOrganization',
    name: agency.name || title,
    url: agency.url || baseUrl,
  };
  if (agency.address) org.address = agency.address;
  if (agency.phone) org.telephone = agency.phone;
  if (agency.email) org.email = agency.email;
  return org;
}

/** Name of whoever publishes the site: the agency, else the site title. */
export function publisherName(ctx: RenderContext): string {
  return ctx.config.agency.name || ctx.config.title;
}

/** Metadata of an article page. */
export function articleMetadata(a: ArticleMeta, ctx: RenderContext): PageMetadata {
  const { urls, strings, config } = ctx;
  const canonical = urls.absolute(a.url);
  const modified = (a.updated ?? a.date).iso;
  const card = cardOf(a, ctx.photos, urls);
  const tags = a.terms.tags ?? [];
  const meta: MetaTag[] = [
    { attr: 'property', key: 'og:type', content: 'article' },
    { attr: 'property', key: 'og:title', content: a.title },
    { attr: 'property', key: 'og:url', content: canonical },
    { attr: 'property', key: 'og:site_name', content: config.title },
    { attr: 'property', key: 'og:locale', content: strings.ogLocale },
  ];
  if (a.summary) meta.push({ attr: 'property', key: 'og:description', content: a.summary });
  if (card) {
    meta.push({ attr: 'property', key: 'og:image', content: card.url });
    if (card.width) meta.push({ attr: 'property', key: 'og:image:width', content: String(card.width) }, { attr: 'property', key: 'og:image:height', content: String(card.height) });
    if (a.image?.alt) meta.push({ attr: 'property', key: 'og:image:alt', content: a.image.alt });
  }
  meta.push(
    { attr: 'property', key: 'article:published_time', content: a.date.iso },
    { attr: 'property', key: 'article:modified_time', content: modified },
  );
  if (a.category) meta.push({ attr: 'property', key: 'article:section', content: a.category });
  for (const tag of tags) meta.push({ attr: 'property', key: 'article:tag', content: tag });
  meta.push(...dublinCore({ title: a.title, creator: a.author ?? publisherName(ctx), date: a.date.date, description: a.summary, identifier: canonical }, ctx));

  const publisher = publisherOf(ctx);
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    url: canonical,
    mainEntityOfPage: canonical,
    datePublished: a.date.iso,
    dateModified: modified,
    inLanguage: strings.lang,
    author: a.author ? { '@type': 'Person', name: a.author } : publisher,
    publisher,
  };
  if (a.summary) data.description = a.summary;
  if (card) data.image = card.width ? { '@type': 'ImageObject', url: card.url, width: card.width, height: card.height } : card.url;
  if (a.category) data.articleSection = a.category;
  if (tags.length) data.keywords = tags.join(', ');
  if (a.provinceName) data.contentLocation = { '@type': 'AdministrativeArea', name: a.provinceName };
  if (a.sourceUrl) data.isBasedOn = a.sourceUrl;
  return { meta, json_ld: scriptJson(data) };
}

/**
 * Metadata of a listing, index or other page that is not an article; `schemaType` names its
 * schema.org type when it is not a listing (`WebPage`, `ContactPage` for a page of `content/pages/`).
 */
export function listingMetadata(page: { title: string; description: string; path: string; schemaType?: string }, ctx: RenderContext): PageMetadata {
  const { urls, strings, config } = ctx;
  const canonical = urls.absolute(page.path);
  const meta: MetaTag[] = [
    { attr: 'property', key: 'og:type', content: 'website' },
    { attr: 'property', key: 'og:title', content: page.title },
    { attr: 'property', key: 'og:url', content: canonical },
    { attr: 'property', key: 'og:site_name', content: config.title },
    { attr: 'property', key: 'og:locale', content: strings.ogLocale },
  ];
  if (page.description) meta.push({ attr: 'property', key: 'og:description', content: page.description });
  meta.push(...dublinCore({ title: page.title, creator: publisherName(ctx), date: null, description: page.description || null, identifier: canonical }, ctx));
  const data = {
    '@context': 'https://schema.org',
    '@type': page.schemaType ?? (page.path === '/' ? 'WebSite' : 'CollectionPage'),
    name: page.title,
    url: canonical,
    inLanguage: strings.lang,
    publisher: publisherOf(ctx),
  };
  return { meta, json_ld: scriptJson(data) };
}

function dublinCore(
  dc: { title: string; creator: string; date: string | null; description: string | null; identifier: string },
  ctx: RenderContext,
): MetaTag[] {
  const tags: MetaTag[] = [
    { attr: 'name', key: 'DC.title', content: dc.title },
    { attr: 'name', key: 'DC.creator', content: dc.creator },
  ];
  if (dc.date) tags.push({ attr: 'name', key: 'DC.date', content: dc.date });
  if (dc.description) tags.push({ attr: 'name', key: 'DC.description', content: dc.description });
  tags.push(
    { attr: 'name', key: 'DC.publisher', content: publisherName(ctx) },
    { attr: 'name', key: 'DC.identifier', content: dc.identifier },
    { attr: 'name', key: 'DC.language', content: ctx.strings.lang },
  );
  return tags;
}
