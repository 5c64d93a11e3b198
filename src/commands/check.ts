/** `bantin check`: everything `build` checks, without writing, plus links, unused files, furniture, encodings and spellings. */
import { resolve } from 'node:path';
import { checkFurniture } from '../check/furniture.js';
import { checkLegacyText } from '../check/legacy-text.js';
import { checkLinks } from '../check/links.js';
import { readArticleSources } from '../check/article-sources.js';
import { checkSpellings } from '../check/spellings.js';
import { checkUnusedFiles } from '../check/unused-files.js';
import { formatDiagnostic, sortDiagnostics, type Diagnostic, type Io } from '../messages.js';
import { buildSite, type BuildOptions } from '../pipeline.js';
import type { Writer } from '../write/writer.js';

/** Options of the check command. */
export interface CheckCommandOptions extends BuildOptions {
  format?: string;
  strict?: boolean;
}

/** Keeps what a build writes, even when the build fails, so links can be checked either way. */
class RecordingWriter implements Writer {
  readonly paths = new Set<string>();
  readonly pages = new Map<string, string>();

  write(path: string, content: string | Uint8Array): void {
    this.paths.add(path);
    if (path.endsWith('.html')) this.pages.set(path, typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
  }

  commit() {
    return { written: this.paths.size, reused: 0, removed: 0 };
  }

  abort(): void {}
}

/** Runs the build in memory and the check rules; returns every diagnostic, sorted. */
export function checkSite(options: BuildOptions): { diagnostics: Diagnostic[]; articles: number; documents: number; pages: number } {
  const writer = new RecordingWriter();
  // Note: photos are decoded to find damaged ones, but not encoded: check publishes nothing.
  const result = buildSite({ ...options, photos: 'verify' }, writer);
  const model = result.model;
  // Note: check's mixed-spelling warnings name the line and every file, so they replace the
  // build's shorter term-spelling ones for the same terms.
  const diagnostics = result.diagnostics.filter((d) => !(model && d.rule === 'term-spelling'));
  const languages = model?.languages ?? [];
  const prefixes = model ? model.config.languages.slice(1).map((l) => `${l.prefix}/`) : [];
  for (const [i, own] of languages.entries()) {
    const sources = readArticleSources(options.root, [...own.files.articles, ...own.files.pages]);
    // Note: the legacy-encoding and page-furniture heuristics know Vietnamese text only.
    if (own.config.language === 'vi') for (const source of sources.values()) diagnostics.push(...checkFurniture(source), ...checkLegacyText(source));
    diagnostics.push(...checkSpellings(own.site, own.config, sources));
    const scope = i === 0 ? (page: string) => !prefixes.some((p) => page.startsWith(p)) : (page: string) => page.startsWith(prefixes[i - 1]!);
    diagnostics.push(...checkLinks(own, writer, sources, scope));
    diagnostics.push(...checkUnusedFiles(own));
  }
  // Note: every article file read counts, the invalid, draft and future ones too.
  let documents = 0;
  let articles = 0;
  let pages = 0;
  for (const own of languages) {
    const registry = own.config.sections.find((x) => x.kind === 'documents');
    const ofRegistry = registry ? own.files.articles.filter((p) => p.startsWith(`${own.config.contentDir}${registry.id}/`)).length : 0;
    documents += ofRegistry;
    articles += own.files.articles.length - ofRegistry;
    pages += own.files.pages.length;
  }
  return { diagnostics: sortDiagnostics(diagnostics), articles, documents, pages };
}

/** Checks the site and prints the diagnostics; returns the exit code. */
export function runCheck(options: CheckCommandOptions, io: Io): number {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    io.err(`bantin check: --format must be text or json, not "${format}"`);
    return 2;
  }
  const { diagnostics, articles, documents, pages } = checkSite({ ...options, root: resolve(options.root) });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (format === 'json') {
    io.out(JSON.stringify(diagnostics.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })), null, 2));
  } else {
    for (const d of diagnostics) io.err(formatDiagnostic(d));
    const summary = `checked ${articles} article(s)${documents ? `, ${documents} document(s)` : ''}${pages ? ` and ${pages} page(s)` : ''}: ${errors} error(s), ${warnings} warning(s)`;
    if (diagnostics.length) io.err(summary);
    else io.out(summary);
  }
  return errors || (options.strict && warnings) ? 1 : 0;
}
