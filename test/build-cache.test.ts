// The build cache: a warm build (cache on disk, workers) writes exactly what a cold build writes.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/build-cache.js';
import { openCacheStore } from '../src/cache/store.js';
import { processArticle } from '../src/content/article.js';
import { buildSite, resolveConfig } from '../src/pipeline.js';
import { MemoryWriter } from '../src/write/writer.js';
import { sourceStats, stampSources } from '../src/cache/build-record.js';
import { scanSources } from '../src/content/scan.js';
import { CLI, coldOutput, makeSite, REPO, runCli, snapshotDir } from './helpers/site.js';


const NOW = Date.UTC(2026, 0, 1);
const TAGS = ['Dân vận', 'Y tế', 'Giáo dục', 'Chuyển đổi số', 'Nông nghiệp'];
const PROVINCES = ['Bắc Giang', 'Bắc Ninh', 'Hà Nội', 'TP.HCM', 'Đắk Lắk'];

function article(i: number, extra = ''): string {
  const day = String((i % 28) + 1).padStart(2, '0');
  return `---
title: Bản tin số ${i} về ${TAGS[i % 5]}
date: 202${i % 5}-0${(i % 9) + 1}-${day}
province: ${PROVINCES[i % 5]}
source: example.gov.vn
summary: Tóm tắt bản tin số ${i}.
tags: [${TAGS[i % 5]}, ${TAGS[(i + 2) % 5]}]
---

Đoạn văn thứ nhất của bản tin ${i}, xem https://example.gov.vn/tin/${i} và [bài đầu](bai-0.md).

| Huyện | Số liệu |
|---|---:|
| Lục Nam | ${i * 3} |

- mục một
- mục hai ${extra}
`;
}

/** A site of `n` articles: enough to run the article stage on worker threads. */
function site(n: number): string {
  const files: Record<string, string> = { 'bantin.config.yaml': 'search: { enabled: false }\npageSize: 10\n' };
  for (let i = 0; i < n; i++) files[`content/bai-${i}.md`] = article(i);
  return makeSite(files);
}

function build(root: string, args: string[] = []) {
  const r = runCli(['build', '--root', root, ...args]);
  expect(r.stderr.replace(/^warning: .*\n/gm, '')).toBe('');
  expect(r.code).toBe(0);
  return r;
}

describe('build cache', () => {
  it('warm builds equal cold builds after edits, renames, deletions, template and config changes', async () => {
    const root = site(70);
    const first = build(root);
    expect(first.stdout).toContain('70 articles parsed, 0 from cache');
    expect(existsSync(join(root, '.bantin-cache/build.cache'))).toBe(true);

    // Note: the build record answers a build with nothing to do (test/build-record.test.ts); a touched file makes one.
    const again = build(root);
    expect(again.stdout).toContain('nothing changed since the last build');
    utimesSync(join(root, 'content/bai-1.md'), new Date(), new Date(Date.now() - 60_000));
    const touched = build(root);
    expect(touched.stdout).toContain('0 articles parsed, 70 from cache');
    expect(touched.stdout).toMatch(/, 0 pages rendered, \d+ reused\)/);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));

    writeFileSync(join(root, 'content/bai-5.md'), article(5, 'đã sửa'));
    renameSync(join(root, 'content/bai-7.md'), join(root, 'content/bai-moi.md'));
    unlinkSync(join(root, 'content/bai-9.md'));
    const edited = build(root);
    expect(edited.stdout).toContain('2 articles parsed, 67 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));

    // The article every page links moves: the pages of unchanged articles follow it.
    writeFileSync(join(root, 'content/bai-0.md'), article(0).replace('source:', 'slug: bai-dau-moi\nsource:'));
    const moved = build(root);
    expect(moved.stdout).toContain('1 articles parsed, 68 from cache');
    expect(readFileSync(join(root, 'dist/2021/02/ban-tin-so-1-ve-y-te/index.html'), 'utf8')).toContain('/bai-dau-moi/');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));

    const template = join(root, 'templates/article.liquid');
    writeFileSync(template, readFileSync(template, 'utf8').replace('<h1>', '<h1 class="tieu-de">'));
    const templated = build(root);
    expect(templated.stdout).toContain('0 articles parsed, 69 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));

    writeFileSync(join(root, 'bantin.config.yaml'), 'search: { enabled: false }\npageSize: 7\ntitle: Cổng tin\n');
    const configured = build(root);
    expect(configured.stdout).toContain('69 articles parsed, 0 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('keeps unchanged output files untouched (same mtime) on a warm build', () => {
    const root = site(3);
    build(root);
    const page = join(root, 'dist/2020/01/ban-tin-so-0-ve-dan-van/index.html');
    const before = statSync(page).mtimeMs;
    writeFileSync(join(root, 'content/bai-1.md'), article(1, 'mới'));
    build(root);
    expect(statSync(page).mtimeMs).toBe(before);
  });

  it.each([
    ['truncated', (f: string) => writeFileSync(f, readFileSync(f).subarray(0, 40))],
    ['garbage', (f: string) => writeFileSync(f, 'không phải bộ nhớ đệm')],
    ['bit-flipped', (f: string) => {
      const b = readFileSync(f);
      b[b.length - 10] = b[b.length - 10]! ^ 0xff;
      writeFileSync(f, b);
    }],
  ])('ignores a %s cache with a one-line warning', async (_name, damage) => {
    const root = site(3);
    build(root);
    damage(join(root, '.bantin-cache/build.cache'));
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: the build cache in \.bantin-cache\/ is damaged \(.*\) and is not used; it is rebuilt \[cache-ignored\]\n$/);
    expect(r.stdout).toContain('3 articles parsed, 0 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('names the bantin that wrote a cache in the format before headers were a line of their own', async () => {
    const root = site(3);
    build(root);
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    writeFileSync(join(root, '.bantin-cache/build.cache'), serialize({ magic: 'bantin-cache', format: 14, version: '0.0.9+4b1d', id: 'x', crc: 0, payload: Buffer.alloc(0) }));
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`warning: the build cache in .bantin-cache/ was made by bantin 0.0.9 (this is bantin ${version}) and is not used; it is rebuilt [cache-ignored]\n`);
    expect(r.stdout).toContain('3 articles parsed, 0 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('reads back a snapshot saved in many parts, and builds from it what a cold build makes', () => {
    const root = site(12);
    const { config } = resolveConfig({ root });
    const reparse = (path: string, bytes: Buffer) => processArticle(path, bytes, config).article;
    const cold = new MemoryWriter();
    const saved = new BuildCache();
    saved.keepHtml = false;
    let written = 0;
    const store = openCacheStore(root, '.bantin-cache', reparse, { articlesPerPart: 5, afterPart: () => written++ });
    expect(store.load(saved)).toBeNull();
    expect(buildSite({ root, now: NOW }, cold, saved).ok).toBe(true);
    store.save(saved);
    const header = readFileSync(join(root, '.bantin-cache/build.cache')).subarray(0, 1024).toString();
    // Note: the tables, then the twelve articles five by five.
    expect((JSON.parse(header) as { parts: number[] }).parts).toHaveLength(4);
    expect(written).toBe(4);

    const loaded = new BuildCache();
    loaded.keepHtml = false;
    expect(openCacheStore(root, '.bantin-cache', reparse, { articlesPerPart: 5 }).load(loaded)).toBeNull();
    const warm = new MemoryWriter();
    const result = buildSite({ root, now: NOW }, warm, loaded);
    expect(result.ok).toBe(true);
    expect(result.stats.parsed).toBe(0);
    expect(result.stats.fromStore).toBe(12);
    expect([...warm.files.keys()]).toEqual([...cold.files.keys()]);
    for (const [path] of cold.files) expect(warm.text(path), path).toBe(cold.text(path));
  });

  it('ignores a damaged journal with a one-line warning', async () => {
    const root = site(3);
    build(root);
    writeFileSync(join(root, 'content/bai-1.md'), article(1, 'mới'));
    build(root);
    writeFileSync(join(root, '.bantin-cache/build.journal'), 'không phải nhật ký');
    writeFileSync(join(root, 'content/bai-2.md'), article(2, 'mới'));
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: the build cache in \.bantin-cache\/ is damaged \(.*\) and is not used; it is rebuilt \[cache-ignored\]\n$/);
    expect(r.stdout).toContain('3 articles parsed, 0 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    expect(existsSync(join(root, '.bantin-cache/build.journal'))).toBe(false);
  });

  it('writes a small change into a journal, read by the next build, and folds a large one into a new snapshot', async () => {
    const root = site(70);
    build(root);
    const snapshot = readFileSync(join(root, '.bantin-cache/build.cache'));
    writeFileSync(join(root, 'content/bai-1.md'), article(1, 'mới'));
    build(root);
    expect(existsSync(join(root, '.bantin-cache/build.journal'))).toBe(true);
    expect(readFileSync(join(root, '.bantin-cache/build.cache')).equals(snapshot)).toBe(true);
    // bai-1 comes from the journal, not parsed again.
    writeFileSync(join(root, 'content/bai-2.md'), article(2, 'mới'));
    expect(build(root).stdout).toContain('1 articles parsed, 69 from cache');
    expect(readFileSync(join(root, '.bantin-cache/build.cache')).equals(snapshot)).toBe(true);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));

    for (let i = 3; i < 40; i++) writeFileSync(join(root, `content/bai-${i}.md`), article(i, 'mới'));
    const folded = build(root);
    expect(folded.stdout).toContain('37 articles parsed, 33 from cache');
    expect(existsSync(join(root, '.bantin-cache/build.journal'))).toBe(false);
    expect(readFileSync(join(root, '.bantin-cache/build.cache')).equals(snapshot)).toBe(false);
    writeFileSync(join(root, 'content/bai-50.md'), article(50, 'mới'));
    expect(build(root).stdout).toContain('1 articles parsed, 69 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('forgets, through the journal, an article whose file was removed', async () => {
    const root = site(70);
    build(root);
    const removed = readFileSync(join(root, 'content/bai-5.md'));
    rmSync(join(root, 'content/bai-5.md'));
    build(root);
    expect(existsSync(join(root, '.bantin-cache/build.journal'))).toBe(true);
    // The same bytes back: parsed again, as the cache no longer holds them.
    writeFileSync(join(root, 'content/bai-5.md'), removed);
    expect(build(root).stdout).toContain('1 articles parsed, 69 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('takes over the last site model from the journal, not from the older snapshot', async () => {
    const root = site(70);
    build(root);
    // A tag changed for another the site has: the model is made again and goes into the journal.
    writeFileSync(join(root, 'content/bai-1.md'), article(1).replace('tags: [Y tế, Chuyển đổi số]', 'tags: [Y tế, Giáo dục]'));
    build(root);
    expect(existsSync(join(root, '.bantin-cache/build.journal'))).toBe(true);
    // Another article's body edited: the next build takes the model over, bai-1 under its new tag.
    writeFileSync(join(root, 'content/bai-2.md'), article(2, 'mới'));
    expect(build(root).stdout).toContain('1 articles parsed, 69 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('does not trust page keys for an output another build wrote', async () => {
    const root = site(3);
    const template = join(root, 'templates/article.liquid');
    const original = readFileSync(template, 'utf8');
    build(root);
    writeFileSync(template, original.replace('<h1>', '<h1 class="khac">'));
    build(root, ['--no-cache']);
    writeFileSync(template, original);
    build(root);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('keeps a few body packs however many builds, and redoes a body damaged in its pack', async () => {
    const root = site(70);
    const bodies = join(root, '.bantin-cache/bodies');
    build(root);
    // Each build that parses an article writes a pack; past eight, the small ones are merged.
    for (let i = 1; i <= 8; i++) {
      writeFileSync(join(root, `content/bai-${i}.md`), article(i, `sửa ${i}`));
      build(root);
    }
    const packs = readdirSync(bodies);
    expect(packs).toHaveLength(2);
    // Note: a byte of bai-50's body HTML (never edited here), which every article page reads, in
    // whichever pack holds it; a byte of a body no page reads, or of an old copy, would go unseen.
    let damaged = 0;
    for (const name of packs) {
      const bytes = readFileSync(join(bodies, name));
      const at = bytes.indexOf('Đoạn văn thứ nhất của bản tin 50,');
      if (at < 0) continue;
      bytes[at + 1] ^= 1;
      writeFileSync(join(bodies, name), bytes);
      damaged++;
    }
    expect(damaged).toBeGreaterThan(0);
    const template = join(root, 'templates/article.liquid');
    writeFileSync(template, `${readFileSync(template, 'utf8')}\n`);
    const redone = /^warning: the build cache in \.bantin-cache\/ had lost or damaged the bodies of 1 article\(s\); they were parsed again \[cache-ignored\]$/m;
    expect(build(root).stderr).toMatch(redone);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    // The damaged article was left out of the cache: parsed once more, then sound.
    writeFileSync(template, `${readFileSync(template, 'utf8')}\n`);
    const next = build(root);
    expect(next.stdout).toContain('1 articles parsed, 69 from cache');
    expect(next.stderr).not.toMatch(redone);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('stays sound when two builds of the same site run at once', async () => {
    const root = site(70);
    build(root);
    const both = () =>
      Promise.all(
        [0, 1].map(
          () => new Promise<number>((done) => execFile(process.execPath, [CLI, 'build', '--root', root], (e) => done(e ? ((e.code as number) ?? 1) : 0))),
        ),
      );
    // Each round parses most articles again in both builds, each writing a pack the other may sweep.
    for (const round of [1, 2]) {
      for (let i = 0; i < 70; i++) writeFileSync(join(root, `content/bai-${i}.md`), article(i, `lần ${round}`));
      expect(await both()).toEqual([0, 0]);
    }
    const template = join(root, 'templates/article.liquid');
    writeFileSync(template, `${readFileSync(template, 'utf8')}\n`);
    build(root);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('rebuilds a lost body file from the source', async () => {
    const root = site(3);
    build(root);
    rmSync(join(root, '.bantin-cache/bodies'), { recursive: true });
    const template = join(root, 'templates/article.liquid');
    writeFileSync(template, `${readFileSync(template, 'utf8')}\n`);
    const r = build(root);
    expect(r.stderr).toContain('had lost or damaged the bodies of 3 article(s); they were parsed again [cache-ignored]');
    expect(r.stdout).toContain('3 articles parsed, 0 from cache');
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });
});

describe('file stamps', () => {
  // Note: a negative racyMs trusts every stamp at once; by default a file changed in the last seconds is always read.
  const stamped = () => {
    const cache = new BuildCache();
    cache.racyMs = -60_000;
    return cache;
  };

  it('take an unchanged file from its stat, and see same-size edits and restored mtimes', () => {
    const root = makeSite({ 'content/a.md': 'một\n' });
    const file = join(root, 'content/a.md');
    const cache = stamped();
    const first = cache.hashSource(root, 'content/a.md');
    expect(first.bytes?.toString()).toBe('một\n');
    expect(cache.hashSource(root, 'content/a.md')).toEqual({ hash: first.hash });

    const { mtime } = statSync(file);
    writeFileSync(file, 'hai\n'.padEnd(Buffer.byteLength('một\n'), ' '));
    utimesSync(file, mtime, mtime);
    const second = cache.hashSource(root, 'content/a.md');
    expect(second.bytes).toBeDefined();
    expect(second.hash).not.toBe(first.hash);
  });

  it('trust, in a build, a file changed before its sources were stamped, however recently', () => {
    const root = makeSite({ 'content/a.md': 'một\n' });
    const file = join(root, 'content/a.md');
    // Note: a file changed in the file system's current clock tick is racy; write until the clock has moved past its change.
    const probe = join(root, 'probe');
    do writeFileSync(probe, ''); while (statSync(probe).mtimeMs <= statSync(file).ctimeMs);
    const cache = new BuildCache();
    cache.statted = sourceStats(stampSources(root, '.bantin-cache'));
    expect(cache.statted.get('content/a.md')?.racy).toBe(false);
    expect(cache.hashSource(root, 'content/a.md').bytes?.toString()).toBe('một\n');
    expect(cache.hashSource(root, 'content/a.md').bytes).toBeUndefined();

    // A file dated at or after the moment of the stamps (here ahead of it) is read every time.
    writeFileSync(file, 'hai\n');
    utimesSync(file, new Date(Date.now() + 3_600_000), new Date(Date.now() + 3_600_000));
    cache.statted = sourceStats(stampSources(root, '.bantin-cache'));
    expect(cache.statted.get('content/a.md')?.racy).toBe(true);
    expect(cache.hashSource(root, 'content/a.md').bytes?.toString()).toBe('hai\n');
    expect(cache.hashSource(root, 'content/a.md').bytes?.toString()).toBe('hai\n');
  });

  it('do not trust a file changed within the racy window', () => {
    const root = makeSite({ 'content/a.md': 'một\n' });
    const cache = new BuildCache();
    cache.hashSource(root, 'content/a.md');
    expect(cache.hashSource(root, 'content/a.md').bytes?.toString()).toBe('một\n');
  });
});

describe('the scan kept between rebuilds', () => {
  it('is reused when the only suspects are files it found, and read again for new, deleted or other paths', () => {
    const root = makeSite({ 'content/a.md': 'một\n', 'content/b.md': 'hai\n' });
    const cache = new BuildCache();
    const first = cache.scan(root, scanSources);
    expect(first.files.articles).toEqual(['content/a.md', 'content/b.md']);
    cache.suspects = new Set(['content/a.md', 'templates/base.liquid', 'bantin.config.yaml']);
    expect(cache.scan(root, scanSources)).toBe(first);

    writeFileSync(join(root, 'content/c.md'), 'ba\n');
    cache.suspects = new Set(['content/c.md']);
    const second = cache.scan(root, scanSources);
    expect(second.files.articles).toEqual(['content/a.md', 'content/b.md', 'content/c.md']);

    unlinkSync(join(root, 'content/b.md'));
    cache.suspects = new Set(['content/b.md']);
    expect(cache.scan(root, scanSources).files.articles).toEqual(['content/a.md', 'content/c.md']);

    writeFileSync(join(root, 'content/d.md'), 'bốn\n');
    cache.suspects = null;
    expect(cache.scan(root, scanSources).files.articles).toEqual(['content/a.md', 'content/c.md', 'content/d.md']);
  });
});
