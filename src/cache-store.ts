/**
 * The build cache on disk (`.bantin-cache/` in the site): article results and page keys of the
 * last successful build, and each article's body HTML in a file of its own, read only when a page
 * or feed needs it. A corrupted, truncated or foreign-version cache is ignored with a warning; all
 * files are written to a temporary name and renamed, so concurrent builds never see half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ArticleResult } from './content/article.js';
import { processArticle } from './content/article.js';
import type { SiteConfig } from './config.js';
import type { BuildCache, CacheSnapshot } from './build-cache.js';
import type { Article } from './types.js';
import { toolFingerprint } from './version.js';

// Note: bump when the cached shapes or the Markdown pipeline's output change.
const FORMAT = 7;
const MAGIC = 'bantin-cache';

/** An opened cache folder. */
export interface CacheStore {
  dir: string;
  /** Restores the last build's snapshot into the cache; returns a warning when it could not. */
  load(cache: BuildCache): string | null;
  /** Persists the cache after a successful build. */
  save(cache: BuildCache): void;
  /** Moves an article's body to disk; the result's article then reads it back when asked. */
  detachBody(path: string, hash: string, result: ArticleResult): void;
}

interface StoredFile {
  magic: string;
  format: number;
  version: string;
  checksum: string;
  payload: Buffer;
}

/** Opens (without reading yet) the cache folder of a site. */
export function openCacheStore(root: string, dir: string, config: SiteConfig): CacheStore {
  const full = join(root, dir);
  const tool = toolFingerprint();
  const manifest = join(full, 'build.cache');
  const bodies = join(full, 'bodies');
  const bodyFile = (path: string, hash: string) => {
    const key = createHash('sha1').update(`${path}\0${hash}`).digest('hex');
    return join(bodies, key.slice(0, 2), `${key}.json`);
  };

  const readBody = (article: LazyArticle): { html: string; text: string } => {
    try {
      const { path, hash } = article[STORED];
      return JSON.parse(fs.readFileSync(bodyFile(path, hash), 'utf8')) as { html: string; text: string };
    } catch {
      // Note: a body file lost or damaged since the cache was read: redo the article stage.
      const fresh = processArticle(article.sourcePath, fs.readFileSync(join(root, article.sourcePath)), config).article;
      return { html: fresh?.html ?? '', text: fresh?.text ?? '' };
    }
  };
  // Note: the body's getters sit on one prototype shared by every article; defining them on each
  // article (defineProperty) turned every article into a dictionary, slow to read all build long.
  const lazyBody = {
    get html(): string {
      return readBody(this as unknown as LazyArticle).html;
    },
    get text(): string {
      return readBody(this as unknown as LazyArticle).text;
    },
  };
  /**
   * The article (`plain`: its metadata, without body) with its body left in its file, read when
   * `html` or `text` is asked for. Its own properties stay the metadata alone, as stored.
   */
  const withLazyBody = (path: string, hash: string, plain: Article): Article =>
    Object.assign(Object.setPrototypeOf(plain, lazyBody) as Article, { [STORED]: { path, hash } });

  return {
    dir: full,
    load(cache) {
      let raw: Buffer;
      try {
        raw = fs.readFileSync(manifest);
      } catch {
        return null;
      }
      try {
        const stored = deserialize(raw) as StoredFile;
        if (stored.magic !== MAGIC) throw new Error('not a bantin cache');
        if (stored.format !== FORMAT || stored.version !== tool) {
          return `the build cache in ${dir}/ was made by another version of bantin and is not used; it is rebuilt`;
        }
        if (createHash('sha1').update(stored.payload).digest('hex') !== stored.checksum) throw new Error('checksum mismatch');
        const snapshot = deserialize(stored.payload) as CacheSnapshot;
        for (const [path, entry] of snapshot.articles) {
          // Note: the snapshot holds articles without their bodies.
          if (entry.result.article) entry.result.article = withLazyBody(path, entry.hash, entry.result.article);
        }
        cache.restore(snapshot);
        return null;
      } catch (e) {
        return `the build cache in ${dir}/ is damaged (${(e as Error).message}) and is not used; it is rebuilt`;
      }
    },
    detachBody(path, hash, result) {
      const article = result.article;
      if (!article) return;
      const file = bodyFile(path, hash);
      if (!fs.existsSync(file)) writeAtomic(file, JSON.stringify({ html: article.html, text: article.text }));
      result.article = withLazyBody(path, hash, withoutBody(article));
    },
    save(cache) {
      const snapshot = cache.snapshot();
      // Note: bodies live in their own files; the snapshot holds metadata only (a cached article's
      // own properties are its metadata: its body getters are on its prototype, which is not stored).
      const plain: CacheSnapshot = {
        ...snapshot,
        articles: snapshot.articles.map(([path, e]) => [path, { hash: e.hash, result: { diagnostics: e.result.diagnostics, article: e.result.article && (STORED in e.result.article ? e.result.article : withoutBody(e.result.article)) } }]),
      };
      const payload = serialize(plain);
      const stored: StoredFile = { magic: MAGIC, format: FORMAT, version: tool, checksum: createHash('sha1').update(payload).digest('hex'), payload };
      writeAtomic(manifest, serialize(stored));
    },
  };
}

const STORED = Symbol('stored body');

/** An article whose body is in the cache file named by its path and hash (see `withLazyBody`). */
type LazyArticle = Article & { [STORED]: { path: string; hash: string } };

function withoutBody(article: Article): Article {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== 'html' && key !== 'text') copy[key] = (article as unknown as Record<string, unknown>)[key];
  return copy as unknown as Article;
}

function writeAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}
