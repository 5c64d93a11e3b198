/**
 * Writing a document's record from its header: the file's bytes decoded (UTF-8, or TCVN3 or VNI
 * with `--from`), its header read (`readDocumentHeader`), and the record's text with its fields.
 */
import type { SiteConfig } from '../config.js';
import { siteDocumentTypes } from '../content/document.js';
import { slugify } from '../vietnamese/slugs.js';
import { formatBody, formatFrontMatter, type Field } from './article-file.js';
import { decodeImported, type Converted, type ImportNote } from './convert.js';
import { readDocumentHeader } from './document-header.js';
import type { LegacyEncoding } from './legacy-encodings.js';

/** How to convert a header file. */
export interface DocumentConvertOptions {
  config: SiteConfig;
  from?: LegacyEncoding;
}

/**
 * Converts one file holding a document's header into its record file (a document is an article of
 * the registry's section); returns it (or null when it failed) and the notes, as `convertRaw` does.
 */
export function convertDocument(bytes: Uint8Array, options: DocumentConvertOptions): { article: Converted | null; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const text = decodeImported(bytes, options.from, notes);
  if (text === null) return { article: null, notes };
  const { config } = options;
  const read = readDocumentHeader(text, { types: siteDocumentTypes(config), issuers: config.documents.issuers });
  if ('problems' in read) {
    for (const p of read.problems) notes.push({ severity: 'error', rule: p.rule, message: p.message, place: p.place });
    return { article: null, notes };
  }
  const h = read.header;
  const key = (field: string) => config.fields[field] ?? field;
  const fields: Field[] = [
    { key: key('number'), value: h.number.text },
    { key: key('type'), value: h.type.name },
    { key: key('issuer'), value: h.issuer },
    { key: key('issued'), value: h.issued },
    { key: key('effective'), value: h.issued },
    { key: key('summary'), value: h.summary },
  ];
  const body = formatBody(h.body.map((p) => ({ kind: 'text', lines: [p] })));
  return { article: { year: h.year, slug: slugify(h.number.text), text: `${formatFrontMatter(fields)}\n${body}` }, notes };
}
