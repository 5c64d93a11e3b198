import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(readdirSync(root).filter((n) => n.startsWith('.dist'))).toEqual([]);
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

