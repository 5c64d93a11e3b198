import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY } from './helpers/photos.js';
import { assertLines, build as buildSite, parseSections, REPO } from './helpers/site.js';

/** Builds inline sections, with a real photo for `content/2024/anh.png` when they name it. */
const build = (text: string, options: Parameters<typeof buildSite>[1] = {}) => buildSite({ ...parseSections(text), ...(text.includes('anh.png') ? { 'content/2024/anh.png': TINY.png } : {}) }, options);

const XSD = join(REPO, 'test/fixtures/sitemaps/sitemap.xsd');
const temp = mkdtempSync(join(tmpdir(), 'bantin-feeds-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Validates XML text against the sitemaps.org schema with xmllint; returns its stderr when invalid. */
function xmllintSitemap(xml: string): string | null {
  const file = join(temp, `sitemap-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed (apt-get install libxml2-utils): ${r.error.message}`);
  return r.status === 0 ? null : r.stderr;
}

const TRICKY = `
-- bantin.config.yaml --
title: Cổng thông tin <Bắc Ninh> & "bạn"
agency:
  name: Ủy ban nhân dân tỉnh Bắc Ninh
  url: https://bacninh.gov.vn
  phone: "0222 3822 569"
-- content/2024/a.md --
---
title: "Thông báo </script><script>alert(1)</script> & <b>đậm</b>"
date: 2024-06-03 08:30
slug: thong-bao
updated: 2024-06-05
province: Bắc Ninh
source: bacninh.gov.vn
author: Minh Anh
image: anh.png
image_alt: Ảnh
summary: "Lead with ]]> and <!-- and \\u0007 bell"
tags: [Dân vận]
---
Xem [bài khác](b.md) và ![ảnh](anh.png).
-- content/2024/b.md --
---
title: Bài B
date: 2024-06-01
province: Bắc Giang
source: bacgiang.gov.vn
---
B & C.
`;

/** `n` articles, one a day from 1 March 2024, every other one tagged. */
function many(n: number): string {
  let text = '';
  for (let i = 1; i <= n; i++) {
    const day = new Date(Date.UTC(2024, 2, i)).toISOString().slice(0, 10);
    text += `-- content/bai-${i}.md --\n---\ntitle: Bài ${i}\ndate: ${day}\nprovince: ${i % 2 ? 'Hà Nội' : 'Bắc Giang'}\nsource: x.gov.vn\n${i % 2 ? 'tags: [Lẻ]\n' : ''}---\nNội dung ${i}.\n`;
  }
  return text;
}

describe('Atom feeds', () => {
  it('parse back with an independent parser, every entry checked', () => {
    const { errors, page } = build(TRICKY);
    expect(errors).toEqual([]);
    const xml = page('atom.xml');
    const raw = extractFromXml(xml, { normalization: false }) as any;
    expect(raw.title).toBe('Cổng thông tin <Bắc Ninh> & "bạn"');
    expect(raw.id).toBe('https://example.gov.vn/');
    expect(raw.updated).toBe('2024-06-05T00:00:00+07:00');
    expect(raw.author).toEqual({ name: 'Ủy ban nhân dân tỉnh Bắc Ninh', uri: 'https://bacninh.gov.vn' });
    expect(raw.entry).toHaveLength(2);
    const [a, b] = raw.entry;
    expect(a.title).toBe('Thông báo </script><script>alert(1)</script> & <b>đậm</b>');
    expect(a.id).toBe('tag:example.gov.vn,2024-06-03:/2024/06/thong-bao/');
    expect(a.link).toBe('https://example.gov.vn/2024/06/thong-bao/');
    expect(a.published).toBe('2024-06-03T08:30:00+07:00');
    expect(a.updated).toBe('2024-06-05T00:00:00+07:00');
    expect(a.author).toEqual({ name: 'Minh Anh' });
    expect(a.summary).toBe('Lead with ]]> and <!-- and bell');
    expect(a.content).toMatch(/^<p>Xem <a href="https:\/\/example\.gov\.vn\/2024\/06\/bai-b\/">bài khác<\/a> và <img src="https:\/\/example\.gov\.vn\/2024\/anh-8\.[0-9a-f]{10}\.png" width="8" height="6" alt="ảnh">\.<\/p>$/);
    expect(b.title).toBe('Bài B');
    expect(b.id).toBe('tag:example.gov.vn,2024-06-01:/2024/06/bai-b/');
    expect(b.published).toBe('2024-06-01T00:00:00+07:00');
    expect(b.updated).toBe('2024-06-01T00:00:00+07:00');
    expect(b.content).toBe('<p>B &#x26; C.</p>'.replace('&#x26;', '&'));
    expect(xml).not.toContain('\u0007');

    const normal = extractFromXml(xml, { normalization: true, descriptionMaxLen: 0 });
    expect(normal.link).toBe('https://example.gov.vn/');
    expect(normal.entries?.map((e) => [e.title, e.link, e.published])).toEqual([
      [a.title, a.link, '2024-06-04T17:00:00.000Z'], // the parser reports `updated` as an instant
      ['Bài B', b.link, '2024-05-31T17:00:00.000Z'],
    ]);
  });

  it('has the latest 20 entries, and one feed per tag and per province with only their articles', () => {
    const { page } = build(many(25));
    const entries = (xml: string) => (extractFromXml(xml, { normalization: false }) as any).entry.map((e: any) => e.title);
    expect(entries(page('atom.xml'))).toEqual(Array.from({ length: 20 }, (_, i) => `Bài ${25 - i}`));
    expect(entries(page('tags/le/atom.xml'))).toEqual(Array.from({ length: 13 }, (_, i) => `Bài ${25 - 2 * i}`));
    expect(entries(page('provinces/bac-giang/atom.xml'))).toEqual(Array.from({ length: 12 }, (_, i) => `Bài ${24 - 2 * i}`));
    const feed = extractFromXml(page('provinces/bac-giang/atom.xml'), { normalization: false }) as any;
    expect(feed.updated).toBe('2024-03-24T00:00:00+07:00');
    assertLines(page('provinces/bac-giang/index.html'), `
      <link rel="alternate" type="application/atom+xml" title="Bắc Giang – Atom" href="/provinces/bac-giang/atom.xml">
      <link rel="alternate" type="application/atom+xml" title="Bản tin – Atom" href="/atom.xml">`);
  });

  it('keeps ids and bytes when rebuilt later, and puts the subpath in every URL', () => {
    const first = build(TRICKY, { now: Date.parse('2025-01-01T00:00:00Z') });
    const later = build(TRICKY, { now: Date.parse('2030-06-01T12:34:56Z') });
    for (const f of ['atom.xml', 'feed.json', 'sitemap.xml', 'tags/dan-van/atom.xml']) expect(later.page(f)).toBe(first.page(f));
    const sub = build(TRICKY, { baseUrl: 'https://example.gov.vn/ban-tin/' });
    const raw = extractFromXml(sub.page('atom.xml'), { normalization: false }) as any;
    expect(raw.entry[0].link).toBe('https://example.gov.vn/ban-tin/2024/06/thong-bao/');
    expect(raw.entry[0].content).toMatch(/src="https:\/\/example\.gov\.vn\/ban-tin\/2024\/anh-8\.[0-9a-f]{10}\.png"/);
    assertLines(sub.page('robots.txt'), 'Sitemap: https://example.gov.vn/ban-tin/sitemap.xml');
    assertLines(sub.page('feed.json'), '"feed_url": "https://example.gov.vn/ban-tin/feed.json",');
  });
});

describe('JSON Feed', () => {
  it('is JSON Feed 1.1 that a feed parser reads, every item checked', () => {
    const { page } = build(TRICKY);
    const json = JSON.parse(page('feed.json'));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.home_page_url).toBe('https://example.gov.vn/');
    expect(json.authors).toEqual([{ name: 'Ủy ban nhân dân tỉnh Bắc Ninh', url: 'https://bacninh.gov.vn' }]);
    expect(json.items.map((i: any) => [i.id, i.url, i.title, i.date_published, i.date_modified])).toEqual([
      ['tag:example.gov.vn,2024-06-03:/2024/06/thong-bao/', 'https://example.gov.vn/2024/06/thong-bao/', 'Thông báo </script><script>alert(1)</script> & <b>đậm</b>', '2024-06-03T08:30:00+07:00', '2024-06-05T00:00:00+07:00'],
      ['tag:example.gov.vn,2024-06-01:/2024/06/bai-b/', 'https://example.gov.vn/2024/06/bai-b/', 'Bài B', '2024-06-01T00:00:00+07:00', '2024-06-01T00:00:00+07:00'],
    ]);
    expect(json.items[0].tags).toEqual(['Dân vận', 'Bắc Ninh']);
    const parsed = extractFromJson(json, { normalization: true });
    expect(parsed.title).toBe('Cổng thông tin <Bắc Ninh> & "bạn"');
    expect(parsed.entries?.map((e) => [e.id, e.link])).toEqual(json.items.map((i: any) => [i.id, i.url]));
  });
});

describe('sitemap and robots', () => {
  it('is valid against the sitemaps.org schema, with lastmod, without 404 and redirects', () => {
    const { page } = build(`${many(21)}-- content/old.md --\n---\ntitle: Cũ\ndate: 2020-01-01\nprovince: Huế\nsource: hue.gov.vn\naliases: [/tin/1.html]\n---\nx\n`);
    const xml = page('sitemap.xml');
    expect(xmllintSitemap(xml)).toBeNull();
    assertLines(xml, `
      <url><loc>https://example.gov.vn/</loc><lastmod>2024-03-21T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/page/2/</loc><lastmod>2024-03-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/2020/01/cu/</loc><lastmod>2020-01-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/provinces/hue/</loc><lastmod>2020-01-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/tags/</loc><lastmod>2024-03-21T00:00:00+07:00</lastmod></url>
      ! 404
      ! /tin/1.html`);
    expect(xmllintSitemap(xml.replace('2020-01-01T00', '2020-13-01T00'))).toMatch(/not a valid value/);
    expect(page('robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.gov.vn/sitemap.xml\n');
  });

  it('dates a listing page by the newest change among its own articles, an update included', () => {
    const updated = `-- content/sua.md --\n---\ntitle: Sửa\ndate: 2019-05-01\nupdated: 2024-12-01\nprovince: Huế\nsource: hue.gov.vn\n---\nx\n`;
    const { page } = build(`${many(21)}${updated}-- content/old.md --\n---\ntitle: Cũ\ndate: 2020-01-01\nprovince: Huế\nsource: hue.gov.vn\n---\nx\n`);
    assertLines(page('sitemap.xml'), `
      <url><loc>https://example.gov.vn/</loc><lastmod>2024-03-21T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/2019/</loc><lastmod>2024-12-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/2019/05/sua/</loc><lastmod>2024-12-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/2020/</loc><lastmod>2020-01-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/2024/03/</loc><lastmod>2024-03-21T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/page/2/</loc><lastmod>2024-12-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/provinces/hue/</loc><lastmod>2024-12-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/tags/</loc><lastmod>2024-12-01T00:00:00+07:00</lastmod></url>
      <url><loc>https://example.gov.vn/tags/le/</loc><lastmod>2024-03-21T00:00:00+07:00</lastmod></url>`);
  });

  it('leaves robots.txt to static/ when the site has one', () => {
    const { page } = build(`${many(1)}-- static/robots.txt --\nUser-agent: *\nDisallow: /private/\n`);
    expect(page('robots.txt')).toBe('User-agent: *\nDisallow: /private/\n');
  });
});

describe('page metadata', () => {
  it('gives an article canonical, Open Graph, Dublin Core and JSON-LD that content cannot break out of', () => {
    const { page } = build(TRICKY);
    const html = page('2024/06/thong-bao/index.html');
    const url = 'https://example.gov.vn/2024/06/thong-bao/';
    assertLines(html, `
      <link rel="canonical" href="${url}">
      <meta property="og:type" content="article">
      <meta property="og:title" content="Thông báo &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;">
      <meta property="og:locale" content="vi_VN">
      <meta property="article:published_time" content="2024-06-03T08:30:00+07:00">
      <meta property="article:modified_time" content="2024-06-05T00:00:00+07:00">
      <meta name="DC.title" content="Thông báo &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;">
      <meta name="DC.creator" content="Minh Anh">
      <meta name="DC.date" content="2024-06-03">
      <meta name="DC.publisher" content="Ủy ban nhân dân tỉnh Bắc Ninh">
      <meta name="DC.identifier" content="${url}">
      <meta name="DC.language" content="vi">
      ! <script>alert(1)`);
    expect(html).toMatch(/<meta property="og:image" content="https:\/\/example\.gov\.vn\/2024\/anh-1200x630\.[0-9a-f]{10}\.jpg">/);
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).not.toMatch(/[<>]/);
    const ld = JSON.parse(scripts[0]!);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Thông báo </script><script>alert(1)</script> & <b>đậm</b>',
      datePublished: '2024-06-03T08:30:00+07:00',
      dateModified: '2024-06-05T00:00:00+07:00',
      author: { '@type': 'Person', name: 'Minh Anh' },
      publisher: { '@type': 'GovernmentOrganization', name: 'Ủy ban nhân dân tỉnh Bắc Ninh', url: 'https://bacninh.gov.vn', telephone: '0222 3822 569' },
      description: 'Lead with ]]> and <!-- and bell',
    });
  });

  it('gives listings website metadata and their feed links', () => {
    const { page } = build(TRICKY);
    assertLines(page('tags/dan-van/index.html'), `
      <meta property="og:type" content="website">
      <link rel="canonical" href="https://example.gov.vn/tags/dan-van/">
      <link rel="alternate" type="application/atom+xml" title="Dân vận – Atom" href="/tags/dan-van/atom.xml">
      "@type":"CollectionPage"`);
  });
});
