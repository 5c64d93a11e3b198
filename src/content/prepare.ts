/**
 * The article stage ahead of a build: every file whose bytes changed since the cached build is
 * processed, on worker threads when there are enough of them, and its result primed into the cache
 * (its body moved to disk when the cache has a store), so the build itself only assembles and renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildCache } from '../build-cache.js';
import type { CacheStore } from '../cache-store.js';
import type { SiteConfig } from '../config.js';
import { processArticle, type ArticleResult } from './article.js';
import { WorkerPool } from '../worker-pool.js';
import type { ArticleJob } from './article-worker.js';

/** Below this many changed articles, starting workers costs more than it saves. */
const POOL_THRESHOLD = 64;
/** Jobs in flight per worker: enough to keep workers busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 16;

/** What the preparation did. */
export interface PrepareStats {
  processed: number;
  reused: number;
}

/** Processes changed articles (in parallel when worthwhile) and primes the cache with them. */
export async function prepareArticles(
  root: string,
  paths: readonly string[],
  config: SiteConfig,
  cache: BuildCache,
  store?: CacheStore,
  onProgress?: (done: number, total: number) => void,
): Promise<PrepareStats> {
  const changed: { path: string; hash: string }[] = [];
  let reused = 0;
  for (const path of paths) {
    const { hash } = cache.hashFile(root, path);
    if (cache.cached(path, hash)) reused++;
    else changed.push({ path, hash });
  }
  const accept = (path: string, hash: string, result: ArticleResult) => {
    store?.detachBody(result);
    cache.prime(path, hash, result);
  };
  if (changed.length < POOL_THRESHOLD) {
    for (const { path, hash } of changed) accept(path, hash, processArticle(path, readFileSync(join(root, path)), config));
    return { processed: changed.length, reused };
  }
  const pool = new WorkerPool<ArticleJob, ArticleResult>(new URL('./article-worker.js', import.meta.url), { config }, (job) => processArticle(job.path, job.bytes, config));
  try {
    const limit = pool.size * IN_FLIGHT_PER_WORKER;
    let next = 0;
    let done = 0;
    const runOne = async (): Promise<void> => {
      while (next < changed.length) {
        const { path, hash } = changed[next++]!;
        accept(path, hash, await pool.run({ path, bytes: readFileSync(join(root, path)) }));
        onProgress?.(++done, changed.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, changed.length) }, runOne));
  } finally {
    await pool.close();
  }
  return { processed: changed.length, reused };
}
