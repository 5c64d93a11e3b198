/** `bantin build`: the site into its output folder, atomically. */
import { resolve } from 'node:path';
import { BuildCache } from '../build-cache.js';
import { openCacheStore } from '../cache-store.js';
import { prepareArticles } from '../content/prepare.js';
import { formatDiagnostic } from '../messages.js';
import { buildSiteWithSearch, resolveConfig, type BuildOptions } from '../pipeline.js';
import { checkOutputFolder, DiskWriter, outputBuildId } from '../write.js';

/** Options of the build command. */
export interface BuildCommandOptions extends BuildOptions {
  out?: string;
  /** Skip the build cache: neither read nor write it. */
  noCache?: boolean;
}

/** Runs a build and prints its diagnostics; returns the exit code. */
export async function runBuild(options: BuildCommandOptions, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const root = resolve(options.root);
  const out = resolve(options.out ?? `${root}/dist`);
  const refused = checkOutputFolder(root, out);
  if (refused) {
    io.err(formatDiagnostic(refused));
    return 1;
  }
  const started = performance.now();
  const cache = await prepareCache({ ...options, root }, io);
  // Note: page keys describe one output folder; another (--out, a --no-cache build) starts afresh.
  cache?.cache.trustOutput(outputBuildId(out));
  const writer = new DiskWriter(out);
  let result;
  try {
    result = await buildSiteWithSearch({ ...options, root }, writer, cache?.cache);
  } catch (e) {
    writer.abort();
    throw e;
  }
  if (result.ok && cache) {
    // Note: a build that changed nothing (no article parsed, no page rendered, the same output) leaves the cache as it was.
    const id = outputBuildId(out);
    const s = cache.cache.stats;
    const idle = cache.processed === 0 && s.pagesRendered === 0 && s.filesRendered === 0 && result.stats.written === 0 && result.stats.removed === 0 && id === cache.cache.outputId;
    if (!idle) {
      cache.cache.outputId = id;
      cache.save();
    }
  }
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`build failed: ${errors} error(s); the previous output was left as it was`);
    return 1;
  }
  const s = result.stats;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const rendered = cache ? `, ${cache.cache.stats.pagesRendered} pages rendered, ${cache.cache.stats.pagesReused} reused` : '';
  const parsed = cache ? `, ${cache.processed} articles parsed, ${cache.reused} from cache` : '';
  io.out(`built ${s.articles} articles, ${s.pages} pages into ${out} in ${seconds} s (${s.written} files written, ${s.reused} unchanged, ${s.removed} removed${parsed}${rendered})`);
  if (s.search) io.out(s.search.kept ? `search index: ${s.search.pages} articles, unchanged` : `search index: ${s.search.pages} articles, ${s.search.files} files, ${formatBytes(s.search.bytes)}`);
  return 0;
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/**
 * Opens the site's build cache and runs the article stage for changed files ahead of the build
 * (on worker threads when many changed). Returns null when the cache is off or the config is
 * broken (the build then reports the config's problems itself).
 */
async function prepareCache(options: BuildCommandOptions, io: { err: (s: string) => void }) {
  if (options.noCache) return null;
  const { config, diagnostics } = resolveConfig(options);
  if (diagnostics.some((d) => d.severity === 'error')) return null;
  const cache = new BuildCache();
  cache.keepHtml = false;
  const store = openCacheStore(options.root, config.cacheDir, config);
  const warning = store.load(cache);
  if (warning) io.err(`warning: ${warning} [cache-ignored]`);
  cache.useConfig(config);
  const { files } = cache.scan(options.root);
  const progress = process.stderr.isTTY ? progressLine(performance.now()) : undefined;
  const stats = await prepareArticles(options.root, files.articles, config, cache, store, progress);
  // Note: every file was just checked; the build takes the stamps it recorded without a second stat.
  cache.suspects = new Set();
  return { cache, ...stats, save: () => store.save(cache) };
}

/** A terminal progress line for a long parse: done/total and the time left at the current rate. */
function progressLine(started: number) {
  return (done: number, total: number) => {
    if (done % 50 !== 0 && done !== total) return;
    const elapsed = (performance.now() - started) / 1000;
    const left = done ? Math.round((elapsed / done) * (total - done)) : 0;
    const eta = done === total ? 'done' : `about ${left} s left`;
    process.stderr.write(`\rparsing articles: ${done}/${total} (${eta})\x1b[K${done === total ? '\n' : ''}`);
  };
}
