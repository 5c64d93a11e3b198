// The article stage (content/articles.ts) on worker threads: which files it reads, what it reports
// while the workers parse, and a source that disappears after the scan listed it.
import * as fs from 'node:fs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
// Note: the compiled stage, whose worker script exists (the TypeScript sources have none to run).
import { BuildCache } from '../lib/cache/build-cache.js';
import { defaultConfig } from '../lib/config.js';
import { startArticlePool } from '../lib/content/article-pool.js';
import { readArticles } from '../lib/content/articles.js';
import { BuildFailure } from '../lib/messages.js';
import { runBuild } from '../src/commands/build.js';
import { PreviewSite } from '../src/serve/preview.js';
import { makeSite } from './helpers/site.js';

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, readFileSync: vi.fn(original.readFileSync), statSync: vi.fn(original.statSync) };
});

const COUNT = 140;

function site(): { root: string; paths: string[] } {
  const files: Record<string, string> = {};
  const paths: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const path = `content/bai-${String(i).padStart(3, '0')}.md`;
    files[path] = `---\ntitle: Bản tin số ${i}\ndate: 2025-07-${String((i % 28) + 1).padStart(2, '0')}\nprovince: Hà Nội\nsource: example.gov.vn\n---\n\nNội dung bản tin số ${i}.\n`;
    paths.push(path);
  }
  return { root: makeSite(files), paths };
}

/** How many times each article under `root` was read, by path relative to it. */
function readsUnder(root: string): Map<string, number> {
  const reads = new Map<string, number>();
  for (const [file] of vi.mocked(fs.readFileSync).mock.calls) {
    const path = String(file);
    if (path.startsWith(join(root, 'content'))) reads.set(path.slice(root.length + 1), (reads.get(path.slice(root.length + 1)) ?? 0) + 1);
  }
  return reads;
}

beforeEach(() => {
  vi.mocked(fs.readFileSync).mockClear();
  vi.mocked(fs.statSync).mockRestore();
});

/** Runs the article stage with worker threads and `cache` as its store, awaiting the work it hands out. */
async function prepareArticles(root: string, paths: string[], config: ReturnType<typeof defaultConfig>, cache: BuildCache, onProgress?: (done: number, total: number) => void) {
  cache.begin(config);
  const steps = readArticles(root, paths, config, { store: cache, pool: startArticlePool, onProgress });
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return { processed: step.value.parsed, reused: step.value.reused };
    if (step.value) await step.value;
  }
}

const REMOVED = 'the file was removed or replaced by a folder while the build was reading it; build again';

describe('the article stage on worker threads', () => {
  it('reads each changed file once, and parses the bytes it hashed', async () => {
    const { root, paths } = site();
    const cache = new BuildCache();
    const stats = await prepareArticles(root, paths, defaultConfig(), cache);
    expect(stats).toEqual({ processed: COUNT, reused: 0 });
    const reads = readsUnder(root);
    expect(reads.size).toBe(COUNT);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(cache.usedArticle('content/bai-007.md')?.title).toBe('Bản tin số 7');
  });

  it('ends its progress at the number of changed files when the last files hashed were unchanged', async () => {
    const { root, paths } = site();
    const cache = new BuildCache();
    await prepareArticles(root, paths.slice(COUNT / 2), defaultConfig(), cache);
    const reports: [number, number][] = [];
    const stats = await prepareArticles(root, paths, defaultConfig(), cache, (done, total) => reports.push([done, total]));
    expect(stats).toEqual({ processed: COUNT / 2, reused: COUNT / 2 });
    expect(reports.at(-1)).toEqual([COUNT / 2, COUNT / 2]);
    expect(reports.every(([done, total]) => done <= total && total <= COUNT)).toBe(true);
  });
});

describe('a source removed after the scan listed it', () => {
  it.each([
    ['on worker threads', COUNT],
    ['on this thread', 3],
  ])('fails the article stage %s naming the file', async (_, count) => {
    const { root, paths } = site();
    const listed = [...paths.slice(0, count - 1), 'content/bai-da-xoa.md'];
    const failure = await prepareArticles(root, listed, defaultConfig(), new BuildCache()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BuildFailure);
    expect((failure as BuildFailure).diagnostics).toEqual([
      { file: 'content/bai-da-xoa.md', line: 1, column: 1, severity: 'error', rule: 'source-changed', message: REMOVED },
    ]);
  });

  /** The scan lists `bai-007.md`; it is gone when the article stage stats it to hash it, or reads it. */
  function removeAfterScan(): void {
    const gone = (path: fs.PathOrFileDescriptor | fs.PathLike, call: string) => {
      if (String(path).endsWith('bai-007.md')) throw Object.assign(new Error(`ENOENT: no such file or directory, ${call} '${String(path)}'`), { code: 'ENOENT' });
    };
    const stat = vi.mocked(fs.statSync).getMockImplementation()!;
    vi.mocked(fs.statSync).mockImplementation(((path: fs.PathLike, options?: fs.StatSyncOptions) => {
      gone(path, 'stat');
      return stat(path, options);
    }) as typeof fs.statSync);
    const read = vi.mocked(fs.readFileSync).getMockImplementation()!;
    vi.mocked(fs.readFileSync).mockImplementation(((path: fs.PathOrFileDescriptor, options?: unknown) => {
      gone(path, 'open');
      return (read as (p: unknown, o?: unknown) => unknown)(path, options);
    }) as typeof fs.readFileSync);
  }

  it('ends the build with one message and exit code 1, writing nothing', async () => {
    const { root } = site();
    removeAfterScan();
    const err: string[] = [];
    const code = await runBuild({ root, noCache: true }, { out: () => {}, err: (s: string) => err.push(s) });
    expect(code).toBe(1);
    expect(err).toEqual([`content/bai-007.md:1:1: ${REMOVED} [source-changed]`, 'build failed: 1 error(s); the previous output was left as it was']);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('fails a preview build with the message, keeping serve running', async () => {
    const { root } = site();
    removeAfterScan();
    const preview = new PreviewSite({ root, now: Date.parse('2026-01-01T00:00:00Z') });
    const result = await preview.rebuild();
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([{ file: 'content/bai-007.md', line: 1, column: 1, severity: 'error', rule: 'source-changed', message: REMOVED }]);
    vi.mocked(fs.statSync).mockRestore();
    vi.mocked(fs.readFileSync).mockRestore();
    expect((await preview.rebuild()).ok).toBe(true);
  });
});
