/** The render stage: every page and file of the site, checked for collisions, into the writer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteModel } from '../collect.js';
import type { SiteConfig } from '../config.js';
import { FILE, KEEP, type BuildCache } from '../build-cache.js';
import type { SourceFiles } from '../content/scan.js';
import { resolveReferences } from '../links.js';
import { stringsFor } from '../locale.js';
import { error, type Diagnostic } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import { unsafeOutputPath, type Writer } from '../write.js';
import { planFiles } from './files.js';
import { planListings } from './listings.js';
import { articlePage, type PagePlan } from './pages.js';
import { planSearch } from './search.js';
import { loadTheme } from './theme.js';
import { urlsFor } from './urls.js';
import { indexTerms, sharedKey, viewMemo, type RenderContext } from './views.js';

/** Inputs of the render stage. */
export interface RenderInput {
  root: string;
  config: SiteConfig;
  site: SiteModel;
  files: SourceFiles;
  /** The body HTML of an article (with placeholders). */
  body: (article: ArticleMeta) => string;
  /** Pages kept from the previous build (`serve`); a page whose template and data are unchanged is reused. */
  pages?: BuildCache;
  /** Run after every `every` pages rendered (see `BuildOptions.collect`). */
  collect?: { every: number; run: () => void };
}

/**
 * A page's data without `t` (the locale's strings, the same on every page and fixed by the config
 * and bantin's code, which a cache checks as a whole): hashing it per page costs time.
 */
function withoutStrings(data: Record<string, unknown>): Record<string, unknown> {
  const { t: _strings, ...rest } = data;
  return rest;
}

/** Output path of a file under `content/` (its path without `content/`). */
export function assetOutput(target: string): string {
  return target.replace(/^content\//, '');
}

/**
 * Items (articles, pages) reused from a cache between two pauses of a build's steps; an item made
 * anew (parsed, rendered) is followed by a pause. Note: a pause costs a few microseconds, as much
 * as reusing a page, and far less than rendering one.
 */
export const PAUSE_EVERY = 16;

// Note: the same output paths are checked build after build in `serve`; a checked one is remembered.
const safeOutputs = new Set<string>();

function rememberSafe(output: string): void {
  if (safeOutputs.size > 1_000_000) safeOutputs.clear();
  safeOutputs.add(output);
}

/** What the render stage did. */
export interface RenderResult {
  diagnostics: Diagnostic[];
  pages: number;
}

/**
 * Renders and writes the whole site; returns diagnostics and the number of pages. Runs as steps:
 * it pauses (yields) after each page it renders and every `PAUSE_EVERY` reused, so a caller can do
 * other work meanwhile.
 */
export function* renderSite(input: RenderInput, writer: Writer): Generator<void, RenderResult> {
  const { root, config, site, files } = input;
  const urls = urlsFor(config);
  const strings = stringsFor(config.language, config.strings);
  const ctx: RenderContext = { config, site, strings, urls, termSlugs: indexTerms(site), memo: viewMemo() };
  const { theme, diagnostics } = loadTheme(root, {
    relative_url: (path: string) => urls.relative(String(path)),
    absolute_url: (path: string) => urls.absolute(String(path)),
  });
  if (diagnostics.length) return { diagnostics, pages: 0 };
  input.pages?.beginRender(join(root, 'templates'), sharedKey(ctx));

  const lookup = (kind: string, target: string) => {
    if (kind === 'article') {
      const url = site.urlBySource.get(target);
      return url ? urls.relative(url) : null;
    }
    if (kind === 'asset') return urls.relative(`/${assetOutput(target)}`);
    return urls.relative(target);
  };

  const plans: PagePlan[] = [
    ...site.articles.map((a) => articlePage(a, () => resolveReferences(input.body(a), lookup), ctx)),
    ...planListings(ctx, (template) => theme.has(template)),
    ...planSearch(ctx, (template) => theme.has(template)),
  ];

  const owners = new Map<string, string>();
  const claim = (output: string, owner: string) => {
    const problem = safeOutputs.has(output) ? null : unsafeOutputPath(output);
    if (problem === null) rememberSafe(output);
    else {
      diagnostics.push(error(owner, undefined, 'unsafe-output-path', `output path "${output}" ${problem}; change the slug or permalink`));
      return false;
    }
    const other = owners.get(output);
    if (other !== undefined) {
      for (const [file, rival] of [[owner, other], [other, owner]] as const) {
        diagnostics.push(error(file, undefined, 'duplicate-output', `writes ${output}, as does ${rival}; give one of them another slug or date`));
      }
      return false;
    }
    owners.set(output, owner);
    return true;
  };

  const failures = new Map<string, Diagnostic>();
  let step = 0;
  let made = false;
  let rendered = 0;
  for (const plan of plans) {
    if (made || ++step % PAUSE_EVERY === 0) yield;
    made = false;
    if (!claim(plan.output, plan.owner)) continue;
    let data: Record<string, unknown> | undefined;
    const key = plan.key ?? (() => withoutStrings((data ??= plan.data())));
    const reused = input.pages?.reuse(plan.output, plan.template, key, lookup, plan.parts);
    if (reused === KEEP && writer.keep?.(plan.output)) continue;
    if (typeof reused === 'string') {
      writer.write(plan.output, reused);
      continue;
    }
    const html = theme.render(plan.template, (data ??= plan.data()));
    made = true;
    if (input.collect && ++rendered % input.collect.every === 0) input.collect.run();
    if (typeof html === 'string') {
      const page = resolveReferences(html, lookup);
      input.pages?.store(plan.output, page);
      writer.write(plan.output, page);
    } else {
      failures.set(`${html.file}:${html.line}:${html.column}:${html.message}`, html);
    }
  }
  diagnostics.push(...failures.values());

  const origin = new URL(config.baseUrl).origin;
  const absolute = (kind: string, target: string) => {
    const url = lookup(kind, target);
    return url === null ? null : `${origin}${url}`;
  };
  const feedBody = (a: ArticleMeta) => resolveReferences(input.body(a), absolute);
  for (const file of planFiles(ctx, plans, feedBody, (output) => files.statics.includes(`static/${output}`))) {
    if (made || ++step % PAUSE_EVERY === 0) yield;
    made = false;
    if (!claim(file.output, file.owner)) continue;
    const reused = file.key ? input.pages?.reuse(file.output, FILE, file.key, lookup, file.parts) : undefined;
    if (reused === KEEP && writer.keep?.(file.output)) continue;
    if (typeof reused === 'string') {
      writer.write(file.output, reused);
      continue;
    }
    const content = file.content();
    made = true;
    if (file.key) input.pages?.store(file.output, content);
    writer.write(file.output, content);
  }

  for (const asset of theme.assets) {
    if (claim(asset, `templates/${asset}`)) writer.write(asset, readFileSync(join(theme.dir, asset)));
  }
  for (const asset of files.assets) {
    const output = assetOutput(asset);
    if (claim(output, asset)) writer.write(output, readFileSync(join(root, asset)));
  }
  for (const file of files.statics) {
    const output = file.replace(/^static\//, '');
    if (claim(output, file)) writer.write(output, readFileSync(join(root, file)));
  }
  return { diagnostics, pages: plans.length };
}
