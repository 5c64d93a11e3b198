/**
 * Check rule `broken-link`: every internal link and image of the rendered pages must reach a page
 * or file of the site. Links written in Markdown are reported at their file and line; links the
 * theme makes are reported once per address. Also `missing-photo`: `![ảnh]()` with no file yet.
 */
import { linkedFile } from '../content/assets.js';
import { compareText, error, warning, type Diagnostic, type Place } from '../messages.js';
import type { BuildModel } from '../pipeline.js';
import { assetOutput } from '../render/site.js';
import { urlsFor } from '../render/urls.js';
import type { ArticleSource } from './article-sources.js';

/** What the build wrote, as `check` saw it: every output path, and the HTML pages' text. */
export interface Outputs {
  paths: ReadonlySet<string>;
  pages: ReadonlyMap<string, string>;
}

/** Whether a site path (`/2020/02/x/`, `/assets/style.css`) is a page or file of the output. */
function exists(sitePath: string, outputs: Outputs): boolean {
  let path = sitePath.replace(/^\/+/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // left as written
  }
  if (path === '' || path.endsWith('/')) return outputs.paths.has(`${path}index.html`);
  return outputs.paths.has(path) || outputs.paths.has(`${path}/index.html`);
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path).normalize('NFC');
  } catch {
    return path;
  }
}

// Note: an attribute inside a tag; text that shows markup (a code block's `src="…"`) is escaped text, not a tag.
const ATTRIBUTE = /<[a-zA-Z][^<>]*?\s(?:href|src)="([^"]*)"/g;

function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|lt|gt|#39);/g, (_all, name: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', '#39': "'" })[name]!);
}

/**
 * Checks links written in articles, then every internal link of the rendered pages; on a site of
 * several languages, those of one language's model and the pages `scope` says are its own (output
 * paths below the site's root: `en/…` for English).
 */
export function checkLinks(model: BuildModel, outputs: Outputs, sources: ReadonlyMap<string, ArticleSource>, scope: (page: string) => boolean = () => true): Diagnostic[] {
  const { config, site, files } = model;
  const out: Diagnostic[] = [];
  const urls = urlsFor(config);
  const assets = new Set(files.assets);
  /** Site paths already judged per article page, so the page scan does not report them twice. */
  const judged = new Map<string, Set<string>>();

  const checkTarget = (article: string, target: string, place: Place | undefined, what: string, written = target) => {
    let sitePath: string;
    // Note: a site path naming a file beside an article is judged as that file (a refused type is reported as such).
    const file = target.startsWith('/') ? linkedFile(target, assets) : null;
    if (file !== null) {
      sitePath = target;
    } else if (target.startsWith(config.contentDir)) {
      sitePath = `/${assetOutput(target, config)}`;
      if (!assets.has(target)) {
        out.push(error(article, place, 'broken-link', `${what} "${target}" does not exist; put the file there or fix the path`));
      }
    } else if (target.startsWith('/')) {
      sitePath = target;
      if (!exists(target, outputs)) {
        out.push(error(article, place, 'broken-link', `${what} "${target}" is not a page or file of the site; fix the path`));
      }
    } else {
      // Note: a relative path that climbs out of content/ (`../../../etc/passwd`) is the article's mistake, not the theme's.
      sitePath = `/${assetOutput(target, config)}`;
      out.push(error(article, place, 'broken-link', `${what} "${written}" leads out of content/; link to a file in content/ or to a page of the site (a path starting with /)`));
    }
    judged.get(article)!.add(decodePath(new URL(urls.relative(sitePath), 'http://site').pathname));
  };

  const written = [...site.articles, ...site.pages.map((node) => node.page), ...site.documents.list.map((e) => e.meta)];
  for (const a of written) {
    judged.set(a.sourcePath, new Set());
    const source = sources.get(a.sourcePath);
    for (const ref of a.references) {
      if (ref.kind === 'article') {
        const url = site.urlBySource.get(ref.target);
        if (url) judged.get(a.sourcePath)!.add(decodePath(urls.relative(url)));
        continue; // Note: collect already reports links to missing articles.
      }
      if (ref.kind === 'document' || ref.kind === 'ref') continue; // Note: and citations of no document, and refs to no article.
      checkTarget(a.sourcePath, ref.target, ref.place, 'link or image', ref.url);
    }
    if ('image' in a && a.image) checkTarget(a.sourcePath, a.image.target, source?.placeOf(config.fields.image ?? 'image'), 'image');
    for (const file of 'attachments' in a ? a.attachments : []) checkTarget(a.sourcePath, file.target, source?.placeOf(config.fields.attachments ?? 'attachments'), 'attachment');
    for (const file of 'document' in a && a.document ? a.document.files : []) checkTarget(a.sourcePath, file.target, file.place, 'file');
    let fence: string | null = null;
    for (const { line, text } of source?.body ?? []) {
      // Note: Markdown shown as code (a fenced block, a `code span`) is an example, not a photo.
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
      if (marker && (fence === null || marker.startsWith(fence))) {
        fence = fence === null ? marker : null;
        continue;
      }
      if (fence !== null) continue;
      const at = text.replace(/(`+)[^`]*?\1/g, (code) => ' '.repeat(code.length)).search(/!\[[^\]]*\]\(\s*\)/);
      if (at >= 0) {
        out.push(warning(a.sourcePath, { line, column: at + 1 }, 'missing-photo', 'photo placeholder with no file; put the photo beside the article and write its name between the parentheses, e.g. ![ảnh](anh-1.jpg)'));
      }
    }
  }

  const judgedAnywhere = new Set([...judged.values()].flatMap((paths) => [...paths]));
  const origin = new URL(config.baseUrl).origin;
  // Note: output paths are below the site's root, where a language other than the default has its prefix.
  const base = urls.shared('/');
  const theme = new Map<string, string[]>();
  for (const [page, html] of outputs.pages) {
    if (!scope(page)) continue;
    const pageUrl = new URL(`${base}${page.replace(/(^|\/)index\.html$/, '$1')}`, origin);
    for (const m of html.matchAll(ATTRIBUTE)) {
      const value = decodeEntities(m[1]!).trim();
      if (!value || value.startsWith('#') || /^(?:mailto|tel|data|javascript):/i.test(value)) continue;
      let url: URL;
      try {
        url = new URL(value, pageUrl);
      } catch {
        continue;
      }
      if (url.origin !== origin || !url.pathname.startsWith(base)) continue;
      // Note: a listing shows an article's photo too (the front page's lead story): its link was judged with the article.
      if (judgedAnywhere.has(decodePath(url.pathname))) continue;
      if (exists(`/${url.pathname.slice(base.length)}`, outputs)) continue;
      const pages = theme.get(url.pathname) ?? [];
      pages.push(page);
      theme.set(url.pathname, pages);
    }
  }
  for (const [path, pages] of theme) {
    pages.sort(compareText);
    const more = pages.length > 1 ? ` and ${pages.length - 1} other page(s)` : '';
    out.push(error('templates', undefined, 'broken-link', `link to "${path}" on ${pages[0]}${more} is not a page or file of the site; fix the link in the theme`));
  }
  return out;
}
