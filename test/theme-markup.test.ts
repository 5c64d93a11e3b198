/**
 * The default theme's markup, read from the output without a browser: one h1 and the landmarks on
 * every page of the example site, titles of paginated listings, the identity header and contact
 * footer from config, breadcrumbs, no script needed to read a page, nothing loaded from another
 * host, and the CSS and page-weight budgets the docs' Theme page (docs/content/pages/theme.md) reports.
 */
import { describe, expect, it } from 'vitest';
import { assertLines, build, buildInMemory, REPO } from './helpers/site.js';

const article = (n: number, tags = 'Dân vận') => `---
title: "Bài ${n}"
date: 2024-03-${String(n).padStart(2, '0')}
province: Bắc Giang
source: bacgiang.gov.vn
tags: [${tags}]
---

Nội dung ${n}.
`;

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : new TextDecoder().decode(v));

describe('the default theme on the example site', () => {
  const { writer, page } = buildInMemory(REPO);
  const html = [...writer.files].filter(([path]) => path.endsWith('.html')).map(([path, v]) => [path, text(v)] as const);
  const pages = html.filter(([, body]) => !body.includes('http-equiv="refresh"'));

  it('gives every page lang, a skip link to main, one h1 and header, nav, main and footer landmarks', () => {
    expect(pages.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const [path, body] of pages) {
      const h1 = body.match(/<h1[ >]/g)?.length ?? 0;
      // Note: the example site's English pages are under /en/.
      const english = path.startsWith('en/');
      const shape = [
        body.includes(`<html lang="${english ? 'en' : 'vi'}">`),
        body.includes('<a class="skip-link" href="#noi-dung">'),
        body.includes('<main id="noi-dung" tabindex="-1">'),
        new RegExp(`<header class="site-header">[\\s\\S]*<nav class="main-menu" aria-label="${english ? 'Main navigation' : 'Điều hướng chính'}">[\\s\\S]*</header>`).test(body),
        body.includes('<footer class="site-footer">'),
        h1 === 1,
      ];
      if (shape.includes(false)) wrong.push(`${path}: ${shape.join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('shows the site name and agency in the header and the agency contact in the footer', () => {
    assertLines(page('index.html'), `
      <p class="site-name"><a href="/">Cổng thông tin điện tử tỉnh Bắc Ninh</a></p>
      <p class="agency">Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh</p>
      <p class="footer-name"><a href="https://bacninh.example.gov.vn/">Văn phòng Ủy ban nhân dân tỉnh Bắc Ninh</a></p>
      <p>Địa chỉ: Số 10 Phù Đổng Thiên Vương, phường Kinh Bắc, tỉnh Bắc Ninh</p>
      <p>Điện thoại: <a href="tel:02223822569">0222 3822 569</a></p>
      <p>Thư điện tử: <a href="mailto:vanphong@bacninh.example.gov.vn">vanphong@bacninh.example.gov.vn</a></p>
      <title>Cổng thông tin điện tử tỉnh Bắc Ninh</title>
      <h1>Tin mới nhất</h1>`);
  });

  it('puts breadcrumbs on article pages: home, province, the article itself as the current page', () => {
    assertLines(page('2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/index.html'), `
      <nav class="breadcrumb" aria-label="Đường dẫn">
      <li><a href="/">Trang chủ</a></li>
      <li><a href="/provinces/bac-giang/">Bắc Giang</a></li>
      <li><a href="/2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/" aria-current="page">Bắc Giang: Tiếp tục phát huy ý nghĩa, vai trò của công tác dân vận chính quyền</a></li>
      <p class="print-url">In từ: https://bacninh.example.gov.vn/2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/</p>`);
  });

  it('needs no JavaScript to read a page: only the search page loads a script', () => {
    const scripted = html.filter(([, body]) => /<script(?![^>]*application\/ld\+json)/.test(body)).map(([path]) => path);
    expect(scripted).toEqual(['en/search/index.html', 'tim-kiem/index.html']);
  });

  it('loads nothing from another host: stylesheets, scripts, images and CSS urls are the site\'s own', () => {
    const foreign: string[] = [];
    for (const [path, body] of html) {
      for (const m of body.matchAll(/<(?:link|script|img|source|iframe)\b[^>]*?\b(?:href|src)="([^"]+)"[^>]*>/g)) {
        const tag = m[0];
        if (/rel="(?:canonical|alternate|schema\.DC)"/.test(tag)) continue;
        if (/^(?:https?:)?\/\//.test(m[1]!)) foreign.push(`${path}: ${tag}`);
      }
    }
    const css = [...writer.files].filter(([path]) => path.endsWith('.css')).map(([path, v]) => [path, text(v)] as const);
    for (const [path, body] of css) {
      for (const m of body.matchAll(/url\(\s*["']?([^"')]+)|@import/g)) if (m[0] === '@import' || /^(?:https?:)?\/\//.test(m[1]!)) foreign.push(`${path}: ${m[0]}`);
    }
    expect(foreign).toEqual([]);
  });

  it('keeps the CSS under 30 KB and the home and article pages light', () => {
    const size = (path: string) => writer.files.get(path)?.length ?? NaN;
    const css = [...writer.files.keys()].filter((p) => p.endsWith('.css')).reduce((sum, p) => sum + size(p), 0);
    expect(css).toBeLessThan(30 * 1024);
    const shell = size('assets/style.css') + size('assets/logo.svg');
    const home = size('index.html') + shell;
    const article = size('2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/index.html') + size([...writer.files.keys()].find((p) => /^tin-tuc\/2020\/trao-bang-khen-640\.[0-9a-f]{10}\.webp$/.test(p))!) + shell;
    expect(home).toBeLessThan(40 * 1024);
    expect(article).toBeLessThan(30 * 1024);
  });
});

describe('the default theme on listing pages', () => {
  const { page } = build({
    'bantin.config.yaml': 'title: Bản tin tỉnh\npageSize: 1\n',
    'content/2024/bai-1.md': article(1),
    'content/2024/bai-2.md': article(2),
  });

  it('names page 2 of a listing once: the listing, the page number, the site', () => {
    assertLines(page('page/2/index.html'), `
      <title>Bản tin tỉnh – Trang 2</title>
      <h1>Tin mới nhất – Trang 2</h1>`);
    assertLines(page('tags/dan-van/page/2/index.html'), `
      <title>Dân vận – Trang 2 – Bản tin tỉnh</title>
      <h1>Dân vận – Trang 2</h1>`);
    assertLines(page('2024/page/2/index.html'), `
      <title>Năm 2024 – Trang 2 – Bản tin tỉnh</title>
      <h1>Năm 2024 – Trang 2</h1>`);
    assertLines(page('provinces/bac-giang/index.html'), `
      <title>Bắc Giang – Bản tin tỉnh</title>
      <h1>Bắc Giang</h1>`);
  });

  it('wraps a table in a keyboard-scrollable region', () => {
    const { page: p } = build({ 'content/2024/bang.md': article(1).replace('Nội dung 1.', '| A | B |\n|---|---|\n| 1 | 2 |') });
    assertLines(p('2024/03/bai-1/index.html'), `
      <div class="table-scroll" tabindex="0" role="region" aria-label="Bảng (cuộn ngang để xem hết)"><table>
      </table></div>`);
  });

  it('without an agency, the footer names the site and has no empty contact block', () => {
    assertLines(page('index.html'), `
      <p class="footer-name">Bản tin tỉnh</p>
      ! <address>`);
  });
});
