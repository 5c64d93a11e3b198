import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { loadProvinces } from '../src/vietnamese/provinces.js';
import { slugify } from '../src/vietnamese/slugs.js';
import { build } from './helpers/site.js';
import { TINY } from './helpers/photos.js';

const fm = (front: string, body = 'Nội dung.\n') => `---\n${front}\n---\n${body}`;
const BASE = 'title: Bài\ndate: 2020-02-24\nprovince: Bắc Giang\nsource: bacgiang.gov.vn';

describe('slugs', () => {
  it.each([
    ['Đắk Lắk', 'dak-lak'],
    ['Bắc Giang: Tiếp tục phát huy ý nghĩa', 'bac-giang-tiep-tuc-phat-huy-y-nghia'],
    ['ĐẢNG BỘ TỈNH', 'dang-bo-tinh'],
    ['  Hội nghị -- "Dân vận khéo" 2020!  ', 'hoi-nghi-dan-van-kheo-2020'],
    ['CON', 'con-1'],
    ['🎉🎉', ''],
  ])('%j → %j', (title, slug) => expect(slugify(title)).toBe(slug));

  it('caps near 80 characters at a word boundary', () => {
    const slug = slugify('Ủy ban nhân dân tỉnh Bắc Giang tổ chức hội nghị tổng kết công tác dân vận chính quyền năm 2019 và triển khai nhiệm vụ năm 2020');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('uy-ban-nhan-dan-tinh-bac-giang-to-chuc-hoi-nghi-tong-ket-cong-tac-dan-van-chinh');
  });
});

describe('provinces', () => {
  const p = loadProvinces();
  it('has 34 current units and the former ones', () => {
    const all = [...p.bySlug.values()];
    expect(all.filter((x) => x.current)).toHaveLength(34);
    expect(all.filter((x) => !x.current)).toHaveLength(63 - 34);
  });
  it.each([
    ['TP.HCM', 'ho-chi-minh'],
    ['Tp. Hồ Chí Minh', 'ho-chi-minh'],
    ['Thành phố Hồ Chí Minh', 'ho-chi-minh'],
    ['Khánh Hoà', 'khanh-hoa'],
    ['Khánh Hòa', 'khanh-hoa'],
    ['tỉnh Bắc Giang', 'bac-giang'],
    ['Thừa Thiên Huế', 'hue'],
    ['Bà Rịa - Vũng Tàu', 'ba-ria-vung-tau'],
    ['Dak Lak', 'dak-lak'],
  ])('%s → %s', (name, slug) => expect(p.resolve(name)?.slug).toBe(slug));
  it('knows what a former province merged into', () => {
    expect(p.resolve('Bắc Giang')).toMatchObject({ current: false, mergedInto: 'bac-ninh', mergedOn: '2025-07-01' });
    expect(p.bySlug.get('bac-ninh')?.formers).toEqual(['bac-giang']);
  });
  it('suggests close names', () => {
    expect(p.resolve('Bac Giangg')).toBeNull();
    expect(p.suggest('Bac Giangg')).toEqual(['Bắc Giang']);
  });
});

describe('config', () => {
  it('reports unknown keys and wrong types with their line', () => {
    const { diagnostics } = parseConfig('title: Bản tin\ntitel: x\npageSize: "hai mươi"\ntimeZone: Mars/Olympus\n', 'bantin.config.yaml');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message} [${d.rule}]`)).toEqual([
      '2:1 unknown key "titel"; did you mean "title"? [config-unknown-key]',
      '3:11 pageSize must be a whole number above 0 [config-type]',
      '4:11 timeZone must be an IANA time zone such as Asia/Ho_Chi_Minh [config-type]',
    ]);
  });
  it('reads JSON too and fills defaults', () => {
    const { config, diagnostics } = parseConfig('{"title": "T", "pageSize": 5, "segments": {"tags": "chu-de"}}', 'bantin.config.json');
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({ title: 'T', pageSize: 5, language: 'vi', segments: { tags: 'chu-de', provinces: 'provinces' } });
  });
});

describe('front matter and text', () => {
  const one = (file: string | Uint8Array) => build({ 'content/a.md': file });

  it('keeps document numbers with leading zeros as strings and dates as strings', () => {
    const { page, errors } = one(fm(`${BASE}\nattachments:\n  - title: Công văn\n    file: https://example.gov.vn/cv.pdf\n    number: 012345`));
    expect(errors).toEqual([]);
    expect(page('2020/02/bai/index.html')).toContain('(Số hiệu: 012345)');
  });

  it.each([
    ['duplicate keys', fm(`${BASE}\ntitle: Hai`), 'content/a.md:6:1: the key "title" appears twice; fix the YAML between the --- lines [yaml-duplicate-key]'],
    ['!!js/function', fm(`${BASE}\nsummary: !!js/function "function(){}"`), 'content/a.md:6:10: YAML tags such as !!js/function are not allowed; fix the YAML between the --- lines [yaml-tag]'],
    ['a value that is not a mapping', fm('- một\n- hai'), 'content/a.md:2:1: front matter must be "key: value" lines, not a single value or a list [front-matter-not-mapping]'],
    ['unclosed front matter', `---\n${BASE}\n`, 'content/a.md:1:1: front matter is never closed; end it with a line holding only --- [front-matter-unclosed]'],
    ['a list title', fm(BASE.replace('title: Bài', 'title: [a, b]')), 'content/a.md:2:8: title must be text, not a list [field-type]'],
  ])('reports %s', (_name, file, message) => {
    expect(one(file).errors).toContain(message);
  });

  it('accepts BOM + CRLF and CR-only line endings, and NFC-normalises', () => {
    const nfd = 'Bắc Giang'.normalize('NFD');
    const crlf = `\uFEFF${fm(BASE.replace('title: Bài', `title: Bài ${nfd}`))}`.replace(/\n/g, '\r\n');
    const a = one(crlf);
    expect(a.errors).toEqual([]);
    expect(a.page('2020/02/bai-bac-giang/index.html')).toContain(`<h1>Bài ${'Bắc Giang'.normalize('NFC')}</h1>`);
    const cr = one(fm(BASE).replace(/\n/g, '\r'));
    expect(cr.errors).toEqual([]);
  });

  it('reports UTF-16 and invalid UTF-8 instead of mangling them', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fm(BASE), 'utf16le')]);
    expect(one(utf16).errors).toEqual(['content/a.md:1:1: file is UTF-16; save it as UTF-8 [encoding]']);
    const bad = Buffer.concat([Buffer.from(`${fm(BASE)}dòng hai\nB`), Buffer.from([0xbe, 0x63])]);
    expect(one(bad).errors).toEqual([
      'content/a.md:9:2: file is not valid UTF-8; save it as UTF-8 (or convert it with `bantin import --from tcvn3|vni`) [encoding]',
    ]);
  });

  it('accepts blank lines before the opening ---', () => {
    const { errors, page } = one(`\n\n${fm(BASE)}`);
    expect(errors).toEqual([]);
    expect(page('2020/02/bai/index.html')).toContain('<h1>Bài</h1>');
  });

  it('refuses an article over the size limit', () => {
    const { errors } = build({ 'content/a.md': fm(BASE, 'x'.repeat(2000)), 'bantin.config.yaml': 'maxArticleBytes: 1000\n' });
    expect(errors[0]).toMatch(/^content\/a\.md:1:1: file is \d+ bytes, over the limit of 1000; .*\[article-too-large\]$/);
  });

  it('drops raw HTML and dangerous URLs by default', () => {
    const body = '<script>alert(1)</script>\n\n<iframe src="x"></iframe>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<style>body{}</style>\n';
    const { page } = one(fm(BASE, body));
    const html = page('2020/02/bai/index.html');
    for (const bad of ['<script>alert', '<iframe', 'javascript:', 'onerror', '<style>body']) expect(html).not.toContain(bad);
  });

  it('lets sanitised raw HTML through when the site opts in', () => {
    const { page } = build({
      'content/a.md': fm(BASE, '<details><summary>Chi tiết</summary>Nội dung</details>\n\n<script>alert(1)</script>\n'),
      'bantin.config.yaml': 'allowHtml: true\n',
    });
    const html = page('2020/02/bai/index.html');
    expect(html).toContain('<details><summary>Chi tiết</summary>Nội dung</details>');
    expect(html).not.toContain('<script>alert');
  });

  it('warns of an image without alt text at its line, a caption not counting, raw HTML included', () => {
    const body = 'Đoạn mở đầu.\n\n![](anh-1.png)\n\n![  ](anh-2.png "Chú thích dưới ảnh")\n\n![Lễ khởi công cầu Kênh Vàng](anh-3.png)\n\n<img src="anh-4.png">\n';
    const files = { 'content/2020/bai.md': fm(BASE, body), 'content/2020/anh-1.png': TINY.png, 'content/2020/anh-2.png': TINY.png, 'content/2020/anh-3.png': TINY.png, 'content/2020/anh-4.png': TINY.png };
    const { messages } = build({ ...files, 'bantin.config.yaml': 'allowHtml: true\n' });
    const hint = 'has no alt text; write what it shows between the brackets, e.g. ![Lễ khởi công cầu Kênh Vàng](anh.jpg): screen readers read it (Thông tư 32/2017/TT-BTTTT asks for it), and a caption does not stand for it [missing-alt]';
    expect(messages).toEqual([
      `content/2020/bai.md:9:1: warning: image "anh-1.png" ${hint}`,
      `content/2020/bai.md:11:1: warning: image "anh-2.png" ${hint}`,
      `content/2020/bai.md:15:1: warning: image "anh-4.png" ${hint}`,
    ]);
  });

  it('reports pathological nesting for the file instead of crashing', () => {
    const { errors } = one(fm(BASE, `${'>'.repeat(20000)} sâu\n`));
    expect(errors).toEqual([
      'content/a.md:7:1: Markdown is nested too deeply to render (thousands of levels); flatten the quotes or lists [markdown-too-deep]',
    ]);
  });
});
