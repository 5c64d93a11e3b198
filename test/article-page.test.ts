import { describe, expect, it } from 'vitest';
import { assertLines, build } from './helpers/site.js';

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
-- content/2020/anh.png --
png
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
    const { errors, page } = build(ARTICLE);
    expect(errors).toEqual([]);
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
      <figure><img src="/2020/anh.png" alt="Trao bằng khen"><figcaption>Đồng chí Lại Thanh Sơn trao bằng khen</figcaption></figure>
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

  it('copies files beside articles', () => {
    const { writer } = build(ARTICLE);
    expect([...writer.files.keys()]).toEqual(expect.arrayContaining(['2020/anh.png', '2020/nghi-dinh.pdf', 'assets/style.css']));
  });

  it('gives og:image, JSON-LD and the JSON Feed one absolute URL for an image beside the article, at a site path or on another host', () => {
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
-- content/2024/anh.jpg --
jpg
${article('ben-canh', 1, 'anh.jpg')}${article('duong-dan', 2, '/2024/anh.jpg')}${article('may-khac', 3, 'https://cdn.example.org/y.jpg')}`,
    );
    expect(errors).toEqual([]);
    for (const [slug, url] of [['ben-canh', 'https://example.gov.vn/ban-tin/2024/anh.jpg'], ['duong-dan', 'https://example.gov.vn/ban-tin/2024/anh.jpg'], ['may-khac', 'https://cdn.example.org/y.jpg']]) {
      const html = page(`2024/01/anh-${slug}/index.html`);
      assertLines(html, `<meta property="og:image" content="${url}">`);
      expect(html, slug).toContain(`"image":"${url}"`);
    }
    const feed = JSON.parse(String(writer.files.get('feed.json'))) as { items: { image?: string }[] };
    expect(feed.items.map((i) => i.image)).toEqual(['https://cdn.example.org/y.jpg', 'https://example.gov.vn/ban-tin/2024/anh.jpg', 'https://example.gov.vn/ban-tin/2024/anh.jpg']);
  });
});
