import { describe, expect, it } from 'vitest';
import { assertLines, build } from './helpers/site.js';

/** `n` articles in Hà Nội, one a day from 1 January 2024 (article 1 is the oldest). */
function articles(n: number, extra = ''): string {
  let text = '';
  for (let i = 1; i <= n; i++) {
    const day = new Date(Date.UTC(2024, 0, i)).toISOString().slice(0, 10);
    text += `-- content/bai-${i}.md --\n---\ntitle: Bài ${i}\ndate: ${day}\nprovince: Hà Nội\nsource: hanoi.gov.vn\n${extra}---\nNội dung ${i}.\n`;
  }
  return text;
}

const pageFiles = (files: Iterable<string>, prefix: string) =>
  [...files].filter((f) => f.startsWith(prefix) && /^(page\/\d+\/)?index\.html$/.test(f.slice(prefix.length)));

describe('pagination', () => {
  it.each([
    [0, 1],
    [1, 1],
    [20, 1],
    [21, 2],
    [41, 3],
  ])('%i articles make %i home page(s)', (n, pages) => {
    const { errors, writer, page } = build(articles(n));
    expect(errors).toEqual([]);
    const home = [...writer.files.keys()].filter((f) => f === 'index.html' || /^page\/\d+\/index\.html$/.test(f));
    expect(home).toEqual(['index.html', ...Array.from({ length: pages - 1 }, (_, i) => `page/${i + 2}/index.html`)].sort());
    const first = page('index.html');
    const entries = (html: string) => [...html.matchAll(/<h2><a href="[^"]+">(Bài \d+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(entries(first)).toEqual(Array.from({ length: Math.min(n, 20) }, (_, i) => `Bài ${n - i}`));
    if (n === 0) {
      assertLines(first, `
        <p class="empty">Chưa có bài viết nào.</p>
        ! class="pagination"
        ! atom.xml`);
      expect(writer.files.has('atom.xml')).toBe(false);
      expect(writer.files.has('archives/index.html')).toBe(false);
    }
    if (pages > 1) {
      const last = page(`page/${pages}/index.html`);
      expect(entries(last)).toEqual(Array.from({ length: n - 20 * (pages - 1) }, (_, i) => `Bài ${n - 20 * (pages - 1) - i}`));
      assertLines(last, `
        <title>Bản tin – Trang ${pages}</title>
        <li><a href="${pages === 2 ? '/' : `/page/${pages - 1}/`}" rel="prev">Trang trước</a></li>
        <li><a href="/page/${pages}/" aria-current="page">${pages}</a></li>
        ! rel="next"`);
      assertLines(first, `
        <li><a href="/" aria-current="page">1</a></li>
        <li><a href="/page/2/" rel="next">Trang sau</a></li>
        ! rel="prev"`);
      expect(writer.files.has(`page/${pages + 1}/index.html`)).toBe(false);
    } else {
      expect(first).not.toContain('class="pagination"');
    }
    if (n > 0) {
      // The province page and the archive pages paginate the same way.
      expect(pageFiles(writer.files.keys(), 'provinces/ha-noi/')).toHaveLength(pages);
      expect(pageFiles(writer.files.keys(), '2024/')).toHaveLength(pages);
    }
  });

  it('honours pageSize and the page segment', () => {
    const { writer, page } = build(`${articles(3)}-- bantin.config.yaml --\npageSize: 2\nsegments: { page: trang, tags: chu-de, provinces: tinh }\n`);
    expect(writer.files.has('trang/2/index.html')).toBe(true);
    expect(writer.files.has('tinh/ha-noi/trang/2/index.html')).toBe(true);
    expect(writer.files.has('tinh/index.html')).toBe(true);
    assertLines(page('index.html'), '<li><a href="/trang/2/" rel="next">Trang sau</a></li>');
  });
});

const TAGS = `
-- content/a.md --
---
title: Bài A
date: 2024-03-01
province: Đắk Lắk
source: daklak.gov.vn
tags: [Đường sá, Dân vận, an ninh]
---
A.
-- content/b.md --
---
title: Bài B
date: 2024-03-02
province: Bắc Giang
source: bacgiang.gov.vn
tags: [dân vận, Zalo]
---
B.
-- content/c.md --
---
title: Bài C
date: 2024-03-03
province: Cà Mau
source: camau.gov.vn
tags: [Dân vận, Ánh sáng, Chính quyền]
---
C.
`;

describe('taxonomies', () => {
  it('gives a tag with one article its page, and lists tags in Vietnamese order', () => {
    const { messages, page, writer } = build(TAGS);
    expect(messages).toEqual(['content/b.md:6:7: warning: tags "dân vận" and "Dân vận" (content/a.md and 1 more) make one page, shown as "Dân vận", the spelling most articles use; write "Dân vận" to match [term-spelling]']);
    assertLines(page('tags/zalo/index.html'), `
      <h1>Zalo</h1>
      <p class="count">1 bài viết</p>
      <h2><a href="/2024/03/bai-b/">Bài B</a></h2>
      <link rel="alternate" type="application/atom+xml" title="Zalo – Atom" href="/tags/zalo/atom.xml">`);
    expect(writer.files.has('tags/zalo/atom.xml')).toBe(true);
    const index = page('tags/index.html');
    const names = [...index.matchAll(/<li><a href="\/tags\/[^"]+\/">([^<]+)<\/a> \((\d+) bài viết\)/g)].map((m) => `${m[1]} ${m[2]}`);
    // Note: code-point order would put "Ánh sáng" last and "Đường sá" after "Zalo".
    expect(names).toEqual(['an ninh 1', 'Ánh sáng 1', 'Chính quyền 1', 'Dân vận 3', 'Đường sá 1', 'Zalo 1']);
  });

  it('lists provinces in Vietnamese order, former ones marked', () => {
    const { page } = build(TAGS);
    const index = page('provinces/index.html');
    const names = [...index.matchAll(/<li><a href="\/provinces\/[^"]+\/">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(names).toEqual(['Bắc Giang', 'Cà Mau', 'Đắk Lắk']);
    // Bắc Ninh has no articles here: no page, no link.
    assertLines(index, '<li><a href="/provinces/bac-giang/">Bắc Giang</a> (1 bài viết) · Tỉnh cũ, Bắc Ninh</li>');
  });

  it('links a former province and its current one both ways; a province with no articles gets no page and no link', () => {
    const both = build(`${TAGS}-- content/d.md --\n---\ntitle: Bài D\ndate: 2025-08-01\nprovince: Bắc Ninh\nsource: bacninh.gov.vn\n---\nD.\n`);
    assertLines(both.page('provinces/bac-giang/index.html'), `
      <p class="merger"><strong>Tỉnh cũ.</strong> Từ ngày 1/7/2025, Bắc Giang là một phần của <a href="/provinces/bac-ninh/">Bắc Ninh</a>.</p>`);
    assertLines(both.page('provinces/bac-ninh/index.html'), `
      <h2>Các tỉnh cũ hợp nhất vào Bắc Ninh</h2>
      <li><a href="/provinces/bac-giang/">Bắc Giang</a></li>
      ! class="merger"`);

    const alone = build(TAGS);
    expect(alone.writer.files.has('provinces/bac-ninh/index.html')).toBe(false);
    assertLines(alone.page('provinces/bac-giang/index.html'), `
      <p class="merger"><strong>Tỉnh cũ.</strong> Từ ngày 1/7/2025, Bắc Giang là một phần của Bắc Ninh.</p>
      ! href="/provinces/bac-ninh/"`);
    for (const [path, html] of alone.writer.files) {
      if (path.endsWith('.html')) expect(String(html), path).not.toContain('/provinces/bac-ninh/');
    }
  });

  it('gives any configured taxonomy the same pages, and links the indexes from the header', () => {
    const { errors, page, writer } = build(`
-- bantin.config.yaml --
required: [title, date]
taxonomies: [topics, authors]
provinces: off
strings: { topics: Chủ đề, authors: Tác giả }
-- content/a.md --
---
title: Open data
date: 2024-05-01
topics: [Open Data, Accessibility]
authors: [jane-doe]
---
A.
-- content/b.md --
---
title: Plain language
date: 2024-05-02
topics: [Plain Language, Open Data]
authors: [jane-doe, ann]
---
B.
`);
    expect(errors).toEqual([]);
    expect(writer.files.has('topics/open-data/index.html')).toBe(true);
    expect(writer.files.has('authors/jane-doe/atom.xml')).toBe(true);
    expect(writer.files.has('tags/index.html')).toBe(false);
    assertLines(page('topics/index.html'), `
      <li><a href="/topics/accessibility/">Accessibility</a> (1 bài viết)</li>
      <li><a href="/topics/open-data/">Open Data</a> (2 bài viết)</li>`);
    assertLines(page('index.html'), `
      <li><a href="/" aria-current="page">Trang chủ</a></li>
      <li><a href="/topics/">Chủ đề</a></li>
      <li><a href="/authors/">Tác giả</a></li>
      <li><a href="/archives/">Lưu trữ</a></li>
      ! href="/provinces/"`);
  });
});

describe('archives, 404 and aliases', () => {
  it('has year and month pages and an index', () => {
    const { page } = build(TAGS);
    assertLines(page('archives/index.html'), `
      <li><a href="/2024/">Năm 2024</a> (3 bài viết)
      <li><a href="/2024/03/">Tháng 3/2024</a> (3)</li>`);
    assertLines(page('2024/03/index.html'), `
      <h1>Tháng 3/2024</h1>
      <h2><a href="/2024/03/bai-c/">Bài C</a></h2>`);
    assertLines(page('2024/index.html'), '<h1>Năm 2024</h1>');
  });

  it('writes 404.html in the theme and redirect pages for aliases', () => {
    const { errors, page } = build(articles(1, 'aliases: [/tin-tuc/12458.html, "https://old.example.gov.vn/tin/cu/"]\n'));
    expect(errors).toEqual([]);
    assertLines(page('404.html'), `
      <h1>Không tìm thấy trang</h1>
      <link rel="stylesheet" href="/assets/style.css">`);
    for (const path of ['tin-tuc/12458.html', 'tin/cu/index.html']) {
      assertLines(page(path), `
        <link rel="canonical" href="https://example.gov.vn/2024/01/bai-1/">
        <meta http-equiv="refresh" content="0; url=/2024/01/bai-1/">
        <p>Trang đã chuyển tới <a href="/2024/01/bai-1/">Bài 1</a></p>`);
    }
    expect(page('sitemap.xml')).not.toContain('tin-tuc');
    expect(page('sitemap.xml')).not.toContain('404');
  });

  it('reports an alias that collides with another output', () => {
    const { errors } = build(articles(2).replace('title: Bài 2\n', 'title: Bài 2\naliases: [/2024/01/bai-1/]\n'));
    expect(errors).toEqual([
      'content/bai-2.md:3:11: writes 2024/01/bai-1/index.html, as does content/bai-1.md; change or remove this alias [duplicate-output]',
    ]);
  });
});
