// Worker threads: a build that parses articles and renders pages on other threads writes the same
// bytes, and reports the same problems, as a build on one thread.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSiteWithSearch } from '../src/pipeline.js';
import { POOL_AFTER_PAGES, type PagePoolStarter } from '../src/render/site.js';
import { MemoryWriter, type Writer } from '../src/write/writer.js';
// Note: the compiled pool and preview, whose worker scripts exist (the TypeScript sources have none to run).
import { startPagePool } from '../lib/render/page-pool.js';
import { PreviewSite } from '../lib/serve/preview.js';
import { TINY } from './helpers/photos.js';
import { buildInMemory, makeSite, CLI, REPO, runCli, snapshotDir } from './helpers/site.js';

const TAGS = ['Dân vận', 'Y tế', 'Giáo dục', 'Chuyển đổi số', 'Nông nghiệp'];
const PROVINCES = ['Bắc Giang', 'Bắc Ninh', 'Hà Nội', 'TP.HCM', 'Đắk Lắk'];
// Note: enough articles that both the article stage and the page stage start their workers.
const COUNT = 3 * POOL_AFTER_PAGES;

function article(i: number): string {
  return `---
title: Bản tin số ${i} về ${TAGS[i % 5]}
date: 202${i % 5}-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}
province: ${PROVINCES[i % 5]}
source: example.gov.vn
summary: Tóm tắt bản tin số ${i} <b>không phải HTML</b>.
tags: [${TAGS[i % 5]}, ${TAGS[(i + 2) % 5]}]
---

Xem https://example.gov.vn/tin/${i}, [bài trước](bai-${Math.max(0, i - 1)}.md) và ![Ảnh](anh.png "Ảnh bài ${i}").

| Huyện | Số liệu |
|---|---:|
| Lục Nam | ${i * 3} |
`;
}

function site(extra: Record<string, string> = {}): string {
  const files: Record<string, string | Uint8Array> = { 'bantin.config.yaml': 'search: { enabled: false }\npageSize: 10\n', 'content/anh.png': TINY.png, ...extra };
  for (let i = 0; i < COUNT; i++) files[`content/bai-${i}.md`] = article(i);
  return makeSite(files);
}

/** Each file's SHA-256, by output path. */
function digests(files: Iterable<[string, string | Uint8Array]>): Record<string, string> {
  return Object.fromEntries([...files].map(([path, content]) => [path, createHash('sha256').update(content).digest('hex')]));
}

describe('a build on worker threads', () => {
  it('writes byte for byte what a build on one thread writes', () => {
    const root = site();
    const r = runCli(['build', '--root', root, '--no-cache']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const memory = buildInMemory(root);
    expect(memory.errors).toEqual([]);
    const expected = digests(memory.writer.files);
    const { '.bantin-output': _marker, ...written } = snapshotDir(join(root, 'dist'));
    expect(Object.keys(written).length).toBeGreaterThan(COUNT + 2 * POOL_AFTER_PAGES);
    expect(written).toEqual(expected);
  });

  it('reports a template failure on pages rendered by workers once, with its template, line and rule', () => {
    const template = readFileSync(join(REPO, 'templates/article.liquid'), 'utf8').replace(
      '<h1>{{ article.title }}</h1>',
      "<h1>{{ article.title }}</h1>\n{% if article.title contains '9 về' %}{{ article.missing }}{% endif %}",
    );
    const root = site();
    writeFileSync(join(root, 'templates/article.liquid'), template);
    const r = runCli(['build', '--root', root, '--no-cache']);
    expect(r.code).toBe(1);
    const memory = buildInMemory(root);
    expect(memory.errors).toEqual(['templates/article.liquid:14:42: undefined variable: article.missing; fix the template [template-error]']);
    expect(r.stderr.trim().split('\n')).toEqual([...memory.errors, 'build failed: 1 error(s); the previous output was left as it was']);
  });

  it('stops its workers and fails when writing a page rendered by one fails', async () => {
    const root = site();
    let closed = 0;
    const pagePool: PagePoolStarter = (...args) => {
      const pool = startPagePool(...args);
      return { size: pool.size, render: (template, data) => pool.render(template, data), close: () => (closed++, pool.close()) };
    };
    const memory = new MemoryWriter();
    let writes = 0;
    const failing: Writer = {
      write: (path, content) => {
        // Note: past the pages rendered on this thread, so the failure happens on a worker's page.
        if (++writes === 2 * POOL_AFTER_PAGES + 10) throw new Error('no space left on device');
        memory.write(path, content);
      },
      commit: () => memory.commit(),
      abort: () => memory.abort(),
    };
    await expect(buildSiteWithSearch({ root, pagePool }, failing)).rejects.toThrow('no space left on device');
    expect(closed).toBe(1);
    expect(memory.files.size).toBe(0);
  });

  it('shows the progress of parsing and writing on a terminal, and prints only its summary elsewhere', () => {
    const root = site();
    // Note: `script` (util-linux) runs the build on a pseudo-terminal, as a user's shell would.
    // Note: --no-cache parses ahead on worker threads too, with nothing written outside dist/.
    const command = [process.execPath, CLI, 'build', '--root', root, '--no-cache'].map((a) => JSON.stringify(a)).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const lines = r.stdout.split(/\r\n|\r|\n/).map((l) => l.replace(/\x1b\[K/g, ''));
    const pages = /built \d+ articles, (\d+) pages/.exec(r.stdout)![1];
    expect(lines).toContain(`parsing articles: ${COUNT}/${COUNT} (done)`);
    expect(lines).toContain(`writing pages: ${pages}/${pages} (done)`);
    expect(lines.some((l) => /^writing pages: \d+\/\d+ \(about \d+ s left\)$/.test(l))).toBe(true);
    expect(existsSync(join(root, '.bantin-cache'))).toBe(false);
    const plain = runCli(['build', '--root', root, '--no-cache']);
    expect(plain.stderr).toBe('');
    expect(plain.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^built \d+ articles, \d+ pages into /), 'photos: 1 published, 2 files (0 encoded, 0 from the cache, 2 unchanged)']);
  });

  it('renders the pages of a template change in serve on worker threads, byte for byte as one thread does', async () => {
    const root = site();
    const now = Date.parse('2026-01-01T00:00:00Z');
    const preview = new PreviewSite({ root, now });
    expect((await preview.rebuild()).ok).toBe(true);
    const template = join(root, 'templates/article.liquid');
    writeFileSync(template, readFileSync(template, 'utf8').replace('<h1>', '<h1 class="tieu-de">'));
    const rebuilt = await preview.rebuild(['templates/article.liquid']);
    expect(rebuilt.ok).toBe(true);
    expect(rebuilt.stats.pagesRendered).toBe(COUNT);
    expect(digests(preview.files)).toEqual(digests(buildInMemory(root, { now }).writer.files));
  });
});
