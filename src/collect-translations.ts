/**
 * The languages of a site, linked: which articles, pages and documents of one language are
 * translations of which of another (by their `translation:` key, or by the same path below each
 * language's content folder), and so each page's alternates (`hreflang`, the sitemap's
 * `xhtml:link`, the language switcher). Needs only each language's site model.
 */
import { hash } from 'node:crypto';
import type { SiteModel } from './collect.js';
import { basePath, contentRelative, THEME_LANGUAGES, type SiteConfig } from './config.js';
import { error, warning, type Diagnostic, type Place } from './messages.js';
import type { SourceFiles } from './content/scan.js';
import type { Translation } from './types.js';

/** A language's version of a page: its language code and absolute URL. */
export interface Alternate {
  language: string;
  url: string;
}

/** One language of the site, as the translations are linked from. */
export interface LanguageModel {
  config: SiteConfig;
  site: SiteModel;
}

/** The site's languages linked: per language, each page's versions by its output path (below the language's prefix). */
export interface LinkedLanguages {
  /** By language code: output path → every version of that page (itself first among equals, in the config's order of languages). */
  alternates: Map<string, Map<string, Alternate[]>>;
  /** By language code: the front page's URL (site-relative), where the switcher goes when a page has no translation. */
  homes: Map<string, string>;
  /** Every language's sitemap, by its absolute URL (the default language's `robots.txt` names them all). */
  sitemaps: string[];
  /** Every language's published pages: source path → language code (a menu must link its own language's). */
  pages: Map<string, string>;
  /** By language code: a digest of its alternates, which every page of that language shows (a page cache's shared key). */
  digests: Map<string, string>;
  diagnostics: Diagnostic[];
}

interface Item {
  language: string;
  sourcePath: string;
  output: string;
  url: string;
  translation: Translation | null;
}

/** Links the items of every language by key, and the front pages, search pages and same sections of every language. */
export function linkTranslations(languages: readonly LanguageModel[]): LinkedLanguages {
  const diagnostics: Diagnostic[] = [];
  const alternates = new Map(languages.map((l) => [l.config.language, new Map<string, Alternate[]>()]));
  const homes = new Map(languages.map((l) => [l.config.language, basePath(l.config)]));
  const pages = new Map(languages.flatMap(({ config, site }) => site.pages.map((node): [string, string] => [node.page.sourcePath, config.language])));
  const sitemaps = languages.map(({ config }) => `${config.baseUrl}sitemap.xml`);
  const linked: LinkedLanguages = { alternates, homes, pages, sitemaps, digests: new Map(), diagnostics };
  if (languages.length < 2) return linked;

  const origin = (config: SiteConfig) => new URL(config.baseUrl).origin;
  const groups = new Map<string, Item[]>();
  for (const { config, site } of languages) {
    const items: Item[] = [
      ...site.articles,
      ...site.pages.map((node) => node.page),
      ...site.documents.list.map((entry) => entry.meta),
    ].map((x) => ({ language: config.language, sourcePath: x.sourcePath, output: x.output, url: `${origin(config)}${basePath(config)}${x.url.slice(1)}`, translation: x.translation }));
    const mine = new Map<string, Item>();
    // Note: items with a key of their own come after those known by their path, so a key that
    // repeats a path is the one reported.
    for (const item of [...items.filter((x) => !x.translation), ...items.filter((x) => x.translation)]) {
      const key = item.translation?.key ?? contentRelative(config, item.sourcePath);
      const first = mine.get(key);
      if (first) {
        diagnostics.push(error(item.sourcePath, item.translation?.place, 'translation-duplicate', `translation "${key}" is also ${first.translation ? 'the translation key' : 'the path'} of ${first.sourcePath}, in the same language (${config.language}); a page has one translation per language: give this one another key, or remove translation:`));
        continue;
      }
      mine.set(key, item);
      const group = groups.get(key) ?? [];
      group.push(item);
      groups.set(key, group);
    }
  }
  for (const [key, group] of groups) {
    if (group.length > 1) {
      for (const item of group) alternates.get(item.language)!.set(item.output, group.map((x) => ({ language: x.language, url: x.url })));
      continue;
    }
    const [item] = group;
    if (item!.translation) {
      const others = languages.filter((l) => l.config.language !== item!.language).map((l) => `${l.config.contentDir}${key}`).join(' or ');
      diagnostics.push(error(item!.sourcePath, item!.translation.place, 'translation-missing', `translation "${key}" names no published article, page or document of another language (no ${others}, and none gives this key); write the path of its translation below its language's content folder, such as pages/gioi-thieu/index.md, or remove translation:`));
    }
  }

  // Note: the pages every language has of its own: the front page, the search page, a section's listing.
  const shared = (outputOf: (config: SiteConfig) => string | null) => {
    const group = languages.flatMap(({ config }) => {
      const output = outputOf(config);
      return output === null ? [] : [{ language: config.language, output, url: `${origin(config)}${basePath(config)}${output.replace(/index\.html$/, '')}` }];
    });
    if (group.length < 2) return;
    for (const x of group) alternates.get(x.language)!.set(x.output, group.map((g) => ({ language: g.language, url: g.url })));
  };
  shared(() => 'index.html');
  shared((config) => (config.search.enabled ? `${config.search.path}/index.html` : null));
  const sectionIds = new Set(languages.flatMap(({ config }) => config.sections.map((x) => x.id)));
  for (const id of sectionIds) {
    shared((config) => {
      const section = config.sections.find((x) => x.id === id);
      return section ? `${section.path}/index.html` : null;
    });
  }
  for (const [language, map] of alternates) {
    const entries = [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    linked.digests.set(language, hash('sha1', JSON.stringify(entries), 'base64'));
  }
  return linked;
}

/**
 * Folders directly in `content/` named as a language the theme knows that the site does not list in
 * `languages:`, nor as a section: an error on a site with several languages (the folder's content
 * would be read as the default language's), a warning on a site with one.
 */
export function languageFolderProblems(files: SourceFiles, config: SiteConfig, configFile: string | null): Diagnostic[] {
  const listed = new Set(config.languages.map((l) => l.code));
  const sections = new Set(config.sections.map((x) => x.id));
  const firstFile = new Map<string, string>();
  for (const path of [...files.articles, ...files.pages, ...files.assets]) {
    const folder = /^content\/([^/]+)\//.exec(path)?.[1];
    if (folder && THEME_LANGUAGES.includes(folder) && !listed.has(folder) && !sections.has(folder) && !firstFile.has(folder)) firstFile.set(folder, path);
  }
  const several = config.languages.length > 1;
  const place: Place = { line: 1, column: 1 };
  return [...firstFile].map(([folder, path]) => {
    const fix = `add it to languages: in ${configFile ?? 'bantin.config.yaml'} (e.g. - { code: ${folder}, title: … }), or rename the folder`;
    const what = `content/${folder}/ is named as the language "${folder}", which languages: in the config does not list`;
    return several
      ? error(path, place, 'unknown-language', `${what}, so its files would be read as ${config.language}; ${fix}`)
      : warning(path, place, 'unknown-language', `${what}; its files are read as ${config.language} pages and articles; to publish them as another language, ${fix}`);
  });
}
