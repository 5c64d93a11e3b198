import { describe, expect, it } from 'vitest';
import { assertLines, build as buildSections, parseSections } from './helpers/site.js';
import { TINY } from './helpers/photos.js';

/** Builds inline sections, with real photos for the ones named. */
const build = (text: string, photos: Record<string, Uint8Array> = { 'content/2020/anh.png': TINY.png }) => buildSections({ ...parseSections(text), ...photos });

/** The name a photo's file got (it carries the hash of the photo), by its path up to the hash. */
function named(files: Map<string, unknown>, start: string, ext: string): string {
  return [...files.keys()].find((f) => f.startsWith(start) && f.endsWith(`.${ext}`))!;
}


const ARTICLE = `
-- content/2020/dan-van.md --
---
title: "Bắc Giang: Tiếp tục phát huy công tác dân vận"
date: 2020-02-24
updated: 2020-03-01 08:30
province: Bắc Giang
source: bacgiang.gov.vn
author: Minh Anh
summary: Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp.
tags: [Dân vận, Chính quyền]
attachments:
  - title: Nghị định về công tác dân vận
    file: nghi-dinh.pdf
    number: 42/2022/NĐ-CP
---

Đoạn mở đầu với [bài khác](../2021/khac.md#muc-1).

![Trao bằng khen](anh.png "Đồng chí Lại Thanh Sơn trao bằng khen")

| Huyện | Số mô hình |
|---|---:|
| Lục Nam | 12 |

## Đường lối chung
-- content/2020/nghi-dinh.pdf --
%PDF-1.4
-- content/2021/khac.md --
---
title: Bài khác
date: 2021-01-05
province: TP.HCM
source: https://hochiminhcity.gov.vn/tin/1
---
Nội dung.
`;

describe('article page', () => {
  it('shows every field of the article', () => {
    const { errors, page, writer } = build(ARTICLE);
    expect(errors).toEqual([]);
    const [png, webp] = [named(writer.files, '2020/anh-8.', 'png'), named(writer.files, '2020/anh-8.', 'webp')];
    const sizes = 'sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)"';
    assertLines(
      page('2020/02/bac-giang-tiep-tuc-phat-huy-cong-tac-dan-van/index.html'),
      `
      <html lang="vi">
      <title>Bắc Giang: Tiếp tục phát huy công tác dân vận – Bản tin</title>
      <meta name="description" content="Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp.">
      <h1>Bắc Giang: Tiếp tục phát huy công tác dân vận</h1>
      <span>Ngày đăng: <time datetime="2020-02-24">Thứ Hai, 24/2/2020</time></span>
      <span>Cập nhật: <time datetime="2020-03-01">Chủ Nhật, 1/3/2020</time></span>
      <span>Tỉnh, thành phố: <a href="/provinces/bac-giang/">Bắc Giang</a></span>
      <span>Tác giả: Minh Anh</span>
      <p class="lead">Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp.</p>
      <p>Đoạn mở đầu với <a href="/2021/01/bai-khac/#muc-1">bài khác</a>.</p>
      <figure><picture><source type="image/webp" srcset="/${webp} 8w" ${sizes}><img src="/${png}" srcset="/${png} 8w" ${sizes} width="8" height="6" alt="Trao bằng khen" loading="lazy" decoding="async"></picture><figcaption>Đồng chí Lại Thanh Sơn trao bằng khen</figcaption></figure>
      <td align="right">12</td>
      <h2 id="duong-loi-chung">Đường lối chung</h2>
      <li><a href="/2020/nghi-dinh.pdf">Nghị định về công tác dân vận</a> (Số hiệu: 42/2022/NĐ-CP)</li>
      <p class="source">Nguồn: <a href="https://bacgiang.gov.vn">bacgiang.gov.vn</a></p>
      `,
    );
  });

  it('resolves province spellings and links a URL source', () => {
    const { page } = build(ARTICLE);
    assertLines(
      page('2021/01/bai-khac/index.html'),
      `
      <span>Tỉnh, thành phố: <a href="/provinces/ho-chi-minh/">Hồ Chí Minh</a></span>
      <p class="source">Nguồn: <a href="https://hochiminhcity.gov.vn/tin/1">https://hochiminhcity.gov.vn/tin/1</a></p>
      `,
    );
  });

  it('copies files beside articles, and publishes a photo as the files made of it', () => {
    const { writer } = build(ARTICLE);
    expect([...writer.files.keys()]).toEqual(expect.arrayContaining(['2020/nghi-dinh.pdf', 'assets/style.css']));
    expect([...writer.files.keys()].filter((f) => f.startsWith('2020/anh')).map((f) => f.replace(/\.[0-9a-f]{10}\./, '.H.'))).toEqual(['2020/anh-8.H.png', '2020/anh-8.H.webp']);
  });

  it('gives og:image, JSON-LD and the JSON Feed one absolute URL for an image beside the article (its card), at a site path or on another host', () => {
    const article = (slug: string, day: number, image: string) => `
-- content/2024/${slug}.md --
---
title: Ảnh ${slug}
date: 2024-01-0${day}
province: Bắc Ninh
source: Sở Thông tin
image: ${image}
---
Nội dung.
`;
    const { errors, page, writer } = build(
      `
-- bantin.config.yaml --
baseUrl: https://example.gov.vn/ban-tin/
${article('ben-canh', 1, 'anh.jpg')}${article('duong-dan', 2, '/2024/anh.jpg')}${article('may-khac', 3, 'https://cdn.example.org/y.jpg')}`,
      { 'content/2024/anh.jpg': TINY.jpg },
    );
    expect(errors).toEqual([]);
    const card = `https://example.gov.vn/ban-tin/${named(writer.files, '2024/anh-1200x630.', 'jpg')}`;
    for (const [slug, url] of [['ben-canh', card], ['duong-dan', card], ['may-khac', 'https://cdn.example.org/y.jpg']]) {
      const html = page(`2024/01/anh-${slug}/index.html`);
      assertLines(html, `<meta property="og:image" content="${url}">`);
      expect(html, slug).toContain(url === card ? `"image":{"@type":"ImageObject","url":"${url}","width":1200,"height":630}` : `"image":"${url}"`);
    }
    const feed = JSON.parse(String(writer.files.get('feed.json'))) as { items: { image?: string }[] };
    expect(feed.items.map((i) => i.image)).toEqual(['https://cdn.example.org/y.jpg', card, card]);
  });
});
