/**
 * Test sites written inline, Hugo-style: `-- path --` lines start each file.
 *
 *   const site = await makeSite(`
 *   -- content/a.md --
 *   ---
 *   title: A
 *   ---
 *   `);
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { buildSite, type BuildOptions, type BuildResult } from '../../src/pipeline.js';
import { formatDiagnostic } from '../../src/messages.js';
import { MemoryWriter } from '../../src/write/writer.js';

/** The repository root (holds the default theme in templates/). */
export const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Parses `-- path --` sections into a map of path → text. */
export function parseSections(text: string): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (current !== null) files[current] = lines.join('\n').replace(/\n*$/, '\n');
  };
  for (const line of text.replace(/^\n/, '').split('\n')) {
    const m = /^-- (.+) --$/.exec(line);
    if (m) {
      flush();
      current = m[1]!;
      lines = [];
    } else if (current !== null) {
      lines.push(line);
    }
  }
  flush();
  return files;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes a site into a fresh temp folder: the default theme unless the sections give
 * `templates/` files of their own (`theme: false` copies none), as `bantin init` copies it; a
 * site's shortcodes (`templates/shortcodes/`) go beside it. Removed after the test file.
 */
export function makeSite(sections: string | Record<string, string | Uint8Array>, options: { theme?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bantin-test-'));
  made.push(dir);
  const files = typeof sections === 'string' ? parseSections(sections) : sections;
  const ownTheme = Object.keys(files).some((p) => p.startsWith('templates/') && !p.startsWith('templates/shortcodes/'));
  if (options.theme !== false && !ownTheme) cpSync(join(REPO, 'templates'), join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'content'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Builds a site folder in memory; returns the files, diagnostics as text lines, and the result. */
export function buildInMemory(root: string, options: Partial<BuildOptions> = {}) {
  const writer = new MemoryWriter();
  const result: BuildResult = buildSite({ now: Date.parse('2026-01-01T00:00:00Z'), ...options, root }, writer);
  return {
    result,
    writer,
    /** Every diagnostic as printed, warnings included. */
    messages: result.diagnostics.map(formatDiagnostic),
    /** Error diagnostics as printed. */
    errors: result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    page: (path: string) => {
      const text = writer.text(path);
      if (text === undefined) throw new Error(`no output file ${path}; have ${writer.files.size} files: ${[...writer.files.keys()].slice(0, 20).join(', ')}…`);
      return text;
    },
  };
}

/** Builds inline sections in memory. */
export function build(sections: string | Record<string, string | Uint8Array>, options: Partial<BuildOptions> = {}) {
  return buildInMemory(makeSite(sections), options);
}

/** Asserts each line appears in the text (trimmed lines); a line starting with `! ` must not appear. */
export function assertLines(text: string, expected: string): void {
  const have = text.split('\n').map((l) => l.trim());
  for (const raw of expected.split('\n').map((l) => l.trim()).filter(Boolean)) {
    if (raw.startsWith('! ')) {
      const needle = raw.slice(2);
      if (text.includes(needle)) throw new Error(`expected no "${needle}" in:\n${text}`);
    } else if (!have.includes(raw) && !text.includes(raw)) {
      throw new Error(`expected line "${raw}" in:\n${text}`);
    }
  }
}

/** The `bantin` command as installed: the CLI's bundle (built by `npm test` first, see package.json's `bin`). */
export const CLI = join(REPO, 'lib/bundle/cli.js');

/** Runs the `bantin` command (`CLI`) as a process. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The output of a cold build (no cache) of the site at `root`, built into a folder of its own
 * (see `snapshotDir`): the build command's own code, run in this process. Note: the build it is
 * compared with runs the CLI; running this one in-process spares a process start per comparison.
 */
export async function coldOutput(root: string): Promise<Record<string, string>> {
  const out = join(makeSite({}), 'cold');
  const { runBuild } = await import('../../src/commands/build.js');
  const err: string[] = [];
  const code = await runBuild({ root, out, noCache: true }, { out: () => {}, err: (line) => err.push(line) });
  if (code !== 0) throw new Error(`cold build failed:\n${err.join('\n')}`);
  return snapshotDir(out);
}

/** Every file under a folder (marker included) with its SHA-256, by `/`-separated path, sorted. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[relative(dir, full).split('\\').join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
