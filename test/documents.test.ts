// The document registry (issue 23): records, checks, statuses, pages, open data and citations.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/build-cache.js';
import { buildSite } from '../src/pipeline.js';
import { administrativeDate, documentTypes, numberTypeProblem, parseDocumentNumber, typeByAbbr, typeByName } from '../src/vietnamese/documents.js';
import { MemoryWriter } from '../src/write/writer.js';
import { assertLines, build, buildInMemory, makeSite, REPO, runCli } from './helpers/site.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const CONFIG = `title: Cổng thông tin tỉnh
sections:
  - { id: tin-tuc, title: Tin tức }
  - { id: van-ban, title: Văn bản, kind: documents }
documents:
  issuers: { UBND: Ủy ban nhân dân tỉnh Bắc Ninh }
`;

const doc = (fields: string, body = '') => `---\n${fields.trim()}\n---\n${body}`;

const REGISTRY: Record<string, string> = {
  'bantin.config.yaml': CONFIG,
  'content/van-ban/2024/qd-215.md': doc(`
number: 215/QĐ-UBND
issued: 2024-02-24
effective: 2024-03-01
summary: Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh
signer: Nguyễn Văn An
signer_title: Chủ tịch
field: Hành chính
files:
  - qd-215.pdf
  - { file: phu-luc.docx, title: Phụ lục kèm theo }
replaces: [100/QĐ-UBND]
`, 'Quyết định có hiệu lực từ ngày 01/3/2024.\n'),
  'content/van-ban/2024/qd-215.pdf': '%PDF-1.4 '.padEnd(2500, 'x'),
  'content/van-ban/2024/phu-luc.docx': 'PK',
  'content/van-ban/2023/qd-100.md': doc(`
number: 100/QĐ-UBND
type: Quyết định
issued: 2023-01-10
summary: Về việc ban hành Quy chế làm việc nhiệm kỳ trước
`),
  'content/van-ban/2024/kh-12.md': doc(`
number: 12/KH-UBND
type: Kế hoạch
issued: 2024-01-05
effective: 2030-01-01
summary: Kế hoạch chuyển đổi số đến năm 2030
amends: [100/QĐ-UBND]
related: [215/QĐ-UBND]
`),
  'content/van-ban/2025/cv-1234.md': doc(`
number: 1234/UBND-KT
type: Công văn
issued: 2025-06-02
expires: 2025-12-31
summary: Về việc báo cáo tình hình kinh tế quý II
field: Kinh tế
`),
  'content/tin-tuc/2024/trien-khai.md': `---
title: Triển khai Quy chế làm việc mới
date: 2024-03-02
province: Bắc Ninh
source: bacninh.gov.vn
documents: [215/QĐ-UBND]
---
Theo [Kế hoạch số 12](vb:12/KH-UBND) và <vb:215/QĐ-UBND>.
`,
};

describe('document numbers and types (Decree 30/2020)', () => {
  it('reads numbers into serial, year and ký hiệu, and refuses what is not one', () => {
    expect(parseDocumentNumber('215/QĐ-UBND')).toEqual({ text: '215/QĐ-UBND', serial: '215', year: null, symbol: ['QĐ', 'UBND'] });
    expect(parseDocumentNumber(' 15 / 2024 / QĐ-UBND ')).toEqual({ text: '15/2024/QĐ-UBND', serial: '15', year: 2024, symbol: ['QĐ', 'UBND'] });
    expect(parseDocumentNumber('1234/UBND–KT')?.symbol).toEqual(['UBND', 'KT']);
    expect(parseDocumentNumber('36/2024/QH15')?.symbol).toEqual(['QH15']);
    for (const bad of ['215', 'QĐ-215', '215/', '215/QĐ UBND extra', 'số 215/QĐ-UBND']) expect(parseDocumentNumber(bad)).toBeNull();
  });

  it('has the types of Decree 30/2020 with their abbreviations, and reads the older ones of Circular 01/2011', () => {
    const types = documentTypes();
    const abbr = (name: string) => typeByName(types, name)?.abbr;
    expect([abbr('Quyết định'), abbr('Quy định'), abbr('Chương trình'), abbr('Tờ trình'), abbr('Công văn'), abbr('Giấy mời'), abbr('Giấy giới thiệu')]).toEqual(['QĐ', 'QyĐ', 'CTr', 'TTr', null, 'GM', 'GGT']);
    expect(typeByAbbr(types, 'GNP')?.name).toBe('Giấy nghỉ phép');
    expect(typeByAbbr(types, 'NP')?.name).toBe('Giấy nghỉ phép');
    expect(typeByAbbr(types, 'TTh')?.name).toBe('Bản thỏa thuận');
    // Note: 29 administrative types (Art. 7) and the legal normative ones.
    expect(types.filter((t) => !t.normative || ['Nghị quyết', 'Quyết định'].includes(t.name))).toHaveLength(29);
  });

  it('says when a number disagrees with the type, with the number the type would have', () => {
    const types = documentTypes();
    const check = (number: string, type: string) => numberTypeProblem(parseDocumentNumber(number)!, typeByName(types, type)!, types);
    expect(check('215/QĐ-UBND', 'Quyết định')).toBeNull();
    expect(check('15/2024/QĐ-UBND', 'Quyết định')).toBeNull();
    expect(check('1234/UBND-KT', 'Công văn')).toBeNull();
    expect(check('36/2024/QH15', 'Luật')).toBeNull();
    expect(check('215/QĐ-UBND', 'Kế hoạch')).toBe('the number 215/QĐ-UBND is that of a Quyết định (QĐ), but type is Kế hoạch (KH); correct the number (215/KH-UBND) or the type');
    expect(check('215/QD-UBND', 'Quyết định')).toBe('the number 215/QD-UBND writes the abbreviation of Quyết định as QD; Decree 30/2020 writes it QĐ: 215/QĐ-UBND');
    expect(check('215/UBND-VP', 'Kế hoạch')).toBe("the number 215/UBND-VP has no type abbreviation; a Kế hoạch's number is written 215/KH-UBND-VP");
    expect(check('88/TB-UBND', 'Công văn')).toMatch(/^the number 88\/TB-UBND is that of a Thông báo \(TB\), but type is Công văn/);
  });

  it('writes dates as a document header does: day below 10 and months 1–2 with a zero', () => {
    expect(administrativeDate({ year: 2020, month: 2, day: 24 })).toBe('ngày 24 tháng 02 năm 2020');
    expect(administrativeDate({ year: 2020, month: 1, day: 5 })).toBe('ngày 05 tháng 01 năm 2020');
    expect(administrativeDate({ year: 2024, month: 3, day: 1 })).toBe('ngày 01 tháng 3 năm 2024');
    expect(administrativeDate({ year: 2024, month: 11, day: 30 })).toBe('ngày 30 tháng 11 năm 2024');
  });
});

describe('the registry', () => {
  it('gives each document a page with its record, files, links both ways and the articles that cite it', () => {
    const { errors, page } = build(REGISTRY, { now: NOW });
    expect(errors).toEqual([]);
    assertLines(
      page('van-ban/2024/215-qd-ubnd/index.html'),
      `
      <title>Quyết định 215/QĐ-UBND – Cổng thông tin tỉnh</title>
      <li><a href="/van-ban/">Văn bản</a></li>
      <p class="document-header">Số: 215/QĐ-UBND · ngày 24 tháng 02 năm 2024</p>
      <h1>Quyết định 215/QĐ-UBND</h1>
      <p class="lead">Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh</p>
      <p class="status status-in-force">Tình trạng: <strong>Còn hiệu lực</strong></p>
      <tr><th scope="row">Loại văn bản</th><td>Quyết định</td></tr>
      <tr><th scope="row">Cơ quan ban hành</th><td>Ủy ban nhân dân tỉnh Bắc Ninh</td></tr>
      <tr><th scope="row">Ngày ban hành</th><td><time datetime="2024-02-24">24/02/2024</time></td></tr>
      <tr><th scope="row">Ngày có hiệu lực</th><td><time datetime="2024-03-01">01/03/2024</time></td></tr>
      <tr><th scope="row">Người ký</th><td>Chủ tịch Nguyễn Văn An</td></tr>
      <tr><th scope="row">Lĩnh vực</th><td>Hành chính</td></tr>
      <li><a href="/van-ban/2024/qd-215.pdf" download>qd-215.pdf</a> <span class="file-meta">(PDF, 2 KB)</span></li>
      <li><a href="/van-ban/2024/phu-luc.docx" download>Phụ lục kèm theo</a> <span class="file-meta">(DOCX, 2 B)</span></li>
      <dt>Thay thế</dt>
      <dd><a href="/van-ban/2023/100-qd-ubnd/">Quyết định 100/QĐ-UBND</a> – Về việc ban hành Quy chế làm việc nhiệm kỳ trước</dd>
      <dd><a href="/van-ban/2024/12-kh-ubnd/">Kế hoạch 12/KH-UBND</a> – Kế hoạch chuyển đổi số đến năm 2030</dd>
      <p>Quyết định có hiệu lực từ ngày 01/3/2024.</p>
      <li><a href="/2024/03/trien-khai-quy-che-lam-viec-moi/">Triển khai Quy chế làm việc mới</a> <time datetime="2024-03-02">Thứ Bảy, 2/3/2024</time></li>
      `,
    );
    assertLines(
      page('van-ban/2023/100-qd-ubnd/index.html'),
      `
      <p class="status status-replaced">Tình trạng: <strong>Bị thay thế</strong></p>
      <dt>Bị thay thế bởi</dt>
      <dd><a href="/van-ban/2024/215-qd-ubnd/">Quyết định 215/QĐ-UBND</a> – Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh</dd>
      <dt>Được sửa đổi, bổ sung bởi</dt>
      `,
    );
    assertLines(page('van-ban/2024/12-kh-ubnd/index.html'), '<p class="status status-not-yet">Tình trạng: <strong>Chưa có hiệu lực</strong></p>');
    assertLines(page('van-ban/2025/1234-ubnd-kt/index.html'), '<p class="status status-expired">Tình trạng: <strong>Hết hiệu lực</strong></p>\n<tr><th scope="row">Ngày hết hiệu lực</th><td><time datetime="2025-12-31">31/12/2025</time></td></tr>');
    assertLines(
      page('2024/03/trien-khai-quy-che-lam-viec-moi/index.html'),
      `
      <p>Theo <a href="/van-ban/2024/12-kh-ubnd/">Kế hoạch số 12</a> và <a href="/van-ban/2024/215-qd-ubnd/">215/QĐ-UBND</a>.</p>
      <li><a href="/van-ban/2024/215-qd-ubnd/">Quyết định 215/QĐ-UBND</a> – Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh</li>
      <li><a href="/van-ban/2024/12-kh-ubnd/">Kế hoạch 12/KH-UBND</a> – Kế hoạch chuyển đổi số đến năm 2030</li>
      `,
    );
  });

  it('takes replaced_by and amended_by written on the older document, shown on both', () => {
    const { errors, page } = build(
      {
        'bantin.config.yaml': CONFIG,
        'content/van-ban/a.md': doc('number: 1/QĐ-UBND\nissued: 2023-01-02\nsummary: Quy chế cũ\nreplaced_by: 9/QĐ-UBND\namended_by: [5/QĐ-UBND]'),
        'content/van-ban/b.md': doc('number: 9/QĐ-UBND\nissued: 2024-04-01\neffective: 2024-06-01\nsummary: Quy chế mới'),
        'content/van-ban/c.md': doc('number: 5/QĐ-UBND\nissued: 2023-09-01\nsummary: Sửa đổi quy chế cũ'),
      },
      { now: NOW },
    );
    expect(errors).toEqual([]);
    assertLines(
      page('van-ban/2023/1-qd-ubnd/index.html'),
      `
      <p class="status status-replaced">Tình trạng: <strong>Bị thay thế</strong></p>
      <dt>Bị thay thế bởi</dt>
      <dd><a href="/van-ban/2024/9-qd-ubnd/">Quyết định 9/QĐ-UBND</a> – Quy chế mới</dd>
      <dt>Được sửa đổi, bổ sung bởi</dt>
      <dd><a href="/van-ban/2023/5-qd-ubnd/">Quyết định 5/QĐ-UBND</a> – Sửa đổi quy chế cũ</dd>
      `,
    );
    assertLines(page('van-ban/2024/9-qd-ubnd/index.html'), '<dt>Thay thế</dt>\n<dd><a href="/van-ban/2023/1-qd-ubnd/">Quyết định 1/QĐ-UBND</a> – Quy chế cũ</dd>');
    assertLines(page('van-ban/2023/5-qd-ubnd/index.html'), '<dt>Sửa đổi, bổ sung</dt>\n<dd><a href="/van-ban/2023/1-qd-ubnd/">Quyết định 1/QĐ-UBND</a> – Quy chế cũ</dd>');
    // Note: before 2024-06-01 the new one is issued but not in effect: the old one is amended, not replaced.
    const before = build(
      {
        'bantin.config.yaml': CONFIG,
        'content/van-ban/a.md': doc('number: 1/QĐ-UBND\nissued: 2023-01-02\nsummary: Quy chế cũ\nreplaced_by: 9/QĐ-UBND\namended_by: [5/QĐ-UBND]'),
        'content/van-ban/b.md': doc('number: 9/QĐ-UBND\nissued: 2024-04-01\neffective: 2024-06-01\nsummary: Quy chế mới'),
        'content/van-ban/c.md': doc('number: 5/QĐ-UBND\nissued: 2023-09-01\nsummary: Sửa đổi quy chế cũ'),
      },
      { now: Date.parse('2024-05-01T00:00:00Z') },
    );
    assertLines(before.page('van-ban/2023/1-qd-ubnd/index.html'), '<p class="status status-amended">Tình trạng: <strong>Được sửa đổi</strong></p>');
  });

  it('lists the registry newest first, with filters counted per value, open data, a feed, the front page block and the sitemap', () => {
    const { errors, page } = build({ ...REGISTRY, 'bantin.config.yaml': CONFIG.replace('kind: documents }', 'kind: documents, pageSize: 3 }') }, { now: NOW });
    expect(errors).toEqual([]);
    const registry = page('van-ban/index.html');
    assertLines(
      registry,
      `
      <h1>Văn bản</h1>
      <p class="count">4 văn bản</p>
      <form class="registry-filters" action="/tim-kiem/" method="get">
      <input type="hidden" name="section" value="Văn bản">
      <option value="Công văn">Công văn (1)</option>
      <option value="Kế hoạch">Kế hoạch (1)</option>
      <option value="Quyết định">Quyết định (2)</option>
      <option value="2025">2025 (1)</option>
      <option value="Còn hiệu lực">Còn hiệu lực (1)</option>
      <option value="Được sửa đổi">Được sửa đổi (0)</option>
      <td><a href="/van-ban/2025/1234-ubnd-kt/">1234/UBND-KT</a></td>
      <td><time datetime="2025-06-02">02/06/2025</time></td>
      <td><span class="document-type">Công văn</span> Về việc báo cáo tình hình kinh tế quý II</td>
      <td class="status status-expired">Hết hiệu lực</td>
      <p class="open-data">Dữ liệu mở: <a href="/van-ban/documents.json">JSON</a> · <a href="/van-ban/documents.csv">CSV (Excel)</a></p>
      <link rel="alternate" type="application/atom+xml" title="Văn bản – Atom" href="/van-ban/atom.xml">
      ! 100/QĐ-UBND
      `.replace('<option value="Được sửa đổi">Được sửa đổi (0)</option>', '! Được sửa đổi ('),
    );
    // Note: newest issued first: 2025, then the two of 2024 by date, then 2023 on page 2.
    const order = [...registry.matchAll(/<td><a href="[^"]+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]);
    expect(order).toEqual(['1234/UBND-KT', '215/QĐ-UBND', '12/KH-UBND']);
    assertLines(page('van-ban/page/2/index.html'), '<td><a href="/van-ban/2023/100-qd-ubnd/">100/QĐ-UBND</a></td>');
    expect(page('van-ban/atom.xml')).toContain('<title>Quyết định 215/QĐ-UBND</title>');
    assertLines(
      page('index.html'),
      `
      <h2 id="van-ban-moi"><a href="/van-ban/">Văn bản mới</a></h2>
      <li><a href="/van-ban/2025/1234-ubnd-kt/">1234/UBND-KT</a> <time datetime="2025-06-02">02/06/2025</time><p>Công văn Về việc báo cáo tình hình kinh tế quý II</p></li>
      `,
    );
    expect(page('sitemap.xml')).toContain('<loc>https://example.gov.vn/van-ban/2024/215-qd-ubnd/</loc>');
    const csv = page('van-ban/documents.csv');
    expect(csv.startsWith('\uFEFFnumber,type,issuer,issued,effective,expires,status,')).toBe(true);
    expect(csv.split('\r\n')[2]).toBe('215/QĐ-UBND,Quyết định,Ủy ban nhân dân tỉnh Bắc Ninh,2024-02-24,2024-03-01,,in-force,Nguyễn Văn An,Chủ tịch,Hành chính,Về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh,https://example.gov.vn/van-ban/2024/215-qd-ubnd/,https://example.gov.vn/van-ban/2024/qd-215.pdf https://example.gov.vn/van-ban/2024/phu-luc.docx,100/QĐ-UBND,,,,12/KH-UBND');
  });

  it('publishes documents.json as the JSON Schema in data/ describes it', () => {
    const { page } = build(REGISTRY, { now: NOW });
    const data = JSON.parse(page('van-ban/documents.json'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO, 'data/documents.schema.json'), 'utf8')));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.documents.map((d: { number: string; status: string }) => `${d.number} ${d.status}`)).toEqual(['1234/UBND-KT expired', '215/QĐ-UBND in-force', '12/KH-UBND not-yet', '100/QĐ-UBND replaced']);
    expect(data.documents[1].files[0]).toEqual({ url: 'https://example.gov.vn/van-ban/2024/qd-215.pdf', type: 'application/pdf', bytes: 2500, title: null });
    // Note: a document the schema does not allow fails it (the check can fail).
    expect(validate({ ...data, documents: [{ ...data.documents[0], number: 'QĐ-215' }] })).toBe(false);
  });

  it('describes each document as schema.org Legislation in JSON-LD', () => {
    const { page } = build(REGISTRY, { now: NOW });
    const html = page('van-ban/2024/215-qd-ubnd/index.html');
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Legislation',
      legislationIdentifier: '215/QĐ-UBND',
      legislationType: 'Quyết định',
      legislationPassedBy: { '@type': 'GovernmentOrganization', name: 'Ủy ban nhân dân tỉnh Bắc Ninh' },
      legislationDate: '2024-02-24',
      legislationLegalForce: 'https://schema.org/InForce',
      legislationResponsible: { '@type': 'Person', name: 'Nguyễn Văn An', jobTitle: 'Chủ tịch' },
      temporalCoverage: '2024-03-01/..',
      legislationChanges: [{ '@type': 'Legislation', legislationIdentifier: '100/QĐ-UBND', url: 'https://example.gov.vn/van-ban/2023/100-qd-ubnd/' }],
      encoding: [{ '@type': 'MediaObject', contentUrl: 'https://example.gov.vn/van-ban/2024/qd-215.pdf', encodingFormat: 'application/pdf' }, { '@type': 'MediaObject', encodingFormat: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
    });
    const replaced = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page('van-ban/2023/100-qd-ubnd/index.html'))![1]!;
    expect(JSON.parse(replaced).legislationLegalForce).toBe('https://schema.org/NotInForce');
  });

  it('speaks English on an English site: labels, statuses and dates', () => {
    const { errors, page } = build({ ...REGISTRY, 'bantin.config.yaml': `language: en\n${CONFIG}` }, { now: NOW });
    expect(errors).toEqual([]);
    assertLines(
      page('van-ban/2024/215-qd-ubnd/index.html'),
      `
      <p class="document-header">No.: 215/QĐ-UBND · ngày 24 tháng 02 năm 2024</p>
      <p class="status status-in-force">Status: <strong>In force</strong></p>
      <tr><th scope="row">Date of issue</th><td><time datetime="2024-02-24">24 February 2024</time></td></tr>
      <tr><th scope="row">Signed by</th><td>Chủ tịch Nguyễn Văn An</td></tr>
      <dt>Replaces</dt>
      `,
    );
    assertLines(page('van-ban/index.html'), '<p class="count">4 documents</p>\n<td class="status status-replaced">Replaced</td>');
  });

  it('takes the status from the day of the build in the site\'s time zone, whatever TZ says', () => {
    const site = (zone: string) => ({
      'bantin.config.yaml': `${CONFIG}timeZone: ${zone}\n`,
      'content/van-ban/2025/qd-1.md': doc('number: 1/QĐ-UBND\nissued: 2025-12-20\neffective: 2026-01-01\nsummary: Có hiệu lực từ năm mới'),
    });
    // Note: 2025-12-31 17:30 UTC is already 1 January in Hà Nội (UTC+7), still 31 December in Los Angeles.
    const now = Date.parse('2025-12-31T17:30:00Z');
    const status = (zone: string) => /<p class="status status-([a-z-]+)">/.exec(build(site(zone), { now }).page('van-ban/2025/1-qd-ubnd/index.html'))![1];
    expect(status('Asia/Ho_Chi_Minh')).toBe('in-force');
    expect(status('America/Los_Angeles')).toBe('not-yet');
  });
});

describe('checks of the registry', () => {
  const errorsOf = (files: Record<string, string>) => build({ 'bantin.config.yaml': CONFIG, ...files }, { now: NOW }).messages;

  it('reports each bad field at its line, with the rule', () => {
    expect(
      errorsOf({
        'content/van-ban/a.md': doc('number: QĐ-215\nissued: 2024-01-02\nsummary: Số sai'),
        'content/van-ban/b.md': doc('number: 215/QĐ-UBND\ntype: Kế hoạch\nissued: 2024-01-02\nsummary: Loại sai'),
        'content/van-ban/c.md': doc('number: 7/QĐ-UBND\nissued: 2024-03-05\neffective: 2024-03-01\nexpires: 2024-02-01\nsummary: Ngày sai'),
        'content/van-ban/d.md': doc('number: 8/QĐ-SYT\nissued: 2024-03-05'),
        'content/van-ban/e.md': doc('number: 9/QĐ-UBND\ntype: Quyết định lạ\nissued: 2024-03-05\nsummary: x'),
        'content/van-ban/f.md': doc('number: 10/QĐ-UBND\nissued: 2024-03-05\nsummary: Tệp\nfiles:\n  - anh.png\n  - https://example.com/qd.pdf\n  - thieu.pdf', ''),
        'content/van-ban/anh.png': 'png',
        'content/van-ban/g.md': doc('number: 11/QĐ-UBND\nissued: 2024-03-05\nsummary: Tự thay\nreplaces: [11/QĐ-UBND]'),
        'content/van-ban/h.md': doc('number: 12/2023/QĐ-UBND\nissued: 2024-03-05\nsummary: Năm khác'),
      }),
    ).toEqual([
      'content/van-ban/a.md:2:9: number "QĐ-215" is not a number and symbol (số, ký hiệu) as Decree 30/2020 writes them; write e.g. 215/QĐ-UBND, 15/2024/QĐ-UBND (a legal normative document) or 1234/UBND-VP (a công văn) [document-number]',
      'content/van-ban/b.md:2:9: the number 215/QĐ-UBND is that of a Quyết định (QĐ), but type is Kế hoạch (KH); correct the number (215/KH-UBND) or the type [document-type]',
      'content/van-ban/c.md:4:12: effective 2024-03-01 is before issued 2024-03-05; a document takes effect on or after the day it is issued, so check both [document-dates]',
      'content/van-ban/c.md:5:10: expires 2024-02-01 is not after the day the document takes effect (2024-03-01); check both [document-dates]',
      'content/van-ban/d.md:1:1: missing issuer; add "issuer: Ủy ban nhân dân tỉnh …" to the front matter, or name SYT under documents.issuers in the config [missing-field]',
      'content/van-ban/d.md:1:1: missing summary; add "summary: Về việc … (the trích yếu)" to the front matter [missing-field]',
      'content/van-ban/e.md:3:7: type "Quyết định lạ" is not a type of document of Decree 30/2020; write one such as Quyết định, Kế hoạch or Công văn, or add it to documents.types in the config [document-type]',
      'content/van-ban/f.md:6:5: file "anh.png" is a .png file; a document\'s files may be pdf, doc, docx, xls, xlsx, odt, ods (documents.fileTypes); convert it, e.g. to PDF [document-file-type]',
      'content/van-ban/f.md:7:5: file "https://example.com/qd.pdf" is an address on another site; put the file in the document\'s folder and write its name, e.g. qd-215.pdf [document-file]',
      'content/van-ban/g.md:5:12: replaces names this document itself (11/QĐ-UBND); name the other document [document-cycle]',
      'content/van-ban/h.md:2:9: warning: the year in number 12/2023/QĐ-UBND (2023) is not the year it was issued (2024-03-05); check both [document-number]',
    ]);
  });

  it('reports a missing file, a number given twice, citations of no document, disagreeing and circular replacements', () => {
    // Note: d.md gives b.md's number again, so it is left out of the registry, and 2/QĐ-UBND names b.md alone.
    expect(
      errorsOf({
        'content/van-ban/a.md': doc('number: 1/QĐ-UBND\nissued: 2024-01-02\nsummary: A\nfiles: [thieu.pdf]\nreplaced_by: 2/QĐ-UBND'),
        'content/van-ban/b.md': doc('number: 2/QĐ-UBND\nissued: 2024-01-03\nsummary: B'),
        'content/van-ban/c.md': doc('number: 3/QĐ-UBND\nissued: 2024-01-04\nsummary: C\nreplaces: [1/QĐ-UBND]\nrelated: [1/QD-UBND, 99/QĐ-UBND]'),
        'content/van-ban/d.md': doc('number: 2/QĐ-UBND\nissued: 2024-05-01\nsummary: Trùng số'),
        'content/van-ban/e.md': doc('number: 5/QĐ-UBND\nissued: 2024-01-02\nsummary: E\nreplaces: [6/QĐ-UBND]'),
        'content/van-ban/f.md': doc('number: 6/QĐ-UBND\nissued: 2024-01-02\nsummary: F\nreplaces: [5/QĐ-UBND]'),
        'content/van-ban/g.md': doc('number: 7/QĐ-UBND\nissued: 2024-01-02\nsummary: G\ndraft: true'),
        'content/tin-tuc/bai.md': '---\ntitle: Bài\ndate: 2024-02-01\nprovince: Bắc Ninh\nsource: x.vn\ndocuments: [7/QĐ-UBND, 2/QĐ-UBND]\n---\nXem [văn bản](vb:404/QĐ-UBND).\n',
      }),
    ).toEqual([
      'content/tin-tuc/bai.md:6:13: cites 7/QĐ-UBND is content/van-ban/g.md, which is a draft or issued in the future; publish it or remove the citation [unknown-document]',
      'content/tin-tuc/bai.md:8:5: cites 404/QĐ-UBND is no document of the registry; add the document to content/van-ban/, or correct the number [unknown-document]',
      'content/van-ban/a.md:5:9: file "content/van-ban/thieu.pdf" does not exist; put the file there or correct its name [document-file]',
      'content/van-ban/a.md:6:14: replaced_by names 2/QĐ-UBND, but 3/QĐ-UBND (content/van-ban/c.md) says it replaces this document; name the same document in both [document-link]',
      'content/van-ban/c.md:6:11: related 1/QD-UBND is no document of the registry; did you mean 1/QĐ-UBND? [unknown-document]',
      'content/van-ban/c.md:6:22: related 99/QĐ-UBND is no document of the registry; add the document to content/van-ban/, or correct the number [unknown-document]',
      'content/van-ban/d.md:2:9: 2/QĐ-UBND of Ủy ban nhân dân tỉnh Bắc Ninh, issued in 2024, is also content/van-ban/b.md; a number is given once a year: correct the number or remove one of the files [duplicate-document]',
      'content/van-ban/f.md:5:12: the documents replace each other in a circle (5/QĐ-UBND → replaced by 6/QĐ-UBND → replaced by 5/QĐ-UBND); one of them must be the newest: remove one replacement [document-cycle]',
    ]);
  });

  it('names the year when a number repeats from one year to the next', () => {
    const { errors, page } = build(
      {
        'bantin.config.yaml': CONFIG,
        'content/van-ban/2023/qd-5.md': doc('number: 5/QĐ-UBND\nissued: 2023-03-01\nsummary: Năm 2023'),
        'content/van-ban/2024/qd-5.md': doc('number: 5/QĐ-UBND\nissued: 2024-03-01\nsummary: Năm 2024'),
        'content/tin-tuc/bai.md': '---\ntitle: Bài\ndate: 2024-04-01\nprovince: Bắc Ninh\nsource: x.vn\ndocuments: [5/QĐ-UBND (2023)]\n---\nXem <vb:5/QĐ-UBND(2024)>.\n',
      },
      { now: NOW },
    );
    expect(errors).toEqual([]);
    assertLines(
      page('2024/04/bai/index.html'),
      `
      <p>Xem <a href="/van-ban/2024/5-qd-ubnd/">5/QĐ-UBND</a>.</p>
      <li><a href="/van-ban/2023/5-qd-ubnd/">Quyết định 5/QĐ-UBND</a> – Năm 2023</li>
      `,
    );
  });

  it('links a document from a page, and reports a page\'s link to no document', () => {
    const { messages } = build({ ...REGISTRY, 'content/pages/gioi-thieu.md': '---\ntitle: Giới thiệu\n---\nTheo <vb:215/QĐ-UBND> và [quy chế cũ](vb:999/QĐ-UBND).\n' }, { now: NOW });
    expect(messages).toEqual(['content/pages/gioi-thieu.md:4:26: cites 999/QĐ-UBND is no document of the registry; add the document to content/van-ban/, or correct the number [unknown-document]']);
    const fixed = build({ ...REGISTRY, 'content/pages/gioi-thieu.md': '---\ntitle: Giới thiệu\n---\nTheo <vb:215/QĐ-UBND>.\n' }, { now: NOW });
    assertLines(fixed.page('gioi-thieu/index.html'), '<p>Theo <a href="/van-ban/2024/215-qd-ubnd/">215/QĐ-UBND</a>.</p>');
  });

  it('refuses vb: links on a site without a registry', () => {
    expect(build({ 'content/bai.md': '---\ntitle: Bài\ndate: 2024-04-01\nprovince: Bắc Ninh\nsource: x.vn\n---\nXem <vb:5/QĐ-UBND>.\n' }, { now: NOW }).errors).toEqual([
      'content/bai.md:7:5: cites 5/QĐ-UBND is no document of the registry; the site has no registry of documents (a section of kind: documents) [unknown-document]',
    ]);
  });

  it('adds the config\'s own types and issuers, and allows the file types it names', () => {
    const { errors, page } = build(
      {
        'bantin.config.yaml': `${CONFIG.replace('documents:\n', 'documents:\n  types: [{ name: Công báo, abbr: CB }]\n  fileTypes: [pdf, zip]\n  home: 0\n  openData: false\n')}`,
        'content/van-ban/cb.md': doc('number: 3/CB-UBND\nissued: 2024-01-02\nsummary: Công báo số 3\nfiles: [cb.zip]'),
        'content/van-ban/cb.zip': 'PK',
      },
      { now: NOW },
    );
    expect(errors).toEqual([]);
    assertLines(page('van-ban/2024/3-cb-ubnd/index.html'), '<h1>Công báo 3/CB-UBND</h1>\n<tr><th scope="row">Cơ quan ban hành</th><td>Ủy ban nhân dân tỉnh Bắc Ninh</td></tr>');
    expect(page('index.html')).not.toContain('van-ban-moi');
    // Note: without open data, neither file nor the registry's link to them.
    expect(() => page('van-ban/documents.json')).toThrow(/no output file/);
    expect(() => page('van-ban/documents.csv')).toThrow(/no output file/);
    expect(page('van-ban/index.html')).not.toContain('open-data');
  });

  it('checks the documents config', () => {
    expect(build({ 'bantin.config.yaml': `${CONFIG}  fileTypes: [PDF]\n` }).errors).toEqual(['bantin.config.yaml:6:3: documents.fileTypes must be a list of file types in lower case without the dot, such as [pdf, docx] [config-type]']);
    expect(build({ 'bantin.config.yaml': `${CONFIG}  - { id: vb2, title: Văn bản 2, kind: documents }\n`.replace('documents:\n  issuers: { UBND: Ủy ban nhân dân tỉnh Bắc Ninh }\n', '') }).errors).toEqual([
      'bantin.config.yaml:5:5: sections[2] is a second section of kind documents; a site has one registry of documents [config-type]',
    ]);
  });
});

describe('a hostile record', () => {
  it('escapes every printed value, reads no file outside content/ and keeps formulas out of the CSV', () => {
    const { messages, writer } = build(
      {
        'bantin.config.yaml': CONFIG,
        'content/van-ban/a.md': doc('number: 1/QĐ-UBND\nissued: 2024-01-02\nsummary: "<script>alert(1)</script> về việc </script><!--"\nsigner: "=HYPERLINK(\\"https://x.example\\")"\nfield: "<img src=x onerror=alert(2)>"'),
        'content/van-ban/b.md': doc('number: 2/QĐ-UBND\nissued: 2024-01-02\nsummary: Tệp ngoài\nfiles: [../../../../etc/passwd.pdf, ../../bantin.config.pdf]'),
      },
      { now: NOW },
    );
    expect(messages).toEqual([
      'content/van-ban/b.md:5:9: file "../../../../etc/passwd.pdf" is outside content/; put the file in the document\'s folder and write its name, e.g. qd-215.pdf [document-file]',
      'content/van-ban/b.md:5:37: file "../../bantin.config.pdf" is outside content/; put the file in the document\'s folder and write its name, e.g. qd-215.pdf [document-file]',
    ]);
    expect([...writer.files.keys()].filter((f) => /passwd|config\.pdf/.test(f))).toEqual([]);
  });

  it("publishes a document's files only while the document is published, and only of the types allowed", () => {
    const files = {
      'bantin.config.yaml': CONFIG,
      'content/van-ban/a.md': doc('number: 1/QĐ-UBND\nissued: 2024-01-02\nsummary: Nháp\ndraft: true\nfiles: [nhap.pdf]'),
      'content/van-ban/nhap.pdf': '%PDF',
      'content/van-ban/b.md': doc('number: 2/QĐ-UBND\nissued: 2024-01-02\nsummary: Đăng\nfiles: [dang.pdf]'),
      'content/van-ban/dang.pdf': '%PDF',
      'content/van-ban/le.pdf': '%PDF',
    };
    const { errors, writer } = build(files, { now: NOW });
    expect(errors).toEqual([]);
    expect([...writer.files.keys()].filter((f) => f.endsWith('.pdf'))).toEqual(['van-ban/dang.pdf']);
  });

  it('escapes a record\'s text in the page, its JSON-LD and the CSV', () => {
    const { errors, page } = build(
      {
        'bantin.config.yaml': CONFIG,
        'content/van-ban/a.md': doc('number: 1/QĐ-UBND\nissued: 2024-01-02\nsummary: "<script>alert(1)</script> về việc </script><!--"\nsigner: "=HYPERLINK(\\"https://x.example\\")"\nfield: "<img src=x onerror=alert(2)>"'),
      },
      { now: NOW },
    );
    expect(errors).toEqual([]);
    const html = page('van-ban/2024/1-qd-ubnd/index.html');
    expect(html).not.toMatch(/<script>alert|<img src=x/);
    expect(html).toContain('<p class="lead">&lt;script&gt;alert(1)&lt;/script&gt; về việc &lt;/script&gt;&lt;!--</p>');
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(json).not.toMatch(/<\/script|<!--/);
    expect(JSON.parse(json).description).toBe('<script>alert(1)</script> về việc </script><!--');
    const row = page('van-ban/documents.csv').split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""https://x.example"")"`);
    expect(page('van-ban/index.html')).not.toMatch(/<img src=x/);
  });
});

describe('bantin check on a registry', () => {
  it('counts documents, follows their files and leaves vb: links alone', () => {
    const root = makeSite({ ...REGISTRY, 'content/van-ban/2024/thua.pdf': '%PDF' });
    const r = runCli(['check', '--root', root]);
    expect(r.stderr.trim().split('\n')).toEqual([
      'content/van-ban/2024/thua.pdf:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
      'checked 1 article(s), 4 document(s): 0 error(s), 1 warning(s)',
    ]);
  });
});

describe('the registry across rebuilds', () => {
  it('builds again on the day a status changes, though no file changed (the build record knows the day)', async () => {
    const { runBuild } = await import('../src/commands/build.js');
    const root = makeSite({ 'bantin.config.yaml': `${CONFIG}search: { enabled: false }\n`, 'content/van-ban/2026/qd-1.md': doc('number: 1/QĐ-UBND\nissued: 2026-01-02\neffective: 2026-06-01\nsummary: Có hiệu lực từ tháng Sáu') });
    const run = async (now: number) => {
      const out: string[] = [];
      expect(await runBuild({ root, now }, { out: (line) => out.push(line), err: (line) => out.push(line) })).toBe(0);
      return out.join('\n');
    };
    const status = () => /<p class="status status-([a-z-]+)">/.exec(readFileSync(join(root, 'dist/van-ban/2026/1-qd-ubnd/index.html'), 'utf8'))![1];
    await run(Date.parse('2026-03-01T00:00:00Z'));
    expect(status()).toBe('not-yet');
    // Note: files written in the clock's tick of the first build's stamps are racy, so that build's
    // record is not trusted; the second build stamps them well after (a build takes longer than a tick).
    await run(Date.parse('2026-03-01T00:00:00Z'));
    expect(await run(Date.parse('2026-05-31T16:00:00Z'))).toContain('nothing changed since the last build');
    // Note: 2026-05-31 17:00 UTC is 1 June in the site's zone (UTC+7), the day it takes effect.
    expect(await run(Date.parse('2026-05-31T17:00:00Z'))).not.toContain('nothing changed');
    expect(status()).toBe('in-force');
  });

  it('writes after each edit what a cold build writes, with a store kept between builds', () => {
    const root = makeSite(REGISTRY);
    const cache = new BuildCache();
    const warm = () => {
      const writer = new MemoryWriter();
      expect(buildSite({ root, now: NOW }, writer, cache).ok).toBe(true);
      return writer.files;
    };
    const cold = () => {
      const writer = new MemoryWriter();
      expect(buildSite({ root, now: NOW }, writer).ok).toBe(true);
      return writer.files;
    };
    warm();
    const edits: [string, (text: string) => string][] = [
      // A document's summary, shown on the pages of those it links to and of the articles citing it.
      ['content/van-ban/2024/qd-215.md', (t) => t.replace('Quy chế làm việc của', 'Quy chế làm việc (sửa đổi) của')],
      // A replacement removed: the replaced one is in force again.
      ['content/van-ban/2024/qd-215.md', (t) => t.replace('replaces: [100/QĐ-UBND]\n', '')],
      // An article that cites another document.
      ['content/tin-tuc/2024/trien-khai.md', (t) => t.replace('documents: [215/QĐ-UBND]', 'documents: [100/QĐ-UBND]')],
    ];
    for (const [path, edit] of edits) {
      const file = join(root, path);
      writeFileSync(file, edit(readFileSync(file, 'utf8')));
      const a = warm();
      const b = cold();
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [name, content] of b) expect(a.get(name), name).toEqual(content);
    }
    const { page } = buildInMemory(root, { now: NOW });
    // Note: no longer replaced, and the plan that amends it is not yet in effect (2030).
    assertLines(page('van-ban/2023/100-qd-ubnd/index.html'), '<p class="status status-in-force">Tình trạng: <strong>Còn hiệu lực</strong></p>');
  });
});
