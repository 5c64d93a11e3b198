/** `sitemap.xml` (sitemaps.org 0.9) listing every page with its last change, and `robots.txt` pointing to it. */
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

/** The sitemap document; entries in the order given (the caller sorts them). */
export function sitemapXml(entries: readonly SitemapEntry[], urls: Urls): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const e of entries) {
    const lastmod = e.lastmod ? `<lastmod>${escapeXml(e.lastmod)}</lastmod>` : '';
    lines.push(`<url><loc>${escapeXml(urls.absolute(e.path))}</loc>${lastmod}</url>`);
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** `robots.txt`: everything may be crawled; the sitemap is named by its absolute URL. */
export function robotsTxt(urls: Urls): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${urls.absolute(SITEMAP_PATH)}\n`;
}
