/** Worker thread body: renders pages (a template and its data) for the main thread. */
import { workerData } from 'node:worker_threads';
import type { SiteConfig } from '../config.js';
import { stringsFor } from '../locale.js';
import { error, type Diagnostic } from '../messages.js';
import { serveJobs } from '../worker-pool.js';
import { loadTheme, urlFilters } from './theme.js';
import { urlsFor } from './urls.js';

/** A job: one page, its data without the locale's strings (`t`), which the worker adds. */
export interface PageJob {
  template: string;
  data: Record<string, unknown>;
}

const { root, config } = workerData as { root: string; config: SiteConfig };
const strings = stringsFor(config.language, config.strings);
const { theme, diagnostics } = loadTheme(root, urlFilters(urlsFor(config)));
serveJobs<PageJob, string | Diagnostic>(
  // Note: the main thread loaded the same templates without problems; one changed since is reported here.
  (job) => diagnostics[0] ?? theme.render(job.template, { ...job.data, t: strings }),
  (job, e) => error(`templates/${job.template}.liquid`, undefined, 'internal-error', `bantin failed rendering a page: ${e.message}; please report it`),
);
