/**
 * Runs the article stage on worker threads, one per spare core, so Markdown is parsed in parallel
 * while the main thread reads files and assembles the site.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SiteConfig } from '../config.js';
import type { ArticleResult } from './article.js';

/** A pool of workers running `processArticle`. */
export class ArticlePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, (r: ArticleResult) => void>();
  private readonly load: number[] = [];
  private nextId = 0;
  /** Number of workers. */
  readonly size: number;

  constructor(config: SiteConfig, size = defaultPoolSize()) {
    this.size = size;
    const script = new URL('./article-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: { config } });
      worker.on('message', (m: { id: number; result: ArticleResult }) => {
        this.load[i]!--;
        const done = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        done?.(m.result);
      });
      worker.on('error', (e) => {
        for (const done of this.waiting.values()) {
          done({ article: null, diagnostics: [{ file: '', line: 1, column: 1, severity: 'error', rule: 'internal-error', message: `worker failed: ${e.message}` }] });
        }
        this.waiting.clear();
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  /** Processes one article on the least busy worker. */
  process(path: string, bytes: Uint8Array): Promise<ArticleResult> {
    const id = this.nextId++;
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[best]!) best = i;
    this.load[best]!++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.workers[best]!.postMessage({ id, path, bytes });
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Workers to start: every core (the main thread mostly waits on I/O meanwhile). */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}
