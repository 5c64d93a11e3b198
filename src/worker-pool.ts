/**
 * Worker threads for the build's per-item work (articles, pages): one per core, each job sent to
 * the least busy, with every job run on this thread instead once a worker cannot start or dies.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

/** A pool of workers running one script's job handler (see `serveJobs`). */
export class WorkerPool<Job, Result> {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { job: Job; done: (r: Result) => void }>();
  /** Set when a worker could not start or died: the rest of the work runs on this thread. */
  private failed = false;
  private readonly load: number[] = [];
  private nextId = 0;
  /** Number of workers. */
  readonly size: number;

  /** `script` runs `serveJobs`; `inline` does a job on this thread, as the workers would. */
  constructor(script: URL, workerData: unknown, private readonly inline: (job: Job) => Result, size = defaultPoolSize()) {
    this.size = size;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData });
      worker.on('message', (m: { id: number; result: Result }) => {
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
        for (const job of jobs) job.done(this.inline(job.job));
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  /** Runs one job on the least busy worker. */
  run(job: Job): Promise<Result> {
    if (this.failed) return Promise.resolve(this.inline(job));
    const id = this.nextId++;
    let best = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i]! < this.load[best]!) best = i;
    this.load[best]!++;
    return new Promise((resolve) => {
      try {
        this.workers[best]!.postMessage({ id, job });
      } catch {
        // Note: a job that cannot be copied to a worker (a value structured cloning refuses) runs here.
        this.load[best]!--;
        resolve(this.inline(job));
        return;
      }
      this.waiting.set(id, { job, done: resolve });
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * The body of a pool's worker script: answers each job with `handle`'s result, or with
 * `failed`'s for a job that threw (a bug, which the main thread reports like bad input).
 */
export function serveJobs<Job, Result>(handle: (job: Job) => Result, failed: (job: Job, e: Error) => Result): void {
  parentPort!.on('message', ({ id, job }: { id: number; job: Job }) => {
    let result: Result;
    try {
      result = handle(job);
    } catch (e) {
      result = failed(job, e as Error);
    }
    parentPort!.postMessage({ id, result });
  });
}

/** Workers to start: every core (the main thread mostly waits on I/O meanwhile). */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}
