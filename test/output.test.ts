import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputBuildId } from '../src/write/disk-writer.js';
import { MARKER } from '../src/write/output-link.js';
import { unsafeOutputPath } from '../src/output-path.js';
import { SEED } from './helpers/fuzz.js';
import { makeSite, REPO, runCli, snapshotDir } from './helpers/site.js';


const article = (title: string, date = '2020-02-24') =>
  `---\ntitle: ${title}\ndate: ${date}\nprovince: Bắc Giang\nsource: bacgiang.gov.vn\n---\nNội dung.\n`;

describe('output folder', () => {
  it('leaves an existing dist/ byte-identical when a build fails', () => {
    const root = makeSite({ 'content/a.md': article('Bài một'), 'content/b.md': article('Bài hai') });
    expect(runCli(['build', '--root', root]).code).toBe(0);
    const before = snapshotDir(join(root, 'dist'));
    const mtime = statSync(join(root, 'dist/index.html')).mtimeMs;
    writeFileSync(join(root, 'content/b.md'), article('Bài hai', '2020-02-30'));
    writeFileSync(join(root, 'content/c.md'), article('Bài ba'));
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(snapshotDir(join(root, 'dist'))).toEqual(before);
    expect(statSync(join(root, 'dist/index.html')).mtimeMs).toBe(mtime);
    expect(readdirSync(root).filter((n) => n.startsWith('.dist'))).toEqual(['.dist.a']);
  });

  it('removes pages whose source is gone and keeps unchanged files untouched', () => {
    const root = makeSite({ 'content/a.md': article('Bài một'), 'content/b.md': article('Bài hai') });
    runCli(['build', '--root', root]);
    const keep = join(root, 'dist/2020/02/bai-mot/index.html');
    const mtime = statSync(keep).mtimeMs;
    unlinkSync(join(root, 'content/b.md'));
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(0);
    expect(existsSync(join(root, 'dist/2020/02/bai-hai/index.html'))).toBe(false);
    expect(statSync(keep).mtimeMs).toBe(mtime);
    expect(Number(/(\d+) removed/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('applies a small rebuild through the other folder: unchanged files keep mtime and inode, a deleted page goes with its folder', () => {
    const articles = Array.from({ length: 40 }, (_, i) => [`content/bai-${i}.md`, article(`Bài số ${i}`, `2020-${String((i % 12) + 1).padStart(2, '0')}-15`)]);
    const root = makeSite(Object.fromEntries(articles));
    const out = join(root, 'dist');
    const build = () => {
      const r = runCli(['build', '--root', root]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const stats = () => Object.fromEntries(Object.keys(snapshotDir(out)).map((p) => [p, [statSync(join(out, p)).ino, statSync(join(out, p)).mtimeMs]]));
    build();
    const first = { id: outputBuildId(out), files: snapshotDir(out), stats: stats() };

    expect(build()).toContain('(0 files written,');
    expect(outputBuildId(out)).toBe(first.id);
    expect(stats()).toEqual(first.stats);

    appendFileSync(join(root, 'content/bai-1.md'), 'Một dòng mới.\n');
    build();
    expect(outputBuildId(out)).not.toBe(first.id);
    expect(snapshotDir(out)['2020/02/bai-so-1/index.html']).not.toBe(first.files['2020/02/bai-so-1/index.html']);

    unlinkSync(join(root, 'content/bai-2.md'));
    expect(Number(/(\d+) removed/.exec(build())?.[1])).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(out, '2020/03/bai-so-2'))).toBe(false);
    const now = snapshotDir(out);
    // Note: the marker's bytes stay but it is replaced, so that the build id changes.
    const unchanged = Object.keys(now).filter((p) => p !== MARKER && now[p] === first.files[p]);
    expect(unchanged.length).toBeGreaterThan(Object.keys(now).length / 2);
    const later = stats();
    for (const p of unchanged) expect([p, later[p]]).toEqual([p, first.stats[p]]);
    const cold = join(makeSite({}), 'cold');
    expect(runCli(['build', '--root', root, '--no-cache', '--out', cold]).code).toBe(0);
    expect(now).toEqual(snapshotDir(cold));
    expect(readdirSync(root).filter((n) => n.startsWith('.dist') && !/^\.dist\.(a|b|old-.*)$/.test(n))).toEqual([]);
  });

  it('builds into an existing empty folder', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    mkdirSync(join(root, 'dist'));
    const r = runCli(['build', '--root', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(root, 'dist/2020/02/bai-mot/index.html'))).toBe(true);
    expect(readdirSync(root).filter((n) => n.startsWith('.dist'))).toEqual(['.dist.a']);
  });

  it.each([
    ['the root', '.'],
    ['content/', 'content'],
    ['inside content/', 'content/out'],
    ['templates/', 'templates'],
    ['a parent of the root', '..'],
  ])('refuses an output folder that is %s, before deleting anything', (_name, out) => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    const before = snapshotDir(root);
    const r = runCli(['build', '--root', root, '--out', join(root, out)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[unsafe-output\]/);
    expect(snapshotDir(root)).toEqual(before);
  });

  it('refuses to replace a folder it did not make', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    mkdirSync(join(root, 'public'));
    writeFileSync(join(root, 'public/quan-trong.txt'), 'do not delete');
    const r = runCli(['build', '--root', root, '--out', join(root, 'public')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was not made by bantin, so it is not replaced');
    expect(readFileSync(join(root, 'public/quan-trong.txt'), 'utf8')).toBe('do not delete');
  });
});

describe('determinism', () => {
  it('builds the example site byte-identically under three time zones', () => {
    const outs = ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh'].map((tz) => {
      const out = join(makeSite({}), 'out');
      const r = runCli(['build', '--root', REPO, '--no-cache', '--out', out], { env: { TZ: tz } });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return snapshotDir(out);
    });
    expect(Object.keys(outs[0]!).length).toBeGreaterThan(20);
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });
});


describe('output paths', () => {
  /** The rule, as written for people: relative, `/`-separated, every segment a portable file name. */
  const safe = (path: string) =>
    path !== '' &&
    path.split('/').every(
      (segment) =>
        segment !== '' &&
        segment !== '.' &&
        segment !== '..' &&
        !/[<>:"\\|?*\u0000-\u001f]/.test(segment) &&
        !/[. ]$/.test(segment) &&
        !/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i.test(segment) &&
        Buffer.byteLength(segment) <= 255,
    );

  it('refuses paths that escape the output or are not portable, and only those', () => {
    for (const path of ['2020/02/bai/index.html', 'tags/giao-thong/page/2/index.html', 'con-duong/index.html', 'a.b/c_d-e.html']) expect(unsafeOutputPath(path)).toBeNull();
    for (const path of ['../x.html', '/abs/index.html', 'a//b.html', 'a/./b.html', 'a/b./c.html', 'CON/index.html', 'a/nul.html', 'a/lpt1', 'a\\b.html', 'a/b?.html', 'a/ b /c', '', `${'x'.repeat(256)}/index.html`]) {
      expect(unsafeOutputPath(path), path).not.toBeNull();
    }
    const piece = fc.constantFrom('a', 'Z', '0', '_', '-', '.', '..', '/', '//', ' ', 'con', 'Nul', 'com1', 'lpt9', 'đ', '?', '\\', ':', '\u0001', 'x'.repeat(120));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const path = pieces.join('');
        expect(unsafeOutputPath(path) === null, JSON.stringify(path)).toBe(safe(path));
      }),
      { seed: SEED, numRuns: 20_000 },
    );
  });
});
