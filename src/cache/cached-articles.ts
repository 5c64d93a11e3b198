/**
 * Articles as the build cache keeps them between builds: their metadata as plain objects, in the
 * snapshot and in memory; their body HTML and plain text in a body pack (see `BodyPacks`), read
 * only through `body`, the explicit call a page, feed or search record makes for one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyLocation, BodyPacks } from './body-packs.js';
import { BuildFailure, error } from '../messages.js';
import type { Article, ArticleMeta } from '../types.js';

/**
 * Parses a source again (the article stage, handed in by the wiring so that the cache calls no
 * stage itself); null when the bytes make no article.
 */
export type Reparse = (path: string, bytes: Buffer) => Article | null;

/** The cached articles of one cache folder, with their bodies in `packs`. */
export class CachedArticles {
  /** Source paths of the articles whose cached bodies were lost or damaged, and which were parsed again. */
  readonly redone = new Set<string>();
  /** Articles whose bodies were damaged in their pack: a save leaves them out, so the next build parses them. */
  readonly damaged = new Set<string>();
  /** Where each cached article's body is. */
  private readonly locations = new WeakMap<ArticleMeta, BodyLocation>();
  /** The bodies of the articles parsed again by this build (see `again`). */
  private readonly redoneBodies = new Map<string, Article>();
  /**
   * The content hash of the version of a source that the build uses, when known (set once the
   * cache is loaded): a cached article of another hash is a stale one, read only to be compared.
   */
  current: ((path: string) => string | undefined) | null = null;

  constructor(
    private readonly packs: BodyPacks,
    private readonly root: string,
    private readonly reparse: Reparse,
  ) {}

  /** A cached article (its metadata, as stored) whose body is at `location`. */
  restore(location: BodyLocation, meta: ArticleMeta): ArticleMeta {
    this.locations.set(meta, location);
    return meta;
  }

  /** A freshly parsed article's metadata, its body moved to this build's pack. */
  detach(article: Article): ArticleMeta {
    return this.restore(this.packs.add(article.html, article.text), withoutBody(article));
  }

  /** The article with its body at `to` instead (see `BodyPacks.compact`): a new object, so a journal sees it changed. */
  moved(article: ArticleMeta, to: BodyLocation): ArticleMeta {
    return this.restore(to, { ...article });
  }

  /** Where a cached article's body is; undefined for an article never moved to a pack. */
  locationOf(article: ArticleMeta): BodyLocation | undefined {
    return this.locations.get(article);
  }

  /** An article as a snapshot stores it: its metadata, without a body. */
  stored(article: ArticleMeta): ArticleMeta {
    return this.locations.has(article) ? article : withoutBody(article as Article);
  }

  /**
   * The body HTML or plain text of a cached article, read from its pack; parsed again from the
   * source when the pack lost or damaged it (see `again`).
   */
  body(article: ArticleMeta, part: 'html' | 'text'): string {
    const location = this.locations.get(article);
    const body = location ? this.packs.read(location, part) : ((article as Partial<Article>)[part] ?? null);
    return body ?? this.again(article)?.[part] ?? '';
  }

  /**
   * The article parsed again, its body in the pack being lost or damaged since the cache was read.
   * Note: its source, unchanged when the build began, may have been edited or removed since; the
   * build then fails naming it rather than print a page from another version of it. Null for a
   * stale article (one the build replaced or dropped, read only to see whether it moved): its lost
   * body is then unknown, and the article is like no other.
   */
  private again(article: ArticleMeta): Article | null {
    const path = article.sourcePath;
    const current = this.current?.(path);
    if (this.current && current !== article.hash) return null;
    const known = this.redoneBodies.get(path);
    if (known?.hash === article.hash) return known;
    this.redone.add(path);
    this.damaged.add(path);
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(join(this.root, path));
    } catch {
      // reported below
    }
    const fresh = bytes && this.reparse(path, bytes);
    if (!fresh || fresh.hash !== article.hash) {
      throw new BuildFailure([error(path, undefined, 'source-changed', 'the file changed while the build was reading it, and its copy in the build cache was damaged; build again')]);
    }
    this.redoneBodies.set(path, fresh);
    return fresh;
  }
}

function withoutBody(article: Article): ArticleMeta {
  const { html: _html, text: _text, ...meta } = article;
  return meta;
}
