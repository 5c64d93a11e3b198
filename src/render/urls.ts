/** Site URLs: paths below the base URL made relative to the host or absolute. */
import { basePath, contentRelative, type SiteConfig } from '../config.js';
import { slugify } from '../vietnamese/slugs.js';

/** Builds links for one site. */
export interface Urls {
  /** `/2020/02/x/` → `/ban-tin/2020/02/x/` (what pages link to). */
  relative(path: string): string;
  /**
   * A file every language of the site shares (the theme's assets), at the site's root: the same as
   * `relative` but for a language other than the default, whose pages are under its prefix.
   */
  shared(path: string): string;
  /** `/2020/02/x/` → `https://example.gov.vn/ban-tin/2020/02/x/` (canonical, feeds, sitemap). */
  absolute(path: string): string;
  /**
   * The absolute URL of a file an article names (its `image`): `content/2020/anh.jpg` and the site
   * path `/2020/anh.jpg` under the base URL, an `http(s)` URL as written.
   */
  file(target: string): string;
  /** Page path of a taxonomy term, e.g. `/tags/dan-van/`. */
  term(taxonomy: string, slug: string): string;
  /** Page path of page `n` (1-based) of a listing at `path`. */
  page(path: string, n: number): string;
  /** Index page of a taxonomy, e.g. `/tags/`. */
  taxonomy(taxonomy: string): string;
  /** Archive page of a year or a month, e.g. `/2020/`, `/2020/02/`. */
  archive(year: number, month?: number): string;
  /** The archive index, `/archives/`. */
  archives: string;
  /** The listing of a section at URL segment `path`, e.g. `/tin-tuc/`. */
  section(path: string): string;
}

/** Creates the URL builder for a config. */
export function urlsFor(config: SiteConfig): Urls {
  const base = basePath(config);
  const origin = new URL(config.baseUrl).origin;
  const relative = (path: string) => `${base}${path.replace(/^\//, '')}`;
  const prefix = config.languages.find((l) => l.code === config.language)?.prefix;
  const root = prefix && base.endsWith(`/${prefix}/`) ? base.slice(0, -prefix.length - 1) : base;
  return {
    relative,
    shared: (path) => `${root}${path.replace(/^\//, '')}`,
    absolute: (path) => `${origin}${relative(path)}`,
    file: (target) => (/^https?:\/\//i.test(target) ? target : `${origin}${relative(contentRelative(config, target).replace(/^\/+/, ''))}`),
    term: (taxonomy, slug) => `/${segmentOf(taxonomy)}/${slug}/`,
    page: (path, n) => (n <= 1 ? path : `${path}${config.segments.page}/${n}/`),
    taxonomy: (taxonomy) => `/${segmentOf(taxonomy)}/`,
    archive: (year, month) => (month === undefined ? `/${year}/` : `/${year}/${String(month).padStart(2, '0')}/`),
    archives: '/archives/',
    section: (path) => `/${path}/`,
  };
  function segmentOf(taxonomy: string): string {
    return taxonomy === 'province' ? config.segments.provinces : taxonomy === 'tags' ? config.segments.tags : slugify(taxonomy);
  }
}
