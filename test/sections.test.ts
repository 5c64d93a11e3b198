import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY } from './helpers/photos.js';
import { assertLines, build, coldOutput, makeSite, runCli, snapshotDir } from './helpers/site.js';

const article = (title: string, date: string, extra = '') => `---
title: ${title}
date: ${date}
province: Bắc Ninh
source: bacninh.gov.vn
${extra}---
Nội dung ${title}.
`;

const PORTAL = {
  'bantin.config.yaml': `title: Cổng tin
pageSize: 2
sections:
  - { id: tin-tuc, title: Tin tức – Sự kiện, home: 2 }
  - id: thong-bao
    title: Thông báo
    path: thong-bao-moi
    pageSize: 1
    required: [summary]
  - { id: lich, title: Lịch công tác, feed: false }
`,
  'content/tin-tuc/2024/khoi-cong.md': article('Khởi công cầu Kênh Vàng', '2024-05-02'),
  'content/tin-tuc/2024/hoi-nghi.md': article('Hội nghị chuyển đổi số', '2024-06-10'),
  'content/tin-tuc/2024/anh.png': TINY.png,
  'content/lich/2024/tuan-28.md': article('Lịch công tác tuần 28', '2024-07-08', 'image: anh.png\nimage_alt: Phòng họp\nimage_caption: Phiên họp thường kỳ\n'),
  'content/lich/2024/anh.png': TINY.png,
  'content/tin-tuc/2023/le-hoi.md': article('Lễ hội Lim', '2023-02-05'),
  'content/thong-bao/2024/tuyen-dung.md': article('Thông báo tuyển dụng', '2024-07-01', 'summary: Tuyển 5 công chức.\n'),
  'content/thong-bao/2024/lich-nghi.md': article('Lịch nghỉ lễ', '2024-04-20', 'summary: Nghỉ 5 ngày.\n'),
  'content/lich/2024/tuan-27.md': article('Lịch công tác tuần 27', '2024-07-01'),
};

describe('sections', () => {
  it('gives each section its listing, pages, feeds and place in breadcrumbs; the front page shows the sections that ask', () => {
    const { errors, page, writer } = build(PORTAL);
    expect(errors).toEqual([]);
    assertLines(
      page('tin-tuc/index.html'),
      `
      <title>Tin tức – Sự kiện – Cổng tin</title>
      <li><a href="/tin-tuc/" aria-current="page">Tin tức – Sự kiện</a></li>
      <h1>Tin tức – Sự kiện</h1>
      <p class="count">3 bài viết</p>
      <h2><a href="/2024/06/hoi-nghi-chuyen-doi-so/">Hội nghị chuyển đổi số</a></h2>
      <h2><a href="/2024/05/khoi-cong-cau-kenh-vang/">Khởi công cầu Kênh Vàng</a></h2>
      <link rel="alternate" type="application/atom+xml" title="Tin tức – Sự kiện – Atom" href="/tin-tuc/atom.xml">
      ! Lễ hội Lim
      `,
    );
    assertLines(page('tin-tuc/page/2/index.html'), '<h2><a href="/2023/02/le-hoi-lim/">Lễ hội Lim</a></h2>');
    // Note: a section's own page size and URL segment.
    assertLines(page('thong-bao-moi/index.html'), '<h2><a href="/2024/07/thong-bao-tuyen-dung/">Thông báo tuyển dụng</a></h2>');
    assertLines(page('thong-bao-moi/page/2/index.html'), '<h2><a href="/2024/04/lich-nghi-le/">Lịch nghỉ lễ</a></h2>');
    expect(page('tin-tuc/atom.xml')).toContain('<title>Tin tức – Sự kiện – Cổng tin</title>');
    expect(JSON.parse(page('thong-bao-moi/feed.json'))).toMatchObject({ title: 'Thông báo – Cổng tin', feed_url: 'https://example.gov.vn/thong-bao-moi/feed.json', items: [{ title: 'Thông báo tuyển dụng' }, { title: 'Lịch nghỉ lễ' }] });
    expect(writer.files.has('lich/index.html')).toBe(true);
    expect(writer.files.has('lich/atom.xml')).toBe(false);
    expect(writer.files.has('lich/feed.json')).toBe(false);
    assertLines(
      page('2024/05/khoi-cong-cau-kenh-vang/index.html'),
      `
      <li><a href="/">Trang chủ</a></li>
      <li><a href="/tin-tuc/">Tin tức – Sự kiện</a></li>
      <li><a href="/provinces/bac-ninh/">Bắc Ninh</a></li>
      `,
    );
    const home = page('index.html');
    const lead = (ext: string) => [...writer.files.keys()].find((f) => f.startsWith('lich/2024/anh-8.') && f.endsWith(`.${ext}`))!;
    assertLines(
      home,
      `
      <h2 id="muc-tin-tuc"><a href="/tin-tuc/">Tin tức – Sự kiện</a></h2>
      <h3><a href="/2024/06/hoi-nghi-chuyen-doi-so/">Hội nghị chuyển đổi số</a></h3>
      <h3><a href="/2024/05/khoi-cong-cau-kenh-vang/">Khởi công cầu Kênh Vàng</a></h3>
      ! id="muc-thong-bao"
      `,
    );
    expect(page('page/2/index.html')).not.toContain('home-sections');
    // Note: mixed listings name each entry's section; a section's own listing does not.
    assertLines(page('provinces/bac-ninh/page/2/index.html'), '<p class="meta"><time datetime="2024-07-01">Thứ Hai, 1/7/2024</time> · <a href="/thong-bao-moi/">Thông báo</a> · <a href="/provinces/bac-ninh/">Bắc Ninh</a></p>');
    expect(page('tin-tuc/index.html')).not.toContain('<a href="/tin-tuc/">Tin tức – Sự kiện</a> ·');
    expect(page('sitemap.xml')).toContain('<url><loc>https://example.gov.vn/thong-bao-moi/page/2/</loc><lastmod>2024-04-20T00:00:00+07:00</lastmod></url>');
    // Note: tags, provinces and archives span every section.
    assertLines(page('provinces/bac-ninh/index.html'), '<p class="count">7 bài viết</p>');
    // Note: a province's, a year's and a month's listing link to their articles of each section, through the search page's filters.
    assertLines(
      page('provinces/bac-ninh/index.html'),
      '<p class="section-filters">Xem theo mục tin: <a href="/tim-kiem/?province=B%E1%BA%AFc%20Ninh&amp;section=Tin%20t%E1%BB%A9c%20%E2%80%93%20S%E1%BB%B1%20ki%E1%BB%87n">Tin tức – Sự kiện</a> (3) · <a href="/tim-kiem/?province=B%E1%BA%AFc%20Ninh&amp;section=Th%C3%B4ng%20b%C3%A1o">Thông báo</a> (2) · <a href="/tim-kiem/?province=B%E1%BA%AFc%20Ninh&amp;section=L%E1%BB%8Bch%20c%C3%B4ng%20t%C3%A1c">Lịch công tác</a> (2)</p>',
    );
    assertLines(page('2023/index.html'), '<p class="section-filters">Xem theo mục tin: <a href="/tim-kiem/?year=2023&amp;section=Tin%20t%E1%BB%A9c%20%E2%80%93%20S%E1%BB%B1%20ki%E1%BB%87n">Tin tức – Sự kiện</a> (1)</p>');
    assertLines(page('2024/05/index.html'), '<p class="section-filters">Xem theo mục tin: <a href="/tim-kiem/?month=2024-05&amp;section=Tin%20t%E1%BB%A9c%20%E2%80%93%20S%E1%BB%B1%20ki%E1%BB%87n">Tin tức – Sự kiện</a> (1)</p>');
    // Note: the newest article leads the front page, with its photo; the others have none.
    assertLines(
      home,
      `
      <article class="entry lead-story">
      <figure class="lead-image"><picture><source type="image/webp" srcset="/${lead('webp')} 8w" sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)"><img src="/${lead('png')}" srcset="/${lead('png')} 8w" sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)" width="8" height="6" alt="Phòng họp" fetchpriority="high"></picture></figure>
      <h2><a href="/2024/07/lich-cong-tac-tuan-28/">Lịch công tác tuần 28</a></h2>
      `,
    );
    expect(home.match(/<img /g)).toHaveLength(1);
    // Note: no agency contacts in the config, so no contact box on the front page; with them, one.
    expect(home).not.toContain('home-contact');
    const withAgency = build({ ...PORTAL, 'bantin.config.yaml': `${PORTAL['bantin.config.yaml']}agency: { name: Sở Nội vụ, phone: 0222 3822 001 }\n` });
    assertLines(withAgency.page('index.html'), `
      <h2 id="lien-he-trang-chu">Liên hệ</h2>
      <p>Điện thoại: <a href="tel:02223822001">0222 3822 001</a></p>
    `);
  });

  it('builds a site without sections as before: no section pages, no section in breadcrumbs', () => {
    const { errors, writer, page } = build({ 'content/2024/a.md': article('Bài', '2024-05-02') });
    expect(errors).toEqual([]);
    expect([...writer.files.keys()].filter((f) => f.includes('tin-tuc'))).toEqual([]);
    expect(page('index.html')).not.toContain('home-sections');
  });

  it("puts :section in permalinks, and the section in search records' filters", async () => {
    const { errors, result } = build({ ...PORTAL, 'bantin.config.yaml': `${PORTAL['bantin.config.yaml']}permalink: /:section/:year/:slug/\n` });
    expect(errors).toEqual([]);
    const model = result.model!;
    expect(model.site.articles.map((a) => a.url)).toContain('/thong-bao-moi/2024/thong-bao-tuyen-dung/');
    const { searchRecords } = await import('../src/search/records.js');
    const { stringsFor } = await import('../src/locale.js');
    const records = searchRecords(model.site, model.config, stringsFor('vi', {}), (a) => model.body(a, 'text'));
    expect(records.find((r) => r.url === '/thong-bao-moi/2024/thong-bao-tuyen-dung/')!.html).toContain('<meta data-pagefind-filter="section:Thông báo">');
  });

  it('reports an article outside every section, a missing field its section requires, and section config mistakes at their lines', () => {
    const { errors } = build({
      ...PORTAL,
      'content/2024/lac.md': article('Bài lạc', '2024-05-02'),
      'content/thong-bao/2024/thieu.md': article('Thiếu phần dẫn', '2024-05-03'),
    });
    expect(errors).toEqual([
      'content/2024/lac.md:1:1: this article is in content/2024/, which is no section of the site; move it into a section\'s folder (content/tin-tuc/, content/thong-bao/, content/lich/) or add the section to sections: in the config [unknown-section]',
      'content/thong-bao/2024/thieu.md:1:1: missing summary; add "summary: …" to the front matter [missing-field]',
    ]);
    const config = build({
      'bantin.config.yaml': `sections:
  - { id: tin-tuc, title: Tin tức }
  - { id: tags, title: Chủ đề }
  - { id: thong-bao, title: Thông báo, path: tin-tuc }
  - { id: 2024, title: Năm }
  - { id: lich, title: Lịch, path: "2024" }
  - { title: Không có id }
  - { id: van-ban, title: Văn bản, sort: title }
  - { id: tim-kiem, title: Tìm }
permalink: /:section/:slug/
`,
      'content/tin-tuc/2024/a.md': article('Bài', '2024-05-02'),
    });
    expect(config.errors).toEqual([
      'bantin.config.yaml:3:5: section "tags" would be at /tags/, which is the tags index (segments.tags); give it another path, e.g. path: tags-tin [section-path]',
      'bantin.config.yaml:4:5: sections[2] has the path "tin-tuc" of sections[0]; give each section its own [config-type]',
      'bantin.config.yaml:5:5: sections[3].id must be a URL segment of a-z, 0-9 and - [config-type]',
      'bantin.config.yaml:6:5: section "lich" would be at /2024/, which is the archive of a year; give it another path, e.g. path: 2024-lich [section-path]',
      'bantin.config.yaml:7:5: sections[5] needs an id: the folder of its articles in content/, e.g. id: tin-tuc [config-type]',
      'bantin.config.yaml:8:5: sections[6] has an unknown key "sort" (known: id, kind, title, path, home, pageSize, template, required, feed) [config-type]',
      'bantin.config.yaml:9:5: section "tim-kiem" would be at /tim-kiem/, which is the search page (search.path); give it another path, e.g. path: tim-kiem-tin [section-path]',
    ]);
    const noSections = build({ 'bantin.config.yaml': 'permalink: /:section/:slug/\n', 'content/2024/a.md': article('Bài', '2024-05-02') });
    expect(noSections.errors).toEqual(['bantin.config.yaml:1:12: permalink uses :section, but the config declares no sections; declare sections: or remove :section [config-type]']);
  });

  it('rebuilds with the cache as a cold build does after articles of sections are edited, added and removed', async () => {
    // Note: search off, as the in-process cold build's folding module is printed from other compiled code.
    const root = makeSite({ ...PORTAL, 'bantin.config.yaml': `search: { enabled: false }\n${PORTAL['bantin.config.yaml']}` });
    const built = runCli(['build', '--root', root]);
    expect(built.code, built.stderr).toBe(0);
    const edited = join(root, 'content/tin-tuc/2024/khoi-cong.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('2024-05-02', '2024-08-01'));
    writeFileSync(join(root, 'content/lich/2024/tuan-28.md'), article('Lịch công tác tuần 28', '2024-07-08'));
    rmSync(join(root, 'content/thong-bao/2024/lich-nghi.md'));
    const rebuilt = runCli(['build', '--root', root]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    assertLines(readFileSync(join(root, 'dist/index.html'), 'utf8'), '<h3><a href="/2024/08/khoi-cong-cau-kenh-vang/">Khởi công cầu Kênh Vàng</a></h3>');
  });
});
