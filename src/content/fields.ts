/**
 * Reading the front matter and body of a content file (article, document, page): its size, its
 * encoding, its fields each checked at its line, and its Markdown.
 */
import type { SiteConfig } from '../config.js';
import { fileLinkOf } from '../links.js';
import { renderMarkdown, type RenderedMarkdown } from '../markdown.js';
import { shortcodeRenderer } from '../shortcodes.js';
import { error, warning, type Diagnostic, type Place } from '../messages.js';
import type { Article, Citation, FileLink, Translation } from '../types.js';
import { parseDate, type SiteDate } from '../vietnamese/dates.js';
import { numberKey } from '../vietnamese/documents.js';
import { compatibleData, compatibleDate, compatibleKey } from './compatibility.js';
import { parseFrontMatter, type FrontMatter } from './front-matter.js';
import { decodeReferences, decodeText, removeUnshowable, removeUnshowableFrom, unshowableMessage } from './text.js';

/** What the article stage returns: an article when the file is valid, and its diagnostics. */
export interface ArticleResult {
  article: Article | null;
  diagnostics: Diagnostic[];
}

/** Reading an article's or document's front-matter fields, each problem reported at its line. */
export interface FieldReader {
  /** The front matter with characters that cannot be shown removed (a warning for each field that had some). */
  data: Record<string, unknown>;
  /** The front-matter key of a standard field (the config's `fields` may rename it). */
  key: (field: string) => string;
  placeOf: (field: string) => Place | undefined;
  report: (field: string, rule: string, message: string) => void;
  /** A field as one line of text (spaces collapsed), null when absent or empty. */
  text: (field: string) => string | null;
  /** A list of text values (or one comma-separated text), by front-matter key. */
  list: (field: string) => string[];
  /** Where a missing field is reported: its key's line when written with no value, else the file's start. */
  missingAt: (field: string) => Place;
  /** A field as a date in the site's time zone, null when absent or invalid (reported). */
  dateOf: (field: string) => SiteDate | null;
}

/** The field reader of one file; `diagnostics` gets its warnings and errors. */
/** Front-matter fields of prose, whose HTML character references are decoded (see `decodeReferences`); paths, numbers and keys are read as written. */
export const PROSE = new Set(['title', 'summary', 'image_caption', 'image_alt', 'author', 'category', 'source', 'signer']);

export function fieldReader(sourcePath: string, fm: FrontMatter, config: SiteConfig, diagnostics: Diagnostic[]): FieldReader {
  const placeOf = (field: string) => fm.placeOf(key(field));
  const read: Record<string, unknown> = Object.fromEntries(
    Object.entries(fm.data).map(([name, value]) => {
      const found = removeUnshowableFrom(value);
      if (found.count) {
        diagnostics.push(warning(sourcePath, fm.placeOf(name), 'control-character', `${name} ${unshowableMessage(found, 'the front matter (a YAML escape such as "\\0" writes one)')}`));
      }
      return [name, found.value];
    }),
  );
  const data = compatibleData(sourcePath, read, config.compatibility);
  const key = (field: string) => config.fields[field] ?? compatibleKey(field, data, config.compatibility) ?? field;
  const report = (field: string, rule: string, message: string) => diagnostics.push(error(sourcePath, placeOf(field), rule, message));
  const text = (field: string): string | null => {
    const value = data[key(field)];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return (PROSE.has(field) ? decodeReferences(value) : value).replace(/\s+/g, ' ').trim() || null;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    report(field, 'field-type', `${key(field)} must be text, not ${Array.isArray(value) ? 'a list' : 'a mapping'}`);
    return null;
  };
  const list = (field: string): string[] => {
    const value = data[field];
    if (value === undefined || value === null) return [];
    const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
    if (!items || items.some((x) => typeof x !== 'string' && typeof x !== 'number')) {
      diagnostics.push(error(sourcePath, fm.placeOf(field), 'field-type', `${field} must be a list of text values, e.g. [Dân vận, Y tế]`));
      return [];
    }
    return items.map((x) => decodeReferences(String(x)).replace(/\s+/g, ' ').trim()).filter(Boolean);
  };
  // Note: a key written with no value (`title:` or `title: ""`) is reported at its line; one not written at all at the file's start.
  const missingAt = (field: string): Place => (key(field) in data ? placeOf(field)! : { line: 1, column: 1 });
  const dateOf = (field: string): SiteDate | null => {
    const value = data[key(field)];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'object') {
      report(field, 'field-type', `${key(field)} must be a date such as 2020-02-24, not ${Array.isArray(value) ? 'a list' : 'a mapping'}`);
      return null;
    }
    const parsed = parseDate(compatibleDate(String(value), config.compatibility), config.timeZone);
    if ('error' in parsed) {
      report(field, 'invalid-date', parsed.error);
      return null;
    }
    return parsed;
  };
  return { data, key, placeOf, report, text, list, missingAt, dateOf };
}

/**
 * The front matter of an article or page file: its size checked, its bytes decoded, its front matter
 * split and parsed; null (with the errors in `diagnostics`) when one of them fails.
 */
export function readFrontMatter(sourcePath: string, bytes: Uint8Array, config: SiteConfig, diagnostics: Diagnostic[]): FrontMatter | null {
  if (bytes.length > config.maxArticleBytes) {
    diagnostics.push(error(sourcePath, undefined, 'article-too-large', `file is ${bytes.length} bytes, over the limit of ${config.maxArticleBytes}; split it or raise maxArticleBytes in the config`));
    return null;
  }
  const decoded = decodeText(bytes);
  if ('error' in decoded) {
    diagnostics.push(error(sourcePath, decoded.place, 'encoding', decoded.error));
    return null;
  }
  const fm = parseFrontMatter(decoded.text, { duplicates: config.compatibility === 'hugo' ? 'later' : 'refuse', compatible: config.compatibility !== null });
  if (!('problems' in fm)) {
    for (const note of fm.notes ?? []) diagnostics.push(warning(sourcePath, note.place, note.rule, note.message));
    return fm;
  }
  for (const p of fm.problems) diagnostics.push(error(sourcePath, p.place, p.rule, p.message));
  return null;
}

/**
 * The Markdown body of an article or page as HTML and text, with a warning for characters that
 * cannot be shown; null (with the error in `diagnostics`) when it cannot be rendered.
 */
export function renderBody(fm: FrontMatter, sourcePath: string, config: SiteConfig, diagnostics: Diagnostic[]): ReturnType<typeof renderMarkdown> | null {
  const bodyText = removeUnshowable(fm.body);
  if (bodyText.count) {
    const before = fm.body.slice(0, bodyText.first!.index).split('\n');
    const place = { line: fm.bodyLineOffset + before.length, column: before[before.length - 1]!.length + 1 };
    diagnostics.push(warning(sourcePath, place, 'control-character', `the text ${unshowableMessage(bodyText, 'the file')}`));
  }
  try {
    const shortcodes = { renderer: shortcodeRenderer(config), compatibility: config.compatibility };
    const body = renderMarkdown(bodyText.text, { sourcePath, lineOffset: fm.bodyLineOffset, allowHtml: config.allowHtml, shortcodes });
    for (const p of body.shortcodes) diagnostics.push((p.severity === 'error' ? error : warning)(p.file ?? sourcePath, p.place, p.rule, p.message));
    for (const { src, place } of body.missingAlt) {
      diagnostics.push(warning(sourcePath, place, 'missing-alt', `image${src ? ` "${src}"` : ''} has no alt text; write what it shows between the brackets, e.g. ![Lễ khởi công cầu Kênh Vàng](anh.jpg): screen readers read it (Thông tư 32/2017/TT-BTTTT asks for it), and a caption does not stand for it`));
    }
    return body;
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    diagnostics.push(
      error(
        sourcePath,
        { line: (e as { line?: number }).line ?? fm.bodyLineOffset + 1, column: 1 },
        tooDeep ? 'markdown-too-deep' : 'markdown-failed',
        tooDeep ? 'Markdown is nested too deeply to render (thousands of levels); flatten the quotes or lists' : `Markdown could not be rendered: ${(e as Error).message}`,
      ),
    );
    return null;
  }
}

/**
 * The documents a list field names by number (`documents: [215/QĐ-UBND]`), each at its item's line;
 * `215/QĐ-UBND (2024)` names the one of 2024 when numbers repeat from year to year.
 */
export function readCitations(reader: FieldReader, fm: FrontMatter, field: string): Citation[] {
  const name = reader.key(field);
  const raw = reader.data[name];
  if (raw === undefined || raw === null || raw === '') return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const places = fm.itemPlacesOf(name);
  const out: Citation[] = [];
  items.forEach((item, i) => {
    const place = (Array.isArray(raw) ? places[i] : undefined) ?? reader.placeOf(field) ?? { line: 1, column: 1 };
    if (typeof item !== 'string' && typeof item !== 'number') {
      reader.report(field, 'field-type', `${name} must be a list of document numbers, e.g. [215/QĐ-UBND, 15/2024/QĐ-UBND]`);
      return;
    }
    const citation = parseCitation(String(item), place);
    if (citation) out.push(citation);
  });
  return out;
}

/** A citation as written: a number, with the year after it in brackets when given (`215/QĐ-UBND (2024)`). */
export function parseCitation(text: string, place: Place): Citation | null {
  const m = /^(.*?)\s*(?:\((\d{4})\))?$/.exec(text.normalize('NFC').trim());
  const number = numberKey(m?.[1] ?? '');
  return number ? { number, year: m?.[2] ? Number(m[2]) : null, place } : null;
}

/** The parts of an article or document that its rendered body gives: references, the files it names (with `others`), words, HTML and text. */
export function bodyParts(body: RenderedMarkdown, others: readonly FileLink[]) {
  return {
    references: body.references,
    fileLinks: [...body.references.map(fileLinkOf).filter((link): link is FileLink => link !== null), ...others],
    words: body.text ? body.text.split(' ').length : 0,
    html: body.html,
    text: body.text,
  };
}

/** An item's `translation:` key (NFC, without surrounding slashes), or null when it gives none. */
export function translationOf(key: string | null, place: Place | undefined): Translation | null {
  const clean = key?.normalize('NFC').replace(/^\/+|\/+$/g, '');
  return clean ? { key: clean, place: place ?? { line: 1, column: 1 } } : null;
}
