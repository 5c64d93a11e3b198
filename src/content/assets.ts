/**
 * Which files under `content/` are published. `content/` is untrusted: a file is copied only when
 * a published article links to it (in its body, `image` or attachments) and its type is one of the
 * config's `assetTypes` (photos and documents); a link to any other type (HTML, SVG, scripts) is an
 * error at the article's line. Files only drafts or future articles link to stay unpublished.
 */
import { posix } from 'node:path';
import type { SiteConfig } from '../config.js';
import { error, warning, type Diagnostic } from '../messages.js';
import type { ArticleMeta } from '../types.js';

/** What the asset stage decided: the files to copy (`content/…` paths, sorted) and the refused links. */
export interface AssetPlan {
  publish: string[];
  diagnostics: Diagnostic[];
}

/** The `content/` file a link's target names, among `files` (the scan's), or null when it names none. */
export function linkedFile(target: string, files: ReadonlySet<string>): string | null {
  if (files.has(target)) return target;
  // Note: a site path (`/2020/anh.jpg`) names the file whose output it is.
  const beside = `content${target}`;
  return target.startsWith('/') && files.has(beside) ? beside : null;
}

/** A file's type: its extension in lower case, without the dot ('' when it has none). */
function fileType(path: string): string {
  return posix.extname(path).slice(1).toLowerCase();
}

/** Decides which of `files` (the scan's files beside articles and pages) the `published` articles and pages publish. */
export function planAssets(files: readonly string[], published: readonly Pick<ArticleMeta, 'sourcePath' | 'fileLinks'>[], config: SiteConfig): AssetPlan {
  const present = new Set(files);
  const allowed = new Set(config.assetTypes);
  const publish = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const article of published) {
    for (const link of article.fileLinks) {
      const file = linkedFile(link.target, present);
      if (file === null) {
        // Note: a body's own link to no file is `check`'s to report; one a shortcode's template made, `build`'s.
        if (link.shortcode && !link.target.startsWith('/')) diagnostics.push(warning(article.sourcePath, link.place, 'missing-image', `the shortcode here makes a link or image to "${link.target}", which is no file of the site; put the file there, or fix the shortcode's path (or its template, for files kept elsewhere)`));
        continue;
      }
      const type = fileType(file);
      if (allowed.has(type)) {
        publish.add(file);
        continue;
      }
      const what = type ? `a .${type} file` : 'a file without a type (extension)';
      const types = config.assetTypes.length ? config.assetTypes.join(', ') : 'none';
      diagnostics.push(error(article.sourcePath, link.place, 'asset-type', `links to "${file}", ${what}, which is not published from content/ (assetTypes: ${types}); convert it to one of those (an SVG to PNG, a page to PDF), or have the site owner put it in static/`));
    }
  }
  return { publish: files.filter((f) => publish.has(f)), diagnostics };
}
