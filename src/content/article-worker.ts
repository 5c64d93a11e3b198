/** Worker thread body: runs the article stage for files the main thread sends. */
import { workerData } from 'node:worker_threads';
import type { SiteConfig } from '../config.js';
import { serveJobs } from '../worker-pool.js';
import { processArticle, type ArticleResult } from './article.js';

/** A job: one article file. */
export interface ArticleJob {
  path: string;
  bytes: Uint8Array;
}

const config = (workerData as { config: SiteConfig }).config;
serveJobs<ArticleJob, ArticleResult>(
  (job) => processArticle(job.path, job.bytes, config),
  // Note: processArticle reports bad input itself; this is a bug, carried back as a diagnostic.
  (job, e) => ({
    article: null,
    diagnostics: [{ file: job.path, line: 1, column: 1, severity: 'error', rule: 'internal-error', message: `bantin failed on this file: ${e.message}; please report it` }],
  }),
);
