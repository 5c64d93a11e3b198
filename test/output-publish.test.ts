// Publishing the output: dist is a link to one of two folders beside it, turned by one rename, so
// that a build killed at any moment leaves exactly the old site or exactly the new one.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverOutput } from '../src/write/recovery.js';
import { coldOutput, makeSite, runCli, snapshotDir } from './helpers/site.js';

const article = (i: number, version: string) =>
  `---\ntitle: Bài số ${i} ${version}\ndate: 2020-${String((i % 12) + 1).padStart(2, '0')}-15\nprovince: Bắc Giang\nsource: bacgiang.gov.vn\ntags: [Tin ${i % 3}]\n---\nNội dung ${version} của bài ${i}.\n`;

function site(count: number): string {
  const files: Record<string, string> = { 'bantin.config.yaml': 'search: { enabled: false }\n' };
  for (let i = 0; i < count; i++) files[`content/bai-${i}.md`] = article(i, 'cũ');
  return makeSite(files);
}

function build(root: string, env: Record<string, string> = {}) {
  const r = runCli(['build', '--root', root], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

/** One article edited, one removed, one added: files change, go and appear, folders too. */
function edit(root: string, round: number): void {
  writeFileSync(join(root, 'content/bai-1.md'), article(1, `mới ${round}`));
  rmSync(join(root, `content/bai-${round + 2}.md`), { force: true });
  writeFileSync(join(root, `content/them-${round}.md`), article(20 + round, 'thêm'));
}

/** What is beside the output once no build runs: the link, its two folders, nothing else of ours. */
function besideOutput(root: string): string[] {
  return readdirSync(root).filter((e) => e === 'dist' || e.startsWith('.dist')).sort();
}

/** How the output is before the killed build: by two builds (the other folder has a note), one build, or an older bantin's plain folder. */
const starts: [string, (root: string) => void][] = [
  ['the other folder up to date but for its note', (root) => {
    build(root);
    edit(root, 0);
    build(root);
  }],
  ['no other folder yet', (root) => build(root)],
  ["an older bantin's plain dist/ folder", (root) => {
    build(root);
    const tree = join(root, readlinkSync(join(root, 'dist')));
    rmSync(join(root, 'dist'));
    cpSync(tree, join(root, 'dist'), { recursive: true });
    rmSync(tree, { recursive: true });
  }],
];

describe('publishing the output', () => {
  it('makes dist a link to a folder beside it, turned to the other folder by each build that changes something', async () => {
    const root = site(6);
    build(root);
    expect(lstatSync(join(root, 'dist')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'dist'))).toBe('.dist.a');
    const page = join(root, 'dist/2020/01/bai-so-0-cu/index.html');
    const kept = statSync(page);
    expect(build(root).stdout).toContain('nothing changed since the last build');
    expect(readlinkSync(join(root, 'dist'))).toBe('.dist.a');
    for (let round = 1; round <= 3; round++) {
      edit(root, round);
      build(root);
      expect(readlinkSync(join(root, 'dist'))).toBe(round % 2 ? '.dist.b' : '.dist.a');
      expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
      // An unchanged page is the same file (a hard link in both folders): its mtime stays.
      const now = statSync(page);
      expect([now.ino, now.mtimeMs]).toEqual([kept.ino, kept.mtimeMs]);
    }
    expect(besideOutput(root)).toEqual(['.dist.a', '.dist.b', 'dist']);
  });

  it('starts afresh when dist was removed by hand, and turns an empty folder into the link', async () => {
    const root = site(3);
    build(root);
    edit(root, 1);
    build(root);
    rmSync(join(root, 'dist'));
    build(root);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    expect(besideOutput(root).filter((e) => !e.startsWith('.dist.old-'))).toEqual(['.dist.a', 'dist']);

    const other = site(3);
    mkdirSync(join(other, 'dist'));
    build(other);
    expect(lstatSync(join(other, 'dist')).isSymbolicLink()).toBe(true);
    expect(snapshotDir(join(other, 'dist'))).toEqual(await coldOutput(other));
  });

  it('builds what a cold build does after the published folder was emptied (rm -rf dist/) or a page deleted by hand', async () => {
    const root = site(6);
    build(root);
    edit(root, 1);
    build(root);
    // `rm -rf dist/` follows the link: it empties the published folder and leaves the link.
    const published = realpathSync(join(root, 'dist'));
    for (const e of readdirSync(published)) rmSync(join(published, e), { recursive: true });
    edit(root, 2);
    build(root);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));

    // A page deleted by hand, whose article then goes: it must not come back from the other folder.
    edit(root, 3);
    build(root);
    rmSync(join(root, 'dist/2020/01/bai-so-0-cu/index.html'));
    rmSync(join(root, 'content/bai-0.md'));
    build(root);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    edit(root, 4);
    build(root);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('takes over the lock of a build that was killed', async () => {
    const root = site(3);
    // Note: a pid that is surely not running: a process that has already exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(root, '.dist.lock'), String(dead));
    build(root);
    expect(existsSync(join(root, '.dist.lock'))).toBe(false);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  describe.each(starts)('from %s', (_start, prepare) => {
    const points = ['staged', 'first-file', 'before-swap', 'folder-moved', 'swapped'];
    it.each(points)('a build killed at "%s" leaves exactly the old or the new site, and the next build recovers', async (point) => {
      const root = site(8);
      prepare(root);
      const old = snapshotDir(join(root, 'dist'));
      const plain = !lstatSync(join(root, 'dist')).isSymbolicLink();
      edit(root, 5);
      const fresh = await coldOutput(root);
      expect(fresh).not.toEqual(old);

      const r = runCli(['build', '--root', root], { env: { BANTIN_TEST_STOP_AT: point } });
      // Note: the point where an older bantin's folder was moved aside exists only when there is one.
      if (point === 'folder-moved' && !plain) {
        expect(r.code).toBe(0);
        expect(snapshotDir(join(root, 'dist'))).toEqual(fresh);
        return;
      }
      expect(r.signal).toBe('SIGKILL');
      if (point === 'folder-moved') {
        // The one moment without a dist: between moving the old folder aside and putting the link in its place.
        expect(existsSync(join(root, 'dist'))).toBe(false);
        expect(recoverOutput(join(root, 'dist'))).toBe(true);
      }
      expect(snapshotDir(join(root, 'dist'))).toEqual(point === 'swapped' || point === 'folder-moved' ? fresh : old);

      build(root);
      expect(snapshotDir(join(root, 'dist'))).toEqual(fresh);
      // Two builds more, through the folder the killed build left, stay equal to cold builds.
      for (const round of [6, 7]) {
        edit(root, round);
        build(root);
        expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
      }
      expect(besideOutput(root).filter((e) => !e.startsWith('.dist.old-'))).toEqual(['.dist.a', '.dist.b', 'dist']);
    });
  });
});
