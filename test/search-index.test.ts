/**
 * Search without a browser: the folding shared by slugs, index and query; the records Pagefind
 * receives; the `search` config key; the index as part of the atomic output of `bantin build`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldModuleSource } from '../src/search/search-index.js';
import { stringsFor } from '../src/locale.js';
import { FOLDED_MARKER, foldedWords, searchRecords } from '../src/search/records.js';
import { foldDiacritics, slugify } from '../src/vietnamese/slugs.js';
import { assertLines, build, makeSite, runCli } from './helpers/site.js';

const article = (title: string, province = 'Bắc Giang', extra = '') => `---
title: "${title}"
date: 2020-02-24
province: ${province}
source: example.gov.vn
tags: [Dân vận]
${extra}---

Tuyến đường mới ở Đắk Lắk.
`;

describe('folding', () => {
  it.each([
    ['Bắc Giang', 'Bac Giang'],
    ['dân vận', 'dan van'],
    ['đường', 'duong'],
    ['Đắk Lắk', 'Dak Lak'],
    ['ĐƯỜNG', 'DUONG'],
    ['Khánh Hoà', 'Khanh Hoa'],
    ['Khánh Hòa', 'Khanh Hoa'],
    ['Thừa Thiên Huế', 'Thua Thien Hue'],
    ['Quyết định 215/QĐ-UBND', 'Quyet dinh 215/QD-UBND'],
  ])('folds "%s" to "%s"', (text, folded) => {
    expect(foldDiacritics(text)).toBe(folded);
    expect(foldDiacritics(text.normalize('NFD'))).toBe(folded);
  });

  it('is the same function for slugs, the index and the browser', async () => {
    expect(slugify('Đắk Lắk')).toBe(foldDiacritics('Đắk Lắk').toLowerCase().replace(' ', '-'));
    const source = foldModuleSource();
    const browser = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { foldDiacritics: (s: string) => string };
    for (const text of ['Bắc Giang', 'dân vận', 'đường', 'Đắk Lắk', 'Nguyễn Thị Ánh', 'Ỷ Lan']) {
      expect(browser.foldDiacritics(text)).toBe(foldDiacritics(text));
    }
  });

  it('lists each changed word once, keeping words that need no folding out', () => {
    expect(foldedWords('Đắk Lắk: đường, đường và Giang 2020')).toEqual(['Dak', 'duong']);
    expect(foldedWords('Đắk Lắk: đường, đường và Giang 2020', 'changed')).toEqual(['Dak', 'Lak', 'duong', 'va']);
    expect(foldedWords('plain ascii text', 'changed')).toEqual([]);
  });
});

describe('search records', () => {
  it('hold the published text, the folded đ words after the marker, meta and filters, all escaped', () => {
    const { result, errors } = build({ 'content/2020/a.md': article('Đường <b>\\"mới\\"</b> & cũ', 'Đắk Lắk') });
    expect(errors).toEqual([]);
    const { site, config, body } = result.model!;
    const [record] = searchRecords(site, config, stringsFor('vi', {}), (a) => body(a, 'text'));
    expect(record!.url).toBe('/2020/02/duong-b-moi-b-cu/');
    assertLines(
      record!.html.replace(/></g, '>\n<'),
      `
      <meta data-pagefind-meta="title:Đường &lt;b&gt;&quot;mới&quot;&lt;/b&gt; &amp; cũ">
      <meta data-pagefind-meta="date:Thứ Hai, 24/2/2020">
      <meta data-pagefind-meta="datetime:2020-02-24">
      <meta data-pagefind-meta="province:Đắk Lắk">
      <meta data-pagefind-filter="province:Đắk Lắk">
      <meta data-pagefind-filter="tag:Dân vận">
      <meta data-pagefind-filter="year:2020">
      <h1>Đường &lt;b&gt;"mới"&lt;/b&gt; &amp; cũ</h1>
      <div>Tuyến đường mới ở Đắk Lắk.</div>
      <p>${FOLDED_MARKER}</p>
      <h1>Duong</h1>
      <p>Duong duong Dak</p>
      ! <b>
      `,
    );
  });
});

describe('the search page', () => {
  it('is at /tim-kiem/, with one search form, and the header of every other page has one', () => {
    const { page, errors } = build({ 'content/2020/a.md': article('Bài A') });
    expect(errors).toEqual([]);
    assertLines(
      page('tim-kiem/index.html'),
      `
      <title>Tìm kiếm – Bản tin</title>
      <meta name="robots" content="noindex">
      <form class="search-form" action="/tim-kiem/" method="get" role="search">
      <label for="search-q">Từ khóa tìm kiếm</label>
      <noscript><p class="search-noscript">Tìm kiếm cần JavaScript. Bạn vẫn có thể xem bài theo chủ đề, tỉnh, thành phố hoặc lưu trữ.</p></noscript>
      <script type="module" src="/assets/search.js"></script>
      data-bundle="/pagefind/" data-base="/" data-fold="/assets/fold.js" data-marker="${FOLDED_MARKER}" data-lang="vi"
      `,
    );
    for (const path of ['index.html', '2020/02/bai-a/index.html', 'tags/index.html', '404.html']) {
      assertLines(page(path), '<form class="site-search" action="/tim-kiem/" method="get" role="search">');
    }
    // Note: the search page has one search form, its own (two landmarks of role search fail axe's landmark-unique).
    assertLines(page('tim-kiem/index.html'), '! site-search');
    expect(page('tim-kiem/index.html').match(/role="search"/g)).toHaveLength(1);
  });

  it('moves with search.path and the base URL, and disappears with search.enabled: false', () => {
    const moved = build(
      { 'bantin.config.yaml': 'search: { path: tra-cuu }\n', 'content/2020/a.md': article('Bài A') },
      { baseUrl: 'https://example.gov.vn/ban-tin/' },
    );
    expect(moved.errors).toEqual([]);
    assertLines(moved.page('tra-cuu/index.html'), 'data-bundle="/ban-tin/pagefind/" data-base="/ban-tin/"');
    assertLines(moved.page('index.html'), '<form class="site-search" action="/ban-tin/tra-cuu/" method="get" role="search">');

    const off = build({ 'bantin.config.yaml': 'search:\n  enabled: false\n', 'content/2020/a.md': article('Bài A') });
    expect(off.errors).toEqual([]);
    expect(off.writer.files.has('tim-kiem/index.html')).toBe(false);
    assertLines(off.page('index.html'), '! site-search');
  });

  it('reports a wrong search key at its line', () => {
    expect(build({ 'bantin.config.yaml': 'title: T\nsearch: { path: a/b }\n' }).errors).toEqual([
      'bantin.config.yaml:2:9: search.path must be a URL segment of a-z, 0-9 and - [config-type]',
    ]);
    expect(build({ 'bantin.config.yaml': 'search:\n  enable: true\n' }).errors[0]).toMatch(/has an unknown key "enable" \(known: enabled, path\) \[config-type\]$/);
  });
});

describe('bantin build', () => {
  it('writes the index with the pages and prints its size', async () => {
    const root = makeSite({ 'content/2020/a.md': article('Bài A'), 'content/2021/b.md': article('Bài B', 'Đắk Lắk') });
    const out = join(root, 'dist');
    const r = runCli(['build', '--root', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^search index: 2 pages, \d+ files, \d+\.\d KB$/m);
    const files = readdirSync(join(out, 'pagefind'));
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json', 'fragment', 'index', 'filter']));
    // Note: Pagefind's own result UIs are not shipped; the search page has its own.
    expect(files.filter((f) => /ui/.test(f))).toEqual([]);
    const served = (await import(pathToFileURL(join(out, 'assets/fold.js')).href)) as { foldDiacritics: (s: string) => string };
    expect(served.foldDiacritics('Đắk Lắk đường')).toBe('Dak Lak duong');
    const entry = JSON.parse(readFileSync(join(out, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(entry.languages.vi?.page_count).toBe(2);

    // The same input writes the same index: a rebuild changes no file.
    expect(runCli(['build', '--root', root]).stdout).toMatch(/\(0 files written, \d+ unchanged, 0 removed/);
  });

  it('leaves the previous index as it was when the build fails', () => {
    const root = makeSite({ 'content/2020/a.md': article('Bài A') });
    const first = runCli(['build', '--root', root]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = readdirSync(join(root, 'dist/pagefind/fragment'));
    const bad = makeSite({ 'content/2020/a.md': article('Bài A'), 'content/2020/b.md': article('Bài B', 'Bac Giangg') });
    const r = runCli(['build', '--root', bad, '--out', join(root, 'dist')]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('search index');
    expect(readdirSync(join(root, 'dist/pagefind/fragment'))).toEqual(before);
  });

  it('builds no index when search is off', () => {
    const root = makeSite({ 'bantin.config.yaml': 'search: { enabled: false }\n', 'content/2020/a.md': article('Bài A') });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('search index');
    expect(existsSync(join(root, 'dist/pagefind'))).toBe(false);
  });
});
