/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The default theme in a real browser (Debian's chromium through playwright-core) and the Nu HTML
 * Checker: the example site and a mini-site with a table and a figure are built into temp folders,
 * served by a tiny static server on 127.0.0.1, and checked with axe-core (WCAG 2.0/2.1 A and AA),
 * vnu (errors only), screenshots at 360 px, 1280 px and in print (written to test/artifacts/), and a
 * request log that must never leave the local server.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSite, REPO, runCli } from './helpers/site.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO, 'test/artifacts');
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VNU = join(require.resolve('vnu-jar/package.json'), '..', 'build/dist/vnu.jar');

/** The example site's photo, for a figure that loads. */
const PHOTO = readFileSync(join(REPO, 'content/tin-tuc/2020/trao-bang-khen.png'));

/** An article with a wide table and a figure, in a former province, with tags. */
const MINI = {
  'bantin.config.yaml': `title: Bản tin thử
agency:
  name: Ủy ban nhân dân tỉnh Thử
  address: Số 1 đường Thử, tỉnh Thử
  phone: "0200 000 000"
  email: ubnd@thu.example.gov.vn
  url: https://thu.example.gov.vn/
`,
  'content/2024/anh-hoi-nghi.png': PHOTO,
  'content/2024/phan-bo-von.md': `---
title: "Phân bổ vốn hỗ trợ xây dựng nông thôn mới năm 2024"
date: 2024-03-12
province: Bắc Giang
source: https://bacgiang.gov.vn/tin-tuc/phan-bo-von
summary: Tỉnh phân bổ vốn hỗ trợ các xã theo tiêu chí đạt chuẩn, ưu tiên xã đặc biệt khó khăn.
tags: [Nông thôn mới, Ngân sách]
author: Minh Anh
---

Ủy ban nhân dân tỉnh vừa ban hành quyết định phân bổ vốn cho các huyện, thị xã, thành phố.

![Quang cảnh hội nghị triển khai](anh-hoi-nghi.png "Quang cảnh hội nghị triển khai kế hoạch năm 2024")

| Huyện, thị xã, thành phố | Số xã | Vốn ngân sách tỉnh (triệu đồng) | Vốn ngân sách huyện (triệu đồng) | Vốn lồng ghép (triệu đồng) | Ghi chú về tiến độ giải ngân |
|---|---:|---:|---:|---:|---|
| Lục Ngạn | 28 | 45.200 | 12.000 | 8.350 | Giải ngân đạt 62% kế hoạch, ưu tiên các xã đặc biệt khó khăn |
| Yên Thế | 19 | 31.750 | 9.400 | 6.100 | Đang hoàn thiện hồ sơ thanh toán |

## Tổ chức thực hiện

Các địa phương báo cáo kết quả trước ngày 15/12/2024.
`,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** Serves a built folder on 127.0.0.1 (port 0); `/x/` serves `/x/index.html`, unknown paths the 404 page. */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    const file = join(dir, path);
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404, { 'content-type': MIME['.html']! }).end(readFileSync(join(dir, '404.html')));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Builds a site folder with the CLI into a fresh temp folder. */
function buildTo(root: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'bantin-theme-')), 'dist');
  const r = runCli(['build', '--root', root, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return out;
}

let browser: Browser;
let page: Page;
let example: { server: Server; origin: string; dir: string };
let mini: { server: Server; origin: string; dir: string };
const requests: string[] = [];
const failed: string[] = [];
const ARTICLE = '/2024/03/phan-bo-von-ho-tro-xay-dung-nong-thon-moi-nam-2024/';

beforeAll(async () => {
  // Note: a copy of the example site, so the build neither reads nor writes the repository's build cache.
  const exampleRoot = makeSite({ 'bantin.config.yaml': readFileSync(join(REPO, 'bantin.config.yaml'), 'utf8') });
  cpSync(join(REPO, 'content'), join(exampleRoot, 'content'), { recursive: true });
  const exampleDir = buildTo(exampleRoot);
  const miniDir = buildTo(makeSite(MINI));
  example = { ...(await serve(exampleDir)), dir: exampleDir };
  mini = { ...(await serve(miniDir)), dir: miniDir };
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/khong-co-trang-nay/')) failed.push(`${r.status()} ${r.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  for (const s of [example, mini]) {
    if (!s) continue;
    await new Promise((done) => s.server.close(done));
    rmSync(join(s.dir, '..'), { recursive: true, force: true });
  }
});

/** The pages axe and the layout checks visit: every page type, both province kinds. */
const PAGES = () => [
  { name: 'home', url: `${example.origin}/` },
  { name: 'article with table and figure', url: `${mini.origin}${ARTICLE}` },
  { name: 'example article with figure', url: `${example.origin}/2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/` },
  { name: 'tag', url: `${example.origin}/tags/dan-van/` },
  { name: 'tag index', url: `${example.origin}/tags/` },
  { name: 'current province', url: `${example.origin}/provinces/bac-ninh/` },
  { name: 'former province', url: `${example.origin}/provinces/bac-giang/` },
  { name: 'province index', url: `${example.origin}/provinces/` },
  { name: 'year archive', url: `${example.origin}/2024/` },
  { name: 'month archive', url: `${example.origin}/2024/09/` },
  { name: 'archive index', url: `${example.origin}/archives/` },
  { name: '404', url: `${example.origin}/khong-co-trang-nay/` },
  { name: 'search', url: `${example.origin}/tim-kiem/` },
  { name: 'page with child pages', url: `${example.origin}/gioi-thieu/` },
  { name: 'section', url: `${example.origin}/thong-bao/` },
  { name: 'page with a table', url: `${example.origin}/gioi-thieu/co-cau-to-chuc/` },
  { name: 'document registry', url: `${example.origin}/van-ban/` },
  { name: 'document with two files', url: `${example.origin}/van-ban/2024/215-qd-ubnd/` },
  { name: 'replaced document', url: `${example.origin}/van-ban/2021/45-qd-ubnd/` },
];

/** Runs axe-core on the loaded page with the WCAG 2.0/2.1 A and AA rules; returns `rule: targets` lines. */
async function axeViolations(): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Result = { passes: unknown[]; violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    if (result.passes.length === 0) return ['axe ran no rules'];
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the default theme in Chromium', () => {
  it("has unique landmarks on every page (axe's landmark rules, best practice): one search form on the search page", async () => {
    const report: string[] = [];
    for (const p of PAGES()) {
      await page.goto(p.url, { waitUntil: 'load' });
      await page.addScriptTag({ content: AXE });
      const found = await page.evaluate(async () => {
        type Result = { passes: unknown[]; violations: { id: string; nodes: { target: string[] }[] }[] };
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<Result> } }).axe;
        const rules = ['landmark-unique', 'landmark-one-main', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo', 'landmark-no-duplicate-main'];
        const result = await axe.run(document, { runOnly: { type: 'rule', values: rules } });
        if (result.passes.length === 0) return ['axe ran no rules'];
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      for (const v of found) report.push(`${p.name}: ${v}`);
    }
    expect(report).toEqual([]);
  });

  it('axe-core finds no WCAG 2.0/2.1 A or AA violations at 1280 px and 360 px; lang, one h1, landmarks and a skip link on every page', async () => {
    const report: string[] = [];
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of PAGES()) {
        await page.goto(p.url, { waitUntil: 'load' });
        for (const v of await axeViolations()) report.push(`${p.name} at ${width} px: ${v}`);
        const shape = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          h1: document.querySelectorAll('h1').length,
          landmarks: ['body > header', 'header nav', 'body > main', 'body > footer'].filter((sel) => document.querySelector(sel)),
          skip: document.querySelector('body > a.skip-link:first-child')?.getAttribute('href') ?? 'no skip link',
          target: document.querySelector('#noi-dung')?.tagName,
        }));
        expect(shape, p.name).toEqual({ lang: 'vi', h1: 1, landmarks: ['body > header', 'header nav', 'body > main', 'body > footer'], skip: '#noi-dung', target: 'MAIN' });
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(report).toEqual([]);
  });

  it('keyboard focus is visible: the skip link is the first Tab stop, then the site name; Enter moves focus to main', async () => {
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent?.trim(), background: getComputedStyle(el).backgroundColor, inView: box.left >= 0 && box.top >= 0 && box.width > 0 };
      });
    await page.goto(`${example.origin}/`);
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Bỏ qua, đến nội dung chính', background: 'rgb(255, 191, 71)', inView: true });
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Cổng thông tin điện tử tỉnh Bắc Ninh', background: 'rgb(255, 191, 71)', inView: true });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('noi-dung');
  });

  it('the main menu works at 375 px without JavaScript: a submenu opens by keyboard, the current page and its menu item are marked', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
    const phone = await context.newPage();
    try {
      await phone.goto(`${example.origin}/gioi-thieu/lanh-dao/`);
      const menu = phone.locator('nav.main-menu');
      expect(await menu.locator('[aria-current="page"]').allTextContents()).toEqual(['Lãnh đạo Văn phòng']);
      expect(await menu.locator('li.in-trail > details > summary').allTextContents()).toEqual(['Giới thiệu']);
      const child = menu.getByRole('link', { name: 'Cơ cấu tổ chức' });
      expect(await child.isVisible()).toBe(false);
      // Note: Tab from the site name reaches the first item, then the submenu's summary.
      await menu.getByRole('link', { name: 'Trang chủ' }).focus();
      await phone.keyboard.press('Tab');
      expect(await phone.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe('SUMMARY Giới thiệu');
      await phone.keyboard.press('Enter');
      expect(await child.isVisible()).toBe(true);
      await phone.keyboard.press('Tab');
      await phone.keyboard.press('Tab');
      expect(await phone.evaluate(() => document.activeElement?.textContent)).toBe('Chức năng, nhiệm vụ');
      await phone.keyboard.press('Enter');
      await phone.waitForURL(`${example.origin}/gioi-thieu/chuc-nang-nhiem-vu/`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await phone.screenshot({ path: join(ARTIFACTS, 'menu-375.png'), fullPage: false });
    } finally {
      await context.close();
    }
  });

  it('reflows without horizontal scrolling at 320 px and 360 px (200% zoom of 640 px too)', async () => {
    const wide: string[] = [];
    for (const width of [320, 360, 640]) {
      await page.setViewportSize({ width, height: 800 });
      for (const p of PAGES()) {
        await page.goto(p.url);
        const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        if (scroll > client) wide.push(`${p.name} at ${width} px: ${scroll} > ${client}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(wide).toEqual([]);
  });

  it('screenshots the article at 360 px, 1280 px and in print; print shows the article alone with date, province, source and URL', async () => {
    const url = `${mini.origin}${ARTICLE}`;
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'article-360.png'), fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url);
    await page.screenshot({ path: join(ARTIFACTS, 'article-1280.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const shown = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].filter((el) => el.offsetParent !== null || getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0).length;
      const text = (sel: string) => (document.querySelector<HTMLElement>(sel)?.innerText ?? '').replace(/\s+/g, ' ').trim();
      return {
        nav: shown('nav'),
        header: shown('.site-header'),
        footer: shown('.site-footer'),
        skip: shown('.skip-link'),
        h1: text('h1'),
        meta: text('article .meta'),
        source: text('.source'),
        url: text('.print-url'),
      };
    });
    await page.screenshot({ path: join(ARTIFACTS, 'article-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(print).toEqual({
      nav: 0,
      header: 0,
      footer: 0,
      skip: 0,
      h1: 'Phân bổ vốn hỗ trợ xây dựng nông thôn mới năm 2024',
      meta: expect.stringMatching(/Thứ Ba, 12\/3\/2024.*Bắc Giang/),
      source: 'Nguồn: https://bacgiang.gov.vn/tin-tuc/phan-bo-von',
      url: expect.stringContaining('https://example.gov.vn/2024/03/phan-bo-von-ho-tro-xay-dung-nong-thon-moi-nam-2024/'),
    });
  });

  it('no request leaves the local server, and none fails (favicon included)', () => {
    const origins = new Set([example.origin, mini.origin]);
    expect(requests.length).toBeGreaterThan(20);
    expect(requests.filter((u) => !origins.has(new URL(u).origin))).toEqual([]);
    expect(failed).toEqual([]);
  });
});

describe('the default theme in the Nu HTML Checker', () => {
  it('has no errors on any page type', () => {
    const java = spawnSync('java', ['-version']);
    expect(java.status, 'java is missing: apt-get install default-jre-headless').toBe(0);
    const files = [
      join(example.dir, 'index.html'),
      join(example.dir, '2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/index.html'),
      join(mini.dir, ARTICLE.slice(1), 'index.html'),
      join(example.dir, 'tin-tuc/12458.html'),
      join(example.dir, 'tags/index.html'),
      join(example.dir, 'tags/dan-van/index.html'),
      join(example.dir, 'provinces/index.html'),
      join(example.dir, 'provinces/bac-ninh/index.html'),
      join(example.dir, 'provinces/bac-giang/index.html'),
      join(example.dir, 'archives/index.html'),
      join(example.dir, '2024/index.html'),
      join(example.dir, '2024/09/index.html'),
      join(example.dir, '404.html'),
      join(example.dir, 'tim-kiem/index.html'),
      join(example.dir, 'gioi-thieu/index.html'),
      join(example.dir, 'thong-bao/index.html'),
      join(example.dir, 'gioi-thieu/co-cau-to-chuc/index.html'),
      join(example.dir, 'van-ban/index.html'),
      join(example.dir, 'van-ban/2024/215-qd-ubnd/index.html'),
      join(example.dir, 'van-ban/2021/45-qd-ubnd/index.html'),
    ];
    const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', timeout: 120_000 });
    const messages = (JSON.parse(r.stderr || '{"messages":[]}') as { messages: { url: string; lastLine: number; message: string }[] }).messages;
    expect(messages.map((m) => `${m.url.replace(/^file:.*?dist\//, '')}:${m.lastLine}: ${m.message}`)).toEqual([]);
  });
});
