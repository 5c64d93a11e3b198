// `bantin import --document`: an official document's header, as copied from a PDF or a portal → its record in the registry.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocumentHeader, type HeaderOptions } from '../src/import/document-header.js';
import { agencyName } from '../src/vietnamese/agencies.js';
import { fromTcvn3 } from '../src/import/legacy-encodings.js';
import { documentTypes } from '../src/vietnamese/documents.js';
import { assertLines, buildInMemory, makeSite, runCli } from './helpers/site.js';

const OPTIONS: HeaderOptions = { types: documentTypes(), issuers: { UBND: 'Ủy ban nhân dân tỉnh Bắc Ninh' } };

/** The fields a header gives, or its problems as `line:column rule`. */
function read(text: string, options: HeaderOptions = OPTIONS) {
  const r = readDocumentHeader(text, options);
  if ('problems' in r) return r.problems.map((p) => `${p.place.line}:${p.place.column} ${p.rule}`);
  const { number, type, issuer, issued, summary, body } = r.header;
  return { number: number.text, type: type.name, issuer, issued, summary, body };
}

/** The message of a header's only problem. */
function message(text: string, options: HeaderOptions = OPTIONS): string {
  const r = readDocumentHeader(text, options);
  if (!('problems' in r) || r.problems.length !== 1) throw new Error(`expected one problem, got ${JSON.stringify(r)}`);
  return r.problems[0]!.message;
}

const QD_UBND = `ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC NINH                         Độc lập - Tự do - Hạnh phúc
-------                                      ---------------
Số: 215/QĐ-UBND                    Bắc Ninh, ngày 24 tháng 02 năm 2024

QUYẾT ĐỊNH
Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh
nhiệm kỳ 2021 - 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ
về công tác văn thư;
Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.

QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân
tỉnh nhiệm kỳ 2021 - 2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
`;

const CONG_VAN = `ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BẮC NINH                 Độc lập - Tự do - Hạnh phúc
Số: 1234/UBND-KT           Bắc Ninh, ngày 2 tháng 6 năm 2025
V/v báo cáo tình hình kinh tế
quý II năm 2025
Kính gửi: Các sở, ban, ngành thuộc tỉnh.
Để tổng hợp báo cáo Chính phủ, Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành
báo cáo trước ngày 25/6/2025.
`;

const NORMATIVE = `ỦY BAN NHÂN DÂN TỈNH BẮC NINH      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/2024/QĐ-UBND
Bắc Ninh, ngày 05 tháng 3 năm 2024
QUYẾT ĐỊNH
Ban hành Quy định về quản lý nhà nước đối với hoạt động
thông tin điện tử trên địa bàn tỉnh Bắc Ninh
ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;
`;

const KE_HOACH_SO = `UBND TỈNH BẮC NINH              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ THÔNG TIN VÀ TRUYỀN THÔNG         Độc lập - Tự do - Hạnh phúc
Số: 45/KH-STTTT                 Bắc Ninh, ngày 10 tháng 01 năm 2024

KẾ HOẠCH
Triển khai thực hiện chuyển đổi số năm 2024
-----------
Thực hiện Quyết định số 215/QĐ-UBND ngày 24/02/2024 của Ủy ban nhân dân tỉnh, Sở Thông tin
và Truyền thông ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Đẩy mạnh chuyển đổi số trong cơ quan nhà nước;
`;

// Note: a copy from a PDF viewer: CRLF, no-break spaces and tabs, the two columns on alternate lines.
const INTERLEAVED = [
  'ỦY BAN NHÂN DÂN',
  'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'HUYỆN GIA BÌNH\u00a0\u00a0',
  '\tĐộc lập – Tự do – Hạnh phúc',
  'Số :\u00a008/TB-UBND Gia Bình, ngày\u00a009  tháng 9 năm 2023',
  '\u00a0',
  'THÔNG BÁO',
  'Kết luận của Chủ tịch Ủy ban nhân dân huyện tại\u00a0cuộc họp',
  'giao ban tháng 9 năm 2023',
  '',
  'Ngày 08/9/2023, Chủ tịch Ủy ban nhân dân huyện chủ trì cuộc họp giao ban.',
].join('\r\n');

describe('reading a document header', () => {
  it('reads a Quyết định of a UBND tỉnh: number, date, type, issuer, trích yếu and the text after it', () => {
    expect(read(QD_UBND)).toEqual({
      number: '215/QĐ-UBND',
      type: 'Quyết định',
      issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      issued: '2024-02-24',
      summary: 'Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026',
      body: [
        'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
        'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
        'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
        'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.',
        'QUYẾT ĐỊNH:',
        'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026.',
        'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
      ],
    });
  });

  it('reads a công văn: no type line, its trích yếu a "V/v" line written out as "Về việc"', () => {
    expect(read(CONG_VAN)).toEqual({
      number: '1234/UBND-KT',
      type: 'Công văn',
      issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      issued: '2025-06-02',
      summary: 'Về việc báo cáo tình hình kinh tế quý II năm 2025',
      body: [
        'Kính gửi: Các sở, ban, ngành thuộc tỉnh.',
        'Để tổng hợp báo cáo Chính phủ, Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành báo cáo trước ngày 25/6/2025.',
      ],
    });
  });

  it('reads a legal normative Quyết định, its number with the year, the date on a line of its own', () => {
    expect(read(NORMATIVE)).toMatchObject({
      number: '15/2024/QĐ-UBND',
      type: 'Quyết định',
      issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh',
      issued: '2024-03-05',
      summary: 'Ban hành Quy định về quản lý nhà nước đối với hoạt động thông tin điện tử trên địa bàn tỉnh Bắc Ninh',
      body: ['ỦY BAN NHÂN DÂN TỈNH BẮC NINH', 'Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;'],
    });
  });

  it('reads a Kế hoạch of a Sở: the issuer is the agency under the UBND tỉnh, the trích yếu ends at its rule', () => {
    expect(read(KE_HOACH_SO)).toEqual({
      number: '45/KH-STTTT',
      type: 'Kế hoạch',
      issuer: 'Sở Thông tin và Truyền thông',
      issued: '2024-01-10',
      summary: 'Triển khai thực hiện chuyển đổi số năm 2024',
      body: [
        'Thực hiện Quyết định số 215/QĐ-UBND ngày 24/02/2024 của Ủy ban nhân dân tỉnh, Sở Thông tin và Truyền thông ban hành Kế hoạch như sau:',
        'I. MỤC ĐÍCH, YÊU CẦU',
        '1. Mục đích',
        '- Đẩy mạnh chuyển đổi số trong cơ quan nhà nước;',
      ],
    });
  });

  it('reads a copy with CRLF, no-break spaces, tabs and the two columns interleaved', () => {
    expect(read(INTERLEAVED)).toEqual({
      number: '08/TB-UBND',
      type: 'Thông báo',
      issuer: 'Ủy ban nhân dân huyện Gia Bình',
      issued: '2023-09-09',
      summary: 'Kết luận của Chủ tịch Ủy ban nhân dân huyện tại cuộc họp giao ban tháng 9 năm 2023',
      body: ['Ngày 08/9/2023, Chủ tịch Ủy ban nhân dân huyện chủ trì cuộc họp giao ban.'],
    });
  });

  it('reads variants: "Số :" with spaces in the number, a mark of urgency, the type and trích yếu on one line, the columns after each other', () => {
    const joined = 'SỞ Y TẾ TỈNH BẮC NINH\nSố : 12 / QĐ – SYT\nHỎA TỐC\nQUYẾT ĐỊNH Về việc thành lập Tổ công tác\nBắc Ninh, ngày 1 tháng 12 năm 2024\n\nGIÁM ĐỐC SỞ Y TẾ\n';
    expect(read(joined)).toMatchObject({ number: '12/QĐ-SYT', type: 'Quyết định', issuer: 'Sở Y tế tỉnh Bắc Ninh', issued: '2024-12-01', summary: 'Về việc thành lập Tổ công tác' });
    const columnAfter = 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 301/SLĐTBXH-VP\nV/v: rà soát hộ nghèo\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\ncuối năm 2024\n---------\nTP. Hồ Chí Minh, ngày 18 tháng 11 năm 2024\nKính gửi: Ủy ban nhân dân các quận, huyện\n';
    expect(read(columnAfter)).toMatchObject({ number: '301/SLĐTBXH-VP', type: 'Công văn', issuer: 'Sở Lao động - Thương binh và Xã hội', issued: '2024-11-18', summary: 'Về việc rà soát hộ nghèo cuối năm 2024' });
  });

  it('takes the issuer from documents.issuers when the header names no agency', () => {
    expect(read('Số: 88/TB-UBND   Bắc Ninh, ngày 3 tháng 4 năm 2024\nTHÔNG BÁO\nLịch tiếp công dân tháng 4\n')).toMatchObject({ type: 'Thông báo', issuer: 'Ủy ban nhân dân tỉnh Bắc Ninh' });
  });

  it('writes agency names in normal case as Decree 30/2020 does, proper names and abbreviations kept', () => {
    const name = (text: string) => agencyName(text.split(' '));
    expect(name('ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH')).toBe('Ủy ban nhân dân Thành phố Hồ Chí Minh');
    expect(name('UBND TỈNH BÀ RỊA - VŨNG TÀU')).toBe('UBND tỉnh Bà Rịa - Vũng Tàu');
    expect(name('SỞ KẾ HOẠCH VÀ ĐẦU TƯ')).toBe('Sở Kế hoạch và Đầu tư');
    expect(name('VĂN PHÒNG UỶ BAN NHÂN DÂN TỈNH')).toBe('Văn phòng Uỷ ban nhân dân tỉnh');
    expect(name('BỘ TÀI CHÍNH')).toBe('Bộ Tài chính');
    expect(name('HỘI ĐỒNG NHÂN DÂN XÃ TÂN HỘI')).toBe('Hội đồng nhân dân xã Tân Hội');
    expect(name('NGÂN HÀNG NHÀ NƯỚC VIỆT NAM')).toBe('Ngân hàng Nhà nước Việt Nam');
  });
});

describe('headers that cannot be read', () => {
  it('names the line, column and rule of each problem', () => {
    expect(read(QD_UBND.replace('Số: 215/QĐ-UBND', 'Số:    /QĐ-UBND'))).toEqual(['4:1 document-number']);
    expect(message(QD_UBND.replace('Số: 215/QĐ-UBND', 'Số:    /QĐ-UBND'))).toBe(
      '"Số: /QĐ-UBND" is not a number and symbol (số, ký hiệu) as Decree 30/2020 writes them; write e.g. "Số: 215/QĐ-UBND", "Số: 15/2024/QĐ-UBND" or "Số: 1234/UBND-VP"',
    );
    expect(read(QD_UBND.replace('Số: 215/QĐ-UBND', 'Ký hiệu 215/QĐ-UBND'))).toEqual(['6:1 missing-number']);
    expect(read(QD_UBND.replace('24 tháng 02', '30 tháng 02'))).toEqual(['4:46 invalid-date']);
    expect(message(QD_UBND.replace('24 tháng 02', '30 tháng 02'))).toBe('date "ngày 30 tháng 02 năm 2024" is not a calendar date (there is no day 30 in month 2 of 2024); correct the day or the month');
    expect(read(QD_UBND.replace('ngày 24 tháng 02', 'ngày    tháng'))).toEqual(['4:46 invalid-date']);
    expect(read(QD_UBND.replace('Bắc Ninh, ngày 24 tháng 02 năm 2024', ''))).toEqual(['4:1 missing-date']);
  });

  it('refuses a type line that is no type, or that the number contradicts', () => {
    expect(read(QD_UBND.replace('\nQUYẾT ĐỊNH\n', '\nQUYÊT ĐINH\n'))).toEqual(['6:1 document-type']);
    expect(read(QD_UBND.replace('\nQUYẾT ĐỊNH\n', '\nKẾ HOẠCH\n'))).toEqual(['6:1 document-type']);
    expect(message(QD_UBND.replace('\nQUYẾT ĐỊNH\n', '\nKẾ HOẠCH\n'))).toBe(
      'the number 215/QĐ-UBND is that of a Quyết định (QĐ), but type is Kế hoạch (KH); correct the number (215/KH-UBND) or the type',
    );
  });

  it('refuses a header without trích yếu, type or issuer', () => {
    const noVv = CONG_VAN.replace('V/v báo cáo tình hình kinh tế\nquý II năm 2025\n', '');
    expect(read(noVv)).toEqual(['4:1 missing-summary', '4:1 missing-type']);
    expect(read(QD_UBND.replace(/Về việc[^]*2026\n/, ''))).toEqual(['8:1 missing-summary']);
    expect(message(QD_UBND.replace(/Về việc[^]*2026\n/, ''))).toBe(
      'no trích yếu after the type line "QUYẾT ĐỊNH"; the next line says what the document is about, e.g. "Về việc ban hành Quy chế làm việc" (or "V/v …" in a công văn); add it',
    );
    const noAgency = CONG_VAN.replace(/^[^]*?Số/, 'Số');
    expect(read(noAgency, { ...OPTIONS, issuers: {} })).toEqual(['1:1 missing-issuer']);
    expect(message(noAgency, { ...OPTIONS, issuers: {} })).toBe(
      'no issuing body: no agency\'s name in capitals above the number and documents.issuers in the config names none for UBND; add it above the number (e.g. "ỦY BAN NHÂN DÂN TỈNH BẮC NINH") or name UBND under documents.issuers',
    );
  });
});

const CONFIG = `title: Cổng thông tin tỉnh
sections:
  - { id: tin-tuc, title: Tin tức }
  - { id: van-ban, title: Văn bản, kind: documents }
documents:
  issuers: { UBND: Ủy ban nhân dân tỉnh Bắc Ninh }
`;

describe('bantin import --document', () => {
  it('writes each header as a record of the registry that builds, and refuses to overwrite without --force', () => {
    const root = makeSite({ 'bantin.config.yaml': CONFIG });
    writeFileSync(join(root, 'qd-215.txt'), QD_UBND);
    writeFileSync(join(root, 'cv-1234.txt'), CONG_VAN.replace(/\n/g, '\r\n'));
    const r = runCli(['import', '--document', 'qd-215.txt', 'cv-1234.txt'], { cwd: root });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.trim().split('\n')).toEqual([
      'created content/van-ban/2024/215-qd-ubnd.md from qd-215.txt',
      'created content/van-ban/2025/1234-ubnd-kt.md from cv-1234.txt',
    ]);
    expect(readFileSync(join(root, 'content/van-ban/2024/215-qd-ubnd.md'), 'utf8')).toBe(`---
number: 215/QĐ-UBND
type: Quyết định
issuer: Ủy ban nhân dân tỉnh Bắc Ninh
issued: 2024-02-24
effective: 2024-02-24
summary: Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026
---

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;

Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
`);

    const { errors, page } = buildInMemory(root);
    expect(errors).toEqual([]);
    assertLines(
      page('van-ban/2024/215-qd-ubnd/index.html'),
      `
      <h1>Quyết định 215/QĐ-UBND</h1>
      <p class="document-header">Số: 215/QĐ-UBND · ngày 24 tháng 02 năm 2024</p>
      <p class="lead">Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh nhiệm kỳ 2021 - 2026</p>
      <tr><th scope="row">Cơ quan ban hành</th><td>Ủy ban nhân dân tỉnh Bắc Ninh</td></tr>
      <tr><th scope="row">Ngày có hiệu lực</th><td><time datetime="2024-02-24">24/02/2024</time></td></tr>
      <p>Điều 2. Quyết định này có hiệu lực kể từ ngày ký.</p>
      `,
    );
    assertLines(
      page('van-ban/2025/1234-ubnd-kt/index.html'),
      `
      <tr><th scope="row">Loại văn bản</th><td>Công văn</td></tr>
      <p class="lead">Về việc báo cáo tình hình kinh tế quý II năm 2025</p>
      `,
    );

    const again = runCli(['import', '--document', 'qd-215.txt'], { cwd: root });
    expect([again.code, again.stderr.trim().split('\n')]).toEqual([1, [
      'qd-215.txt:1:1: content/van-ban/2024/215-qd-ubnd.md already exists; pass --force to replace it [exists]',
      'import: 0 of 1 file(s) imported, 1 failed',
    ]]);
    expect(runCli(['import', '--document', 'qd-215.txt', '--force'], { cwd: root }).code).toBe(0);
  });

  it('reports a header it cannot read at its line, writes nothing for it and still writes the others', () => {
    const root = makeSite({ 'bantin.config.yaml': CONFIG });
    writeFileSync(join(root, 'sai-ngay.txt'), QD_UBND.replace('24 tháng 02', '30 tháng 02'));
    writeFileSync(join(root, 'kh-45.txt'), KE_HOACH_SO);
    const r = runCli(['import', '--document', 'sai-ngay.txt', 'kh-45.txt'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'sai-ngay.txt:4:46: date "ngày 30 tháng 02 năm 2024" is not a calendar date (there is no day 30 in month 2 of 2024); correct the day or the month [invalid-date]',
      'import: 1 of 2 file(s) imported, 1 failed',
    ]);
    expect(r.stdout.trim()).toBe('created content/van-ban/2024/45-kh-stttt.md from kh-45.txt');
    expect(existsSync(join(root, 'content/van-ban/2024/215-qd-ubnd.md'))).toBe(false);
    expect(buildInMemory(root).errors).toEqual([]);
  });

  it('prints what the build warns about a record it wrote', () => {
    const root = makeSite({ 'bantin.config.yaml': CONFIG });
    writeFileSync(join(root, 'qd-15.txt'), NORMATIVE.replace('15/2024/QĐ-UBND', '15/2023/QĐ-UBND'));
    const r = runCli(['import', '--document', 'qd-15.txt'], { cwd: root });
    expect([r.code, r.stdout.trim()]).toEqual([0, 'created content/van-ban/2024/15-2023-qd-ubnd.md from qd-15.txt']);
    expect(r.stderr.trim()).toBe('content/van-ban/2024/15-2023-qd-ubnd.md:2:9: warning: the year in number 15/2023/QĐ-UBND (2023) is not the year it was issued (2024-03-05); check both [document-number]');
  });

  it('reads a header typed in a TCVN3 font with --from tcvn3, and names the encoding without it', () => {
    // Note: TCVN3 has codes for lower-case letters only; a capitals font (.VnTimeH) uses the same codes.
    const codes = new Map<string, string>();
    for (let c = 0xa1; c <= 0xff; c++) if (fromTcvn3(String.fromCharCode(c)) !== String.fromCharCode(c)) codes.set(fromTcvn3(String.fromCharCode(c)), String.fromCharCode(c));
    const tcvn3 = (text: string) => [...text].map((ch) => codes.get(ch) ?? codes.get(ch.toLowerCase()) ?? ch).join('');
    const root = makeSite({ 'bantin.config.yaml': CONFIG });
    // Note: in a text font, TCVN3 writes "Uỷ ban" (the tone on the y), having no capital Ủ.
    writeFileSync(join(root, 'qd-215.txt'), Buffer.from(tcvn3(QD_UBND.replace('của Ủy ban', 'của Uỷ ban')), 'latin1'));
    const refused = runCli(['import', '--document', 'qd-215.txt'], { cwd: root });
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([1, 'qd-215.txt:1:1: file is not valid UTF-8; save it as UTF-8 (or convert it with `bantin import --from tcvn3|vni`) [encoding]']);
    const r = runCli(['import', '--document', 'qd-215.txt', '--from', 'tcvn3'], { cwd: root });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(readFileSync(join(root, 'content/van-ban/2024/215-qd-ubnd.md'), 'utf8')).toMatch(
      /^---\nnumber: 215\/QĐ-UBND\ntype: Quyết định\nissuer: Ủy ban nhân dân tỉnh Bắc Ninh\nissued: 2024-02-24\neffective: 2024-02-24\nsummary: Về việc ban hành Quy chế làm việc của Uỷ ban nhân dân tỉnh nhiệm kỳ 2021 - 2026\n---\n\nCHủ TịCH ủY BAN NHÂN DÂN TỉNH BắC NINH\n/,
    );
    expect(buildInMemory(root).errors).toEqual([]);
  });

  it('exits 2 in a site without a registry, and for --province', () => {
    const root = makeSite({ 'bantin.config.yaml': 'title: Bản tin\n' });
    writeFileSync(join(root, 'qd-215.txt'), QD_UBND);
    const r = runCli(['import', '--document', 'qd-215.txt'], { cwd: root });
    expect([r.code, r.stderr.trim()]).toEqual([
      2,
      'bantin import: --document writes records into the registry of documents, and this site has none; add a section of kind documents to sections: in bantin.config.yaml, e.g. { id: van-ban, title: Văn bản, kind: documents } [no-registry]',
    ]);
    expect(existsSync(join(root, 'content/van-ban'))).toBe(false);
    expect(runCli(['import', '--document', 'qd-215.txt', '--province', 'Bắc Ninh'], { cwd: root }).code).toBe(2);
  });
});
