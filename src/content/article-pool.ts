/** Parses articles on worker threads, one per core, while the main thread reads and hashes sources. */
import type { SiteConfig } from '../config.js';
import { WorkerPool } from '../worker-pool.js';
import { processArticle, type ArticleResult } from './article.js';
import type { ArticleJob } from './article-worker.js';

/** Worker threads running the article stage. */
export interface ArticlePool {
  size: number;
  parse(path: string, bytes: Uint8Array): Promise<ArticleResult>;
  close(): Promise<void>;
}

/** Starts worker threads parsing articles with this config (see `ArticleOptions.pool`). */
export type ArticlePoolStarter = (config: SiteConfig) => ArticlePool;

/** Starts a pool of article workers. */
export const startArticlePool: ArticlePoolStarter = (config) => {
  const pool = new WorkerPool<ArticleJob, ArticleResult>(new URL('./article-worker.js', import.meta.url), { config }, (job) => processArticle(job.path, job.bytes, config));
  return { size: pool.size, parse: (path, bytes) => pool.run({ path, bytes }), close: () => pool.close() };
};
