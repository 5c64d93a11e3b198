/** View models: what templates see of the site, an article and a listing entry. */
import type { SiteConfig } from '../config.js';
import { provinces } from '../content/article.js';
import type { SiteDate } from '../content/dates.js';
import { formatDate } from '../locale.js';
import type { Strings } from '../locales/vi.js';
import type { SiteModel } from '../collect.js';
import { termKey } from '../collect.js';
import type { ArticleMeta } from '../types.js';
import type { Urls } from './urls.js';

/** Shared context of one build's rendering. */
export interface RenderContext {
  config: SiteConfig;
  site: SiteModel;
  strings: Strings;
  urls: Urls;
  /** Term slug by taxonomy and term key, to link an article's tags to their pages. */
  termSlugs: Map<string, Map<string, { slug: string; name: string }>>;
}

/** A date as templates print it. */
export interface DateView {
  iso: string;
  date: string;
  display: string;
}

/** Indexes every term of the site by its key, for linking. */
export function indexTerms(site: SiteModel): RenderContext['termSlugs'] {
  const index: RenderContext['termSlugs'] = new Map();
  for (const [taxonomy, terms] of Object.entries(site.taxonomies)) {
    const byKey = new Map<string, { slug: string; name: string }>();
    for (const term of terms) {
      byKey.set(termKey(term.name), { slug: term.slug, name: term.name });
      for (const v of term.variants) byKey.set(termKey(v.spelling), { slug: term.slug, name: term.name });
    }
    index.set(taxonomy, byKey);
  }
  return index;
}

/** The `site` object every template sees. */
export function siteView(ctx: RenderContext) {
  const { config, urls } = ctx;
  return {
    title: config.title,
    description: config.description,
    url: config.baseUrl,
    home: urls.relative('/'),
    language: config.language,
    agency: config.agency,
    stylesheet: urls.relative('/assets/style.css'),
    /** The theme's assets folder, ending in `/` (`{{ site.assets }}logo.svg`). */
    assets: urls.relative('/assets/'),
    nav: navView(ctx),
    feed: ctx.site.articles.length ? urls.relative('/atom.xml') : null,
    json_feed: ctx.site.articles.length ? urls.relative('/feed.json') : null,
    search: config.search.enabled ? urls.relative(`/${config.search.path}/`) : null,
  };
}

/** What visitors call a taxonomy: `Chủ đề` for tags, `Tỉnh, thành phố` for provinces, else a string or the field name. */
export function taxonomyLabel(taxonomy: string, strings: Strings): string {
  if (taxonomy === 'province') return strings.provinces;
  const own = (strings as unknown as Record<string, unknown>)[taxonomy];
  if (typeof own === 'string') return own;
  return taxonomy.charAt(0).toLocaleUpperCase() + taxonomy.slice(1);
}

/** Header links: home, each taxonomy index that has terms, the archives. */
function navView(ctx: RenderContext): { title: string; url: string }[] {
  const { urls, strings, site } = ctx;
  const nav = [{ title: strings.home, url: urls.relative('/') }];
  for (const [taxonomy, terms] of Object.entries(site.taxonomies)) {
    if (terms.length) nav.push({ title: taxonomyLabel(taxonomy, strings), url: urls.relative(urls.taxonomy(taxonomy)) });
  }
  if (site.articles.length) nav.push({ title: strings.archives, url: urls.relative(urls.archives) });
  return nav;
}

/** A date for templates. */
export function dateView(date: SiteDate, strings: Strings): DateView {
  return { iso: date.iso, date: date.date, display: formatDate(date, strings) };
}

/** An article's fields for templates (everything but its body). */
export function articleView(a: ArticleMeta, ctx: RenderContext) {
  const { urls, strings } = ctx;
  const link = (taxonomy: string, value: string) => {
    const term = ctx.termSlugs.get(taxonomy)?.get(termKey(value));
    return { name: term?.name ?? value, url: term ? urls.relative(urls.term(taxonomy, term.slug)) : null };
  };
  const province = a.province ? provinces().bySlug.get(a.province) : undefined;
  return {
    title: a.title,
    summary: a.summary,
    url: urls.relative(a.url),
    canonical: urls.absolute(a.url),
    date: dateView(a.date, strings),
    updated: a.updated ? dateView(a.updated, strings) : null,
    province: a.province && a.provinceName
      ? {
          name: a.provinceName,
          current: province?.current ?? true,
          url: ctx.termSlugs.has('province') ? urls.relative(urls.term('province', a.province)) : null,
        }
      : null,
    source: a.source,
    source_url: a.sourceUrl,
    author: a.author,
    category: a.category,
    tags: (a.terms.tags ?? []).map((t) => link('tags', t)),
    terms: Object.fromEntries(Object.entries(a.terms).map(([k, values]) => [k, values.map((v) => link(k, v))])),
    image: a.image,
    attachments: a.attachments,
    draft: a.draft,
    words: a.words,
  };
}
