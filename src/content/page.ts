/**
 * The page stage: undated pages (Giới thiệu, Cơ cấu tổ chức, Liên hệ) under `content/pages/`,
 * whose path is their URL. Like the article stage, a pure function of the file's path, bytes and
 * the config, kept by a store (the build cache) by content hash; a site has tens of pages, so the
 * ones that changed are parsed on this thread.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { SiteConfig } from '../config.js';
import { fileLinkOf } from '../links.js';
import { error, hasErrors, warning, type Diagnostic, type Place } from '../messages.js';
import { slugify } from '../vietnamese/slugs.js';
import { parseDate } from '../vietnamese/dates.js';
import type { FileLink, SitePage } from '../types.js';
import { compatibleKey } from './compatibility.js';
import { PROSE, readFrontMatter, renderBody, translationOf } from './fields.js';
import { readSource } from './articles.js';
import { PAGES_FOLDER, pagesFolder } from './scan.js';
import { decodeReferences, removeUnshowableFrom, unshowableMessage } from './text.js';

/** What the page stage returns for one file. */
export interface PageResult {
  page: SitePage | null;
  diagnostics: Diagnostic[];
}

/** The valid pages of a site, in the order of their files, with every file's diagnostics. */
export interface PagesRead {
  pages: SitePage[];
  diagnostics: Diagnostic[];
  /** The source paths of the files that gave no page. */
  failed: string[];
}

/**
 * What the page stage asks of a store of earlier builds' results (the build cache hands it one):
 * a page's result by source path and content hash. Declared here, by the stage that uses it.
 */
export interface PageSourceStore {
  /** The result an earlier build made of the page at `path` when its bytes hashed to `hash`. */
  pageSource(path: string, hash: string): PageResult | undefined;
  /** Keeps the result this build made (or reused) of a page. */
  keepPageSource(path: string, hash: string, result: PageResult): void;
}

/**
 * Reads and processes every page file (`files.pages` of the scan); a result in `store` for the
 * same bytes is taken instead of parsing them again. Note: pages are few and small, so each is read
 * and hashed; parsing is what the store saves (about 2 ms a page with a table).
 */
export function readPages(root: string, paths: readonly string[], config: SiteConfig, store?: PageSourceStore): PagesRead {
  const out: PagesRead = { pages: [], diagnostics: [], failed: [] };
  for (const path of paths) {
    const bytes = readSource(() => readFileSync(join(root, path)), path);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const result = store?.pageSource(path, hash) ?? processPage(path, bytes, config);
    store?.keepPageSource(path, hash, result);
    out.diagnostics.push(...result.diagnostics);
    if (result.page) out.pages.push(result.page);
    else out.failed.push(path);
  }
  return out;
}

/**
 * The site path of a page file: its path below `content/pages/`, each folder and the file name
 * made a slug, `index.md` standing for its folder (`gioi-thieu/index.md` → `/gioi-thieu/`). Null
 * when a part has no letters or digits.
 */
export function pageUrl(sourcePath: string, folder = PAGES_FOLDER): string | null {
  const parts = sourcePath.slice(folder.length).replace(/\.md$/i, '').split('/');
  if (parts[parts.length - 1]!.toLowerCase() === 'index') parts.pop();
  const slugs = parts.map(slugify);
  if (slugs.some((s) => !s)) return null;
  return slugs.length ? `/${slugs.join('/')}/` : '/';
}

/** Processes one page file; `sourcePath` is relative to the site root (`content/pages/…`). */
export function processPage(sourcePath: string, bytes: Uint8Array, config: SiteConfig): PageResult {
  const diagnostics: Diagnostic[] = [];
  const fail = (place: Place | undefined, rule: string, message: string): PageResult => {
    diagnostics.push(error(sourcePath, place, rule, message));
    return { page: null, diagnostics };
  };
  const folder = pagesFolder(config);
  const url = pageUrl(sourcePath, folder);
  if (url === null) return fail({ line: 1, column: 1 }, 'page-url', `a folder or file name in "${sourcePath}" has no letters or digits to make a URL from; rename it, e.g. gioi-thieu.md`);
  if (url === '/') return fail({ line: 1, column: 1 }, 'page-url', `${folder}index.md would be the front page, which lists the newest articles; put this text in a page of its own, e.g. ${folder}gioi-thieu.md`);
  const fm = readFrontMatter(sourcePath, bytes, config, diagnostics);
  if (!fm) return { page: null, diagnostics };
  const key = (field: string) => config.fields[field] ?? compatibleKey(field, fm.data, config.compatibility) ?? field;
  const placeOf = (field: string) => fm.placeOf(key(field));
  const report = (field: string, rule: string, message: string) => diagnostics.push(error(sourcePath, placeOf(field), rule, message));
  const value = (field: string): unknown => {
    const found = removeUnshowableFrom(fm.data[key(field)]);
    if (found.count) diagnostics.push(warning(sourcePath, placeOf(field), 'control-character', `${key(field)} ${unshowableMessage(found, 'the front matter (a YAML escape such as "\\0" writes one)')}`));
    return found.value;
  };
  const text = (field: string): string | null => {
    const v = value(field);
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return (PROSE.has(field) ? decodeReferences(v) : v).replace(/\s+/g, ' ').trim() || null;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    report(field, 'field-type', `${key(field)} must be text, not ${Array.isArray(v) ? 'a list' : 'a mapping'}`);
    return null;
  };

  const title = text('title');
  if (!title && !hasErrors(diagnostics)) {
    diagnostics.push(error(sourcePath, key('title') in fm.data ? placeOf('title') : { line: 1, column: 1 }, 'missing-field', `missing ${key('title')}; add "${key('title')}: …" to the front matter`));
  }
  const summary = text('summary');
  const weightValue = value('weight');
  let weight: number | null = null;
  if (weightValue !== undefined && weightValue !== null) {
    if (typeof weightValue === 'number' && Number.isSafeInteger(weightValue)) weight = weightValue;
    else report('weight', 'field-type', 'weight must be a whole number (pages with a smaller weight come first), e.g. weight: 10');
  }
  const draftValue = value('draft');
  if (draftValue !== undefined && typeof draftValue !== 'boolean') report('draft', 'field-type', 'draft must be true or false');
  const contactValue = value('contact');
  if (contactValue !== undefined && typeof contactValue !== 'boolean') report('contact', 'field-type', "contact must be true or false (true shows the agency's address, phone and e-mail from the config)");
  let updated = null;
  const updatedValue = value('updated');
  if (updatedValue !== undefined && updatedValue !== null && updatedValue !== '') {
    const parsed = typeof updatedValue === 'object' ? { error: `${key('updated')} must be a date such as 2020-02-24` } : parseDate(String(updatedValue), config.timeZone);
    if ('error' in parsed) report('updated', 'invalid-date', parsed.error);
    else updated = parsed;
  }
  if (hasErrors(diagnostics) || !title) return { page: null, diagnostics };

  const body = renderBody(fm, sourcePath, config, diagnostics);
  if (!body) return { page: null, diagnostics };
  return {
    page: {
      sourcePath,
      title,
      summary,
      weight,
      draft: draftValue === true,
      updated,
      contact: contactValue === true,
      translation: translationOf(text('translation'), placeOf('translation')),
      url,
      output: `${posix.join(url.slice(1), 'index.html')}`,
      references: body.references,
      fileLinks: body.references.map(fileLinkOf).filter((link): link is FileLink => link !== null),
      html: body.html,
      text: body.text,
    },
    diagnostics,
  };
}
