import { describe, expect, it } from 'vitest';
import { assertLines, build, makeSite, runCli } from './helpers/site.js';

const SITE = `
-- content/2024/le-ra-mat.md --
---
title: Lễ ra mắt cổng thông tin
date: 2024-05-02
province: Bắc Ninh
source: stttt.bacninh.gov.vn
tags: [Chuyển đổi số]
---
Nội dung.
-- content/pages/gioi-thieu/index.md --
---
title: Giới thiệu
---
-- content/pages/gioi-thieu/co-cau-to-chuc.md --
---
title: Cơ cấu tổ chức
---
-- content/pages/gioi-thieu/co-cau-to-chuc/phong-tong-hop.md --
---
title: Phòng Tổng hợp
---
-- content/pages/lien-he.md --
---
title: Liên hệ
---
-- content/pages/nhap.md --
---
title: Nháp
draft: true
---
`;

const MENUS = `-- bantin.config.yaml --
sections:
  - { id: tin-tuc, title: Tin tức }
  - { id: thong-bao, title: Thông báo, path: thong-bao-moi }
menus:
  main:
    - { title: Trang chủ, url: / }
    - title: Giới thiệu
      page: gioi-thieu/index.md
      children:
        - page: gioi-thieu/co-cau-to-chuc.md
        - { title: Sơ đồ, url: /gioi-thieu/co-cau-to-chuc/ }
    - title: Dịch vụ công
      children:
        - { title: Cổng Dịch vụ công quốc gia, url: "https://dichvucong.gov.vn/" }
    - { title: Chủ đề, url: /tags/ }
    - { section: thong-bao }
    - { page: content/pages/lien-he.md }
  footer:
    - { page: lien-he.md }
  links:
    - { title: Cổng Thông tin điện tử Chính phủ, url: "https://chinhphu.vn/" }
${SITE.replace('-- content/2024/', '-- content/tin-tuc/2024/')}`;

describe('menus', () => {
  it('puts the main menu in the header, with the current page and the items above it marked', () => {
    const { errors, page } = build(MENUS);
    expect(errors).toEqual([]);
    const nav = (html: string) => html.slice(html.indexOf('<nav class="main-menu"'), html.indexOf('</nav>', html.indexOf('<nav class="main-menu"')));
    expect(nav(page('gioi-thieu/co-cau-to-chuc/index.html')).split('\n')).toEqual([
      '<nav class="main-menu" aria-label="Điều hướng chính">',
      '<ul>',
      '<li><a href="/">Trang chủ</a></li>',
      '<li class="has-children in-trail"><details>',
      '<summary>Giới thiệu</summary>',
      '<ul>',
      '<li><a href="/gioi-thieu/">Giới thiệu</a></li>',
      '<li><a href="/gioi-thieu/co-cau-to-chuc/" aria-current="page">Cơ cấu tổ chức</a></li>',
      '<li><a href="/gioi-thieu/co-cau-to-chuc/" aria-current="page">Sơ đồ</a></li>',
      '</ul>',
      '</details></li>',
      '<li class="has-children"><details>',
      '<summary>Dịch vụ công</summary>',
      '<ul>',
      '<li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></li>',
      '</ul>',
      '</details></li>',
      '<li><a href="/tags/">Chủ đề</a></li>',
      '<li><a href="/thong-bao-moi/">Thông báo</a></li>',
      '<li><a href="/lien-he/">Liên hệ</a></li>',
      '</ul>',
      '',
    ]);
    // Note: a page below a menu item's page, not in the menu itself, marks the items above it.
    assertLines(
      page('gioi-thieu/co-cau-to-chuc/phong-tong-hop/index.html'),
      `
      <li class="has-children in-trail"><details>
      <li><a href="/gioi-thieu/co-cau-to-chuc/" class="in-trail">Cơ cấu tổ chức</a></li>
      ! aria-current="page">Cơ cấu
      `,
    );
    assertLines(page('tags/index.html'), '<li><a href="/tags/" aria-current="page">Chủ đề</a></li>');
    assertLines(page('index.html'), '<li><a href="/" aria-current="page">Trang chủ</a></li>');
    expect(page('index.html')).not.toContain('class="has-children in-trail"');
    const footer = page('index.html').slice(page('index.html').indexOf('<footer class="site-footer">'));
    expect(footer).toContain('<li><a href="/lien-he/">Liên hệ</a></li>');
    expect(footer).not.toContain('Giới thiệu');
    // Note: the links menu is the front page's block of related agencies.
    assertLines(page('index.html'), `
      <h2 id="lien-ket">Liên kết</h2>
      <li><a href="https://chinhphu.vn/">Cổng Thông tin điện tử Chính phủ</a></li>
    `);
    expect(page('tags/index.html')).not.toContain('id="lien-ket"');
  });

  it('keeps the default header links without a main menu, and links the top pages in the footer without a footer menu', () => {
    const { errors, page } = build(SITE);
    expect(errors).toEqual([]);
    assertLines(
      page('lien-he/index.html'),
      `
      <li><a href="/">Trang chủ</a></li>
      <li><a href="/archives/">Lưu trữ</a></li>
      <li><a href="/gioi-thieu/">Giới thiệu</a></li>
      <li><a href="/lien-he/">Liên hệ</a></li>
      `,
    );
  });

  it('reports each menu item that points at nothing, or is not well formed, at its line in the config', () => {
    const { errors } = build(`-- bantin.config.yaml --
title: Cổng tin
menus:
  main:
    - { title: Mã, url: "javascript:alert(1)" }
    - { title: Hai đích, page: lien-he.md, url: /tags/ }
    - { title: Trống }
    - { url: /tags/ }
    - title: Sâu
      url: /tags/
      children:
        - title: Con
          url: /tags/
          children: [{ title: Cháu, url: /tags/ }]
    - { title: Lạ, link: /tags/ }
  footer: { title: Liên hệ }
${SITE}`);
    expect(errors).toEqual([
      'bantin.config.yaml:4:7: menus.main[0].url "javascript:alert(1)" is neither a site path (starting with /) nor an http(s) address [config-type]',
      'bantin.config.yaml:5:7: menus.main[1] has both page and url; an item points at one of them [config-type]',
      "bantin.config.yaml:6:7: menus.main[2] points at nothing; give page: (a file in content/pages/), section: (a section's id) or url: (a site path such as /tags/, or an https:// address) [config-type]",
      'bantin.config.yaml:7:7: menus.main[3] needs a title (an item pointing at a page or a section may leave it out to use its title) [config-type]',
      'bantin.config.yaml:11:11: menus.main[4].children[0] has children, but menus nest one level only; move them up to the top level [config-type]',
      'bantin.config.yaml:14:7: menus.main[5] has an unknown key "link" (known: title, page, section, url, children) [config-type]',
      'bantin.config.yaml:15:11: menus.footer must be a list of items, e.g. - { title: Liên hệ, page: lien-he.md } [config-type]',
    ]);
    // Note: targets are checked once the config is valid, against the pages and what the site writes.
    const targets = build(`-- bantin.config.yaml --
title: Cổng tin
menus:
  main:
    - { title: Không có, page: khong-co.md }
    - { title: Nháp, page: nhap.md }
    - { title: Lạc, url: /khong-co/ }
    - { title: Tệp, url: /tai-lieu.pdf }
    - { title: Đúng, url: "/tags/#dau" }
    - { section: van-ban }
${SITE}`);
    expect(targets.errors).toEqual([
      'bantin.config.yaml:4:7: menu item "Không có" points at content/pages/khong-co.md, which is not a page of the site; write the path of a file in content/pages/ (e.g. page: gioi-thieu/index.md) [menu-target]',
      'bantin.config.yaml:5:7: menu item "Nháp" points at content/pages/nhap.md, which is a draft; write the path of a file in content/pages/ (e.g. page: gioi-thieu/index.md) [menu-target]',
      'bantin.config.yaml:6:7: menu item "Lạc" points at /khong-co/, which is not a page or file of the site; fix the path (a page\'s is its URL, e.g. /lien-he/, a listing\'s e.g. /tags/) [menu-target]',
      'bantin.config.yaml:7:7: menu item "Tệp" points at /tai-lieu.pdf, which is not a page or file of the site; fix the path (a page\'s is its URL, e.g. /lien-he/, a listing\'s e.g. /tags/) [menu-target]',
      'bantin.config.yaml:9:7: menu item "van-ban" points at section "van-ban", which the config does not declare; the config declares no sections [menu-target]',
    ]);
    // Note: check reports them too, as it runs the build.
    const root = makeSite(`-- bantin.config.yaml --
menus:
  main:
    - { title: Lạc, url: /khong-co/ }
${SITE}`);
    const checked = runCli(['check', '--root', root]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('bantin.config.yaml:3:7: menu item "Lạc" points at /khong-co/, which is not a page or file of the site;');
  });
});
