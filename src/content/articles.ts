/**
 * The article stage over a site's sources: each file's result is taken from the store when its
 * bytes are unchanged, else parsed, on worker threads when many changed. Files are hashed as the
 * workers ask for work, so reading 10,000 sources overlaps parsing instead of coming before it;
 * each changed file is read once, and parsed from the bytes its hash was made of.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteConfig } from '../config.js';
import { BuildFailure, error, type Diagnostic } from '../messages.js';
import { PAUSE_EVERY, type Step } from '../steps.js';
import type { Article, ArticleMeta } from '../types.js';
import { processArticle, type ArticleResult } from './article.js';
import type { ArticlePoolStarter } from './article-pool.js';
import type { ArticleStore, StoredResult } from './article-store.js';

/** Below this many changed articles, starting workers costs more than it saves. */
const POOL_THRESHOLD = 64;
/** Jobs in flight per worker: enough to keep workers busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 16;

/** How the article stage runs. */
export interface ArticleOptions {
  /** Earlier builds' results (the build cache); without one, every file is parsed. */
  store?: ArticleStore;
  /** Starts worker threads to parse on when many files changed; without it, all are parsed here. */
  pool?: ArticlePoolStarter;
  /** Told how many changed files are parsed out of how many, while workers parse them. */
  onProgress?: (done: number, total: number) => void;
}

/** What the article stage made. */
export interface ArticlesRead {
  /** The valid articles, in the order of their files. */
  articles: ArticleMeta[];
  /** The diagnostics of every file, in the order of the files. */
  diagnostics: Diagnostic[];
  /** The source paths of the files that gave no article. */
  failed: string[];
  /** An article's body HTML (with placeholders) or plain text, read when asked for. */
  body: (article: ArticleMeta, part: 'html' | 'text') => string;
  /** How many files were parsed, and how many results were the store's. */
  parsed: number;
  reused: number;
}

/** A source file whose result the store does not have, with the bytes its hash was made of. */
interface Changed {
  index: number;
  path: string;
  hash: string;
  bytes: Buffer;
}

/**
 * Runs the article stage on `paths` (relative to `root`), as steps: it pauses after each file it
 * parses here and after every `PAUSE_EVERY` taken from the store, and yields the workers' work in
 * flight.
 */
export function* readArticles(root: string, paths: readonly string[], config: SiteConfig, options: ArticleOptions = {}): Generator<Step, ArticlesRead> {
  const { store } = options;
  const results: (StoredResult | undefined)[] = new Array(paths.length);
  let reused = 0;
  let found = 0;
  let next = 0;
  /** The next changed file, or 'pause' after `pauseAfter` files taken from the store. */
  const nextChanged = (pauseAfter = Infinity): Changed | 'pause' | undefined => {
    let taken = 0;
    while (next < paths.length) {
      const index = next++;
      const path = paths[index]!;
      const { hash, bytes } = store ? readSource(() => store.hashSource(root, path), path) : { hash: '', bytes: undefined };
      const kept = store?.find(path, hash);
      if (kept) {
        results[index] = kept;
        reused++;
        if (++taken >= pauseAfter) return 'pause';
        continue;
      }
      found++;
      return { index, path, hash, bytes: bytes ?? readSource(() => readFileSync(join(root, path)), path) };
    }
    return undefined;
  };
  const accept = (item: Changed, result: ArticleResult) => {
    results[item.index] = store ? store.keep(item.path, item.hash, result) : result;
  };

  // Note: workers are started only once enough changed files are found (their bytes kept meanwhile).
  const first: Changed[] = [];
  for (let item = nextChanged(PAUSE_EVERY); item !== undefined; item = nextChanged(PAUSE_EVERY)) {
    if (item !== 'pause') {
      if (options.pool && first.push(item) >= POOL_THRESHOLD) break;
      if (!options.pool) accept(item, processArticle(item.path, item.bytes, config));
    }
    yield;
  }
  if (first.length < POOL_THRESHOLD) {
    for (const item of first) {
      accept(item, processArticle(item.path, item.bytes, config));
      yield;
    }
  } else {
    const forWorkers = () => nextChanged() as Changed | undefined;
    yield parseOnWorkers(first, forWorkers, accept, config, options, () => found + paths.length - next);
  }
  return gather(paths, results, store, found, reused);
}

/** Parses the changed files on worker threads, taking the next one as a worker is free. */
async function parseOnWorkers(
  first: Changed[],
  nextChanged: () => Changed | undefined,
  accept: (item: Changed, result: ArticleResult) => void,
  config: SiteConfig,
  options: ArticleOptions,
  estimate: () => number,
): Promise<void> {
  const pool = options.pool!(config);
  try {
    const limit = pool.size * IN_FLIGHT_PER_WORKER;
    let done = 0;
    let reported = 0;
    const runOne = async (): Promise<void> => {
      for (let item = first.shift() ?? nextChanged(); item; item = first.shift() ?? nextChanged()) {
        accept(item, await pool.parse(item.path, item.bytes));
        // Note: until every file is hashed, the total counts the ones not yet hashed as changed.
        reported = estimate();
        options.onProgress?.(++done, reported);
      }
    };
    await Promise.all(Array.from({ length: limit }, runOne));
    // Note: the last files hashed may all have been unchanged, after the last report.
    if (reported !== done) options.onProgress?.(done, done);
  } finally {
    await pool.close();
  }
}

function gather(paths: readonly string[], results: readonly (StoredResult | undefined)[], store: ArticleStore | undefined, parsed: number, reused: number): ArticlesRead {
  const articles: ArticleMeta[] = [];
  const diagnostics: Diagnostic[] = [];
  const failed: string[] = [];
  for (const [i, result] of results.entries()) {
    diagnostics.push(...result!.diagnostics);
    if (result!.article) articles.push(result!.article);
    else failed.push(paths[i]!);
  }
  // Note: without a store, the bodies are the parsed articles' own.
  const body = store ? (a: ArticleMeta, part: 'html' | 'text') => store.body(a, part) : (a: ArticleMeta, part: 'html' | 'text') => (a as Article)[part];
  return { articles, diagnostics, failed, body, parsed, reused };
}

/**
 * Reads (or stats) a source the scan listed. Note: one removed since (an editor saving through a
 * rename, a checkout) fails the build naming it, instead of with the file system's error.
 */
export function readSource<T>(read: () => T, path: string): T {
  try {
    return read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
    throw new BuildFailure([error(path, undefined, 'source-changed', 'the file was removed or replaced by a folder while the build was reading it; build again')]);
  }
}
