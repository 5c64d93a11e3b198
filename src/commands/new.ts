/**
 * `bantin new "Tiêu đề"`: a new article file with every required front-matter field filled in, so
 * that it builds as written; a required field it has no value for is refused, naming the flag.
 * `--section` puts it in a section's folder; `--page` makes an undated page instead.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILES, configForLanguage, loadConfig, type SiteConfig } from '../config.js';
import { processArticle } from '../content/article.js';
import { issuerAbbr, siteDocumentTypes } from '../content/document.js';
import { processPage } from '../content/page.js';
import { parseDocumentNumber, typeByAbbr, typeByName } from '../vietnamese/documents.js';
import { provinces, unknownProvinceMessage } from '../vietnamese/provinces.js';
import { pagesFolder, siteFolderProblems } from '../content/scan.js';
import { fromEpoch, parseDate } from '../vietnamese/dates.js';
import { removeUnshowable } from '../content/text.js';
import { formatFrontMatter, type Field } from '../import/article-file.js';
import { formatDiagnostic, hasErrors, type Diagnostic, type Io } from '../messages.js';
import { slugify } from '../vietnamese/slugs.js';
import { displayPath } from './import.js';

/** Options of the new command. */
export interface NewCommandOptions {
  root: string;
  title: string;
  province?: string;
  /** Comma-separated tags. */
  tags?: string;
  /** The source (`source:`); default: the config's `agency.name`. */
  source?: string;
  /** `YYYY-MM-DD`; default: today in the site's time zone. */
  date?: string;
  /** The language of the new file on a site of several (`--lang en`): it goes in that language's content folder. */
  language?: string;
  /** The section's id (`--section`): the article goes into `content/<id>/YYYY/`; required when the site has sections. */
  section?: string;
  /** Make an undated page in `content/pages/` instead of an article (`--page`). */
  page?: boolean;
  /** With `page`: the folder under `content/pages/` to put it in (`--parent gioi-thieu`). */
  parent?: string;
  /** Make a record of the document registry (`--document`); `title` is then its number. */
  document?: boolean;
  /** With `document`: the trích yếu (`--summary`), its type and issuer when the number and config do not give them. */
  summary?: string;
  type?: string;
  issuer?: string;
  /** Current time in ms since the epoch (tests). */
  now?: number;
}

const HINTS: Record<string, string> = {
  summary: 'the lead (sapo)',
};

/** How to give each required field that `new` can fill in. */
const FLAGS: Record<string, string> = {
  province: 'give it with --province NAME, e.g. --province "Bắc Ninh"',
  source: 'give it with --source TEXT, e.g. --source bacninh.gov.vn, or set agency.name in the config to use it for every new article',
  tags: 'give them with --tags a,b',
};

const clean = (text: string | undefined) => (text === undefined ? undefined : removeUnshowable(text).text.replace(/\s+/g, ' ').trim().normalize('NFC') || undefined);

/** Creates the article and prints its path; returns the exit code. */
export function runNew(options: NewCommandOptions, io: Io): number {
  if (options.document) return withSite(options, io, (root, config) => newDocument(root, options, config, io));
  const title = clean(options.title) ?? '';
  const slug = slugify(title);
  if (!slug) {
    io.err(`bantin new: the title "${options.title}" has no letters or digits to make a file name from`);
    return 2;
  }
  return withSite(options, io, (root, config, file) => (options.page ? newPage(root, title, slug, options.parent, config, io) : newArticle(root, title, slug, options, config, file, io)));
}

/** `bantin new "Tiêu đề"`: the article, in its section's folder when the site has sections. */
function newArticle(root: string, title: string, slug: string, options: NewCommandOptions, config: SiteConfig, file: string | null, io: Io): number {

  const ids = config.sections.map((x) => x.id).join(', ');
  if (options.section !== undefined && !config.sections.some((x) => x.id === options.section)) {
    io.err(`bantin new: --section "${options.section}" is ${config.sections.length ? `no section of this site (sections: ${ids})` : 'given, but the site declares no sections'} [unknown-section]`);
    return 2;
  }
  if (options.section === undefined && config.sections.length) {
    io.err(`bantin new: this site has sections (${ids}); say which the article is in with --section ID, e.g. --section ${config.sections[0]!.id} [unknown-section]`);
    return 2;
  }
  const section = config.sections.find((x) => x.id === options.section);

  const date = dateOf(options, config, io);
  if (date === null) return 2;

  let province = clean(options.province);
  if (province && config.provinces === 'strict') {
    const found = provinces().resolve(province);
    if (!found) {
      io.err(`bantin new: ${unknownProvinceMessage(province)} [unknown-province]`);
      return 1;
    }
    province = found.name;
  }

  const tags = (options.tags ?? '').split(',').map((t) => clean(t)).filter((t): t is string => t !== undefined);
  const source = clean(options.source) ?? clean(config.agency.name);

  const key = (field: string) => config.fields[field] ?? field;
  const known: Record<string, string | string[] | undefined> = { title, date, province, source, tags: tags.length ? tags : undefined };
  const required = [...new Set([...config.required, ...(section?.required ?? [])])];
  const missing = required.filter((field) => known[field] === undefined);
  for (const field of missing) {
    const how = FLAGS[field] ?? `bantin new has no flag for it: write the article by hand, or take ${field} out of "required" in ${file ?? CONFIG_FILES[0]}`;
    io.err(`bantin new: this site requires ${key(field)} in every article; ${how} [missing-field]`);
  }
  if (missing.length) return missing.every((field) => FLAGS[field]) ? 2 : 1;
  const fields: Field[] = [];
  const order = ['title', 'date', 'province', 'source', 'summary', ...required, ...(tags.length ? ['tags'] : [])];
  for (const field of [...new Set(order)]) {
    const value = known[field];
    if (value !== undefined) fields.push({ key: key(field), value });
    else if (field === 'summary') fields.push({ key: key(field), value: null, hint: HINTS[field] });
  }

  const target = join(root, config.contentDir, ...(section ? [section.id] : []), date.slice(0, 4), `${slug}.md`);
  // Note: the file is checked as build checks it, so what new writes always builds.
  return writeChecked(root, target, `${formatFrontMatter(fields)}\n`, 'article', (path, bytes) => processArticle(path, bytes, config).diagnostics, io);
}

/** Runs `make` on the site at `options.root`, once it is there and its config loads. */
function withSite(options: NewCommandOptions, io: Io, make: (root: string, config: SiteConfig, file: string | null) => number): number {
  const root = resolve(options.root);
  // Note: files go into content/ of an existing site; a mistyped --root is not created.
  const absent = siteFolderProblems(root);
  for (const d of absent) io.err(formatDiagnostic(d));
  if (absent.length) return 1;
  const { config, file, diagnostics } = loadConfig(root);
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return 1;
  if (options.language !== undefined && !config.languages.some((l) => l.code === options.language)) {
    io.err(`bantin new: --lang "${options.language}" is no language of this site (languages: ${config.languages.map((l) => l.code).join(', ')}); add it to languages: in the config, or leave --lang out [unknown-language]`);
    return 2;
  }
  return make(root, configForLanguage(config, options.language ?? config.language), file);
}

/** The date of a new file: `--date` (null, with the message, when it is no calendar date), else today in the site's time zone. */
function dateOf(options: NewCommandOptions, config: SiteConfig, io: Io): string | null {
  if (options.date === undefined) return fromEpoch(options.now ?? Date.now(), config.timeZone).date;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(options.date) ? parseDate(options.date, config.timeZone) : null;
  if (parsed && !('error' in parsed)) return parsed.date;
  io.err(`bantin new: --date "${options.date}" is not a calendar date; write YYYY-MM-DD, e.g. 2020-02-24`);
  return null;
}

/**
 * `bantin new --document "215/QĐ-UBND" --summary "Về việc …"`: the record of a document in the
 * registry's folder, `content/<registry>/YYYY/<number>.md`, its type and issuer read from the number
 * and the config (`documents.issuers`), issued and in effect on `--date` (default today).
 */
function newDocument(root: string, options: NewCommandOptions, config: SiteConfig, io: Io): number {
  const registry = config.sections.find((x) => x.kind === 'documents');
  if (!registry) {
    io.err('bantin new: --document makes a record of the document registry, and this site has none; declare a section of kind documents, e.g. - { id: van-ban, title: Văn bản, kind: documents } under sections: [unknown-section]');
    return 2;
  }
  const number = parseDocumentNumber(clean(options.title) ?? '');
  if (!number) {
    io.err(`bantin new: "${options.title}" is not a document number (số, ký hiệu); write it as Decree 30/2020 does, e.g. 215/QĐ-UBND, 15/2024/QĐ-UBND or 1234/UBND-VP [document-number]`);
    return 2;
  }
  const types = siteDocumentTypes(config);
  const given = clean(options.type);
  const type = given ? typeByName(types, given) : typeByAbbr(types, number.symbol[0]!);
  if (!type) {
    io.err(given ? `bantin new: --type "${given}" is not a type of document of Decree 30/2020 or of documents.types in the config [document-type]` : `bantin new: the number ${number.text} does not say its type (a công văn's does not); give it with --type, e.g. --type "Công văn" [missing-field]`);
    return 2;
  }
  const abbr = issuerAbbr(number, types);
  const issuer = clean(options.issuer) ?? (abbr ? clean(config.documents.issuers[abbr]) : undefined);
  if (!issuer) {
    io.err(`bantin new: the config does not name the issuer of ${number.text}${abbr ? ` (${abbr})` : ''}; give it with --issuer NAME, or add ${abbr ?? 'it'} under documents.issuers in the config [missing-field]`);
    return 2;
  }
  const summary = clean(options.summary);
  if (!summary) {
    io.err('bantin new: a document needs its trích yếu; give it with --summary TEXT, e.g. --summary "Về việc ban hành Quy chế làm việc" [missing-field]');
    return 2;
  }
  const date = dateOf(options, config, io);
  if (date === null) return 2;
  const key = (field: string) => config.fields[field] ?? field;
  const fields: Field[] = [
    { key: key('number'), value: number.text },
    { key: key('type'), value: type.name },
    { key: key('issuer'), value: issuer },
    { key: key('issued'), value: date },
    { key: key('effective'), value: date },
    { key: key('summary'), value: summary },
    { key: key('signer'), value: null, hint: 'người ký' },
    { key: key('signer_title'), value: null, hint: 'chức vụ người ký, e.g. Chủ tịch' },
    { key: key('field'), value: null, hint: 'lĩnh vực' },
  ];
  const text = `${formatFrontMatter(fields)}\n`;
  const target = join(root, config.contentDir, registry.id, date.slice(0, 4), `${slugify(number.text)}.md`);
  return writeChecked(root, target, text, 'document', (path, bytes) => processArticle(path, bytes, config).diagnostics, io);
}

/** `bantin new --page "Liên hệ"`: `content/pages/[<parent>/]<slug>.md` with its title. */
function newPage(root: string, title: string, slug: string, parent: string | undefined, config: SiteConfig, io: Io): number {
  const folder = (parent ?? '').replace(/^\/+|\/+$/g, '');
  if (folder.split('/').some((part) => part === '..' || part === '.') || /[\\\0]/.test(folder)) {
    io.err(`bantin new: --parent "${parent}" must be a folder inside content/pages/, such as gioi-thieu`);
    return 2;
  }
  const target = join(root, pagesFolder(config), ...(folder ? folder.split('/') : []), `${slug}.md`);
  const text = `${formatFrontMatter([{ key: config.fields.title ?? 'title', value: title }, { key: config.fields.summary ?? 'summary', value: null, hint: HINTS.summary! }])}\n`;
  return writeChecked(root, target, text, 'page', (path, bytes) => processPage(path, bytes, config).diagnostics, io);
}

/** Writes a new file that builds (checked by `check`, as build checks it), never over an existing one; prints its path. */
function writeChecked(root: string, target: string, text: string, what: string, check: (path: string, bytes: Uint8Array) => Diagnostic[], io: Io): number {
  if (existsSync(target)) {
    io.err(`bantin new: ${displayPath(target)} already exists; edit it, or choose another title [exists]`);
    return 1;
  }
  const diagnostics = check(relative(root, target).split('\\').join('/'), Buffer.from(text));
  if (hasErrors(diagnostics)) {
    for (const d of diagnostics) io.err(`bantin new: the ${what} would not build: ${formatDiagnostic(d)}`);
    return 1;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text, { flag: 'wx' });
  io.out(displayPath(target));
  return 0;
}
