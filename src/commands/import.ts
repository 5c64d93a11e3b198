/**
 * `bantin import FILE…`: raw scraped bulletins → Markdown articles with front matter;
 * `--document`: official documents' headers → records of the registry of documents.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILES, loadConfig } from '../config.js';
import { processArticle } from '../content/article.js';
import { provinces, unknownProvinceMessage } from '../vietnamese/provinces.js';
import { siteFolderProblems } from '../content/scan.js';
import { formatDiagnostic, hasErrors, type Diagnostic, type Io } from '../messages.js';
import { convertRaw } from '../import/convert.js';
import { convertDocument } from '../import/document-file.js';
import { fillPhotos, photoName, photosFor } from '../import/photos.js';
import { LEGACY_ENCODINGS, type LegacyEncoding } from '../import/legacy-encodings.js';

/** Options of the import command. */
export interface ImportCommandOptions {
  root: string;
  files: string[];
  /** Folder to write into instead of `<root>/content/YYYY/`. */
  out?: string;
  province?: string;
  from?: string;
  force: boolean;
  /** Read each file as an official document's header and write its record into the registry (`--document`). */
  document?: boolean;
  /** The folder of the (one) file's photos (`--photos`); without it, the images beside each file named like it. */
  photos?: string;
}

const USAGE = 'Usage: bantin import FILE... [--root DIR] [--out DIR] [--province NAME] [--from tcvn3|vni] [--photos DIR] [--force] | bantin import --document FILE... [--root DIR] [--out DIR] [--from tcvn3|vni] [--force]';

/** A path as the user would type it: relative to the working folder when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

/** Imports each file; returns 1 when any failed (the others are still written), 2 on wrong usage. */
export function runImport(options: ImportCommandOptions, io: Io): number {
  if (!options.files.length) {
    io.err(`bantin import: give at least one raw text file\n${USAGE}`);
    return 2;
  }
  if (options.photos !== undefined && (options.files.length !== 1 || options.document)) {
    io.err(`bantin import: --photos names the photos of one article; give one FILE with it${options.document ? ', without --document' : ''} (the photos beside each file, named like it, are taken without --photos)\n${USAGE}`);
    return 2;
  }
  if (options.document && options.province !== undefined) {
    io.err(`bantin import: --province does not apply to --document (a document's record has no province)\n${USAGE}`);
    return 2;
  }
  if (options.from !== undefined && !(options.from in LEGACY_ENCODINGS)) {
    io.err(`bantin import: --from must be tcvn3 or vni, not "${options.from}"`);
    return 2;
  }
  const root = resolve(options.root);
  // Note: articles go into content/ of an existing site; a mistyped --root is not created.
  const missing = options.out === undefined ? siteFolderProblems(root) : [];
  for (const d of missing) io.err(formatDiagnostic(d));
  if (missing.length) return 1;
  const { config, file: configFile, diagnostics } = loadConfig(root);
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (hasErrors(diagnostics)) return 1;
  const registry = options.document ? config.sections.find((s) => s.kind === 'documents') : undefined;
  if (options.document && !registry) {
    io.err(`bantin import: --document writes records into the registry of documents, and this site has none; add a section of kind documents to sections: in ${configFile ?? CONFIG_FILES[0]}, e.g. { id: van-ban, title: Văn bản, kind: documents } [no-registry]`);
    return 2;
  }

  let province = options.province;
  if (province !== undefined && config.provinces === 'strict') {
    const found = provinces().resolve(province);
    if (!found) {
      io.err(`bantin import: ${unknownProvinceMessage(province)} [unknown-province]`);
      return 1;
    }
    province = found.name;
  }

  const written = new Set<string>();
  let failed = 0;
  for (const file of options.files) {
    const report = (d: Omit<Diagnostic, 'file' | 'line' | 'column'> & { place?: { line: number; column: number } }) =>
      io.err(formatDiagnostic({ file, line: d.place?.line ?? 1, column: d.place?.column ?? 1, severity: d.severity, rule: d.rule, message: d.message }));
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      report({ severity: 'error', rule: 'read-failed', message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      failed++;
      continue;
    }
    const from = options.from as LegacyEncoding | undefined;
    const { article, notes } = registry ? convertDocument(bytes, { config, from }) : convertRaw(bytes, { config, province, from });
    // Note: each photo fills the next placeholder, whose missing-photo note (in the same order) it answers.
    const photos = article && !registry ? photosFor(file, config.assetTypes, options.photos) : [];
    const names = article ? photos.map((photo, i) => photoName(article.slug, i, photo)) : [];
    const filled = article ? fillPhotos(article.text, names) : { text: '', filled: 0 };
    let answered = 0;
    for (const note of notes) {
      if (note.rule === 'missing-photo' && answered < filled.filled) answered++;
      else report(note);
    }
    if (!article) {
      failed++;
      continue;
    }
    article.text = filled.text;
    for (const photo of photos.slice(filled.filled)) {
      report({ severity: 'warning', rule: 'unused-photo', message: `${displayPath(photo)} is one photo more than the text has captions for (${filled.filled}); it is not copied: add it to the article by hand, with its caption` });
    }
    const folder = registry ? ['content', registry.id, String(article.year)] : ['content', String(article.year)];
    const target = options.out ? join(resolve(options.out), `${article.slug}.md`) : join(root, ...folder, `${article.slug}.md`);
    if (written.has(target)) {
      report({ severity: 'error', rule: 'duplicate-output', message: `${displayPath(target)} was just written from another input with the same ${registry ? 'number and year' : 'title'}; import it separately` });
      failed++;
      continue;
    }
    if (existsSync(target) && !options.force) {
      report({ severity: 'error', rule: 'exists', message: `${displayPath(target)} already exists; pass --force to replace it` });
      failed++;
      continue;
    }
    // Note: a record is checked as build checks it, so what import writes always builds.
    const checked = registry ? processArticle([...folder, `${article.slug}.md`].join('/'), Buffer.from(article.text), config).diagnostics : [];
    if (hasErrors(checked)) {
      for (const d of checked.filter((c) => c.severity === 'error')) report({ severity: 'error', rule: d.rule, message: `its record would not build: ${d.message} (at line ${d.line} of the record)` });
      failed++;
      continue;
    }
    const copies = photos.slice(0, filled.filled).map((photo, i) => ({ photo, target: join(dirname(target), names[i]!) }));
    const taken = copies.find((c) => existsSync(c.target) && !options.force);
    if (taken) {
      report({ severity: 'error', rule: 'exists', message: `${displayPath(taken.target)} already exists; pass --force to replace it` });
      failed++;
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    for (const c of copies) copyFileSync(c.photo, c.target);
    writeFileSync(target, article.text);
    written.add(target);
    io.out(`created ${displayPath(target)} from ${file}${copies.length ? `, with ${copies.length} photo(s): ${copies.map((c) => basename(c.target)).join(', ')}` : ''}`);
    for (const d of checked) io.err(formatDiagnostic({ ...d, file: displayPath(target) }));
  }
  const total = options.files.length;
  if (failed) io.err(`import: ${total - failed} of ${total} file(s) imported, ${failed} failed`);
  return failed ? 1 : 0;
}
