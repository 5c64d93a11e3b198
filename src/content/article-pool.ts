/**
 * Runs the article stage on worker threads, one per spare core, so Markdown is parsed in parallel
 * while the main thread reads files and assembles the site.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SiteConfig } from '../config.js';
import { processArticle, type ArticleResult } from './article.js';

/** A pool of workers running `processArticle`. */
export class ArticlePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { path: string; bytes: Uint8Array; done: (r: ArticleResult) => void }>();
  /** Set when a worker could not start or died: the rest of the work runs on this thread. */
  private failed = false;
  private readonly load: number[] = [];
  private nextId = 0;
  /** Number of workers. */
  readonly size: number;

  constructor(private readonly config: SiteConfig, size = defaultPoolSize()) {
    this.size = size;
    const script = new URL('./article-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: { config } });
      worker.on('message', (m: { id: number; result: ArticleResult }) => {
        this.load[i]!--;
        const job = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        job?.done(m.result);
      });
      // Note: a worker that cannot start (its script missing, as under a TypeScript test runner) or
      // dies must not leave jobs waiting forever: they, and all later ones, run on this thread.
      worker.on('error', () => {
        this.failed = true;
        const jobs = [...this.waiting.values()];
        this.waiting.clear();
        for (const job of jobs) job.done(processArticle(job.path, job.bytes, this.config));
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  /** Processes one article on the least busy worker. */
  process(path: string, bytes: Uint8Array): Promise<ArticleResult> {
    if (this.failed) return Promise.resolve(processArticle(path, bytes, this.config));
    const id = this.nextId++;
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[best]!) best = i;
    this.load[best]!++;
    return new Promise((resolve) => {
      this.waiting.set(id, { path, bytes, done: resolve });
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
