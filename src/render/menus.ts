/**
 * Menus (`menus:` in the config): each item's target resolved against the site's pages, and its
 * site path checked against what the site writes. An item pointing at nothing is an error at its
 * line in the config. Which item is the current page is decided per page by the `menu_state` filter.
 */
import type { PageNode } from '../collect.js';
import type { MenuItemConfig, SectionConfig } from '../config.js';
import { PAGES_FOLDER } from '../content/scan.js';
import { error, type Diagnostic } from '../messages.js';
import type { Urls } from './urls.js';

/** A menu item as templates see it. */
export interface MenuItem {
  title: string;
  /** The address (relative to the site's host, or an http(s) URL); null for a heading with children only. */
  url: string | null;
  external: boolean;
  children: MenuItem[];
}

/** What `resolveMenus` made: the menus, their errors, and the site paths to check once outputs are known. */
export interface ResolvedMenus {
  menus: Record<string, MenuItem[]>;
  diagnostics: Diagnostic[];
  /** Items given by `url:` site paths, with the path, to check against the site's outputs (`checkMenuPaths`). */
  paths: { item: MenuItemConfig; path: string }[];
}

/** Where a language's menus find their pages: its pages folder, and the pages of the site's other languages (source path → language code). */
export interface MenuLanguage {
  folder: string;
  language: string;
  pages: ReadonlyMap<string, string>;
}

/** Resolves every menu's items: a `page:` to that page (an error if it is not a published page), a `section:` to its listing. */
export function resolveMenus(config: Record<string, MenuItemConfig[]>, pages: readonly PageNode[], drafts: ReadonlySet<string>, sections: readonly SectionConfig[], urls: Urls, place: MenuLanguage = { folder: PAGES_FOLDER, language: '', pages: new Map() }): ResolvedMenus {
  const folder = place.folder;
  const bySource = new Map(pages.map((node) => [node.page.sourcePath, node.page]));
  const out: ResolvedMenus = { menus: {}, diagnostics: [], paths: [] };
  const resolve = (item: MenuItemConfig): MenuItem | null => {
    const children = item.children.flatMap((c) => resolve(c) ?? []);
    if (item.page !== null) {
      const source = item.page.startsWith('content/') ? item.page : `${folder}${item.page.replace(/^\/+/, '')}`;
      const page = bySource.get(source);
      const other = page ? undefined : place.pages.get(source) ?? place.pages.get(`${PAGES_FOLDER}${item.page.replace(/^\/+/, '')}`);
      if (other !== undefined) {
        out.diagnostics.push(error(item.file, item.place, 'menu-language', `menu item "${item.title ?? item.page}" of the ${place.language} menus points at a page of the ${other} site; a language's menus link its own pages: write the path of a page in ${folder}, or a url: to the other language's page`));
        return null;
      }
      if (!page) {
        const why = drafts.has(source) ? 'is a draft' : 'is not a page of the site';
        out.diagnostics.push(error(item.file, item.place, 'menu-target', `menu item "${item.title ?? item.page}" points at ${source}, which ${why}; write the path of a file in ${folder} (e.g. page: gioi-thieu/index.md)`));
        return null;
      }
      return { title: item.title ?? page.title, url: urls.relative(page.url), external: false, children };
    }
    if (item.section !== null) {
      const section = sections.find((x) => x.id === item.section);
      if (!section) {
        const known = sections.length ? `the sections are ${sections.map((x) => x.id).join(', ')}` : 'the config declares no sections';
        out.diagnostics.push(error(item.file, item.place, 'menu-target', `menu item "${item.title ?? item.section}" points at section "${item.section}", which the config does not declare; ${known}`));
        return null;
      }
      return { title: item.title ?? section.title, url: urls.relative(urls.section(section.path)), external: false, children };
    }
    if (item.url === null) return { title: item.title!, url: null, external: false, children };
    if (item.url.startsWith('/')) {
      out.paths.push({ item, path: item.url });
      return { title: item.title!, url: urls.relative(item.url), external: false, children };
    }
    return { title: item.title!, url: item.url, external: true, children };
  };
  for (const [name, items] of Object.entries(config)) out.menus[name] = items.flatMap((item) => resolve(item) ?? []);
  return out;
}

/**
 * Errors for menu items whose site path (`url: /…`) is not a page or file that the build writes:
 * one of `outputs`, or a file under `reserved` (the search index, written later). Note: the outputs
 * are scanned once for the few files the items may name, not gathered into a set of every output.
 */
export function checkMenuPaths(paths: ResolvedMenus['paths'], outputs: readonly (readonly string[])[], reserved: string | null): Diagnostic[] {
  const named = paths.map(({ path }) => {
    let file = path.replace(/[?#].*$/, '').replace(/^\/+/, '');
    try {
      file = decodeURIComponent(file);
    } catch {
      // left as written
    }
    return file === '' || file.endsWith('/') ? [`${file}index.html`] : [file, `${file}/index.html`];
  });
  const wanted = new Set(named.flat());
  const found = new Set<string>();
  for (const group of outputs) for (const output of group) if (wanted.has(output)) found.add(output);
  const out: Diagnostic[] = [];
  for (const [i, { item, path }] of paths.entries()) {
    if (named[i]!.some((file) => found.has(file) || (reserved !== null && file.startsWith(reserved)))) continue;
    out.push(error(item.file, item.place, 'menu-target', `menu item "${item.title}" points at ${path}, which is not a page or file of the site; fix the path (a page's is its URL, e.g. /lien-he/, a listing's e.g. /tags/)`));
  }
  return out;
}

/**
 * The `menu_state` filter: `page` when the item is the page at `current` (a site path relative to
 * the host, as `page.url`), `trail` when the page is below it (a child item, or a path under the
 * item's), else an empty text.
 */
export function menuState(item: MenuItem, current: string, home: string): '' | 'page' | 'trail' {
  if (item.url === null || item.external) return item.children.some((c) => menuState(c, current, home) !== '') ? 'trail' : '';
  if (item.url === current) return 'page';
  if (item.children.some((c) => menuState(c, current, home) !== '')) return 'trail';
  return item.url !== home && item.url.endsWith('/') && current.startsWith(item.url) ? 'trail' : '';
}
