/**
 * One `serve` session: the first build, the HTTP server, the watcher, and the loop that turns
 * saved files into a rebuild and a message to every open page.
 */
import { resolve } from 'node:path';
import { formatDiagnostic, type Io } from '../messages.js';
import type { BuildOptions } from '../pipeline.js';
import { LiveReload } from './live-reload.js';
import { PreviewSite, type Rebuild } from './preview.js';
import { PreviewServer } from './server.js';
import { SiteWatcher } from './watch.js';

/** What `serve` is asked to do. */
export interface ServeOptions extends BuildOptions {
  host?: string;
  /** The port to listen on; 0 lets the system choose. */
  port?: number;
  /** Fail when the port is taken instead of trying the next one. */
  strictPort?: boolean;
  /** Poll for changes instead of using file-system events. */
  polling?: boolean;
  /** Quiet time that ends a burst of saves, in ms. */
  debounceMs?: number;
}

/** A running session. */
export interface ServeSession {
  /** The site's address, e.g. `http://127.0.0.1:8080/ban-tin/`. */
  url: string;
  port: number;
  site: PreviewSite;
  watcher: SiteWatcher;
  live: LiveReload;
  /** Resolves after each rebuild with what it did (for tests and benchmarks). */
  onRebuild(listener: (r: Rebuild, paths: string[]) => void): void;
  /** Calls back after each search index update with the files it changed. */
  onSearchIndex(listener: (changed: string[]) => void): void;
  /** Calls back when the larger sizes of new photos are served (the smallest comes with the rebuild) with their files. */
  onPhotos(listener: (changed: string[]) => void): void;
  close(): Promise<void>;
}

/** Starts serving, watching and building the site; throws on listen errors (port in use with strictPort) before building. */
export async function startServe(options: ServeOptions, io: Io): Promise<ServeSession> {
  const root = resolve(options.root);
  // Note: a new photo's smallest width comes with the rebuild, its other files just after (see `makePhotos`).
  const site = new PreviewSite({ photos: 'first', ...options, root });
  const live = new LiveReload();
  const server = new PreviewServer(site, live);
  const host = options.host ?? '127.0.0.1';

  const listeners: ((r: Rebuild, paths: string[]) => void)[] = [];
  const searchListeners: ((changed: string[]) => void)[] = [];
  const photoListeners: ((changed: string[]) => void)[] = [];
  const makePhotos = async () => {
    const { changed, diagnostics } = await site.makePhotos();
    for (const d of diagnostics) io.err(formatDiagnostic(d));
    if (!changed.length) return;
    live.broadcast({ changed, errors: [] });
    for (const listener of photoListeners) listener(changed);
  };
  // Note: the search index (Pagefind, another process) follows the pages, one run at a time.
  let indexing: Promise<void> | null = null;
  let indexAgain = false;
  const indexSearch = () => {
    if (indexing) {
      indexAgain = true;
      return;
    }
    indexing = site.indexSearch().then(
      ({ changed, diagnostics }) => {
        for (const d of diagnostics) io.err(formatDiagnostic(d));
        if (changed.length && site.ok) live.broadcast({ changed, errors: [] });
        for (const listener of searchListeners) listener(changed);
      },
      (e: unknown) => io.err(`bantin serve: the search index could not be built: ${(e as Error).message}`),
    ).finally(() => {
      indexing = null;
      if (indexAgain) {
        indexAgain = false;
        indexSearch();
      }
    });
  };
  // Note: one build at a time; saves made during a build are gathered into the next one.
  let rebuilding: Promise<void> | null = null;
  let queued: string[] = [];
  let closed = false;
  const runBuild = (job: () => Promise<void>): Promise<void> =>
    (rebuilding = job()
      .catch((e: unknown) => io.err(`bantin serve: the build stopped on an internal error (${(e as Error).message}); still serving the last good version`))
      .finally(() => {
        rebuilding = null;
        if (queued.length && !closed) {
          const next = [...new Set(queued)].sort();
          queued = [];
          rebuildAfter(next);
        }
      }));
  const rebuildAfter = (paths: string[]): void => {
    if (rebuilding) {
      queued.push(...paths);
      return;
    }
    void runBuild(async () => {
      const wasReady = site.ready;
      const result = await site.rebuild(paths);
      report(result, io, `rebuilt after ${describe(paths)}`);
      live.broadcast({
        changed: result.changed,
        errors: result.ok ? [] : result.diagnostics.map(formatDiagnostic),
        reload: result.ok && !wasReady,
      });
      for (const listener of listeners) listener(result, paths);
      if (result.ok) indexSearch();
      if (result.ok) await makePhotos();
    });
  };
  // Note: the port is taken first, so a port in use is reported at once, not after a whole build;
  // until that build is done the server answers with a page that reloads when it is.
  let port: number;
  try {
    port = await server.listen(host, options.port ?? 8080, options.strictPort ?? false, (busy) =>
      io.err(`bantin serve: port ${busy} is in use; trying ${busy + 1}`),
    );
  } catch (e) {
    live.close();
    throw e;
  }
  const watcher = new SiteWatcher(root, { log: io.err, debounceMs: options.debounceMs, polling: options.polling, onChange: rebuildAfter });
  // Note: watching starts before the first build, so a save made while it runs is not missed.
  try {
    await watcher.start();
  } catch (e) {
    await server.close();
    throw e;
  }
  await runBuild(async () => {
    const result = await site.rebuild();
    report(result, io, 'built');
    // Note: a page opened while the first build ran (the server was already listening) reloads now.
    live.broadcast({ changed: result.changed, errors: result.ok ? [] : result.diagnostics.map(formatDiagnostic), reload: result.ok });
    if (result.ok) await makePhotos();
  });
  indexSearch();

  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${site.base}`,
    port,
    site,
    watcher,
    live,
    onRebuild: (listener) => listeners.push(listener),
    onSearchIndex: (listener) => searchListeners.push(listener),
    onPhotos: (listener) => photoListeners.push(listener),
    async close() {
      closed = true;
      await watcher.close();
      await rebuilding;
      indexAgain = false;
      await indexing;
      await server.close();
    },
  };
}

function report(r: Rebuild, io: Io, what: string): void {
  for (const d of r.diagnostics) io.err(formatDiagnostic(d));
  const ms = Math.round(r.ms);
  if (r.ok) {
    const s = r.stats;
    io.out(`${what} in ${ms} ms: ${r.changed.length} file(s) changed; ${s.parsed} article(s) read anew, ${s.pagesRendered} page(s) rendered, ${s.pagesReused} reused`);
  } else {
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`build failed: ${errors} error(s); still serving the last good version (open pages show the errors)`);
  }
}

function describe(paths: string[]): string {
  return paths.length === 1 ? paths[0]! : `${paths.length} changes`;
}
