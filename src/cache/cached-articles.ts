/**
 * Articles as the build cache keeps them between builds: in memory, the few fields that every build
 * reads of every article (its place in listings, the sitemap and the site model); in a body pack
 * (see `BodyPacks`), its body HTML, plain text and the rest of its metadata, read when a page, feed
 * or check asks for one of them. A build that edited one article of ten thousand reads the rest of
 * the metadata of the twenty-odd articles its pages show, instead of deserializing it for all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { BodyLocation, BodyPacks } from './body-packs.js';
import type { SiteConfig } from '../config.js';
import { processArticle } from '../content/article.js';
import { BuildFailure, error } from '../messages.js';
import type { Article, ArticleMeta } from '../types.js';

/**
 * The fields every build reads of every article: what places it (source, URL, output, dates,
 * draft), its redirects and the files it links to (they decide what is copied from `content/`).
 * Note: adding a field here costs every build that loads the cache.
 */
const LIGHT = ['sourcePath', 'hash', 'url', 'output', 'date', 'updated', 'draft', 'aliases', 'fileLinks'] as const;
/** The rest of the metadata, kept in the body's pack (`meta`). */
const HEAVY = [
  'title',
  'summary',
  'province',
  'provinceName',
  'source',
  'sourceUrl',
  'author',
  'category',
  'terms',
  'termPlaces',
  'slug',
  'image',
  'attachments',
  'references',
  'words',
  'datePlaces',
] as const;
// Note: a field of ArticleMeta in neither list fails to compile here, rather than vanish from cached articles.
const everyField: Record<Exclude<keyof ArticleMeta, (typeof LIGHT)[number] | (typeof HEAVY)[number]>, never> = {};
void everyField;

type Heavy = Pick<ArticleMeta, (typeof HEAVY)[number]>;

/** The cached articles of one cache folder, with their parts in `packs`. */
export class CachedArticles {
  /** Source paths of the articles whose cached parts were lost or damaged, and which were parsed again. */
  readonly redone = new Set<string>();
  /** Articles whose parts were damaged in their pack: a save leaves them out, so the next build parses them. */
  readonly damaged = new Set<string>();
  /**
   * Where each cached article's parts are. Note: a property added to an article after its
   * prototype was set (a symbol, as this was) turns it into a dictionary, whose every property
   * read is several times slower all build long.
   */
  private readonly locations = new WeakMap<Article, BodyLocation>();
  /** The metadata in the pack of the articles that have asked for it (or were parsed by this build). */
  private readonly metas = new WeakMap<Article, Heavy>();
  /**
   * The prototype of cached articles: a getter for each part in the pack. Note: getters on one
   * prototype shared by every article; defining them on each article (defineProperty) turned every
   * article into a dictionary, slow to read all build long.
   */
  private readonly lazy: object;
  /**
   * The content hash of the version of a source that the build uses, when known (set once the
   * cache is loaded): a cached article of another hash is a stale one, read only to be compared.
   */
  current: ((path: string) => string | undefined) | null = null;

  constructor(
    private readonly packs: BodyPacks,
    private readonly root: string,
    private readonly config: SiteConfig,
  ) {
    const body = (article: Article, part: 'html' | 'text') => this.body(article, part);
    const meta = (article: Article) => this.meta(article);
    const getters: PropertyDescriptorMap = {
      html: {
        get(this: Article) {
          return body(this, 'html');
        },
      },
      text: {
        get(this: Article) {
          return body(this, 'text');
        },
      },
    };
    for (const field of HEAVY) {
      getters[field] = {
        get(this: Article) {
          return meta(this)[field];
        },
      };
    }
    this.lazy = Object.defineProperties({}, getters);
  }

  /** A cached article (`light`: its fields in `LIGHT`, as stored) with its other parts at `location`. */
  restore(location: BodyLocation, light: object): Article {
    const article = Object.setPrototypeOf(light, this.lazy) as Article;
    this.locations.set(article, location);
    return article;
  }

  /** A freshly parsed article, its parts moved to this build's pack (its metadata also kept in memory). */
  detach(article: Article): Article {
    const heavy = heavyOf(article);
    const cached = this.restore(this.packs.add(article.html, article.text, serialize(heavy)), lightOf(article));
    this.metas.set(cached, heavy);
    return cached;
  }

  /** The article with its parts at `to` instead (see `BodyPacks.compact`). */
  moved(article: Article, to: BodyLocation): Article {
    const copy = this.restore(to, lightOf(article));
    const heavy = this.metas.get(article);
    if (heavy) this.metas.set(copy, heavy);
    return copy;
  }

  /** Where a cached article's parts are; undefined for an article never moved to a pack. */
  locationOf(article: Article): BodyLocation | undefined {
    return this.locations.get(article);
  }

  /**
   * An article as a snapshot stores it: its light fields when its parts are in a pack (a cached
   * article's own properties are those; its prototype, with the getters, is not stored), else all
   * but its body.
   */
  stored(article: Article): Article {
    return this.locations.has(article) ? article : (withoutBody(article) as Article);
  }

  private body(article: Article, part: 'html' | 'text'): string {
    const body = this.packs.read(this.locations.get(article)!, part);
    return body ?? this.again(article)?.[part] ?? '';
  }

  private meta(article: Article): Heavy {
    let heavy = this.metas.get(article);
    if (heavy === undefined) {
      const bytes = this.packs.part(this.locations.get(article)!, 'meta');
      const again = bytes ? null : this.again(article);
      heavy = bytes ? (deserialize(bytes) as Heavy) : again ? heavyOf(again) : STALE;
      this.metas.set(article, heavy);
    }
    return heavy;
  }

  /**
   * The article parsed again, its part in the pack being lost or damaged since the cache was read.
   * Note: its source, unchanged when the build began, may have been edited or removed since; the
   * build then fails naming it rather than print a page from another version of it. Null for a
   * stale article (one the build replaced or dropped, read only to see whether it moved): its lost
   * parts are then unknown, and the article is like no other.
   */
  private again(article: Article): Article | null {
    const path = article.sourcePath;
    const current = this.current?.(path);
    if (this.current && current !== article.hash) return null;
    this.redone.add(path);
    this.damaged.add(path);
    let bytes: Buffer | null = null;
    try {
      bytes = readFileSync(join(this.root, path));
    } catch {
      // reported below
    }
    const fresh = bytes && processArticle(path, bytes, this.config).article;
    if (!fresh || fresh.hash !== article.hash) {
      throw new BuildFailure([error(path, undefined, 'source-changed', 'the file changed while the build was reading it, and its copy in the build cache was damaged; build again')]);
    }
    return fresh;
  }
}

/** The metadata of a stale article whose own is lost: no field equals any article's. */
const STALE = Object.freeze(Object.fromEntries(HEAVY.map((field) => [field, undefined]))) as unknown as Heavy;

function lightOf(article: ArticleMeta): Pick<ArticleMeta, (typeof LIGHT)[number]> {
  const { sourcePath, hash, url, output, date, updated, draft, aliases, fileLinks } = article;
  return { sourcePath, hash, url, output, date, updated, draft, aliases, fileLinks };
}

function heavyOf(article: ArticleMeta): Heavy {
  const heavy: Partial<Record<keyof Heavy, unknown>> = {};
  for (const field of HEAVY) heavy[field] = article[field];
  return heavy as Heavy;
}

function withoutBody(article: Article): ArticleMeta {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== 'html' && key !== 'text') copy[key] = (article as unknown as Record<string, unknown>)[key];
  return copy as unknown as ArticleMeta;
}
