/**
 * One raw file → one article file's text: decoding (UTF-8, or a legacy encoding with `--from`),
 * reading its parts, choosing the province, and formatting front matter and body. Pure: bytes
 * and options in, the file's text and what could not be determined out.
 */
import type { SiteConfig } from '../config.js';
import { provinces } from '../vietnamese/provinces.js';
import { decodeText, normalizeText } from '../content/text.js';
import type { Place } from '../messages.js';
import { slugify } from '../vietnamese/slugs.js';
import { formatBody, formatFrontMatter, type Field } from './article-file.js';
import { detectLegacy, fromLegacy, LEGACY_ENCODINGS, type LegacyEncoding } from './legacy-encodings.js';
import { readRawArticle } from './raw-article.js';

/** A problem with one input: an error stops it being written; a warning is something undetermined. */
export interface ImportNote {
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  place?: Place;
}

/** How to convert. */
export interface ConvertOptions {
  config: SiteConfig;
  /** Province for files whose title names none (already resolved). */
  province?: string;
  from?: LegacyEncoding;
}

/** A converted article: where it goes below `content/`, and its text. */
export interface Converted {
  year: number;
  slug: string;
  text: string;
}

const UNICODE_VIETNAMESE = /[ăơưđ\u1ea0-\u1ef9]/iu;

function placeOf(text: string, index: number): Place {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * The text of an imported file: UTF-8, or converted from TCVN3 or VNI with `from` (8-bit files read
 * as Latin-1, the code page their fonts assumed); null, with the error in `notes`, when it is not
 * Unicode and no `from` says how to convert it.
 */
export function decodeImported(bytes: Uint8Array, from: LegacyEncoding | undefined, notes: ImportNote[]): string | null {
  const decoded = decodeText(bytes);
  if ('error' in decoded && !from) {
    notes.push({ severity: 'error', rule: 'encoding', message: decoded.error, place: decoded.place });
    return null;
  }
  const text = 'error' in decoded ? normalizeText(Buffer.from(bytes).toString('latin1')) : decoded.text;
  const guess = detectLegacy(text);
  if (from) {
    if (guess || !UNICODE_VIETNAMESE.test(text)) return fromLegacy(text, from);
    notes.push({ severity: 'warning', rule: 'legacy-encoding', message: `text is already Unicode; not converted from ${LEGACY_ENCODINGS[from]}` });
    return text;
  }
  if (!guess) return text;
  notes.push({
    severity: 'error',
    rule: 'legacy-encoding',
    message: `text looks like ${LEGACY_ENCODINGS[guess.encoding]} ("${guess.word}"), not Unicode; run again with --from ${guess.encoding} to convert it`,
    place: placeOf(text, guess.index),
  });
  return null;
}

/** Converts one raw bulletin; returns the article (or null when it failed) and the notes. */
export function convertRaw(bytes: Uint8Array, options: ConvertOptions): { article: Converted | null; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const fail = (rule: string, message: string, place?: Place) => {
    notes.push({ severity: 'error', rule, message, place });
    return { article: null, notes };
  };
  const { config } = options;

  const text = decodeImported(bytes, options.from, notes);
  if (text === null) return { article: null, notes };

  const read = readRawArticle(text);
  if ('problem' in read) return fail(read.problem.rule, read.problem.message, read.problem.place);
  const raw = read.article;

  let province: string | null = null;
  const fromTitle = raw.titlePrefix && config.provinces === 'strict' ? provinces().resolve(raw.titlePrefix) : null;
  if (fromTitle) province = fromTitle.name;
  else if (options.province) province = options.province;
  const wantsProvince = config.required.includes('province') || config.taxonomies.includes('province');
  if (!province && wantsProvince) {
    const why = raw.titlePrefix
      ? `the title's prefix "${raw.titlePrefix}" is not a province`
      : 'the title has no "Tỉnh: …" prefix naming one';
    return fail('missing-province', `no province: ${why}; pass --province NAME`, raw.titlePlace);
  }

  const slug = slugify(raw.title);
  if (!slug) return fail('empty-slug', `title "${raw.title}" has no letters or digits to make a file name from`);

  const key = (field: string) => config.fields[field] ?? field;
  const fields: Field[] = [
    { key: key('title'), value: raw.title },
    { key: key('date'), value: raw.date.value },
  ];
  if (province) fields.push({ key: key('province'), value: province });
  if (raw.source) fields.push({ key: key('source'), value: raw.source });
  else if (config.required.includes('source')) {
    fields.push({ key: key('source'), value: null, hint: 'could not be determined: add the source, e.g. bacgiang.gov.vn' });
    notes.push({ severity: 'warning', rule: 'missing-source', message: 'no "Nguồn: …" line; fill in "source:" before building' });
  }
  if (raw.summary) fields.push({ key: key('summary'), value: raw.summary });
  else notes.push({ severity: 'warning', rule: 'missing-lead', message: 'no lead paragraph after the title; the article has no summary' });
  for (const block of raw.blocks) {
    if (block.kind !== 'caption') continue;
    notes.push({
      severity: 'warning',
      rule: 'missing-photo',
      message: 'photo caption kept as a figure without the photo; put the photo beside the article and write its file name in "![ảnh]()"',
      place: block.place,
    });
  }

  const file = `${formatFrontMatter(fields)}\n${formatBody(raw.blocks)}`;
  return { article: { year: raw.date.year, slug, text: file }, notes };
}
