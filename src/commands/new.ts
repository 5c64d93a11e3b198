/**
 * `bantin new "Tiêu đề"`: a new article file with every required front-matter field filled in, so
 * that it builds as written; a required field it has no value for is refused, naming the flag.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILES, loadConfig } from '../config.js';
import { processArticle } from '../content/article.js';
import { provinces, unknownProvinceMessage } from '../vietnamese/provinces.js';
import { siteFolderProblems } from '../content/scan.js';
import { fromEpoch, parseDate } from '../vietnamese/dates.js';
import { removeUnshowable } from '../content/text.js';
import { formatFrontMatter, type Field } from '../import/article-file.js';
import { formatDiagnostic, hasErrors, type Io } from '../messages.js';
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
  const title = clean(options.title) ?? '';
  const slug = slugify(title);
  if (!slug) {
    io.err(`bantin new: the title "${options.title}" has no letters or digits to make a file name from`);
    return 2;
  }
  const root = resolve(options.root);
  // Note: articles go into content/ of an existing site; a mistyped --root is not created.
  const absent = siteFolderProblems(root);
  for (const d of absent) io.err(formatDiagnostic(d));
  if (absent.length) return 1;
  const { config, file, diagnostics } = loadConfig(root);
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return 1;

  let date: string;
  if (options.date !== undefined) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(options.date) ? parseDate(options.date, config.timeZone) : null;
    if (!parsed || 'error' in parsed) {
      io.err(`bantin new: --date "${options.date}" is not a calendar date; write YYYY-MM-DD, e.g. 2020-02-24`);
      return 2;
    }
    date = parsed.date;
  } else {
    date = fromEpoch(options.now ?? Date.now(), config.timeZone).date;
  }

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
  const missing = config.required.filter((field) => known[field] === undefined);
  for (const field of missing) {
    const how = FLAGS[field] ?? `bantin new has no flag for it: write the article by hand, or take ${field} out of "required" in ${file ?? CONFIG_FILES[0]}`;
    io.err(`bantin new: this site requires ${key(field)} in every article; ${how} [missing-field]`);
  }
  if (missing.length) return missing.every((field) => FLAGS[field]) ? 2 : 1;
  const fields: Field[] = [];
  const order = ['title', 'date', 'province', 'source', 'summary', ...config.required, ...(tags.length ? ['tags'] : [])];
  for (const field of [...new Set(order)]) {
    const value = known[field];
    if (value !== undefined) fields.push({ key: key(field), value });
    else if (field === 'summary') fields.push({ key: key(field), value: null, hint: HINTS[field] });
  }

  const target = join(root, 'content', date.slice(0, 4), `${slug}.md`);
  if (existsSync(target)) {
    io.err(`bantin new: ${displayPath(target)} already exists; edit it, or choose another title [exists]`);
    return 1;
  }
  const text = `${formatFrontMatter(fields)}\n`;
  // Note: the file is checked as build checks it, so what new writes always builds.
  const checked = processArticle(relative(root, target).split('\\').join('/'), Buffer.from(text), config);
  if (hasErrors(checked.diagnostics)) {
    for (const d of checked.diagnostics) io.err(`bantin new: the article would not build: ${formatDiagnostic(d)}`);
    return 1;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text, { flag: 'wx' });
  io.out(displayPath(target));
  return 0;
}
