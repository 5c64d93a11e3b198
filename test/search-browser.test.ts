/**
 * Search in a real browser (Debian's chromium through playwright-core): a mini-site built with its
 * Pagefind index, served from memory by a tiny static server, searched by typing into its search
 * page. Folded queries find Vietnamese text (`đ` included); queries with diacritics rank exact
 * matches first; filters narrow; everything works under a base-URL subpath and without JavaScript
 * the page says so.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteWithSearch } from '../src/pipeline.js';
import { MemoryWriter } from '../src/write/writer.js';
import { makeSite } from './helpers/site.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const article = (f: { title: string; date: string; province: string; tags: string; body: string }) => `---
title: "${f.title}"
date: ${f.date}
province: ${f.province}
source: example.gov.vn
tags: [${f.tags}]
---

${f.body}
`;

const SITE = {
  'content/2020/dan-van.md': article({
    title: 'Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận',
    date: '2020-02-24',
    province: 'Bắc Giang',
    tags: 'Dân vận',
    body: 'Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp với chính quyền các cấp.',
  }),
  'content/2021/duong-giao-thong.md': article({
    title: 'Hoàn thành tuyến đường liên xã',
    date: '2021-06-10',
    province: 'Đắk Lắk',
    tags: 'Giao thông',
    body: 'Tuyến đường dài 12 km nối trung tâm huyện với các xã vùng sâu, vùng xa.',
  }),
  'content/2022/binh-duong.md': article({
    title: 'Khu công nghiệp mới thu hút đầu tư',
    date: '2022-03-15',
    province: 'Bình Dương',
    tags: 'Kinh tế',
    body: 'Tỉnh Bình Dương khởi công khu công nghiệp mới, dự kiến tạo việc làm cho 5.000 lao động.',
  }),
  'content/2022/dan-van-bac-ninh.md': article({
    title: 'Bắc Ninh sơ kết công tác dân vận khéo',
    date: '2022-09-01',
    province: 'Bắc Ninh',
    tags: 'Dân vận',
    body: 'Các mô hình dân vận khéo được nhân rộng ở cơ sở; nhiều tập thể được tặng danh hiệu, đảng viên gương mẫu.',
  }),
  'content/2023/bac-ho.md': article({
    title: 'Học tập và làm theo tấm gương đạo đức Bác Hồ',
    date: '2023-05-19',
    province: 'Hà Nội',
    tags: 'Tuyên giáo',
    body: 'Cán bộ, đảng viên học tập và làm theo lời Bác dạy.',
  }),
};

const MIME: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', json: 'application/json' };

/** Builds the site with its index into memory and serves it below `base` on 127.0.0.1. */
async function buildAndServe(root: string, baseUrl: string): Promise<{ server: Server; url: string; files: Map<string, string | Uint8Array> }> {
  const writer = new MemoryWriter();
  const result = await buildSiteWithSearch({ root, baseUrl, now: Date.parse('2026-01-01T00:00:00Z') }, writer);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const prefix = new URL(baseUrl).pathname;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('outside the base path');
      return;
    }
    let file = path.slice(prefix.length);
    if (file === '' || file.endsWith('/')) file += 'index.html';
    const body = writer.files.get(file);
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[file.split('.').pop()!] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}${prefix}`, files: writer.files };
}

async function search(page: Page, query: string): Promise<{ titles: string[]; status: string }> {
  await page.locator('#search-q').fill(query);
  await page.locator('#search-q').press('Enter');
  const status = page.locator('.search-status');
  await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/kết quả|Không tìm thấy|results?|No articles/);
  return { titles: await page.locator('.search-result h2 a').allTextContents(), status: (await status.textContent()) ?? '' };
}

describe.skipIf(!existsSync(CHROMIUM))('search in Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  describe('at the site root', () => {
    let page: Page;
    let url = '';
    const requests: string[] = [];

    beforeAll(async () => {
      const site = await buildAndServe(makeSite(SITE), 'https://example.gov.vn/');
      servers.push(site.server);
      url = site.url;
      page = await browser.newPage();
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${url}tim-kiem/`);
    });

    it.each([
      ['bac giang', 'Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận'],
      ['dan van', 'Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận'],
      ['dan van', 'Bắc Ninh sơ kết công tác dân vận khéo'],
      ['duong', 'Hoàn thành tuyến đường liên xã'],
      ['dak lak', 'Hoàn thành tuyến đường liên xã'],
    ])('"%s" finds "%s"', async (query, title) => {
      const { titles } = await search(page, query);
      expect(titles).toContain(title);
    });

    it('ranks the exact spelling first when the query has diacritics', async () => {
      // Note: "đường" and "Dương" fold to the same word; typed with its `đ`, the road comes first.
      expect((await search(page, 'đường')).titles[0]).toBe('Hoàn thành tuyến đường liên xã');
      expect((await search(page, 'duong')).titles).toEqual(
        expect.arrayContaining(['Hoàn thành tuyến đường liên xã', 'Khu công nghiệp mới thu hút đầu tư']),
      );
      expect((await search(page, 'Bác')).titles[0]).toBe('Học tập và làm theo tấm gương đạo đức Bác Hồ');
      expect((await search(page, 'Bắc')).titles[0]).not.toBe('Học tập và làm theo tấm gương đạo đức Bác Hồ');
    });

    it('shows title, Vietnamese date, province and an excerpt with the match highlighted', async () => {
      const { status } = await search(page, 'duong lien xa');
      expect(status).toBe('1 kết quả cho “duong lien xa”');
      const first = page.locator('.search-result').first();
      await expect.poll(() => first.locator('time').getAttribute('datetime')).toBe('2021-06-10');
      expect(await first.locator('time').textContent()).toBe('Thứ Năm, 10/6/2021');
      expect(await first.locator('.meta').textContent()).toBe('Thứ Năm, 10/6/2021 · Đắk Lắk');
      expect(await first.locator('h2 a').getAttribute('href')).toBe('/2021/06/hoan-thanh-tuyen-duong-lien-xa/');
      expect(await first.locator('.search-excerpt mark').allTextContents()).toEqual(['đường', 'xã', 'xa']);
      expect(await first.locator('.search-excerpt').textContent()).toBe(
        'Tuyến đường dài 12 km nối trung tâm huyện với các xã vùng sâu, vùng xa.',
      );
    });

    it('filters by province, tag, year and month', async () => {
      expect((await search(page, 'dan van')).titles).toHaveLength(2);
      await page.locator('select[name="province"]').selectOption('Bắc Ninh');
      await expect.poll(() => page.locator('.search-result h2 a').allTextContents()).toEqual(['Bắc Ninh sơ kết công tác dân vận khéo']);
      expect(page.url()).toContain('province=B%E1%BA%AFc+Ninh');
      await page.locator('select[name="province"]').selectOption('');
      await page.locator('select[name="year"]').selectOption('2020');
      await expect.poll(() => page.locator('.search-result h2 a').allTextContents()).toEqual([
        'Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận',
      ]);
      await page.locator('select[name="year"]').selectOption('');
      expect(await page.locator('select[name="month"] option').allTextContents()).toEqual(['Tất cả', '2023-05 (0)', '2022-09 (1)', '2022-03 (0)', '2021-06 (0)', '2020-02 (1)']);
      await page.locator('select[name="month"]').selectOption('2022-09');
      await expect.poll(() => page.locator('.search-result h2 a').allTextContents()).toEqual(['Bắc Ninh sơ kết công tác dân vận khéo']);
      await page.locator('select[name="month"]').selectOption('');
      await page.locator('#search-q').fill('');
      await page.locator('select[name="tag"]').selectOption('Giao thông');
      await expect.poll(() => page.locator('.search-result h2 a').allTextContents()).toEqual(['Hoàn thành tuyến đường liên xã']);
      await page.locator('select[name="tag"]').selectOption('');
    });

    it('marks the words the query matched, not every word that begins like it', async () => {
      await search(page, 'dan');
      const item = page.locator('.search-result').filter({ hasText: 'Bắc Ninh sơ kết công tác dân vận khéo' });
      expect(await item.locator('.search-excerpt mark').allTextContents()).toEqual(['dân']);
      // Note: a word still being typed matches as the start of a word, as Pagefind matches it.
      await search(page, 'danh hie');
      expect(await page.locator('.search-result').first().locator('.search-excerpt mark').allTextContents()).toEqual(['danh', 'hiệu']);
    });

    it('counts each filter value within the results, the other filters applied', async () => {
      const labels = (name: string) => page.locator(`select[name="${name}"] option:not([value=""])`).evaluateAll((os) => os.map((o) => `${o.textContent}${(o as HTMLOptionElement).disabled ? ' off' : ''}`));
      await page.locator('#search-q').fill('');
      await page.locator('#search-q').press('Enter');
      await expect.poll(() => labels('tag')).toEqual(['Dân vận (2)', 'Giao thông (1)', 'Kinh tế (1)', 'Tuyên giáo (1)']);
      await search(page, 'dan van');
      await expect.poll(() => labels('province')).toEqual(['Bắc Giang (1)', 'Bắc Ninh (1)', 'Bình Dương (0) off', 'Đắk Lắk (0) off', 'Hà Nội (0) off']);
      expect(await labels('year')).toEqual(['2023 (0) off', '2022 (1)', '2021 (0) off', '2020 (1)']);
      expect(await labels('tag')).toEqual(['Dân vận (2)', 'Giao thông (0) off', 'Kinh tế (0) off', 'Tuyên giáo (0) off']);
      await page.locator('select[name="province"]').selectOption('Bắc Ninh');
      await expect.poll(() => labels('year')).toEqual(['2023 (0) off', '2022 (1)', '2021 (0) off', '2020 (0) off']);
      // Note: a filter's own values are counted without it, so another can be chosen.
      expect(await labels('province')).toEqual(['Bắc Giang (1)', 'Bắc Ninh (1)', 'Bình Dương (0) off', 'Đắk Lắk (0) off', 'Hà Nội (0) off']);
      await page.locator('select[name="province"]').selectOption('');
    });

    it('runs the query from the header form of any page', async () => {
      await page.goto(`${url}2020/`);
      await page.locator('.site-search input[name="q"]').fill('dak lak');
      await page.locator('.site-search button').click();
      await page.waitForURL(/tim-kiem\/\?q=dak\+lak/);
      await expect.poll(() => page.locator('.search-result h2 a').allTextContents()).toEqual(['Hoàn thành tuyến đường liên xã']);
    });

    it('loads nothing from another host', () => {
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((r) => !r.startsWith(url))).toEqual([]);
    });
  });

  it('works under a subpath base URL', async () => {
    const site = await buildAndServe(makeSite(SITE), 'https://example.gov.vn/ban-tin/');
    servers.push(site.server);
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(r.url());
    });
    await page.goto(`${site.url}2020/`);
    expect(await page.locator('.site-search').getAttribute('action')).toBe('/ban-tin/tim-kiem/');
    await page.goto(`${site.url}tim-kiem/?q=bac+giang`);
    await expect.poll(() => page.locator('.search-result h2 a').allTextContents()).toContain(
      'Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận',
    );
    const href = await page.locator('.search-result h2 a').first().getAttribute('href');
    expect(href).toBe('/ban-tin/2020/02/bac-giang-tiep-tuc-phat-huy-vai-tro-cua-cong-tac-dan-van/');
    await page.locator('.search-result h2 a').first().click();
    await page.waitForURL(`${site.url}2020/02/bac-giang-tiep-tuc-phat-huy-vai-tro-cua-cong-tac-dan-van/`);
    expect(await page.locator('h1').first().textContent()).toBe('Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận');
    expect(failed).toEqual([]);
    await page.close();
  });

  it("opens a tag's articles of one section from the tag's page: the search page with both filters", async () => {
    const sectioned = Object.fromEntries(Object.entries(SITE).map(([path, text]) => [path.replace(/^content\/(\d{4})\/dan-van-bac-ninh/, 'content/thong-bao/$1/dan-van-bac-ninh').replace(/^content\/(\d{4})\//, 'content/tin-tuc/$1/'), text]));
    const config = 'sections:\n  - { id: tin-tuc, title: Tin tức }\n  - { id: thong-bao, title: Thông báo }\n';
    const site = await buildAndServe(makeSite({ ...sectioned, 'bantin.config.yaml': config }), 'https://example.gov.vn/');
    servers.push(site.server);
    const page = await browser.newPage();
    await page.goto(`${site.url}tags/dan-van/`);
    expect(await page.locator('.section-filters').textContent()).toBe('Xem theo mục tin: Tin tức (1) · Thông báo (1)');
    await page.locator('.section-filters a', { hasText: 'Thông báo' }).click();
    await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 }).toMatch(/kết quả/);
    expect(await page.locator('.search-result h2 a').allTextContents()).toEqual(['Bắc Ninh sơ kết công tác dân vận khéo']);
    expect(await page.locator('select[name="section"]').inputValue()).toBe('Thông báo');
    expect(await page.locator('select[name="tag"]').inputValue()).toBe('Dân vận');
    await page.close();
  });

  describe('in the document registry', () => {
    const record = (number: string, type: string, issued: string, summary: string, extra = '', body = '') => `---\nnumber: ${number}\ntype: ${type}\nissued: ${issued}\nsummary: ${summary}\n${extra}---\n${body}\n`;
    const REGISTRY = {
      'bantin.config.yaml': 'sections:\n  - { id: tin-tuc, title: Tin tức }\n  - { id: van-ban, title: Văn bản, kind: documents }\ndocuments:\n  issuers: { UBND: Ủy ban nhân dân tỉnh Bắc Ninh }\n',
      'content/van-ban/2024/qd-215.md': record('215/QĐ-UBND', 'Quyết định', '2024-02-24', 'Về việc ban hành Quy chế làm việc', 'field: Hành chính\nreplaces: [100/QĐ-UBND]\n'),
      'content/van-ban/2023/qd-100.md': record('100/QĐ-UBND', 'Quyết định', '2023-01-10', 'Về việc ban hành Quy chế làm việc nhiệm kỳ trước', 'field: Hành chính\n', 'Được thay thế; xem thêm các quyết định 215 khác của năm.'),
      'content/van-ban/2024/qd-2150.md': record('2150/QĐ-UBND', 'Quyết định', '2024-10-01', 'Về việc phê duyệt danh mục 215 dự án', 'field: Đầu tư\n'),
      'content/van-ban/2024/cv-215.md': record('215/UBND-KT', 'Công văn', '2024-03-05', 'V/v báo cáo kinh tế quý I', 'field: Kinh tế\n'),
      'content/van-ban/2024/kh-21.md': record('21/KH-UBND', 'Kế hoạch', '2024-01-05', 'Kế hoạch chuyển đổi số đến năm 2030', 'effective: 2030-01-01\nfield: Chuyển đổi số\n', 'Thực hiện Quyết định 215 về quy chế làm việc.'),
      'content/tin-tuc/2024/bai.md': article({ title: 'Triển khai quyết định 215 của tỉnh', date: '2024-03-01', province: 'Bắc Ninh', tags: 'Chính quyền', body: 'Các sở, ngành thực hiện quyết định số 215 về quy chế làm việc.' }),
    };
    let site: { url: string };
    let page: Page;

    beforeAll(async () => {
      const served = await buildAndServe(makeSite(REGISTRY), 'https://example.gov.vn/');
      servers.push(served.server);
      site = served;
      page = await browser.newPage();
      await page.goto(`${site.url}tim-kiem/`);
    });

    it.each(['215/QĐ-UBND', '215 qd ubnd', '215/qđ-ubnd', '215 QĐ UBND', 'quyet dinh 215', 'quyết định 215'])('"%s" finds Quyết định 215/QĐ-UBND first', async (query) => {
      const { titles } = await search(page, query);
      expect(titles[0]).toBe('Quyết định 215/QĐ-UBND');
    });

    it('finds a công văn by its number, and a document of another number not first', async () => {
      expect((await search(page, '215/UBND-KT')).titles[0]).toBe('Công văn 215/UBND-KT');
      expect((await search(page, '2150/QĐ-UBND')).titles[0]).toBe('Quyết định 2150/QĐ-UBND');
    });

    it("opens the registry's filter on the search page, each value counted within the filters chosen", async () => {
      const registry = await browser.newPage();
      await registry.goto(`${site.url}van-ban/`);
      expect(await registry.locator('.registry-filters select[name="type"] option').allTextContents()).toEqual(['Tất cả', 'Công văn (1)', 'Kế hoạch (1)', 'Quyết định (3)']);
      await registry.locator('.registry-filters select[name="type"]').selectOption('Quyết định');
      await registry.locator('.registry-filters button[type="submit"]').click();
      await expect.poll(() => registry.locator('.search-status').textContent(), { timeout: 10_000 }).toMatch(/kết quả/);
      expect((await registry.locator('.search-result h2 a').allTextContents()).sort()).toEqual(['Quyết định 100/QĐ-UBND', 'Quyết định 215/QĐ-UBND', 'Quyết định 2150/QĐ-UBND']);
      const options = (name: string) => registry.locator(`select[name="${name}"] option`).allTextContents();
      // Note: counts within section Văn bản and type Quyết định; a status none of them has is 0 (and disabled).
      expect(await options('status')).toEqual(['Tất cả', 'Bị thay thế (1)', 'Chưa có hiệu lực (0)', 'Còn hiệu lực (2)']);
      expect(await options('field')).toEqual(['Tất cả', 'Chuyển đổi số (0)', 'Đầu tư (1)', 'Hành chính (2)', 'Kinh tế (0)']);
      expect(await registry.locator('select[name="status"] option', { hasText: 'Chưa có hiệu lực' }).isDisabled()).toBe(true);
      await registry.locator('select[name="status"]').selectOption('Còn hiệu lực');
      await expect.poll(async () => (await registry.locator('.search-result h2 a').allTextContents()).sort()).toEqual(['Quyết định 215/QĐ-UBND', 'Quyết định 2150/QĐ-UBND']);
      expect(await options('type')).toEqual(['Tất cả', 'Công văn (1)', 'Kế hoạch (0)', 'Quyết định (2)']);
      await registry.close();
    });
  });

  it('shows the English strings on an English site', async () => {
    const site = await buildAndServe(makeSite({ ...SITE, 'bantin.config.yaml': 'language: en\n' }), 'https://example.gov.vn/');
    servers.push(site.server);
    const page = await browser.newPage();
    await page.goto(`${site.url}tim-kiem/?q=dak+lak`);
    await expect.poll(() => page.locator('.search-status').textContent()).toBe('1 result for “dak lak”');
    expect(await page.locator('.search-filters legend').textContent()).toBe('Filter results');
    await page.close();
  });

  it('falls back to a form with a message when JavaScript is off', async () => {
    const site = await buildAndServe(makeSite(SITE), 'https://example.gov.vn/ban-tin/');
    servers.push(site.server);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}tim-kiem/?q=dan+van`);
    expect(await page.locator('.search-noscript').textContent()).toBe(
      'Tìm kiếm cần JavaScript. Bạn vẫn có thể xem bài theo chủ đề, tỉnh, thành phố hoặc lưu trữ.',
    );
    expect(await page.locator('#search').isVisible()).toBe(false);
    expect(await page.locator('.search-form').getAttribute('action')).toBe('/ban-tin/tim-kiem/');
    await context.close();
  });

  describe('on a site of two languages', () => {
    let url = '';
    const english = (title: string, date: string, body: string) => `---\ntitle: ${title}\ndate: ${date}\nprovince: Bắc Ninh\nsource: bacninh.gov.vn\n---\n\n${body}\n`;

    beforeAll(async () => {
      const site = await buildAndServe(
        makeSite({
          ...SITE,
          'bantin.config.yaml': 'languages:\n  - code: vi\n  - code: en\n    title: Portal\n    search: { path: search }\n',
          'content/en/2022/dan-van-bac-ninh.md': english('Bắc Ninh reviews its skilled mass mobilisation', '2022-09-01', 'Models of skilled mass mobilisation spread in Bắc Ninh.'),
          'content/en/2024/conference.md': english('Year-end conference of Bắc Ninh', '2024-12-20', 'The province reviews the year.'),
        }),
        'https://example.gov.vn/',
      );
      servers.push(site.server);
      url = site.url;
    });

    // Note: the status names the query it answers, so a result is never read from the query before.
    const search = async (page: Page, query: string) => {
      await page.locator('#search-q').fill(query);
      await page.locator('#search-q').press('Enter');
      await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 }).toContain(`“${query}”`);
      return { titles: await page.locator('.search-result h2 a').allTextContents(), status: (await page.locator('.search-status').textContent()) ?? '' };
    };

    it('finds only English pages on the English search page, and only Vietnamese ones on the Vietnamese', async () => {
      const page = await browser.newPage();
      await page.goto(`${url}en/search/`);
      expect((await search(page, 'Bac Ninh')).titles.sort()).toEqual(['Bắc Ninh reviews its skilled mass mobilisation', 'Year-end conference of Bắc Ninh']);
      const found = await search(page, 'conference');
      expect(found.titles).toEqual(['Year-end conference of Bắc Ninh']);
      expect(found.status).toBe('1 result for “conference”');
      expect(await page.locator('.search-result h2 a').first().getAttribute('href')).toBe('/en/2024/12/year-end-conference-of-bac-ninh/');
      // Note: the Vietnamese article of the same path is the English one's translation, and not in its index.
      expect((await search(page, 'dan van')).titles).toEqual([]);
      await page.goto(`${url}tim-kiem/`);
      expect((await search(page, 'Bac Ninh')).titles).toEqual(['Bắc Ninh sơ kết công tác dân vận khéo']);
      expect((await search(page, 'Year-end')).titles).toEqual([]);
      await page.close();
    });
  });
});
