/** Site URLs: paths below the base URL made relative to the host or absolute. */
import { basePath, type SiteConfig } from '../config.js';
import { slugify } from '../slugs.js';

/** Builds links for one site. */
export interface Urls {
  /** `/2020/02/x/` → `/ban-tin/2020/02/x/` (what pages link to). */
  relative(path: string): string;
  /** `/2020/02/x/` → `https://example.gov.vn/ban-tin/2020/02/x/` (canonical, feeds, sitemap). */
  absolute(path: string): string;
  /** Page path of a taxonomy term, e.g. `/tags/dan-van/`. */
  term(taxonomy: string, slug: string): string;
  /** Page path of page `n` (1-based) of a listing at `path`. */
  page(path: string, n: number): string;
}

/** Creates the URL builder for a config. */
export function urlsFor(config: SiteConfig): Urls {
  const base = basePath(config);
  const origin = new URL(config.baseUrl).origin;
  const relative = (path: string) => `${base}${path.replace(/^\//, '')}`;
  return {
    relative,
    absolute: (path) => `${origin}${relative(path)}`,
    term(taxonomy, slug) {
      const segment = taxonomy === 'province' ? config.segments.provinces : taxonomy === 'tags' ? config.segments.tags : slugify(taxonomy);
      return `/${segment}/${slug}/`;
    },
    page: (path, n) => (n <= 1 ? path : `${path}${config.segments.page}/${n}/`),
  };
}
