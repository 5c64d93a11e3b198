/**
 * The document stage: an official document of the registry (a file in the section of kind
 * `documents`, `content/van-ban/…`): its record from the front matter, checked against Decree
 * 30/2020's numbers and types, and its body (notes, or the full text). Part of the article stage,
 * so a pure function of the file's path, bytes and the config, run on workers and cached alike.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { SectionConfig, SiteConfig } from '../config.js';
import { fileLinkOf, isSafeExternalUrl, resolveReference } from '../links.js';
import { error, hasErrors, warning, type Diagnostic, type Place } from '../messages.js';
import type { ArticleMeta, Citation, DocumentFile, DocumentRecord, FileLink } from '../types.js';
import { documentTypes, numberTypeProblem, parseDocumentNumber, typeByAbbr, typeByName, type DocumentNumber, type DocumentType } from '../vietnamese/documents.js';
import { slugify } from '../vietnamese/slugs.js';
import { bodyParts, parseCitation, readCitations, renderBody, translationOf, type ArticleResult, type FieldReader } from './fields.js';
import type { FrontMatter } from './front-matter.js';

/** The document types of a site: Decree 30/2020's and the config's own (`documents.types`), one per name. */
export function siteDocumentTypes(config: SiteConfig): DocumentType[] {
  const own = config.documents.types.map((t): DocumentType => ({ name: t.name.normalize('NFC').replace(/\s+/g, ' ').trim(), abbr: t.abbr?.normalize('NFC') ?? null, older: [], normative: false }));
  const names = new Set(own.map((t) => t.name.toLocaleLowerCase('vi')));
  return [...documentTypes().filter((t) => !names.has(t.name.toLocaleLowerCase('vi'))), ...own];
}

/** The part of a number's ký hiệu that names the issuing body: `UBND` in `215/QĐ-UBND` and in `1234/UBND-KT`. */
export function issuerAbbr(number: DocumentNumber, types: readonly DocumentType[]): string | null {
  const [first, second] = number.symbol;
  if (typeByAbbr(types, first!)) return second ?? null;
  return first ?? null;
}

/** Processes a document file whose front matter `fm` is read by `reader` (see `processArticle`). */
export function processDocument(
  sourcePath: string,
  bytes: Uint8Array,
  fm: FrontMatter,
  reader: FieldReader,
  section: SectionConfig,
  config: SiteConfig,
  diagnostics: Diagnostic[],
): ArticleResult {
  const { data, key, placeOf, report, text, missingAt, dateOf } = reader;
  const types = siteDocumentTypes(config);
  const missing = (field: string, example: string) => diagnostics.push(error(sourcePath, missingAt(field), 'missing-field', `missing ${key(field)}; add "${key(field)}: ${example}" to the front matter`));

  const numberText = text('number');
  let number: DocumentNumber | null = null;
  if (!numberText) missing('number', '215/QĐ-UBND');
  else {
    number = parseDocumentNumber(numberText);
    if (!number) report('number', 'document-number', `number "${numberText}" is not a number and symbol (số, ký hiệu) as Decree 30/2020 writes them; write e.g. 215/QĐ-UBND, 15/2024/QĐ-UBND (a legal normative document) or 1234/UBND-VP (a công văn)`);
  }

  const typeText = text('type');
  let type: DocumentType | undefined;
  if (typeText) {
    type = typeByName(types, typeText);
    if (!type) {
      const near = types.filter((t) => t.name.localeCompare(typeText, 'vi', { sensitivity: 'base' }) === 0 || slugify(t.name) === slugify(typeText));
      report('type', 'document-type', `type "${typeText}" is not a type of document of Decree 30/2020${near[0] ? `; did you mean "${near[0].name}"?` : ''}; write one such as Quyết định, Kế hoạch or Công văn, or add it to documents.types in the config`);
    }
  } else if (number) {
    // Note: a number with a type's abbreviation names its type (`215/QĐ-UBND` is a Quyết định).
    type = typeByAbbr(types, number.symbol[0]!);
    if (!type) missing('type', 'Quyết định');
  }
  if (number && type) {
    const problem = numberTypeProblem(number, type, types);
    // Note: a công văn's issuer may share letters with a type (Cục Thuế, CT, and Chỉ thị): only a warning there.
    if (problem) diagnostics.push((type.abbr === null ? warning : error)(sourcePath, placeOf('number'), 'document-type', problem));
  }

  let issuer = text('issuer');
  if (!issuer && number) {
    const abbr = issuerAbbr(number, types);
    issuer = (abbr && config.documents.issuers[abbr]?.normalize('NFC').replace(/\s+/g, ' ').trim()) || null;
    if (!issuer) {
      const or = abbr ? `, or name ${abbr} under documents.issuers in the config` : '';
      diagnostics.push(error(sourcePath, missingAt('issuer'), 'missing-field', `missing ${key('issuer')}; add "${key('issuer')}: Ủy ban nhân dân tỉnh …" to the front matter${or}`));
    }
  }

  const issued = dateOf('issued');
  if (!issued && data[key('issued')] == null) missing('issued', 'YYYY-MM-DD');
  const effectiveGiven = dateOf('effective');
  const effective = effectiveGiven ?? issued;
  const expires = dateOf('expires');
  if (issued && effectiveGiven && effectiveGiven.epoch < issued.epoch) {
    report('effective', 'document-dates', `${key('effective')} ${effectiveGiven.date} is before ${key('issued')} ${issued.date}; a document takes effect on or after the day it is issued, so check both`);
  }
  if (effective && expires && expires.epoch <= effective.epoch) {
    report('expires', 'document-dates', `${key('expires')} ${expires.date} is not after the day the document takes effect (${effective.date}); check both`);
  }
  if (number?.year && issued && number.year !== issued.year) {
    diagnostics.push(warning(sourcePath, placeOf('number'), 'document-number', `the year in number ${number.text} (${number.year}) is not the year it was issued (${issued.date}); check both`));
  }

  const summary = text('summary');
  if (!summary) missing('summary', 'Về việc … (the trích yếu)');

  const signer = text('signer');
  const signerTitle = text('signer_title');
  const field = text('field');
  const fileLinks: FileLink[] = [];
  const files = readFiles(reader, fm, sourcePath, config, diagnostics, fileLinks);
  const list = (name: string) => readCitations(reader, fm, name);
  const replaces = list('replaces');
  const amends = list('amends');
  const related = list('related');
  const amendedBy = list('amended_by');
  const replacedByText = text('replaced_by');
  const replacedBy = replacedByText ? parseCitation(replacedByText, placeOf('replaced_by') ?? { line: 1, column: 1 }) : null;
  const self = (c: Citation) => number && c.number === number.text && (c.year === null || c.year === issued?.year);
  for (const [name, citations] of [['replaces', replaces], ['amends', amends], ['replaced_by', replacedBy ? [replacedBy] : []], ['amended_by', amendedBy]] as const) {
    for (const c of citations) if (self(c)) diagnostics.push(error(sourcePath, c.place, 'document-cycle', `${key(name)} names this document itself (${c.number}); name the other document`));
  }

  const draftValue = data[key('draft')];
  if (draftValue !== undefined && typeof draftValue !== 'boolean') report('draft', 'field-type', 'draft must be true or false');
  const updated = dateOf('updated');
  const title = text('title') ?? (type && number ? `${type.name} ${number.text}` : null);
  const slugText = text('slug');
  const slug = slugify(slugText ?? number?.text ?? '');
  if (number && !slug) report('slug', 'empty-slug', 'no letters or digits to make a URL from; add "slug: so-ky-hieu"');
  if (hasErrors(diagnostics) || !number || !type || !issuer || !issued || !effective || !summary || !title || !slug) return { article: null, diagnostics };

  const body = renderBody(fm, sourcePath, config, diagnostics);
  if (!body) return { article: null, diagnostics };
  const url = posix.normalize(`/${section.path}/${issued.year}/${slug}/`);
  const document: DocumentRecord = {
    number: number.text,
    type: type.name,
    issuer,
    issued,
    effective,
    expires,
    signer,
    signerTitle,
    field,
    files,
    replaces,
    amends,
    related,
    replacedBy,
    amendedBy,
    numberPlace: placeOf('number') ?? { line: 1, column: 1 },
  };
  return {
    article: {
      sourcePath,
      hash: createHash('sha256').update(bytes).digest('hex'),
      title,
      summary,
      date: issued,
      updated,
      expires: null,
      datePlaces: { date: placeOf('issued') ?? { line: 1, column: 1 }, updated: updated ? placeOf('updated') ?? null : null },
      section: section.id,
      province: null,
      provinceName: null,
      source: issuer,
      sourceUrl: null,
      author: signer,
      category: type.name,
      terms: {},
      termPlaces: {},
      slug,
      url,
      output: `${url.slice(1)}index.html`,
      draft: draftValue === true,
      image: null,
      attachments: [],
      aliases: [],
      document,
      translation: translationOf(reader.text('translation'), reader.placeOf('translation')),
      citations: [],
      ...bodyParts(body, fileLinks),
    },
    diagnostics,
  };
}

/** A document's `files`: each a file beside it (`qd-215.pdf`, or `{ file: qd-215.pdf, title: Bản ký số }`) of a type the registry allows. */
function readFiles(reader: FieldReader, fm: FrontMatter, sourcePath: string, config: SiteConfig, diagnostics: Diagnostic[], fileLinks: FileLink[]): DocumentFile[] {
  const name = reader.key('files');
  const raw = reader.data[name];
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const out: DocumentFile[] = [];
  const allowed = config.documents.fileTypes;
  items.forEach((item, i) => {
    const place: Place = fm.placeIn([name, i]) ?? reader.placeOf('files') ?? { line: 1, column: 1 };
    const file = typeof item === 'string' ? item : item && typeof item === 'object' && typeof item.file === 'string' ? item.file : null;
    const title = item && typeof item === 'object' && typeof item.title === 'string' ? item.title.replace(/\s+/g, ' ').trim() || null : null;
    if (!file) {
      diagnostics.push(error(sourcePath, place, 'document-file', `${name} must be a list of files beside the document, e.g. - qd-215.pdf, or - { file: qd-215.pdf, title: Bản ký số }`));
      return;
    }
    const ref = resolveReference(file, sourcePath, place);
    if (!ref || ref.kind !== 'asset' || !ref.target.startsWith('content/')) {
      const why = isSafeExternalUrl(file) ? 'an address on another site' : ref?.kind === 'asset' ? 'outside content/' : 'not a file beside the document';
      diagnostics.push(error(sourcePath, place, 'document-file', `file "${file}" is ${why}; put the file in the document's folder and write its name, e.g. qd-215.pdf`));
      return;
    }
    const type = posix.extname(ref.target).slice(1).toLowerCase();
    if (!allowed.includes(type)) {
      diagnostics.push(error(sourcePath, place, 'document-file-type', `file "${file}" is ${type ? `a .${type} file` : 'a file without a type'}; a document's files may be ${allowed.join(', ')} (documents.fileTypes); convert it, e.g. to PDF`));
      return;
    }
    const link = fileLinkOf(ref);
    if (link) fileLinks.push(link);
    out.push({ target: ref.target, href: ref.placeholder, title, type, place });
  });
  return out;
}

/**
 * The size in bytes of every file the published `documents` name, and an error for each that is
 * missing or cannot be read (a document's files are what its page offers to download).
 */
export function documentFileSizes(root: string, documents: readonly ArticleMeta[], present: readonly string[]): { sizes: Map<string, number>; diagnostics: Diagnostic[] } {
  const sizes = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  if (!documents.length) return { sizes, diagnostics };
  const files = new Set(present);
  for (const d of documents) {
    for (const file of d.document!.files) {
      if (sizes.has(file.target)) continue;
      if (!files.has(file.target)) {
        diagnostics.push(error(d.sourcePath, file.place, 'document-file', `file "${file.target}" does not exist; put the file there or correct its name`));
        continue;
      }
      try {
        // Note: one stat a file; a file the scan listed that is gone or not a file fails here.
        const stat = statSync(join(root, file.target));
        if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        sizes.set(file.target, stat.size);
      } catch (e) {
        diagnostics.push(error(d.sourcePath, file.place, 'document-file', `file "${file.target}" cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); check that it is a readable file`));
      }
    }
  }
  return { sizes, diagnostics };
}
