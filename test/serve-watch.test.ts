/**
 * `serve` watching the site: atomic saves, renames, deletions and new folders reach the served
 * site; bursts become one rebuild; the output folder and dot-folders cause none; the watch limit
 * falls back to polling; Ctrl-C stops the command with exit 0.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWatchedPath } from '../src/serve/watch.js';
import { get, nextRebuild, serve } from './helpers/serve-client.js';
import { makeSite, CLI, REPO, runCli } from './helpers/site.js';

const article = (title: string, body = `Nội dung của ${title}.`) => `---
title: "${title}"
date: 2024-03-01
province: Bắc Ninh
source: bacninh.gov.vn
---

${body}
`;

const site = () => makeSite({ 'content/2024/a.md': article('Bài A'), 'content/2024/b.md': article('Bài B') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watching', () => {
  it('serves an atomic save (write a temporary file, rename it over) after one rebuild', async () => {
    const root = site();
    const { session, port } = await serve(root);
    const rebuilt = nextRebuild(session);
    writeFileSync(join(root, 'content/2024/.a.md.tmp'), article('Bài A', 'Đã lưu kiểu nguyên tử.'));
    renameSync(join(root, 'content/2024/.a.md.tmp'), join(root, 'content/2024/a.md'));
    const { result } = await rebuilt;
    expect(result.changed).toContain('2024/03/bai-a/index.html');
    expect((await get(port, '/2024/03/bai-a/')).body).toContain('Đã lưu kiểu nguyên tử.');
  });

  it('turns a burst of saves into one rebuild', async () => {
    const root = site();
    const { session, port } = await serve(root);
    let count = 0;
    session.onRebuild(() => count++);
    const rebuilt = nextRebuild(session);
    for (let i = 0; i < 20; i++) writeFileSync(join(root, 'content/2024/b.md'), article('Bài B', `Lần lưu ${i}.`));
    await rebuilt;
    await sleep(300);
    expect(count).toBe(1);
    expect((await get(port, '/2024/03/bai-b/')).body).toContain('Lần lưu 19.');
  });

  it('follows new folders, renames and deletions', async () => {
    const root = site();
    const { session, port } = await serve(root);
    let rebuilt = nextRebuild(session);
    mkdirSync(join(root, 'content/2025/thang-1'), { recursive: true });
    writeFileSync(join(root, 'content/2025/thang-1/c.md'), article('Bài C').replace('2024-03-01', '2025-01-02'));
    await rebuilt;
    expect((await get(port, '/2025/01/bai-c/')).status).toBe(200);

    rebuilt = nextRebuild(session);
    renameSync(join(root, 'content/2025'), join(root, 'content/2025-moi'));
    await rebuilt;
    expect((await get(port, '/2025/01/bai-c/')).status).toBe(200);

    rebuilt = nextRebuild(session);
    rmSync(join(root, 'content/2024/a.md'));
    await rebuilt;
    expect((await get(port, '/2024/03/bai-a/')).status).toBe(404);
  });

  it('ignores the output folder, dot-folders and editor leftovers, so nothing loops', async () => {
    const root = site();
    const { session } = await serve(root);
    let count = 0;
    session.onRebuild(() => count++);
    for (const dir of ['dist/2024', '.git', 'node_modules/x', 'content/.cache']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'dist/2024/index.html'), 'x');
    writeFileSync(join(root, '.git/index'), 'x');
    writeFileSync(join(root, 'node_modules/x/a.md'), 'x');
    writeFileSync(join(root, 'content/.cache/a.md'), 'x');
    writeFileSync(join(root, 'content/2024/.a.md.swp'), 'x');
    writeFileSync(join(root, 'content/2024/a.md~'), 'x');
    writeFileSync(join(root, 'notes.txt'), 'x');
    await sleep(500);
    expect(count).toBe(0);
    expect(isWatchedPath(root, join(root, 'bantin.config.yaml'))).toBe(true);
    expect(isWatchedPath(root, join(root, 'templates/partials/x.liquid'))).toBe(true);
    expect(isWatchedPath(root, join(root, 'static/a.css'))).toBe(true);
    expect(isWatchedPath(root, join(root, 'dist/index.html'))).toBe(false);
  });

  it('rebuilds after template, static and config changes', async () => {
    const root = site();
    const { session, port } = await serve(root);
    let rebuilt = nextRebuild(session);
    writeFileSync(join(root, 'templates/assets/style.css'), 'body { color: red }\n');
    expect((await rebuilt).result.changed).toEqual(['assets/style.css']);
    rebuilt = nextRebuild(session);
    writeFileSync(join(root, 'bantin.config.yaml'), 'title: Tên mới của bản tin\n');
    await rebuilt;
    expect((await get(port, '/')).body).toContain('Tên mới của bản tin');
    rebuilt = nextRebuild(session);
    mkdirSync(join(root, 'static'));
    writeFileSync(join(root, 'static/ghi-chu.txt'), 'mới\n');
    await rebuilt;
    expect((await get(port, '/ghi-chu.txt')).body).toBe('mới\n');
  });

  it('falls back to polling with a clear message when the watch limit is reached', async () => {
    const root = site();
    const { session, port, err } = await serve(root);
    const limit = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    await session.watcher.handleError(limit);
    expect(session.watcher.isPolling).toBe(true);
    expect(err.join('\n')).toContain('fs.inotify.max_user_watches');
    // Note: a poll compares each file with its first stat, which Node takes on the thread pool after
    // the watcher is ready; a save before that stat (a loaded CI machine) is its baseline, never a
    // change. So the save is made again, up to five times, until a rebuild shows it.
    for (let attempt = 1; ; attempt++) {
      const rebuilt = nextRebuild(session, 2_000);
      writeFileSync(join(root, 'content/2024/a.md'), article('Bài A', `Thấy qua polling, lần lưu ${attempt}.`));
      const seen = await rebuilt.then(() => true, () => false);
      if (seen || attempt === 5) break;
    }
    expect((await get(port, '/2024/03/bai-a/')).body).toMatch(/Thấy qua polling, lần lưu \d\./);
  });
});

describe('the serve command', () => {
  it('prints its URL, and stops cleanly with exit 0 on Ctrl-C and on SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = spawn(process.execPath, [CLI, 'serve', '--root', site(), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (c) => (stdout += c));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      for (let i = 0; i < 100 && !/serving http:\/\/127\.0\.0\.1:\d+\//.test(stdout); i++) await sleep(100);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(stdout)![1]);
      expect((await get(port, '/2024/03/bai-a/')).status).toBe(200);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stdout).toContain('stopped');
    }
  });

  it('documents its flags in --help', () => {
    const r = runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--root', '--port', '--host', '--base-url', '--drafts', '--future', '--open', '--poll']) expect(r.stdout).toContain(flag);
  });
});
