/**
 * `serve` in a real browser (Debian's chromium through playwright-core): a saved article shows
 * its new text without touching the page; broken front matter shows the overlay with file and
 * line over the last good page; the fix brings the page back; a CSS change swaps the stylesheet
 * without a reload; a page no rebuild changed is left alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextRebuild, serve } from './helpers/serve-client.js';
import { makeSite } from './helpers/site.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const article = (title: string, body: string) => `---
title: "${title}"
date: 2024-03-01
province: Bắc Ninh
source: bacninh.gov.vn
---

${body}
`;

describe.skipIf(!existsSync(CHROMIUM))('serve in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let root: string;
  let base = '';
  let session: Awaited<ReturnType<typeof serve>>['session'];

  beforeAll(async () => {
    root = makeSite({
      'content/2024/a.md': article('Bài A', 'Nội dung ban đầu.'),
      'content/2024/b.md': article('Bài B', 'Bài khác.'),
    });
    ({ session } = await serve(root));
    base = session.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const save = async (path: string, text: string) => {
    const rebuilt = nextRebuild(session);
    writeFileSync(join(root, path), text);
    return (await rebuilt).result;
  };
  const marked = () => page.evaluate(() => (window as unknown as { bantinMark?: number }).bantinMark === 1);
  const mark = () => page.evaluate(() => ((window as unknown as { bantinMark?: number }).bantinMark = 1));

  it('shows the new text of a saved article without touching the page', async () => {
    await page.goto(`${base}2024/03/bai-a/`);
    await expect.poll(() => page.textContent('main')).toContain('Nội dung ban đầu.');
    await expect.poll(() => session.live.size).toBe(1);
    await save('content/2024/a.md', article('Bài A', 'Nội dung đã sửa trên đĩa.'));
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Nội dung đã sửa trên đĩa.'), undefined, { timeout: 10_000 });
  });

  it('leaves a page alone when a rebuild did not change it', async () => {
    await mark();
    const result = await save('content/2024/b.md', article('Bài B', 'Bài khác, đã sửa.'));
    expect(result.changed).not.toContain('2024/03/bai-a/index.html');
    await page.waitForTimeout(400);
    expect(await marked()).toBe(true);
  });

  it('swaps the stylesheet without a reload when only CSS changed', async () => {
    await mark();
    const css = readFileSync(join(root, 'templates/assets/style.css'), 'utf8');
    await save('templates/assets/style.css', `${css}\nbody { background-color: rgb(1, 2, 3) !important; }\n`);
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)', undefined, { timeout: 10_000 });
    expect(await marked()).toBe(true);
  });

  it('shows every diagnostic over the last good page while the front matter is broken, and goes away when fixed', async () => {
    const result = await save('content/2024/a.md', article('Bài A', 'Không thấy.').replace('date: 2024-03-01', 'date: 2024-02-31').replace('province: Bắc Ninh', 'province: Bac Ninhh'));
    expect(result.ok).toBe(false);
    const overlay = page.locator('#bantin-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await overlay.textContent()) ?? '';
    expect(text).toMatch(/content\/2024\/a\.md:3:\d+: .*2024-02-31.*\[invalid-date\]/);
    expect(text).toMatch(/content\/2024\/a\.md:4:\d+: .*Bac Ninhh.*\[unknown-province\]/);
    expect(await page.textContent('main')).toContain('Nội dung đã sửa trên đĩa.');

    await save('content/2024/a.md', article('Bài A', 'Đã sửa lỗi.'));
    await overlay.waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('main')?.textContent?.includes('Đã sửa lỗi.'), undefined, { timeout: 10_000 });
  });

  it('shows the overlay on a page opened while the site is broken', async () => {
    await save('content/2024/a.md', '---\ntitle: [Bài A\n---\n');
    const other = await browser.newPage();
    await other.goto(`${base}2024/03/bai-b/`);
    await other.locator('#bantin-overlay').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await other.locator('#bantin-overlay').textContent()).toContain('content/2024/a.md:2:');
    await save('content/2024/a.md', article('Bài A', 'Lại ổn.'));
    await other.locator('#bantin-overlay').waitFor({ state: 'detached', timeout: 10_000 });
    await other.close();
  });
});
