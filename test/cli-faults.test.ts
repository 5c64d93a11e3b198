import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLI, makeSite, REPO, runCli, snapshotDir } from './helpers/site.js';

const article = (title: string, body = 'Nội dung.') => `---
title: ${title}
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
---
${body}
`;

const PRELOAD = join(REPO, 'test/helpers/fault-preload.mjs');

/** Runs the CLI with the `fs` calls named failing with `code` for paths matching `path` (see fault-preload.mjs). */
function runWithFault(args: string[], fault: { code: string; calls: string[]; path: string }) {
  const r = spawnSync(process.execPath, ['--import', PRELOAD, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FAULT_CODE: fault.code, FAULT_CALLS: fault.calls.join(','), FAULT_PATH: fault.path },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a folder whose name says it is temporary, by path below it. */
function leftovers(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => /\.tmp($|-)|\.clock-/.test(p)).sort();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('environment faults are diagnostics, not internal errors', () => {
  it('reports a full disk while writing the output as one line naming the file, leaving the output and no temporary files', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    expect(runCli(['build', '--root', root]).code).toBe(0);
    const before = snapshotDir(join(root, 'dist'));
    writeFileSync(join(root, 'content/a.md'), article('Bài một', 'Nội dung mới.'));
    const r = runWithFault(['build', '--root', root], { code: 'ENOSPC', calls: ['writeFileSync'], path: '\\.dist\\.tmp-.*\\.html$' });
    expect(r.stderr).toMatch(new RegExp(`^${escape(root)}/dist/[^ ]+\\.html: cannot write it: the disk is full \\(ENOSPC\\); free some space, then run it again \\[disk-full\\]\\n$`));
    expect(r.code).toBe(1);
    expect(snapshotDir(join(root, 'dist'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['.bantin-cache', '.dist.a', 'content', 'dist', 'templates']);
  });

  it('builds the site when the cache cannot be saved on a full disk, with a warning, and leaves no half-written file', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    const r = runWithFault(['build', '--root', root], { code: 'ENOSPC', calls: ['writeSync'], path: '/build\\.cache\\.[^/]*\\.tmp$' });
    expect(r.stderr).toBe(
      `warning: the build cache in .bantin-cache/ could not be saved (${root}/.bantin-cache/build.cache: cannot write it: the disk is full (ENOSPC); free some space, then run it again) [cache-ignored]\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^built 1 articles/);
    expect(leftovers(root)).toEqual([]);
    const again = runCli(['build', '--root', root]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });

  it('refuses a read-only output before building, naming the folder and the cause (not ENOENT)', () => {
    for (const [code, cause, rule] of [['EROFS', 'is on a read-only file system', 'read-only'], ['EACCES', 'is not writable for this user', 'permission-denied']]) {
      const root = makeSite({ 'content/a.md': article('Bài một') });
      expect(runCli(['build', '--root', root]).code).toBe(0);
      const before = snapshotDir(join(root, 'dist'));
      writeFileSync(join(root, 'content/a.md'), article('Bài một', 'Nội dung mới.'));
      const dist = join(root, 'dist');
      const r = runWithFault(['build', '--root', root], { code: code!, calls: ['accessSync', 'mkdirSync', 'writeFileSync', 'renameSync', 'linkSync', 'rmSync', 'unlinkSync'], path: `^${escape(dist)}(/|$)` });
      expect(r.stderr).toBe(
        `dist: ${dist} ${cause} (${code}), so the output folder ${dist} cannot be replaced; make it writable or choose another --out [${rule}]\n` +
          'build failed: 1 error(s); the previous output was left as it was\n',
      );
      expect(r.code).toBe(1);
      expect(snapshotDir(dist)).toEqual(before);
      expect(readdirSync(root).sort()).toEqual(['.bantin-cache', '.dist.a', 'content', 'dist', 'templates']);
    }
  });

  it('skips a symbolic link loop inside content/ with a warning', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    mkdirSync(join(root, 'content/sub'));
    symlinkSync('../sub/x', join(root, 'content/sub/x'));
    const r = runCli(['build', '--root', root]);
    expect(r.stderr).toBe('content/sub/x:1:1: warning: symbolic link points to nothing and is skipped; fix or remove it [symlink-broken]\n');
    expect(r.code).toBe(0);
  });

  it('warns once, builds, and leaves no temporary file when a folder is where a cache file belongs', () => {
    const cases: [string, string][] = [
      ['build.cache', 'warning: the build cache in .bantin-cache/ is damaged (build.cache is not a readable file) and is not used; it is rebuilt [cache-ignored]\n'],
      ['build-record.json', 'warning: the build record in .bantin-cache/ is not used: build-record.json is not a readable file; it is written again [cache-ignored]\n'],
    ];
    for (const [file, warning] of cases) {
      const root = makeSite({ 'content/a.md': article('Bài một') });
      mkdirSync(join(root, '.bantin-cache', file, 'x'), { recursive: true });
      // Note: the first build warns and writes the file in the folder's place; the next has nothing to say.
      for (const [text, said] of [['Một.', warning], ['Hai.', '']] as const) {
        writeFileSync(join(root, 'content/a.md'), article('Bài một', text));
        const r = runCli(['build', '--root', root]);
        expect(r.stderr, file).toBe(said);
        expect(r.code).toBe(0);
        expect(leftovers(root)).toEqual([]);
      }
    }
  });

  it('ignores a build record of the wrong shape with a warning, like a damaged one', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    expect(runCli(['build', '--root', root]).code).toBe(0);
    const file = join(root, '.bantin-cache/build-record.json');
    // Note: with its checksum right, so that only its shape is wrong.
    const signed = (text: string) => `${text}\n${crc32(text)}\n`;
    const [body] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, signed(JSON.stringify({ ...(JSON.parse(body!) as Record<string, unknown>), sources: null, files: 5 })));
    const r = runCli(['build', '--root', root]);
    expect(r.stderr).toBe('warning: the build record in .bantin-cache/ is not used: build-record.json is not a build record; it is written again [cache-ignored]\n');
    expect(r.code).toBe(0);
    writeFileSync(file, signed('{"format": 1, "tool"'));
    expect(runCli(['build', '--root', root]).stderr).toBe('warning: the build record in .bantin-cache/ is not used: build-record.json is not a build record; it is written again [cache-ignored]\n');
    writeFileSync(file, '{"format": 2, "tool"');
    expect(runCli(['build', '--root', root]).stderr).toBe('warning: the build record in .bantin-cache/ is not used: build-record.json is damaged; it is written again [cache-ignored]\n');
    expect(runCli(['build', '--root', root]).stderr).toBe('');
  });
});

describe('the command line', () => {
  it('ends quietly when stdout is closed before it prints, in every command', async () => {
    const parent = makeSite({});
    const site = makeSite({ 'content/a.md': article('Bài một') });
    const commands = [['init', join(parent, 'moi')], ['build', '--root', site], ['check', '--root', site], ['--help'], ['build', '--help']];
    for (const args of commands) {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      // Note: the reader goes away before the first line, as `| head -0` would; every write then meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    }
  });

  it('fails at once when the port given to serve is taken, before building', async () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, [CLI, 'serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe(`bantin serve: port ${port} is already in use; stop the other server or choose another --port\n`);
      expect(stdout).toBe('');
      expect(code).toBe(1);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
