import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/build-cache.js';
import { defaultConfig } from '../src/config.js';
import { readPages, type PageResult } from '../src/content/page.js';
import { TINY } from './helpers/photos.js';
import { assertLines, build as buildFiles, buildInMemory, coldOutput, makeSite as makeFiles, parseSections, runCli, snapshotDir } from './helpers/site.js';

/** Files of inline sections, with a real photo for the portal's organisation chart when they name it. */
const files = (text: string) => ({ ...parseSections(text), ...(text.includes('(so-do.png)') ? { 'content/pages/gioi-thieu/so-do.png': TINY.png } : {}) });
const build = (text: string, options: Parameters<typeof buildFiles>[1] = {}) => buildFiles(files(text), options);
const makeSite = (text: string) => makeFiles(files(text));

const PORTAL = `
-- bantin.config.yaml --
agency:
  name: Sở Thông tin và Truyền thông
  phone: 0229 387 1234
  url: https://ninhbinh.gov.vn/
-- content/2024/le-ra-mat.md --
---
title: Lễ ra mắt cổng thông tin
date: 2024-05-02
province: Bắc Ninh
source: stttt.bacninh.gov.vn
---
Xem [cơ cấu tổ chức](../pages/gioi-thieu/co-cau-to-chuc.md).
-- content/pages/gioi-thieu/index.md --
---
title: Giới thiệu
summary: Chức năng, nhiệm vụ và tổ chức của Sở.
weight: 1
---
Sở Thông tin và Truyền thông là cơ quan chuyên môn thuộc UBND tỉnh.
-- content/pages/gioi-thieu/co-cau-to-chuc.md --
---
title: Cơ cấu tổ chức
weight: 20
updated: 2024-06-01
---
![Sơ đồ tổ chức](so-do.png)

Tin mới: [lễ ra mắt](../../2024/le-ra-mat.md).
-- content/pages/gioi-thieu/lanh-dao.md --
---
title: Lãnh đạo Sở
weight: 10
---
Giám đốc và các Phó Giám đốc.
-- content/pages/gioi-thieu/chuc-nang.md --
---
title: Chức năng, nhiệm vụ
weight: 10
---
Tham mưu cho UBND tỉnh.
-- content/pages/lien-he.md --
---
title: Liên hệ
weight: 9
contact: true
---
Địa chỉ: 01 Nguyễn Văn Cừ.
-- content/pages/nhap.md --
---
title: Bản nháp
draft: true
---
Chưa xong.
`;

describe('pages', () => {
  it('makes a page of each file under content/pages/ at the URL of its path, with breadcrumbs and its child pages in order', () => {
    const { errors, page, writer } = build(PORTAL);
    const chart = (ext: string) => [...writer.files.keys()].find((f) => f.startsWith('pages/gioi-thieu/so-do-8.') && f.endsWith(ext))!;
    expect(errors).toEqual([]);
    assertLines(
      page('gioi-thieu/co-cau-to-chuc/index.html'),
      `
      <title>Cơ cấu tổ chức – Bản tin</title>
      <li><a href="/">Trang chủ</a></li>
      <li><a href="/gioi-thieu/">Giới thiệu</a></li>
      <li><a href="/gioi-thieu/co-cau-to-chuc/" aria-current="page">Cơ cấu tổ chức</a></li>
      <h1>Cơ cấu tổ chức</h1>
      <p class="meta"><span>Cập nhật: <time datetime="2024-06-01">Thứ Bảy, 1/6/2024</time></span></p>
      <p><picture><source type="image/webp" srcset="/${chart('.webp')} 8w" sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)"><img src="/${chart('.png')}" srcset="/${chart('.png')} 8w" sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)" width="8" height="6" alt="Sơ đồ tổ chức" loading="lazy" decoding="async"></picture></p>
      <p>Tin mới: <a href="/2024/05/le-ra-mat-cong-thong-tin/">lễ ra mắt</a>.</p>
      ! class="subpages"
      `,
    );
    // Note: children by weight, then title in Vietnamese order ("Chức" before "Lãnh").
    assertLines(
      page('gioi-thieu/index.html'),
      `
      <p class="lead">Chức năng, nhiệm vụ và tổ chức của Sở.</p>
      <h2 id="cac-trang-trong-muc">Các trang trong mục</h2>
      <li><a href="/gioi-thieu/chuc-nang/">Chức năng, nhiệm vụ</a></li>
      <li><a href="/gioi-thieu/lanh-dao/">Lãnh đạo Sở</a></li>
      <li><a href="/gioi-thieu/co-cau-to-chuc/">Cơ cấu tổ chức</a></li>
      `,
    );
    // Note: the contact page shows the agency's contacts from the config, as the footer does.
    const contact = page('lien-he/index.html');
    expect(contact).toContain('{"@context":"https://schema.org","@type":"ContactPage","name":"Liên hệ","url":"https://example.gov.vn/lien-he/","inLanguage":"vi","publisher":{"@type":"GovernmentOrganization","name":"Sở Thông tin và Truyền thông","url":"https://ninhbinh.gov.vn/","telephone":"0229 387 1234"}}');
    assertLines(contact, `
      <h2 id="lien-he-co-quan"><a href="https://ninhbinh.gov.vn/">Sở Thông tin và Truyền thông</a></h2>
      <p>Điện thoại: <a href="tel:02293871234">0229 387 1234</a></p>
    `);
    expect(contact.split('<p>Điện thoại: <a href="tel:02293871234">0229 387 1234</a></p>')).toHaveLength(3);
    const home = page('index.html');
    expect(home.indexOf('<li><a href="/gioi-thieu/">Giới thiệu</a></li>')).toBeLessThan(home.indexOf('<li><a href="/lien-he/">Liên hệ</a></li>'));
    expect(home).toContain('<nav class="footer-pages" aria-label="Thông tin về cơ quan">');
    assertLines(page('2024/05/le-ra-mat-cong-thong-tin/index.html'), '<p>Xem <a href="/gioi-thieu/co-cau-to-chuc/">cơ cấu tổ chức</a>.</p>');
    expect(writer.files.has('pages/gioi-thieu/so-do.png')).toBe(false);
    expect(chart('.png')).toMatch(/^pages\/gioi-thieu\/so-do-8\.[0-9a-f]{10}\.png$/);
    expect(writer.files.has('nhap/index.html')).toBe(false);
    // Note: pages are in the sitemap, not in feeds or archives.
    const sitemap = page('sitemap.xml');
    expect(sitemap).toContain('<url><loc>https://example.gov.vn/gioi-thieu/co-cau-to-chuc/</loc><lastmod>2024-06-01T00:00:00+07:00</lastmod></url>');
    expect(sitemap).toContain('<url><loc>https://example.gov.vn/lien-he/</loc></url>');
    expect(page('atom.xml')).not.toContain('Liên hệ');
    expect(page('2024/index.html')).not.toContain('Liên hệ</a></h2>');
  });

  it('publishes draft pages only with drafts on', () => {
    const { errors, page } = build(PORTAL, { drafts: true });
    expect(errors).toEqual([]);
    assertLines(page('nhap/index.html'), '<h1>Bản nháp</h1>');
  });

  it('reports each bad page at its line, with all of them in one build', () => {
    const { errors, writer } = build(`
-- content/2024/a.md --
---
title: Bài
date: 2024-05-02
province: Bắc Ninh
source: stttt.bacninh.gov.vn
---
Xem [nháp](../pages/nhap.md) và [không có](../pages/khong-co.md).
-- content/pages/index.md --
---
title: Trang chủ
---
-- content/pages/gioi-thieu.md --
---
title: Giới thiệu
---
-- content/pages/gioi-thieu/index.md --
---
title: Giới thiệu (bản hai)
---
-- content/pages/lien-he.md --
---
summary: Không có tiêu đề
weight: nhiều
---
-- content/pages/so-do.md --
---
title: Sơ đồ
weight: 1.5
draft: có
updated: 2024-13-01
---
-- content/pages/nhap.md --
---
title: Nháp
draft: true
---
[Bài](../2024/khong-co.md)
`);
    expect(errors).toEqual([
      'content/2024/a.md:7:5: link to "content/pages/nhap.md", which is a draft; fix the path or remove the link [broken-link]',
      'content/2024/a.md:7:33: link to "content/pages/khong-co.md", which does not exist; fix the path or remove the link [broken-link]',
      'content/pages/gioi-thieu/index.md:1:1: this page and content/pages/gioi-thieu.md both make /gioi-thieu/; rename or move one of them [duplicate-page]',
      'content/pages/index.md:1:1: content/pages/index.md would be the front page, which lists the newest articles; put this text in a page of its own, e.g. content/pages/gioi-thieu.md [page-url]',
      'content/pages/lien-he.md:1:1: missing title; add "title: …" to the front matter [missing-field]',
      'content/pages/lien-he.md:3:9: weight must be a whole number (pages with a smaller weight come first), e.g. weight: 10 [field-type]',
      'content/pages/so-do.md:3:9: weight must be a whole number (pages with a smaller weight come first), e.g. weight: 10 [field-type]',
      'content/pages/so-do.md:4:8: draft must be true or false [field-type]',
      'content/pages/so-do.md:5:10: date "2024-13-01" is not a calendar date; write YYYY-MM-DD [invalid-date]',
    ]);
    expect(writer.files.size).toBe(0);
  });

  it('reports a page and an article that make one URL', () => {
    const { errors } = build(`
-- bantin.config.yaml --
permalink: /:slug/
-- content/2024/lien-he.md --
---
title: Liên hệ
date: 2024-05-02
province: Bắc Ninh
source: stttt.bacninh.gov.vn
---
-- content/pages/lien-he.md --
---
title: Liên hệ
---
`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^content\/pages\/lien-he\.md:.* lien-he\/index\.html, as does content\/2024\/lien-he\.md; .*\[duplicate-output\]$/);
  });

  it('puts pages in the search index', async () => {
    const root = makeSite(PORTAL);
    const { searchRecords } = await import('../src/search/records.js');
    const { result } = buildInMemory(root);
    const model = result.model!;
    const records = searchRecords(model.site, model.config, (await import('../src/locale.js')).stringsFor('vi', {}), (a) => model.body(a, 'text'));
    expect(records.map((r) => r.url)).toEqual(['/2024/05/le-ra-mat-cong-thong-tin/', '/gioi-thieu/', '/gioi-thieu/chuc-nang/', '/gioi-thieu/lanh-dao/', '/gioi-thieu/co-cau-to-chuc/', '/lien-he/']);
    expect(records[5]!.html).toContain('<h1>Liên hệ</h1>');
    expect(records[5]!.html).not.toContain('data-pagefind-filter="year');
  });

  it('rebuilds with the cache as a cold build does after a page is edited, added and removed', async () => {
    // Note: search off, as the in-process cold build's folding module is printed from other compiled code.
    const root = makeSite(PORTAL.replace('-- bantin.config.yaml --\n', '-- bantin.config.yaml --\nsearch: { enabled: false }\n'));
    const built = runCli(['build', '--root', root]);
    expect(built.code, built.stderr).toBe(0);
    const page = join(root, 'content/pages/gioi-thieu/lanh-dao.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('Lãnh đạo Sở', 'Ban Giám đốc').replace('weight: 10', 'weight: 30'));
    writeFileSync(join(root, 'content/pages/gioi-thieu/van-phong.md'), '---\ntitle: Văn phòng Sở\n---\nTầng 3.\n');
    const rebuilt = runCli(['build', '--root', root]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    assertLines(
      readFileSync(join(root, 'dist/gioi-thieu/index.html'), 'utf8'),
      `
      <li><a href="/gioi-thieu/chuc-nang/">Chức năng, nhiệm vụ</a></li>
      <li><a href="/gioi-thieu/co-cau-to-chuc/">Cơ cấu tổ chức</a></li>
      <li><a href="/gioi-thieu/lanh-dao/">Ban Giám đốc</a></li>
      <li><a href="/gioi-thieu/van-phong/">Văn phòng Sở</a></li>
      `,
    );
    rmSync(join(root, 'content/pages/lien-he.md'));
    const again = runCli(['build', '--root', root]);
    expect(again.code, again.stderr).toBe(0);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    expect(existsSync(join(root, 'dist/lien-he/index.html'))).toBe(false);
  });

  it('treats a page as untrusted content: raw HTML dropped, every value escaped; check counts and checks pages', () => {
    const root = makeSite(`-- content/pages/lien-he.md --
---
title: "<img src=x onerror=alert(1)> Liên hệ"
summary: "\\" onmouseover=\\"alert(2)"
---
<script>alert(3)</script>

[Ảnh](<javascript:alert(4)>) [Lạc](khong-co.pdf)
-- content/pages/khac.md --
---
title: Khác
---
[Liên hệ](lien-he.md)
`);
    const { errors, page } = buildInMemory(root);
    expect(errors).toEqual([]);
    const html = page('lien-he/index.html');
    expect(html).toContain('<h1>&lt;img src=x onerror=alert(1)&gt; Liên hệ</h1>');
    expect(html).not.toMatch(/<script>alert|onerror=alert\(1\)>|href="javascript:/);
    expect(html).toContain('<p class="lead">&#34; onmouseover=&#34;alert(2)</p>');
    expect(html).toContain('"@type":"WebPage","name":"\\u003cimg src=x onerror=alert(1)\\u003e Liên hệ"');
    const checked = runCli(['check', '--root', root]);
    expect(checked.stderr.trim().split('\n')).toEqual([
      'content/pages/lien-he.md:7:30: link or image "content/pages/khong-co.pdf" does not exist; put the file there or fix the path [broken-link]',
      'checked 0 article(s) and 2 page(s): 1 error(s), 0 warning(s)',
    ]);
  });

  it('parses a page again only when its bytes change, with a store (the build cache) kept between builds', () => {
    const root = makeSite(PORTAL);
    const cache = new BuildCache();
    const parsed: string[] = [];
    // Note: the cache's answers, with a record of each page it had no result for (which is then parsed).
    const counting = {
      pageSource: (path: string, hash: string) => cache.pageSource(path, hash) ?? void parsed.push(path),
      keepPageSource: (path: string, hash: string, result: PageResult) => cache.keepPageSource(path, hash, result),
    };
    const paths = ['content/pages/lien-he.md', 'content/pages/gioi-thieu/index.md'];
    cache.begin(defaultConfig());
    const first = readPages(root, paths, defaultConfig(), counting);
    expect(parsed).toEqual(paths);
    cache.begin(defaultConfig());
    writeFileSync(join(root, 'content/pages/lien-he.md'), '---\ntitle: Liên hệ (sửa)\n---\n');
    parsed.length = 0;
    const second = readPages(root, paths, defaultConfig(), counting);
    expect(parsed).toEqual(['content/pages/lien-he.md']);
    expect(second.pages.map((p) => p.title)).toEqual(['Liên hệ (sửa)', 'Giới thiệu']);
    expect(second.pages[1]).toBe(first.pages[1]);
  });
});
