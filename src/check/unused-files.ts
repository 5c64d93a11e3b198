/**
 * Check rule `unused-file`: a file under `content/` that no published article links to, and which
 * the build therefore does not publish (see `planAssets`), named with the drafts or future
 * articles that link to it, if any.
 */
import { linkedFile } from '../content/assets.js';
import { compareText, warning, type Diagnostic } from '../messages.js';
import type { BuildModel } from '../pipeline.js';

/** Warns of each file beside articles that no published article links to. */
export function checkUnusedFiles(model: BuildModel): Diagnostic[] {
  const present = new Set(model.files.assets);
  const published = new Set([...model.site.articles, ...model.site.documents.list.map((e) => e.meta)].map((a) => a.sourcePath));
  const linked = new Set<string>();
  const waiting = new Map<string, Set<string>>();
  for (const article of model.articles) {
    for (const link of article.fileLinks) {
      const file = linkedFile(link.target, present);
      if (file === null) continue;
      if (published.has(article.sourcePath)) linked.add(file);
      else waiting.set(file, (waiting.get(file) ?? new Set()).add(article.sourcePath));
    }
  }
  for (const { page } of model.site.pages) {
    for (const link of page.fileLinks) {
      const file = linkedFile(link.target, present);
      if (file !== null) linked.add(file);
    }
  }
  const out: Diagnostic[] = [];
  for (const file of model.files.assets) {
    if (linked.has(file)) continue;
    const by = [...(waiting.get(file) ?? [])].sort(compareText);
    out.push(
      by.length
        ? warning(file, undefined, 'unused-file', `only unpublished articles (drafts or dated in the future) link to this file: ${by.join(', ')}; it is not published until one of them is`)
        : warning(file, undefined, 'unused-file', 'no published article or page links to this file, so it is not published; link it from one or remove it'),
    );
  }
  return out;
}
