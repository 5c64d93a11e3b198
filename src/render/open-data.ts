/**
 * The document registry's files: its Atom feed, and the registry as open data, `documents.json`
 * (described by `data/documents.schema.json`) and `documents.csv`, below the registry's path.
 */
import { createHash } from 'node:crypto';
import { mediaType } from '../media-types.js';
import type { ArticleMeta } from '../types.js';
import { atomFeed, atomPath, FEED_SIZE, type AbsoluteBody } from './feeds.js';
import { articleParts, bodyKey, type FilePlan } from './pages.js';
import type { RenderContext } from './views.js';

/** Site path of the registry as open data, JSON and CSV (below the registry's path). */
export const DOCUMENTS_JSON = 'documents.json';
export const DOCUMENTS_CSV = 'documents.csv';

/** The registry's Atom feed and its open data (`documents.json`, `documents.csv`, below the registry's path). */
export function planDocumentFiles(ctx: RenderContext, body: AbsoluteBody, sizes: ReadonlyMap<string, number>): FilePlan[] {
  const { site, urls, config } = ctx;
  const { section, list } = site.documents;
  if (!section || !list.length) return [];
  const path = urls.section(section.path);
  const plans: FilePlan[] = [];
  const articles = list.map((e) => e.meta);
  if (section.feed) {
    const title = `${section.title} – ${config.title}`;
    plans.push({
      output: atomPath(path).slice(1),
      owner: section.file,
      content: () => atomFeed({ path, title, articles }, body, ctx)!,
      key: () => ({ atom: path, title, entries: articles.slice(0, FEED_SIZE).map(bodyKey) }),
      parts: () => `${path}\0${title}\0${articles.slice(0, FEED_SIZE).map(articleParts).join('\0')}`,
    });
  }
  if (!config.documents.openData) return plans;
  let rows: OpenRows | undefined;
  const made = () => (rows ??= openRows(ctx, sizes));
  let digest: string | undefined;
  // Note: one digest of every record's source, status, file sizes and links, without a text of them all (2 MB at 20,000 documents).
  const parts = () => {
    if (digest === undefined) {
      const h = createHash('sha1').update(urls.absolute(path));
      for (const e of list) h.update(`\0${e.meta.sourcePath} ${e.meta.hash} ${e.status} ${e.record.files.map((f) => sizes.get(f.target) ?? '').join(' ')} ${e.replacedBy ?? ''},${e.replaces},${e.amends},${e.amendedBy},${e.related}`);
      digest = h.digest('base64');
    }
    return digest;
  };
  plans.push(
    { output: `${path.slice(1)}${DOCUMENTS_JSON}`, owner: section.file, content: () => documentsJson(made().json, ctx, path), key: () => ({ json: parts() }), parts },
    { output: `${path.slice(1)}${DOCUMENTS_CSV}`, owner: section.file, content: () => documentsCsv(made().csv), key: () => ({ csv: parts() }), parts: () => `csv\0${parts()}` },
  );
  return plans;
}

/** Every document of the registry as a line of `documents.json` and a row of `documents.csv`. */
interface OpenRows {
  json: string[];
  csv: string[];
}

/**
 * The open data's records, each as `data/documents.schema.json` describes it, written out once for
 * both files. Note: written field by field, as an object made for `JSON.stringify` cost twice as much.
 */
function openRows(ctx: RenderContext, sizes: ReadonlyMap<string, number>): OpenRows {
  const { urls } = ctx;
  const list = ctx.site.documents.list;
  const q = JSON.stringify;
  const numbers = (indexes: readonly number[]) => indexes.map((i) => list[i]!.record.number);
  const json: string[] = new Array(list.length);
  const csv: string[] = new Array(list.length);
  const base = urls.absolute('/');
  list.forEach((e, i) => {
    const r = e.record;
    // Note: what a row is made of besides its document (whose metadata object `serve` keeps while the file is unchanged).
    const made = `${base}\0${e.status}\0${r.files.map((f) => sizes.get(f.target) ?? '').join(' ')}\0${[e.replacedBy, ...e.replaces, ...e.amends, ...e.amendedBy, ...e.related].map((k) => (k === null ? '' : list[k]!.record.number)).join(' ')}`;
    const known = rowMemo.get(e.meta);
    if (known?.made === made) {
      json[i] = known.json;
      csv[i] = known.csv;
      return;
    }
    const url = urls.absolute(e.meta.url);
    const files = r.files.map((f) => ({ url: urls.file(f.target), type: mediaType(f.type) ?? f.type, bytes: sizes.get(f.target) ?? null, title: f.title }));
    const replacedBy = e.replacedBy === null ? null : list[e.replacedBy]!.record.number;
    const [replaces, amends, amendedBy, related] = [numbers(e.replaces), numbers(e.amends), numbers(e.amendedBy), numbers(e.related)];
    const summary = e.meta.summary ?? '';
    json[i] =
      `{"number":${q(r.number)},"type":${q(r.type)},"issuer":${q(r.issuer)},"issued":"${r.issued.date}","effective":"${r.effective.date}",` +
      `"expires":${r.expires ? `"${r.expires.date}"` : 'null'},"status":"${e.status}","signer":${q(r.signer)},"signer_title":${q(r.signerTitle)},` +
      `"field":${q(r.field)},"summary":${q(summary)},"url":${q(url)},"files":${q(files)},"replaces":${q(replaces)},"replaced_by":${q(replacedBy)},` +
      `"amends":${q(amends)},"amended_by":${q(amendedBy)},"related":${q(related)}}`;
    csv[i] = [
      csvCell(r.number), csvCell(r.type), csvCell(r.issuer), r.issued.date, r.effective.date, r.expires?.date ?? '', e.status,
      csvCell(r.signer ?? ''), csvCell(r.signerTitle ?? ''), csvCell(r.field ?? ''), csvCell(summary), csvCell(url),
      csvCell(files.map((f) => f.url).join(' ')), csvCell(replaces.join(' ')), csvCell(replacedBy ?? ''), csvCell(amends.join(' ')), csvCell(amendedBy.join(' ')), csvCell(related.join(' ')),
    ].join(',');
    rowMemo.set(e.meta, { made, json: json[i]!, csv: csv[i]! });
  });
  return { json, csv };
}

// Note: `serve` rebuilds in one process, where an unchanged document keeps its metadata object: its
// rows are made again only when its status, files' sizes or links change (in `build`, every row is new).
const rowMemo = new WeakMap<ArticleMeta, { made: string; json: string; csv: string }>();

/**
 * The registry as JSON (`documents.json`): the site, then every document newest first, one to a
 * line (a diff of two versions shows the documents that changed). Note: indenting every key made
 * the file about 40% larger and its writing the slowest step of a one-document edit at 20,000.
 */
function documentsJson(lines: readonly string[], ctx: RenderContext, path: string): string {
  const { config, urls } = ctx;
  const section = ctx.site.documents.section!;
  const head = JSON.stringify({ title: `${section.title} – ${config.title}`, url: urls.absolute(path), publisher: config.agency.name || config.title, language: ctx.strings.lang });
  return `${head.slice(0, -1)},"documents":[\n${lines.join(',\n')}\n]}\n`;
}

const CSV_COLUMNS = ['number', 'type', 'issuer', 'issued', 'effective', 'expires', 'status', 'signer', 'signer_title', 'field', 'summary', 'url', 'files', 'replaces', 'replaced_by', 'amends', 'amended_by', 'related'];

/** The registry as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read its diacritics). */
function documentsCsv(rows: readonly string[]): string {
  return `\uFEFF${CSV_COLUMNS.join(',')}\r\n${rows.join('\r\n')}\r\n`;
}

/** What a CSV cell needs more than its text for: a quote, comma or line break, or a formula's first character. */
const CSV_QUOTE = /[",\r\n]|^[=+\-@\t]/;

/** A text as a CSV cell: quoted when it must be; a formula's first character (`=`, `+`, `-`, `@`) kept as text by a quote mark. */
function csvCell(text: string): string {
  if (!CSV_QUOTE.test(text)) return text;
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

