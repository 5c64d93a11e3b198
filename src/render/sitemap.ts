/** `sitemap.xml` (sitemaps.org 0.9) listing every page with its last change, and `robots.txt` pointing to it. */
import type { Alternate } from '../collect-translations.js';
import { escapeXml } from './xml.js';
import type { Urls } from './urls.js';

/** A page as the sitemap lists it. */
export interface SitemapEntry {
  /** Site path, e.g. `/2020/02/slug/`. */
  path: string;
  /** ISO 8601 date-time of the page's newest content, or null when it has none. */
  lastmod: string | null;
}

/** Site path of the sitemap. */
export const SITEMAP_PATH = '/sitemap.xml';

/**
 * The sitemap document; entries in the order given (the caller sorts them). `alternates`, on a site
 * of several languages: each page's versions by output path, listed as `xhtml:link`s (Google's form).
 */
export function sitemapXml(entries: readonly SitemapEntry[], urls: Urls, alternates?: ReadonlyMap<string, readonly Alternate[]>): string {
  const versions = alternates?.size ? alternates : null;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${versions ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' : ''}>`];
  for (const e of entries) {
    const lastmod = e.lastmod ? `<lastmod>${escapeXml(e.lastmod)}</lastmod>` : '';
    const links = versions?.get(`${e.path.slice(1)}index.html`)?.map((v) => `<xhtml:link rel="alternate" hreflang="${escapeXml(v.language)}" href="${escapeXml(v.url)}"/>`).join('') ?? '';
    lines.push(`<url><loc>${escapeXml(urls.absolute(e.path))}</loc>${lastmod}${links}</url>`);
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** `robots.txt`: everything may be crawled; each sitemap (one per language) is named by its absolute URL. */
export function robotsTxt(sitemaps: readonly string[]): string {
  return `User-agent: *\nAllow: /\n\n${sitemaps.map((url) => `Sitemap: ${url}\n`).join('')}`;
}
