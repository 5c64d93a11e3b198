/** View models: what templates see of the site, an article and a listing entry. */
import { hash as hashOf } from 'node:crypto';
import type { SiteConfig } from '../config.js';
import { provinces } from '../vietnamese/provinces.js';
import type { SiteDate } from '../vietnamese/dates.js';
import { formatDate } from '../locale.js';
import type { Strings } from '../locales/vi.js';
import type { SiteModel } from '../collect.js';
import { termKey } from '../collect.js';
import type { ArticleMeta } from '../types.js';
import { documentLinksKey } from './document-links.js';
import type { MenuItem } from './menus.js';
import type { PhotoSet } from '../photos/photos.js';
import { leadImageView, leadPhoto } from './photos.js';
import type { Urls } from './urls.js';
import type { Alternate } from '../collect-translations.js';

/** Shared context of one build's rendering. */
export interface RenderContext {
  config: SiteConfig;
  site: SiteModel;
  strings: Strings;
  urls: Urls;
  /** Term slug by taxonomy and term key, to link an article's tags to their pages. */
  termSlugs: Map<string, Map<string, { slug: string; name: string }>>;
  /** The config's menus with their targets resolved (see `resolveMenus`). */
  menus?: Record<string, MenuItem[]>;
  /** Views made once per build and shared by every page that shows them (see `articleView`). */
  memo?: ViewMemo;
  /** The published photos and their files (see `preparePhotos`). */
  photos: PhotoSet;
  /**
   * On a site of several languages: this language's pages' versions by output path (and their digest), every
   * language's sitemap (absolute URLs), and whether this is the default language (whose pages are
   * at the root, with the theme's assets and `robots.txt`).
   */
  languages?: { alternates: ReadonlyMap<string, readonly Alternate[]>; digest: string; sitemaps: string[]; main: boolean };
}

/** What one build's rendering computes once: the site view and each article's view and key. */
export interface ViewMemo {
  site?: ReturnType<typeof buildSiteView>;
  siteKey?: string;
  termIndex?: string;
  articles: Map<ArticleMeta, ArticleView>;
  keys: Map<ArticleMeta, string>;
}

/** A fresh memo for one build's `RenderContext`. */
export function viewMemo(): ViewMemo {
  return { articles: new Map(), keys: new Map() };
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

/** The `site` object every template sees (made once per build; templates do not change it). */
export function siteView(ctx: RenderContext): ReturnType<typeof buildSiteView> {
  if (!ctx.memo) return buildSiteView(ctx);
  return (ctx.memo.site ??= buildSiteView(ctx));
}

function buildSiteView(ctx: RenderContext) {
  const { config, urls } = ctx;
  const nav = ctx.menus?.main ?? navView(ctx);
  return {
    title: config.title,
    description: config.description,
    url: config.baseUrl,
    home: urls.relative('/'),
    language: config.language,
    agency: config.agency,
    stylesheet: urls.shared('/assets/style.css'),
    /** The theme's assets folder, ending in `/` (`{{ site.assets }}logo.svg`). */
    assets: urls.shared('/assets/'),
    /** The main menu: the config's `menus.main`, else home, the taxonomy indexes and the archives. */
    nav,
    /** Every menu of the config by name; `main` is `nav`; `footer` and `links` are empty when the config has none. */
    menus: { footer: [] as MenuItem[], links: [] as MenuItem[], ...ctx.menus, main: nav },
    /** The top pages of the page tree (`content/pages/`), in order, for a menu or the footer. */
    pages: ctx.site.pages.filter((node) => node.parent === null).map((node) => ({ title: node.page.title, url: urls.relative(node.page.url) })),
    feed: ctx.site.articles.length ? urls.relative('/atom.xml') : null,
    json_feed: ctx.site.articles.length ? urls.relative('/feed.json') : null,
    search: config.search.enabled ? urls.relative(`/${config.search.path}/`) : null,
    /** The sections, in the config's order (`title`, `url`); none without `sections:`. */
    sections: config.sections.map((x) => ({ id: x.id, title: x.title, url: urls.relative(urls.section(x.path)) })),
  };
}

/** What visitors call a taxonomy: `Chủ đề` for tags, `Tỉnh, thành phố` for provinces, else a string or the field name. */
export function taxonomyLabel(taxonomy: string, strings: Strings): string {
  if (taxonomy === 'province') return strings.provinces;
  const own = (strings as unknown as Record<string, unknown>)[taxonomy];
  if (typeof own === 'string') return own;
  return taxonomy.charAt(0).toLocaleUpperCase() + taxonomy.slice(1);
}

/** Header links without a main menu: home, each taxonomy index that has terms, the archives. */
function navView(ctx: RenderContext): MenuItem[] {
  const { urls, strings, site } = ctx;
  const item = (title: string, url: string): MenuItem => ({ title, url: urls.relative(url), external: false, children: [] });
  const nav = [item(strings.home, '/')];
  for (const [taxonomy, terms] of Object.entries(site.taxonomies)) {
    if (terms.length) nav.push(item(taxonomyLabel(taxonomy, strings), urls.taxonomy(taxonomy)));
  }
  if (site.articles.length) nav.push(item(strings.archives, urls.archives));
  return nav;
}

/** A date for templates. */
export function dateView(date: SiteDate, strings: Strings): DateView {
  return { iso: date.iso, date: date.date, display: formatDate(date, strings) };
}

/** An article's fields for templates (everything but its body), made once per build. */
export function articleView(a: ArticleMeta, ctx: RenderContext): ArticleView {
  let view = ctx.memo?.articles.get(a);
  if (!view) {
    view = buildArticleView(a, ctx);
    ctx.memo?.articles.set(a, view);
  }
  return view;
}

/**
 * What `articleView` is a pure function of, as text: the article's source (path and content hash;
 * its metadata is a pure function of them and the config, which a cache checks as a whole) and the
 * term pages its terms link to, which other articles' spellings can change.
 */
export function articleViewKey(a: ArticleMeta, ctx: RenderContext): string {
  let key = ctx.memo?.keys.get(a);
  if (key === undefined) {
    // Note: a short digest keeps the keys of listing pages (twenty articles each) small to hash;
    // it is kept with the article while the site's terms (and so its links) stay the same, as
    // they do across most of `serve`'s rebuilds.
    const index = termIndexKey(ctx);
    // Note: the lead photo's files are named by its bytes, which the article's hash does not cover.
    const photo = leadPhoto(a, ctx.photos)?.key ?? '';
    const last = lastKeys.get(a);
    if (last?.index === index && last.photo === photo) key = last.key;
    else {
      const links = JSON.stringify([termLinks(a, ctx), provinceLink(a, ctx)]);
      key = last?.links === links && last.photo === photo ? last.key : hashOf('sha1', `${a.sourcePath}\0${a.hash}\0${links}\0${photo}`, 'base64');
      lastKeys.set(a, { index, links, photo, key });
    }
    ctx.memo?.keys.set(a, key);
  }
  return key;
}

/** Every term's slug and shown name, with the base of URLs: what articles' term links are made of. */
function termIndexKey(ctx: RenderContext): string {
  if (ctx.memo?.termIndex !== undefined) return ctx.memo.termIndex;
  let key = JSON.stringify([ctx.urls.relative('/'), [...ctx.termSlugs].map(([taxonomy, terms]) => [taxonomy, [...terms]])]);
  // Note: the same text as last build's becomes the same string, so comparing it per article is instant.
  if (key === lastTermIndex) key = lastTermIndex;
  lastTermIndex = key;
  if (ctx.memo) ctx.memo.termIndex = key;
  return key;
}

let lastTermIndex = '';
const lastKeys = new WeakMap<ArticleMeta, { index: string; links: string; photo: string; key: string }>();

/**
 * What every page's data is made of besides its own parts (`PagePlan.parts`), as a digest: the
 * site view, the term pages articles link to, and the URL map links resolve through.
 */
export function sharedKey(ctx: RenderContext): string {
  // Note: an article's body is made with the shortcodes' templates, which its file's hash does not cover.
  const shortcodes = JSON.stringify([ctx.config.shortcodeTemplates, ctx.config.shortcodes]);
  return digest(`${siteViewKey(ctx)}\0${termIndexKey(ctx)}\0${urlMapKey(ctx.site.urlBySource)}\0${documentLinksKey(ctx.site.documents)}\0${ctx.photos.digest}\0${shortcodes}`);
}

// Note: `collectSite` keeps the same URL map object while no article's URL changed (as in most of `serve`'s rebuilds).
const urlMapKeys = new WeakMap<ReadonlyMap<string, string>, string>();

function urlMapKey(map: ReadonlyMap<string, string>): string {
  let key = urlMapKeys.get(map);
  if (key === undefined) {
    let text = '';
    for (const [source, url] of map) text += `${source}\0${url}\0`;
    key = hashOf('sha1', text, 'base64');
    urlMapKeys.set(map, key);
  }
  return key;
}

function digest(text: string): string {
  return hashOf('sha1', text, 'base64');
}

/** What `siteView` and the site-wide feed links are a pure function of, as text. */
export function siteViewKey(ctx: RenderContext): string {
  if (ctx.memo?.siteKey !== undefined) return ctx.memo.siteKey;
  const key = hashOf('sha1', JSON.stringify(siteView(ctx)), 'base64');
  if (ctx.memo) ctx.memo.siteKey = key;
  return key;
}

/** The view templates get for an article. */
export type ArticleView = ReturnType<typeof buildArticleView>;

/** Name and page of each term of an article, by taxonomy. */
function termLinks(a: ArticleMeta, ctx: RenderContext): Record<string, { name: string; url: string | null }[]> {
  const { urls } = ctx;
  const link = (taxonomy: string, value: string) => {
    const term = ctx.termSlugs.get(taxonomy)?.get(termKey(value));
    return { name: term?.name ?? value, url: term ? urls.relative(urls.term(taxonomy, term.slug)) : null };
  };
  return Object.fromEntries(Object.entries(a.terms).map(([k, values]) => [k, values.map((v) => link(k, v))]));
}

/** An article's province as its view shows it, or null. */
function provinceLink(a: ArticleMeta, ctx: RenderContext) {
  if (!a.province || !a.provinceName) return null;
  const { urls } = ctx;
  return {
    name: a.provinceName,
    current: provinces().bySlug.get(a.province)?.current ?? true,
    url: ctx.termSlugs.has('province') ? urls.relative(urls.term('province', a.province)) : null,
  };
}

/** An article's section as its view shows it (`id`, `title`, `url`), or null. */
function sectionLink(a: ArticleMeta, ctx: RenderContext) {
  const section = a.section === null ? undefined : ctx.config.sections.find((x) => x.id === a.section);
  return section ? { id: section.id, title: section.title, url: ctx.urls.relative(ctx.urls.section(section.path)) } : null;
}

function buildArticleView(a: ArticleMeta, ctx: RenderContext) {
  const { urls, strings } = ctx;
  const terms = termLinks(a, ctx);
  return {
    title: a.title,
    summary: a.summary,
    url: urls.relative(a.url),
    canonical: urls.absolute(a.url),
    date: dateView(a.date, strings),
    updated: a.updated ? dateView(a.updated, strings) : null,
    section: sectionLink(a, ctx),
    province: provinceLink(a, ctx),
    source: a.source,
    source_url: a.sourceUrl,
    author: a.author,
    category: a.category,
    tags: terms.tags ?? [],
    terms,
    image: leadImageView(a, ctx.photos, ctx.config.images.sizes, urls),
    attachments: a.attachments,
    draft: a.draft,
    words: a.words,
  };
}
