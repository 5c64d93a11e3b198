/** `bantin build`: the site into its output folder, atomically. */
import { resolve } from 'node:path';
import { formatDiagnostic } from '../messages.js';
import { buildSiteWithSearch, type BuildOptions } from '../pipeline.js';
import { checkOutputFolder, DiskWriter } from '../write.js';

/** Options of the build command. */
export interface BuildCommandOptions extends BuildOptions {
  out?: string;
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
  const writer = new DiskWriter(out);
  let result;
  try {
    result = await buildSiteWithSearch({ ...options, root }, writer);
  } catch (e) {
    writer.abort();
    throw e;
  }
  for (const d of result.diagnostics) io.err(formatDiagnostic(d));
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`build failed: ${errors} error(s); the previous output was left as it was`);
    return 1;
  }
  const s = result.stats;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.out(`built ${s.articles} articles, ${s.pages} pages into ${out} in ${seconds} s (${s.written} files written, ${s.reused} unchanged, ${s.removed} removed)`);
  if (s.search) io.out(`search index: ${s.search.pages} articles, ${s.search.files} files, ${formatBytes(s.search.bytes)}`);
  return 0;
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}
