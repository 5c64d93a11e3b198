/** Finding source files: articles (`.md`) and other files under `content/` and `static/`. */
import * as fs from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { SiteConfig } from '../config.js';
import { compareText, flagError, warning, type Diagnostic } from '../messages.js';

/** The site's source files, as `/`-separated paths relative to the root, sorted. */
export interface SourceFiles {
  articles: string[];
  /** Undated pages: the `.md` files under `content/pages/` (see `readPages`). */
  pages: string[];
  /** Files beside articles (images, PDFs); those that published articles link to are copied (see `planAssets`). */
  assets: string[];
  /** Files in `static/`, copied to the output root as they are. */
  statics: string[];
}

/** The folder of undated pages; a `.md` file under it is a page, not an article. */
export const PAGES_FOLDER = 'content/pages/';

/** The folder of a language's undated pages: `content/pages/`, `content/en/pages/`. */
export function pagesFolder(config: Pick<SiteConfig, 'contentDir'>): string {
  return `${config.contentDir}pages/`;
}

/**
 * The source files of one language of the site (see `configForLanguage`): those under its content
 * folder, the default language's without the other languages' folders; `static/` is the default
 * language's (its files are at the root of the output, for every language).
 */
export function languageFiles(files: SourceFiles, config: Pick<SiteConfig, 'contentDir' | 'languages'>): SourceFiles {
  if (config.languages.length === 1) return files;
  const isDefault = config.contentDir === 'content/';
  const others = config.languages.slice(1).map((l) => `content/${l.code}/`).filter((dir) => dir !== config.contentDir);
  const mine = (p: string) => p.startsWith(config.contentDir) && !others.some((dir) => p.startsWith(dir));
  const pages = pagesFolder(config);
  const markdown = [...files.articles, ...files.pages].filter(mine).sort(compareText);
  return {
    articles: markdown.filter((p) => !p.startsWith(pages)),
    pages: markdown.filter((p) => p.startsWith(pages)),
    assets: files.assets.filter(mine),
    statics: isDefault ? files.statics : [],
  };
}

/** Lists a site's source files: a build cache answers from its last scan, or scans afresh with `fresh` (`scanSources`). */
export interface SourceScanner {
  scan(root: string, fresh: (root: string) => { files: SourceFiles; diagnostics: Diagnostic[] }): { files: SourceFiles; diagnostics: Diagnostic[] };
}

/**
 * Why the site at `root` cannot be read: the root (`--root`) or its `content/` is missing or is not a
 * folder. Note: a failed checkout must fail the build, not publish an empty site over the live one.
 */
export function siteFolderProblems(root: string): Diagnostic[] {
  const full = resolve(root);
  const rootKind = kindOf(full);
  if (rootKind !== 'folder') {
    const what = rootKind === 'missing' ? 'does not exist' : `is ${rootKind}`;
    return [flagError('--root', 'missing-content', `the site folder ${full} ${what}; check the path (it is never created; \`bantin init\` makes a new site)`)];
  }
  const contentKind = kindOf(join(full, 'content'));
  if (contentKind === 'folder') return [];
  const what = contentKind === 'missing' ? `there is no content/ folder in ${full}` : `content/ in ${full} is ${contentKind}, not a folder`;
  return [flagError('content', 'missing-content', `${what}, so nothing is built; check that --root names the site and that its checkout is complete`)];
}

/** What is at a path, in words; 'folder' for a folder or a link to one. */
function kindOf(path: string): string {
  let link = false;
  try {
    link = fs.lstatSync(path).isSymbolicLink();
    return fs.statSync(path).isDirectory() ? 'folder' : 'a file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'a loop of symbolic links';
    if (link) return 'a symbolic link to nothing';
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : `unreadable (${code})`;
  }
}

/** Lists source files. Symlinks are followed only when they stay inside the root. */
export function scanSources(root: string): { files: SourceFiles; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = siteFolderProblems(root);
  const realRoot = safeRealpath(resolve(root)) ?? resolve(root);
  // Note: `rel` is `dir` relative to the root, `/`-separated; joined by hand (path.relative per file cost more than the walk).
  const walk = (dir: string, rel: string, out: string[], seen: Set<string>) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name));
    } catch {
      return;
    }
    // Note: a link back up (`content/x/loop -> ..`) would otherwise read the same articles twice.
    const realDir = safeRealpath(dir);
    if (realDir) seen.add(realDir);
    for (const e of entries) {
      // Note: `_posts/` is Jekyll's folder of posts, read like any other; other `_` folders are a generator's own (`_drafts`, `_includes`).
      if (e.name.startsWith('.') || (e.name.startsWith('_') && e.name !== '_posts')) continue;
      const path = `${rel}/${e.name}`;
      // Note: a plain file needs no full path (joining one for each of 10,000 files took ~10 ms).
      if (e.isFile()) {
        out.push(path);
        continue;
      }
      const full = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = false;
      if (e.isSymbolicLink()) {
        const real = safeRealpath(full);
        if (!real) {
          diagnostics.push(warning(path, undefined, 'symlink-broken', 'symbolic link points to nothing and is skipped; fix or remove it'));
          continue;
        }
        if (!(real === realRoot || real.startsWith(realRoot + sep))) {
          diagnostics.push(warning(path, undefined, 'symlink-outside', 'symbolic link points outside the site and is skipped; copy the file into the site instead'));
          continue;
        }
        const stat = fs.statSync(real);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
        if (isDir && seen.has(real)) {
          diagnostics.push(warning(path, undefined, 'symlink-loop', 'symbolic link leads to a folder that is already read, and is skipped'));
          continue;
        }
      }
      if (isDir) walk(full, path, out, seen);
      else if (isFile) out.push(path);
    }
  };
  const content: string[] = [];
  const statics: string[] = [];
  walk(join(root, 'content'), 'content', content, new Set());
  walk(join(root, 'static'), 'static', statics, new Set());
  content.sort(compareText);
  statics.sort(compareText);
  return {
    files: {
      articles: content.filter((p) => /\.md$/i.test(p) && !p.startsWith(PAGES_FOLDER)),
      pages: content.filter((p) => /\.md$/i.test(p) && p.startsWith(PAGES_FOLDER)),
      assets: content.filter((p) => !/\.md$/i.test(p)),
      statics,
    },
    diagnostics,
  };
}

function safeRealpath(path: string): string | null {
  try {
    return fs.realpathSync(path);
  } catch {
    return null;
  }
}
