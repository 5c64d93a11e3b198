/**
 * The article stage ahead of a build: every file whose bytes changed since the cached build is
 * processed, on worker threads when there are enough of them, and its result primed into the cache
 * (its body moved to disk when the cache has a store), so the build itself only assembles and renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildCache } from './build-cache.js';
import type { CacheStore } from './store.js';
import type { SiteConfig } from '../config.js';
import { BuildFailure, error } from '../messages.js';
import { processArticle, type ArticleResult } from '../content/article.js';
import { WorkerPool } from '../worker-pool.js';
import type { ArticleJob } from '../content/article-worker.js';

/** Below this many changed articles, starting workers costs more than it saves. */
const POOL_THRESHOLD = 64;
/** Jobs in flight per worker: enough to keep workers busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 16;

/** What the preparation did. */
export interface PrepareStats {
  processed: number;
  reused: number;
}

/** A source file whose result the cache does not have, with the bytes its hash was made of. */
interface Changed {
  path: string;
  hash: string;
  bytes: Buffer;
}

/**
 * Processes changed articles (in parallel when worthwhile) and primes the cache with them. Note:
 * files are hashed as the workers ask for work, so reading 10,000 sources (seconds when the page
 * cache no longer holds them) overlaps parsing instead of coming before it; each changed file is
 * read once, and parsed from the bytes its hash was made of.
 */
export async function prepareArticles(
  root: string,
  paths: readonly string[],
  config: SiteConfig,
  cache: BuildCache,
  store?: CacheStore,
  onProgress?: (done: number, total: number) => void,
): Promise<PrepareStats> {
  let reused = 0;
  let found = 0;
  let next = 0;
  const nextChanged = (): Changed | undefined => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const { hash, bytes } = readSource(() => cache.hashFile(root, path), path);
      if (cache.cached(path, hash)) {
        reused++;
        continue;
      }
      found++;
      return { path, hash, bytes: bytes ?? readSource(() => readFileSync(join(root, path)), path) };
    }
    return undefined;
  };
  const accept = (path: string, hash: string, result: ArticleResult) => {
    store?.detachBody(result);
    cache.prime(path, hash, result);
  };
  // Note: workers are started only once enough changed files are found (their bytes kept meanwhile).
  const first: Changed[] = [];
  for (let item = nextChanged(); item; item = first.length < POOL_THRESHOLD ? nextChanged() : undefined) first.push(item);
  if (first.length < POOL_THRESHOLD) {
    for (const { path, hash, bytes } of first) accept(path, hash, processArticle(path, bytes, config));
    return { processed: first.length, reused };
  }
  const pool = new WorkerPool<ArticleJob, ArticleResult>(new URL('./article-worker.js', import.meta.url), { config }, (job) => processArticle(job.path, job.bytes, config));
  try {
    const limit = pool.size * IN_FLIGHT_PER_WORKER;
    let done = 0;
    let reported = 0;
    const runOne = async (): Promise<void> => {
      for (let item = first.shift() ?? nextChanged(); item; item = first.shift() ?? nextChanged()) {
        accept(item.path, item.hash, await pool.run({ path: item.path, bytes: item.bytes }));
        // Note: until every file is hashed, the total counts the ones not yet hashed as changed.
        reported = found + paths.length - next;
        onProgress?.(++done, reported);
      }
    };
    await Promise.all(Array.from({ length: limit }, runOne));
    // Note: the last files hashed may all have been unchanged, after the last report.
    if (reported !== done) onProgress?.(done, done);
  } finally {
    await pool.close();
  }
  return { processed: found, reused };
}

/**
 * Reads (or stats) a source the scan listed. Note: one removed since (an editor saving through a
 * rename, a checkout) fails the build naming it, instead of with the file system's error.
 */
function readSource<T>(read: () => T, path: string): T {
  try {
    return read();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
    throw new BuildFailure([error(path, undefined, 'source-changed', 'the file was removed or replaced by a folder while the build was reading it; build again')]);
  }
}
