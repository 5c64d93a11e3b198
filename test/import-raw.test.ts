import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { escapeMarkdown } from '../src/import/article-file.js';
import { convertRaw } from '../src/import/convert.js';
import { parseDateLine } from '../src/import/date-line.js';
import { isFurniture } from '../src/import/furniture.js';
import { detectLegacy, fromTcvn3, fromVni } from '../src/import/legacy-encodings.js';
import { REPO } from './helpers/site.js';

const RAW = join(REPO, 'test/fixtures/raw');
const raw = (name: string) => readFileSync(join(RAW, name));
const convert = (name: string, options: { province?: string; from?: 'tcvn3' | 'vni' } = {}) =>
  convertRaw(raw(name), { config: defaultConfig(), ...options });
const frontMatter = (text: string) => text.split('---\n')[1]!;

describe('date lines (always day/month/year)', () => {
  it.each([
    ['Thứ Hai, 24/2/2020', '2020-02-24'],
    ['thứ hai, 24/02/2020', '2020-02-24'],
    ['T2, 24/2/2020', '2020-02-24'],
    ['CN, 1/3/2020', '2020-03-01'],
    ['Chủ nhật, 01/03/2020 (GMT+7)', '2020-03-01'],
    ['24/02/2020 08:30', '2020-02-24 08:30'],
    ['08:30 24/02/2020', '2020-02-24 08:30'],
    ['24/02/2020, 08h30', '2020-02-24 08:30'],
    ['Cập nhật: 24/02/2020 | 3:15 PM', '2020-02-24 15:15'],
    ['ngày 24 tháng 2 năm 2020', '2020-02-24'],
    ['2020-02-24', '2020-02-24'],
    ['05/01/2022', '2022-01-05'],
  ])('%s → %s', (line, value) => {
    expect(parseDateLine(line)).toMatchObject({ value });
  });

  it('is not fooled by text lines', () => {
    expect(parseDateLine('Bắc Giang: Tiếp tục phát huy vai trò')).toBeNull();
    expect(parseDateLine('Năm 2020 có 24/2 ngày')).toBeNull();
  });

  it('rejects a weekday the date does not fall on, quoting the line', () => {
    expect(parseDateLine('Thứ Ba, 24/2/2020')).toEqual({
      error: 'date line "Thứ Ba, 24/2/2020" says Thứ Ba, but 24/2/2020 is a Thứ Hai; correct the weekday or the date',
    });
    expect(parseDateLine('T7, 24/2/2020')).toHaveProperty('error');
  });

  it('rejects an impossible date, quoting the line', () => {
    expect(parseDateLine('31/02/2021 09:00')).toEqual({
      error: 'date line "31/02/2021 09:00" names day 31 of month 2 in 2021, which does not exist (dates are read day/month/year); correct the line',
    });
    expect(parseDateLine('13/13/2020')).toHaveProperty('error');
    expect(parseDateLine('24/02/2020 25:10')).toHaveProperty('error');
  });
});

describe('legacy encodings', () => {
  it('converts TCVN3 (ABC) text', () => {
    expect(fromTcvn3('B¾c Giang')).toBe('Bắc Giang');
    expect(fromTcvn3('TiÕng ViÖt rÊt hay')).toBe('Tiếng Việt rất hay');
    expect(fromTcvn3('M\u00adêng Kh\u00ad¬ng, B¶o Th¾ng, B¸t X¸t')).toBe('Mường Khương, Bảo Thắng, Bát Xát');
    expect(fromTcvn3('§¶ng bé tØnh')).toBe('Đảng bộ tỉnh');
  });

  it('converts VNI text', () => {
    expect(fromVni('Baéc Giang')).toBe('Bắc Giang');
    expect(fromVni('Tieáng Vieät raát hay')).toBe('Tiếng Việt rất hay');
    expect(fromVni('Xin chaøo caùc baïn')).toBe('Xin chào các bạn');
    expect(fromVni('Ñaø Naüng, TRÖÔØNG, ñöôøng, tænh, Thuûy, kyõ')).toBe('Đà Nẵng, TRƯỜNG, đường, tỉnh, Thủy, kỹ');
  });

  it('recognises legacy-looking text and leaves Unicode alone', () => {
    expect(detectLegacy('B¾c Giang')).toEqual({ encoding: 'tcvn3', word: 'B¾c', index: 0 });
    expect(detectLegacy('tỉnh Baéc Giang')).toEqual({ encoding: 'vni', word: 'Baéc', index: 5 });
    for (const text of ['Bắc Giang', 'Toán học, hoàn thành, khoẻ, thuê, quân', 'café, Zürich, São Paulo', 'Nguồn: bacgiang.gov.vn']) {
      expect(detectLegacy(text), text).toBeNull();
    }
  });
});

describe('furniture', () => {
  it('knows portal buttons and counters, not sentences that mention them', () => {
    for (const line of ['Gửi cho bạn bè', 'Phản hồi', 'Thông tin người gửi phản hồi', 'In bài viết', 'Lượt xem: 123', 'Chia sẻ', '**Chia sẻ:**', 'Số lượt đọc: 1.234', 'Facebook | Zalo | In']) {
      expect(isFurniture(line), line).toBe(true);
    }
    for (const line of ['Phản hồi của người dân được tiếp nhận qua đường dây nóng.', 'In ấn tài liệu', 'Lượt xem tăng mạnh']) {
      expect(isFurniture(line), line).toBe(false);
    }
  });
});

describe('escaping', () => {
  it('keeps raw text as written in Markdown', () => {
    expect(escapeMarkdown('# 1 *sao* [x](y) <b>')).toBe('\\# 1 \\*sao\\* \\[x\\](y) \\<b\\>');
    expect(escapeMarkdown('2020. Năm bản lề')).toBe('2020\\. Năm bản lề');
    expect(escapeMarkdown('- gạch đầu dòng')).toBe('\\- gạch đầu dòng');
  });
});

describe('raw bulletins', () => {
  it('reads the reference sample', () => {
    const { article, notes } = convert('bacgiang-2020-02-24.txt');
    expect(notes.map((n) => n.rule)).toEqual(['missing-photo']);
    expect(frontMatter(article!.text)).toBe(
      [
        'title: "Bắc Giang: Tiếp tục phát huy ý nghĩa, vai trò của công tác dân vận chính quyền"',
        'date: 2020-02-24',
        'province: Bắc Giang',
        'source: bacgiang.gov.vn',
        'summary: Ban Cán sự UBND tỉnh và Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp về công tác dân vận chính quyền',
        '',
      ].join('\n'),
    );
    expect(article!.slug).toBe('bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen');
    expect(article!.text).toContain('\n![ảnh]()\n\n*Phó Chủ tịch Thường trực UBND tỉnh Lại Thanh Sơn (phải ảnh) trao tặng Bằng khen của Thủ tướng Chính phủ cho ông Ngô Văn Thuận - Trưởng phòng Đoàn thể và các hội, Ban Dân vận Tỉnh ủy Bắc Giang*\n');
    for (const furniture of ['Gửi cho bạn bè', 'Phản hồi', 'Thông tin người gửi', 'Nguồn:', '\u00a0']) expect(article!.text).not.toContain(furniture);
    expect(article!.text.endsWith('khen thưởng./.\n')).toBe(true);
  });

  it.each([
    ['bac-ninh-thu-hai-thuong.txt', 'date: 2020-03-02', 'province: Bắc Ninh'],
    ['ha-giang-t2.txt', 'date: 2025-03-10', 'province: Hà Giang'],
    ['ha-giang-gio-sau-ngay.txt', 'date: 2020-02-24 08:30', 'province: Hà Giang'],
    ['ho-chi-minh-gio-truoc.txt', 'date: 2021-06-15 08:30', 'province: Hồ Chí Minh'],
    ['khanh-hoa-gio-sau.txt', 'date: 2022-01-05 14:15', 'province: Khánh Hòa'],
    ['can-tho-ngay-thang-nam.txt', 'date: 2023-09-07', 'province: Cần Thơ'],
    ['quang-nam-crlf-bom.txt', 'date: 2019-11-20', 'province: Quảng Nam'],
    ['lam-dong-nfd.txt', 'date: 2023-09-07', 'province: Lâm Đồng'],
  ])('%s', (name, date, province) => {
    const { article, notes } = convert(name);
    expect(notes.filter((n) => n.severity === 'error')).toEqual([]);
    const fm = frontMatter(article!.text);
    expect(fm).toContain(`\n${date}\n`);
    expect(fm).toContain(`\n${province}\n`);
    expect(article!.text).not.toMatch(/\r|\uFEFF|Lượt xem|In bài viết|Chia sẻ|Gửi cho bạn bè|Phản hồi/);
    expect(article!.text).toBe(article!.text.normalize('NFC'));
  });

  it('keeps lists, captions and escapes Markdown characters', () => {
    const list = convert('ha-giang-t2.txt').article!.text;
    expect(list).toContain('Các hoạt động chính:\n\n- Trồng rừng phòng hộ đầu nguồn;\n- Trồng cây phân tán dọc các tuyến đường;\n- Chăm sóc, bảo vệ rừng sau khi trồng.\n');
    expect(list).toContain('![ảnh]()\n\n*Ảnh: Người dân xã Lũng Cú tham gia trồng cây*\n');
    const escaped = convert('can-tho-ngay-thang-nam.txt').article!.text;
    expect(escaped).toContain('\n\\# Trong tháng, 85 phường, xã tổ chức hướng dẫn người dân dùng dịch vụ công trực tuyến; \\*mỗi\\* tổ');
    expect(escaped).toContain('summary: Thành phố phát động các hoạt động hưởng ứng Tháng chuyển đổi số với chủ đề phổ cập nền tảng số.\n');
    expect(convert('ho-chi-minh-gio-truoc.txt').article!.text).toContain('source: "https://hochiminhcity.gov.vn/tin-tuc/12345"\n');
  });

  it('needs a province from the title or --province', () => {
    const missing = convert('khong-tinh-iso.txt');
    expect(missing.article).toBeNull();
    expect(missing.notes).toEqual([
      { severity: 'error', rule: 'missing-province', message: 'no province: the title has no "Tỉnh: …" prefix naming one; pass --province NAME', place: { line: 2, column: 1 } },
    ]);
    const given = convert('khong-tinh-iso.txt', { province: 'Hà Nội' });
    expect(frontMatter(given.article!.text)).toContain('title: Hội nghị tổng kết công tác cải cách hành chính năm 2024\ndate: 2024-10-01\nprovince: Hà Nội\n');
  });

  it('reports a weekday mismatch and an impossible date at the date line', () => {
    expect(convert('sai-thu.txt')).toEqual({
      article: null,
      notes: [{ severity: 'error', rule: 'invalid-date', message: 'date line "Thứ Ba, 24/2/2020" says Thứ Ba, but 24/2/2020 is a Thứ Hai; correct the weekday or the date', place: { line: 1, column: 1 } }],
    });
    expect(convert('ngay-khong-co.txt').notes[0]).toMatchObject({ rule: 'invalid-date', message: expect.stringContaining('"31/02/2021 09:00"') });
  });

  it('reports legacy text without --from, converts it with --from', () => {
    expect(convert('bac-giang-tcvn3.txt').notes).toEqual([
      { severity: 'error', rule: 'legacy-encoding', message: 'text looks like TCVN3 (ABC) ("B¾c"), not Unicode; run again with --from tcvn3 to convert it', place: { line: 2, column: 1 } },
    ]);
    expect(convert('da-nang-vni.txt').notes[0]).toMatchObject({ rule: 'legacy-encoding', message: expect.stringContaining('looks like VNI') });
    const tcvn3 = convert('bac-giang-tcvn3.txt', { from: 'tcvn3' }).article!.text;
    expect(frontMatter(tcvn3)).toBe(
      'title: "Bắc Giang: Tiếp tục phát huy vai trò của công tác dân vận"\ndate: 2020-02-24\nprovince: Bắc Giang\nsource: bacgiang.gov.vn\n' +
        'summary: Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp về công tác dân vận chính quyền.\n',
    );
    const vni = convert('da-nang-vni.txt', { from: 'vni' }).article!.text;
    expect(frontMatter(vni)).toContain('title: "Đà Nẵng: Tiếp tục phát huy vai trò của công tác dân vận"\ndate: 2020-02-24\nprovince: Đà Nẵng\n');
    expect(vni).toContain('\nNgười đứng đầu các cấp đã tổ chức gần 800 cuộc tiếp xúc, đối thoại với nhân dân.\n');
  });

  it('reads 8-bit TCVN3 bytes with --from, and refuses them without', () => {
    expect(convert('bac-giang-tcvn3-8bit.txt').notes[0]).toMatchObject({ rule: 'encoding' });
    expect(convert('bac-giang-tcvn3-8bit.txt', { from: 'tcvn3' }).article!.text).toContain('title: "Bắc Giang: Đẩy mạnh vai trò của công tác dân vận"');
  });

  it('does not convert Unicode text even with --from', () => {
    const { article, notes } = convert('bac-ninh-thu-hai-thuong.txt', { from: 'vni' });
    expect(notes[0]).toMatchObject({ rule: 'legacy-encoding', severity: 'warning' });
    expect(article!.text).toContain('title: "Bắc Ninh: Khởi công xây dựng cầu Kênh Vàng nối hai tỉnh"');
  });
});
