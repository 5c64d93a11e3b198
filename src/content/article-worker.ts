/** Worker thread body: runs the article stage for files the main thread sends. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SiteConfig } from '../config.js';
import { processArticle } from './article.js';

/** A job: one article file. */
export interface ArticleJob {
  id: number;
  path: string;
  bytes: Uint8Array;
}

const config = (workerData as { config: SiteConfig }).config;
parentPort!.on('message', (job: ArticleJob) => {
  let result;
  try {
    result = processArticle(job.path, job.bytes, config);
  } catch (e) {
    // Note: processArticle reports bad input itself; this is a bug, carried back as a diagnostic.
    result = {
      article: null,
      diagnostics: [{ file: job.path, line: 1, column: 1, severity: 'error', rule: 'internal-error', message: `bantin failed on this file: ${(e as Error).message}; please report it` }],
    };
  }
  parentPort!.postMessage({ id: job.id, result });
});
