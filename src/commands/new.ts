/** `bantin new "Tiêu đề"`: a new article file with every required front-matter field in place. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { provinces, unknownProvinceMessage } from '../content/article.js';
import { siteFolderProblems } from '../content/scan.js';
import { fromEpoch, parseDate } from '../content/dates.js';
import { formatFrontMatter, type Field } from '../import/article-file.js';
import { formatDiagnostic, hasErrors } from '../messages.js';
import { slugify } from '../slugs.js';
import { displayPath } from './import.js';

/** Options of the new command. */
export interface NewCommandOptions {
  root: string;
  title: string;
  province?: string;
  /** Comma-separated tags. */
  tags?: string;
  /** `YYYY-MM-DD`; default: today in the site's time zone. */
  date?: string;
  /** Current time in ms since the epoch (tests). */
  now?: number;
}

type Io = { out: (s: string) => void; err: (s: string) => void };

const HINTS: Record<string, string> = {
  province: 'e.g. Bắc Ninh',
  source: 'e.g. bacninh.gov.vn',
  summary: 'the lead (sapo)',
};

/** Creates the article and prints its path; returns the exit code. */
export function runNew(options: NewCommandOptions, io: Io): number {
  const title = options.title.replace(/\s+/g, ' ').trim().normalize('NFC');
  const slug = slugify(title);
  if (!slug) {
    io.err(`bantin new: the title "${options.title}" has no letters or digits to make a file name from`);
    return 2;
  }
  const root = resolve(options.root);
  // Note: articles go into content/ of an existing site; a mistyped --root is not created.
  const missing = siteFolderProblems(root);
  for (const d of missing) io.err(formatDiagnostic(d));
  if (missing.length) return 1;
  const { config, diagnostics } = loadConfig(root);
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

  let province = options.province?.replace(/\s+/g, ' ').trim().normalize('NFC') || undefined;
  if (province && config.provinces === 'strict') {
    const found = provinces().resolve(province);
    if (!found) {
      io.err(`bantin new: ${unknownProvinceMessage(province)} [unknown-province]`);
      return 1;
    }
    province = found.name;
  }
  const tags = (options.tags ?? '').split(',').map((t) => t.replace(/\s+/g, ' ').trim().normalize('NFC')).filter(Boolean);

  const key = (field: string) => config.fields[field] ?? field;
  const known: Record<string, string | string[] | undefined> = { title, date, province, tags: tags.length ? tags : undefined };
  const fields: Field[] = [];
  const order = ['title', 'date', 'province', 'source', 'summary', ...config.required, ...(tags.length ? ['tags'] : [])];
  for (const field of [...new Set(order)]) {
    const value = known[field];
    if (value !== undefined) fields.push({ key: key(field), value });
    else if (config.required.includes(field) || field === 'summary') fields.push({ key: key(field), value: null, hint: HINTS[field] });
  }

  const target = join(root, 'content', date.slice(0, 4), `${slug}.md`);
  if (existsSync(target)) {
    io.err(`bantin new: ${displayPath(target)} already exists; edit it, or choose another title [exists]`);
    return 1;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${formatFrontMatter(fields)}\n`, { flag: 'wx' });
  io.out(displayPath(target));
  return 0;
}
