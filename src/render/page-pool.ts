/** Renders pages on worker threads, one per core, while the main thread plans, checks and writes them. */
import { WorkerPool } from '../worker-pool.js';
import type { Diagnostic } from '../messages.js';
import type { PageJob } from './page-worker.js';
import type { PagePoolStarter } from './site.js';

/** Starts a pool of page workers (see `RenderInput.pagePool`). */
export const startPagePool: PagePoolStarter = (root, config, inline) => {
  const pool = new WorkerPool<PageJob, string | Diagnostic>(new URL('./page-worker.js', import.meta.url), { root, config }, (job) => inline(job.template, job.data));
  return { size: pool.size, render: (template, data) => pool.run({ template, data }), close: () => pool.close() };
};
