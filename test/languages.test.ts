/** A site of two languages: translations linked by key or path, hreflang, the switcher, sitemaps, feeds, and their errors. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/build-cache.js';
import { buildSite } from '../src/pipeline.js';
import { MemoryWriter } from '../src/write/writer.js';
import { assertLines, build, buildInMemory, makeSite, parseSections, REPO, snapshotDir } from './helpers/site.js';

const CONFIG = `-- bantin.config.yaml --
title: Cổng thông tin tỉnh
baseUrl: https://example.gov.vn/
required: [title, date]
languages:
  - code: vi
  - code: en
    title: Provincial portal
    menus:
      main:
        - { page: about.md }
menus:
  main:
    - { page: gioi-thieu.md }
`;

const PAGES = `-- content/pages/gioi-thieu.md --
---
title: Giới thiệu
---
Xin chào.
-- content/en/pages/about.md --
---
title: About us
translation: pages/gioi-thieu.md
---
Hello.
-- content/2024/hoi-nghi.md --
---
title: Hội nghị tổng kết năm
date: 2024-05-02
province: Bắc Ninh
---
Nội dung.
-- content/en/2024/hoi-nghi.md --
---
title: Year-end conference
date: 2024-05-02
province: Bắc Ninh
---
Text.
-- content/en/2024/only.md --
---
title: Only in English
date: 2024-05-03
---
Text.
`;

describe('a site of two languages', () => {
  it('publishes each language under its prefix, with its own title, dates, slugs, menus and feeds', () => {
    const { page, errors, writer } = build(CONFIG + PAGES);
    expect(errors).toEqual([]);
    assertLines(page('en/2024/05/year-end-conference/index.html'), `
      <html lang="en">
      <title>Year-end conference – Provincial portal</title>
      <link rel="canonical" href="https://example.gov.vn/en/2024/05/year-end-conference/">
      <span>Published: <time datetime="2024-05-02">Thursday, 2 May 2024</time></span>
      <li><a href="/en/about/">About us</a></li>
    `);
    assertLines(page('2024/05/hoi-nghi-tong-ket-nam/index.html'), `
      <html lang="vi">
      <time datetime="2024-05-02">Thứ Năm, 2/5/2024</time>
      <li><a href="/gioi-thieu/">Giới thiệu</a></li>
    `);
    assertLines(page('en/atom.xml'), `
      <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
      <title>Provincial portal</title>
    `);
    expect(page('en/atom.xml')).not.toContain('Hội nghị');
    expect(page('atom.xml')).not.toContain('Year-end');
    // Note: the theme's assets are the site's, at the root; robots.txt names every language's sitemap.
    expect(writer.files.has('assets/style.css')).toBe(true);
    expect([...writer.files.keys()].filter((f) => f.startsWith('en/assets/'))).toEqual([]);
    expect(page('en/index.html')).toContain('<link rel="stylesheet" href="/assets/style.css">');
    expect(writer.files.has('en/robots.txt')).toBe(false);
    expect(page('robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.gov.vn/sitemap.xml\nSitemap: https://example.gov.vn/en/sitemap.xml\n');
  });

  it('links translations by key and by path, with hreflang and x-default on both sides', () => {
    const { page } = build(CONFIG + PAGES);
    const vi = `
      <link rel="alternate" hreflang="vi" href="https://example.gov.vn/gioi-thieu/">
      <link rel="alternate" hreflang="en" href="https://example.gov.vn/en/about/">
      <link rel="alternate" hreflang="x-default" href="https://example.gov.vn/gioi-thieu/">
    `;
    assertLines(page('gioi-thieu/index.html'), vi);
    assertLines(page('en/about/index.html'), vi);
    assertLines(page('en/2024/05/year-end-conference/index.html'), `
      <link rel="alternate" hreflang="vi" href="https://example.gov.vn/2024/05/hoi-nghi-tong-ket-nam/">
      <link rel="alternate" hreflang="en" href="https://example.gov.vn/en/2024/05/year-end-conference/">
    `);
    assertLines(page('en/index.html'), `
      <link rel="alternate" hreflang="vi" href="https://example.gov.vn/">
      <link rel="alternate" hreflang="en" href="https://example.gov.vn/en/">
    `);
    expect(page('en/2024/05/only-in-english/index.html')).not.toContain('rel="alternate" hreflang');
  });

  it('shows a switcher that goes to the translation, or to the other language\'s front page', () => {
    const { page } = build(CONFIG + PAGES);
    assertLines(page('gioi-thieu/index.html'), `
      <nav class="language-switcher" aria-label="Ngôn ngữ">
      <li><span aria-current="true" lang="vi">Tiếng Việt</span></li>
      <li><a href="/en/about/" hreflang="en" lang="en">English</a></li>
    `);
    assertLines(page('en/2024/05/only-in-english/index.html'), `
      <nav class="language-switcher" aria-label="Language">
      <li><a href="/" hreflang="vi" lang="vi">Tiếng Việt</a></li>
      <li><span aria-current="true" lang="en">English</span></li>
    `);
  });

  it('lists each language\'s pages in its own sitemap, with xhtml:link alternates', () => {
    const { page } = build(CONFIG + PAGES);
    assertLines(page('en/sitemap.xml'), `
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
      <url><loc>https://example.gov.vn/en/about/</loc><xhtml:link rel="alternate" hreflang="vi" href="https://example.gov.vn/gioi-thieu/"/><xhtml:link rel="alternate" hreflang="en" href="https://example.gov.vn/en/about/"/></url>
      <url><loc>https://example.gov.vn/en/2024/05/only-in-english/</loc><lastmod>2024-05-03T00:00:00+07:00</lastmod></url>
    `);
    expect(page('sitemap.xml')).not.toContain('/en/2024/05/only-in-english/</loc>');
  });

  it('names provinces in English on English pages, from the table in data/', () => {
    const { page } = build(CONFIG + PAGES);
    assertLines(page('en/2024/05/year-end-conference/index.html'), '<a href="/en/provinces/bac-ninh/">Bac Ninh</a>');
    assertLines(page('2024/05/hoi-nghi-tong-ket-nam/index.html'), '<a href="/provinces/bac-ninh/">Bắc Ninh</a>');
    const english = JSON.parse(readFileSync(join(REPO, 'data/vn-provinces.en.json'), 'utf8')) as Record<string, string>;
    const units = JSON.parse(readFileSync(join(REPO, 'data/vn-provinces.json'), 'utf8')) as { slug: string; former_province_slugs: string[] }[];
    const slugs = new Set(units.flatMap((u) => [u.slug, ...u.former_province_slugs]));
    expect([...slugs].filter((s) => !english[s])).toEqual([]);
    expect(english['ho-chi-minh']).toBe('Ho Chi Minh City');
  });

  it('builds byte for byte the same with a store kept between builds, and after an edit of a translated page', () => {
    const root = makeSite(CONFIG + PAGES);
    const cache = new BuildCache();
    const now = Date.parse('2026-01-01T00:00:00Z');
    const warm = () => {
      const writer = new MemoryWriter();
      expect(buildSite({ root, now }, writer, cache).ok).toBe(true);
      return writer.files;
    };
    const cold = () => {
      const writer = new MemoryWriter();
      expect(buildSite({ root, now }, writer).ok).toBe(true);
      return writer.files;
    };
    expect(warm()).toEqual(cold());
    // Note: the Vietnamese page moves; the English page's alternates follow.
    writeFileSync(join(root, 'content/pages/gioi-thieu.md'), '---\ntitle: Giới thiệu chung\n---\nXin chào.\n');
    const renamed = join(root, 'content/pages/gioi-thieu-chung.md');
    writeFileSync(renamed, readFileSync(join(root, 'content/pages/gioi-thieu.md')));
    writeFileSync(join(root, 'content/en/pages/about.md'), '---\ntitle: About us\ntranslation: pages/gioi-thieu-chung.md\n---\nHello.\n');
    writeFileSync(join(root, 'bantin.config.yaml'), readFileSync(join(root, 'bantin.config.yaml'), 'utf8').replace('{ page: gioi-thieu.md }', '{ page: gioi-thieu-chung.md }'));
    const after = warm();
    expect(after).toEqual(cold());
    expect(String(after.get('en/about/index.html'))).toContain('<link rel="alternate" hreflang="vi" href="https://example.gov.vn/gioi-thieu-chung/">');
  });

  it('keeps each language\'s cache on disk: a build after an English edit parses that article alone, and writes what a cold build writes', async () => {
    const { runBuild } = await import('../src/commands/build.js');
    const root = makeSite(CONFIG + PAGES);
    const now = Date.parse('2026-01-01T00:00:00Z');
    const run = async (noCache = false) => {
      const lines: string[] = [];
      expect(await runBuild({ root, now, noCache, out: join(root, noCache ? 'cold' : 'dist') }, { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
      return lines.join('\n');
    };
    await run();
    expect(existsSync(join(root, '.bantin-cache/languages/en/build.cache'))).toBe(true);
    writeFileSync(join(root, 'content/en/2024/only.md'), '---\ntitle: Only in English\ndate: 2024-05-03\n---\nText, edited.\n');
    expect(await run()).toMatch(/, 1 articles parsed, 2 from cache,/);
    await run(true);
    expect(snapshotDir(join(root, 'dist'))).toEqual(snapshotDir(join(root, 'cold')));
  });

  it('builds the same whatever order the languages\' files are found in', () => {
    const one = build(CONFIG + PAGES).writer.files;
    const reversed = Object.fromEntries(Object.entries(parseSections(CONFIG + PAGES)).reverse());
    expect(build(reversed).writer.files).toEqual(one);
  });
});

describe('errors of a site of two languages', () => {
  it('a translation key that points at nothing, at its line', () => {
    const { errors } = build(CONFIG + PAGES.replace('translation: pages/gioi-thieu.md', 'translation: pages/gioi-thieu-cu.md'));
    expect(errors).toEqual([
      'content/en/pages/about.md:3:14: translation "pages/gioi-thieu-cu.md" names no published article, page or document of another language (no content/pages/gioi-thieu-cu.md, and none gives this key); write the path of its translation below its language\'s content folder, such as pages/gioi-thieu/index.md, or remove translation: [translation-missing]',
    ]);
  });

  it('two pages of one language claiming one key', () => {
    const { errors } = build(`${CONFIG + PAGES}-- content/en/pages/intro.md --
---
title: Introduction
translation: pages/gioi-thieu.md
---
Hi.
`);
    expect(errors).toEqual([
      'content/en/pages/intro.md:3:14: translation "pages/gioi-thieu.md" is also the translation key of content/en/pages/about.md, in the same language (en); a page has one translation per language: give this one another key, or remove translation: [translation-duplicate]',
    ]);
  });

  it('a language folder the config does not list', () => {
    const site = CONFIG.replace(/languages:[\s\S]*?menus:\n      main:\n        - \{ page: about.md \}\n/, '') + PAGES.replace(/-- content\/en\/2024\/only\.md --[\s\S]*$/, '');
    const { messages } = build(site.replace('required: [title, date]', 'required: [title, date]\nprovinces: off'));
    expect(messages.filter((m) => m.includes('unknown-language'))).toEqual([
      'content/en/2024/hoi-nghi.md:1:1: warning: content/en/ is named as the language "en", which languages: in the config does not list; its files are read as vi pages and articles; to publish them as another language, add it to languages: in bantin.config.yaml (e.g. - { code: en, title: … }), or rename the folder [unknown-language]',
    ]);
  });

  it('a menu of one language pointing at a page of another', () => {
    const { errors } = build(CONFIG.replace('- { page: about.md }', '- { page: gioi-thieu.md }') + PAGES);
    expect(errors).toEqual([
      'bantin.config.yaml:10:11: menu item "gioi-thieu.md" of the en menus points at a page of the vi site; a language\'s menus link its own pages: write the path of a page in content/en/pages/, or a url: to the other language\'s page [menu-language]',
    ]);
  });

  it('config: a language without strings, a key of the whole site in a language, keys of the default, a bad prefix', () => {
    const config = (languages: string) => buildInMemory(makeSite({ 'bantin.config.yaml': `languages:\n${languages}` })).errors;
    expect(config('  - code: vi\n  - code: fr\n')).toEqual(['bantin.config.yaml:3:5: languages[1].code "fr" is not a language the theme has strings for (vi, en); use one of them [config-type]']);
    expect(config('  - code: vi\n  - code: en\n    baseUrl: https://example.com/\n')).toEqual(['bantin.config.yaml:4:14: languages[1].baseUrl is a key of the whole site, not of a language; set it at the top of the config [config-type]']);
    expect(config('  - code: vi\n    title: Cổng\n  - code: en\n')).toEqual(['bantin.config.yaml:2:5: languages[0] sets title; the first language is the default, whose keys are the top-level ones: move them there [config-type]']);
    expect(config('  - code: vi\n  - code: en\n    prefix: EN\n')).toEqual(['bantin.config.yaml:4:13: languages[1].prefix must be a URL segment of a-z, 0-9 and - [config-type]']);
    expect(buildInMemory(makeSite({ 'bantin.config.yaml': 'sections:\n  - { id: en, title: Tin tiếng Anh }\nlanguages:\n  - code: vi\n  - code: en\n' })).errors).toEqual([
      'bantin.config.yaml:5:5: languages[1] would put its pages in /en/ and its content in content/en/, which section "en" uses; give the language another prefix or the section another id and path [config-type]',
    ]);
  });
});
