// The build record: a build whose sources, output and options are as the last build left them
// stops at once; any change to them — however small — makes it build, with the output a cold build gives.
import fs, { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceStats, stampSources } from '../src/cache/build-record.js';
import { checkShared, chunkTable, END, RACY, sharedCheck, statStamp, tableFields } from '../src/cache/stamps.js';
import { runBuild } from '../src/commands/build.js';
import { coldOutput, makeSite, runCli, snapshotDir } from './helpers/site.js';

const NOTHING = 'nothing changed since the last build';

const article = (title: string, date = '2024-03-01', extra = '') => `---
title: "${title}"
date: ${date}
province: Bắc Ninh
source: bacninh.gov.vn
tags: [Dân vận, dan van]
${extra}---

Nội dung của bài ${title}.
`;

function site(): string {
  return makeSite({
    'bantin.config.yaml': 'title: Bản tin thử\nsearch: { enabled: false }\n',
    'content/2024/a.md': article('Bài A'),
    'content/2024/b.md': article('Bài B', '2024-03-02'),
    'content/2024/anh.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  });
}

function build(root: string, args: string[] = []) {
  const r = runCli(['build', '--root', root, ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('build record', () => {
  it('stops at once when nothing changed, saying what the last build said, and touches nothing', async () => {
    const root = site();
    const first = build(root);
    expect(first.stdout).not.toContain(NOTHING);
    const page = join(root, 'dist/2024/03/bai-a/index.html');
    const mtime = statSync(page).mtimeMs;
    const again = build(root);
    expect(again.stdout).toContain(`built 2 articles, `);
    expect(again.stdout).toContain(NOTHING);
    // Note: the warning about the two spellings of one tag is printed again, as a build would.
    expect(again.stderr).toBe(first.stderr);
    expect(again.stderr).toContain('[term-spelling]');
    expect(statSync(page).mtimeMs).toBe(mtime);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('builds again after any change to sources, output or options', async () => {
    const root = site();
    build(root);
    const changes: [string, () => void][] = [
      // Same size, same folder: only the file's stamp tells.
      ['an article edited in place', () => writeFileSync(join(root, 'content/2024/a.md'), readFileSync(join(root, 'content/2024/a.md'), 'utf8').replace('Nội dung', 'Nội dunG'))],
      ['an article in a new folder', () => (mkdirSync(join(root, 'content/2025/01'), { recursive: true }), writeFileSync(join(root, 'content/2025/01/c.md'), article('Bài C', '2025-01-02')))],
      ['an article removed', () => rmSync(join(root, 'content/2025/01/c.md'))],
      ['an asset changed', () => writeFileSync(join(root, 'content/2024/anh.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9, 9]))],
      ['a static file added', () => (mkdirSync(join(root, 'static'), { recursive: true }), writeFileSync(join(root, 'static/ghi-chu.txt'), 'xin chào\n'))],
      ['a partial edited', () => appendFileSync(join(root, 'templates/partials/footer.liquid'), '<!-- v2 -->\n')],
      ['the config edited', () => writeFileSync(join(root, 'bantin.config.yaml'), 'title: Bản tin đổi tên\nsearch: { enabled: false }\n')],
      ['an output file deleted', () => rmSync(join(root, 'dist/2024/03/bai-b/index.html'))],
      ['a stray file in the output', () => writeFileSync(join(root, 'dist/2024/03/la.html'), 'lạ')],
    ['the build cache damaged', () => writeFileSync(join(root, '.bantin-cache/build.cache'), 'hỏng')],
      ['the output folder removed', () => rmSync(join(root, 'dist'), { recursive: true })],
    ];
    for (const [what, change] of changes) {
      change();
      const r = build(root);
      expect(r.stdout, what).not.toContain(NOTHING);
      expect(snapshotDir(join(root, 'dist')), what).toEqual(await coldOutput(root));
      expect(build(root).stdout, `${what}, then no change`).toContain(NOTHING);
    }
    expect(build(root, ['--drafts']).stdout).not.toContain(NOTHING);
    expect(build(root, ['--drafts']).stdout).toContain(NOTHING);
    expect(build(root, ['--base-url', 'https://tinh.gov.vn/']).stdout).not.toContain(NOTHING);
    expect(build(root, ['--no-cache']).stdout).not.toContain(NOTHING);
    // Note: a --no-cache build wrote a new output, which the record does not describe.
    expect(build(root).stdout).not.toContain(NOTHING);
  });

  it('stamps again only the output folders a build changed in the folder it publishes, and still sees a file removed from any other', async () => {
    const root = site();
    writeFileSync(join(root, 'content/2024/c.md'), article('Bài C', '2024-05-02'));
    // Note: the record is a line of JSON (the tables' lengths in bytes among its fields), then the tables.
    const record = () => {
      const bytes = readFileSync(join(root, '.bantin-cache/build-record.json'));
      const line = bytes.indexOf(10);
      const head = JSON.parse(bytes.toString('utf8', 0, line)) as { tree: string | null; other: { tree: string } | null; tables: [number, number, number] };
      const [at, other] = [line + 1, line + 1 + head.tables[0]];
      const folders = bytes.toString('utf8', at, other);
      return { tree: head.tree, folders, other: head.other && { tree: head.other.tree, folders: bytes.toString('utf8', other, other + head.tables[1]) } };
    };
    const edit = (n: number) => writeFileSync(join(root, 'content/2024/a.md'), article('Bài A', '2024-03-01', `summary: Lần ${n}\n`));
    build(root);
    const trees = [record()];
    for (let n = 1; n <= 3; n++) {
      edit(n);
      build(root);
      trees.push(record());
    }
    // Note: each build publishes the other of the output's two folders.
    const [a, b] = [trees[0]!.tree, trees[1]!.tree];
    expect([a, b].sort()).toEqual(['.dist.a', '.dist.b']);
    expect(trees.map((r) => r.tree)).toEqual([a, b, a, b]);
    expect(trees[3]!.other).toEqual({ tree: trees[2]!.tree, folders: trees[2]!.folders });
    // The article page of C, in a folder no build since the first two touched, keeps the stamp taken then.
    const stampOf = (r: { folders: string }, folder: string) => {
      const fields = r.folders.split('\0');
      const at = fields.findIndex((d, i) => i % 2 === 0 && d === folder);
      return at < 0 ? undefined : fields[at + 1];
    };
    expect(stampOf(trees[3]!, '2024/05/bai-c')).toBeDefined();
    expect(stampOf(trees[3]!, '2024/05/bai-c')).toBe(stampOf(trees[1]!, '2024/05/bai-c'));
    expect(stampOf(trees[3]!, '2024/03/bai-a')).not.toBe(stampOf(trees[1]!, '2024/03/bai-a'));
    expect(build(root).stdout).toContain(NOTHING);
    rmSync(join(root, 'dist/2024/05/bai-c/index.html'));
    expect(build(root).stdout).not.toContain(NOTHING);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    expect(build(root).stdout).toContain(NOTHING);
  });

  it('records the folders of the output as it is, when the folder it publishes had other files two builds ago', async () => {
    const root = site();
    const folders = () => {
      const bytes = readFileSync(join(root, '.bantin-cache/build-record.json'));
      const line = bytes.indexOf(10);
      const head = JSON.parse(bytes.toString('utf8', 0, line)) as { tables: [number, number, number] };
      return tableFields(bytes.toString('utf8', line + 1, line + 1 + head.tables[0])).filter((_, i) => i % 2 === 0);
    };
    build(root);
    writeFileSync(join(root, 'content/2024/c.md'), article('Bài C', '2024-05-02'));
    build(root);
    rmSync(join(root, 'content/2024/c.md'));
    build(root);
    // Note: the same files as the build before, published into the folder that last had Bài C's page.
    writeFileSync(join(root, 'content/2024/a.md'), article('Bài A', '2024-03-01', 'summary: Lần 1\n'));
    build(root);
    expect(folders()).not.toContain('2024/05/bai-c');
    expect(folders()).toContain('2024/03/bai-a');
    expect(build(root).stdout).toContain(NOTHING);
    rmSync(join(root, 'dist/2024/03/bai-b/index.html'));
    expect(build(root).stdout).not.toContain(NOTHING);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('builds without cache or record, with a one-line warning, when the cache folder is a file', async () => {
    const root = site();
    writeFileSync(join(root, '.bantin-cache'), 'không phải thư mục');
    for (let i = 0; i < 2; i++) {
      const r = runCli(['build', '--root', root]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('warning: .bantin-cache is not a folder, so the build cache is not used; remove it or set another cacheDir in the config [cache-ignored]\n');
      expect(r.stdout).not.toContain(NOTHING);
    }
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  });

  it('never trusts a stamp taken while its file could still change unseen', () => {
    const root = site();
    // Note: a modification time at or after the moment stamps are taken is "racily clean" (git's term).
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(join(root, 'content/2024/b.md'), later, later);
    build(root);
    expect(build(root).stdout).not.toContain(NOTHING);
  });

  it('builds again when a future article\'s date has come', async () => {
    const root = site();
    writeFileSync(join(root, 'content/2024/sau.md'), article('Bài sắp đăng', '2024-06-01'));
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: () => {} };
    // Note: files written in the clock's current tick would be racy (never trusted): let it pass.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = Date.parse('2024-05-01T00:00:00+07:00');
    expect(await runBuild({ root, now: before }, io)).toBe(0);
    expect(await runBuild({ root, now: before + 1000 }, io)).toBe(0);
    expect(lines.pop()).toContain(NOTHING);
    expect(await runBuild({ root, now: Date.parse('2024-06-01T00:00:00+07:00') }, io)).toBe(0);
    expect(lines.pop()).toMatch(/^built 3 articles/);
  });

  it('never trusts the stamps of sources edited while they were being stamped', async () => {
    const root = site();
    const file = join(root, 'content/2024/a.md');
    // Note: files written in the clock's current tick would be racy (never trusted): let it pass.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const calm = stampSources(root, '.bantin-cache');
    expect(calm.digest).not.toBe(RACY);
    expect(sourceStats(calm).get('content/2024/a.md')).toEqual({ stamp: statStamp(statSync(file)), ctimeMs: statSync(file).ctimeMs, racy: false });
    // Note: the edit lands in the middle of the walk, after the clock was read and before the file's stat.
    const readdir = fs.readdirSync;
    let edited = false;
    fs.readdirSync = ((path: fs.PathLike, ...rest: unknown[]) => {
      if (!edited && String(path).endsWith(join('content', '2024'))) {
        writeFileSync(file, readFileSync(file, 'utf8').replace('Nội dung', 'Nội dunG'));
        edited = true;
      }
      return (readdir as (...args: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readdirSync;
    syncBuiltinESMExports();
    let during;
    try {
      during = stampSources(root, '.bantin-cache');
    } finally {
      fs.readdirSync = readdir;
      syncBuiltinESMExports();
    }
    expect(edited).toBe(true);
    expect(during.digest).toBe(RACY);
    expect(sourceStats(during).get('content/2024/a.md')).toEqual({ stamp: statStamp(statSync(file)), ctimeMs: statSync(file).ctimeMs, racy: true });
    expect(sourceStats(during).get('content/2024/b.md')?.racy).toBe(false);
  });

  it('checks every output folder, in chunks two threads take in turn, and sees a change in the last', () => {
    const base = mkdtempSync(join(tmpdir(), 'bantin-folders-'));
    const folders = Array.from({ length: 1500 }, (_, i) => `2024/${String(i % 12).padStart(2, '0')}/bai-so-${i}`);
    for (const d of folders) mkdirSync(join(base, d), { recursive: true });
    const table = () => ['', ...folders].map((d) => `${d}${END}${statStamp(statSync(join(base, d)))}${END}`).join('');
    const check = (t: string) => {
      const shared = sharedCheck(t);
      chunkTable(t, shared);
      // Note: as the worker thread would, then this one: the first takes a chunk, the second the rest.
      Atomics.store(shared, 0, 1);
      checkShared(t, base, shared);
      const taken = Atomics.load(shared, 0);
      Atomics.store(shared, 0, 0);
      checkShared(t, base, shared);
      return { count: Atomics.load(shared, 1), holds: Atomics.load(shared, 2) === 0, taken, starts: Array.from(shared.subarray(3, 4 + Atomics.load(shared, 1))) };
    };
    const t = table();
    const whole = check(t);
    expect(whole.count).toBeGreaterThan(1);
    expect(whole.holds).toBe(true);
    expect(whole.taken).toBeGreaterThan(whole.count);
    // Each chunk starts at an entry (a path), and together they cover the table.
    expect(whole.starts[0]).toBe(0);
    expect(whole.starts.at(-1)).toBe(t.length);
    const entries = tableFields(t).filter((_, i) => i % 2 === 0);
    for (const at of whole.starts.slice(1, -1)) expect(entries).toContain(t.slice(at, t.indexOf(END, at)));
    writeFileSync(join(base, folders.at(-1)!, 'index.html'), 'mới');
    expect(check(t).holds).toBe(false);
    const fresh = table();
    expect(check(fresh).holds).toBe(true);
    // A folder of the first chunk, gone.
    rmSync(join(base, folders[0]!), { recursive: true });
    expect(check(fresh).holds).toBe(false);
    rmSync(base, { recursive: true });
  });
});

