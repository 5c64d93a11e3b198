import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromEpoch } from '../src/vietnamese/dates.js';
import { buildInMemory, makeSite, runCli } from './helpers/site.js';

describe('bantin new', () => {
  it('creates an article with every required field and prints its path', () => {
    const root = makeSite({});
    const r = runCli(['new', 'Bắc Giang: Hội nghị tổng kết công tác dân vận', '--province', 'bac giang', '--source', 'bacgiang.gov.vn', '--tags', 'Dân vận, Chính quyền', '--date', '2020-02-24'], { cwd: root });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('content/2020/bac-giang-hoi-nghi-tong-ket-cong-tac-dan-van.md\n');
    expect(readFileSync(join(root, 'content/2020/bac-giang-hoi-nghi-tong-ket-cong-tac-dan-van.md'), 'utf8')).toBe(
      [
        '---',
        'title: "Bắc Giang: Hội nghị tổng kết công tác dân vận"',
        'date: 2020-02-24',
        'province: Bắc Giang',
        'source: bacgiang.gov.vn',
        'summary: ""  # the lead (sapo)',
        'tags: [Dân vận, Chính quyền]',
        '---',
        '',
        '',
      ].join('\n'),
    );
    expect(buildInMemory(root).errors).toEqual([]);
  });

  it('writes an article that the next build builds, taking the source from the agency', () => {
    const root = makeSite({ 'bantin.config.yaml': 'agency:\n  name: Ủy ban nhân dân tỉnh Bắc Ninh\nsearch: { enabled: false }\n' });
    const made = runCli(['new', 'Khởi công cầu Kênh Vàng', '--province', 'Bắc Ninh', '--date', '2024-05-01'], { cwd: root });
    expect([made.code, made.stderr, made.stdout]).toEqual([0, '', 'content/2024/khoi-cong-cau-kenh-vang.md\n']);
    expect(readFileSync(join(root, 'content/2024/khoi-cong-cau-kenh-vang.md'), 'utf8')).toContain('\nsource: Ủy ban nhân dân tỉnh Bắc Ninh\n');
    const built = runCli(['build', '--root', root]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(existsSync(join(root, 'dist/2024/05/khoi-cong-cau-kenh-vang/index.html'))).toBe(true);
  });

  it('refuses a required field it has no value for, naming the flag, and writes nothing', () => {
    const root = makeSite({});
    const r = runCli(['new', 'Tin mới', '--date', '2024-05-01'], { cwd: root });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      [
        'bantin new: this site requires province in every article; give it with --province NAME, e.g. --province "Bắc Ninh" [missing-field]',
        'bantin new: this site requires source in every article; give it with --source TEXT, e.g. --source bacninh.gov.vn, or set agency.name in the config to use it for every new article [missing-field]',
        '',
      ].join('\n'),
    );
    const topics = makeSite({ 'bantin.config.yaml': 'required: [title, date, topics]\nprovinces: off\n' });
    const noFlag = runCli(['new', 'Annual report', '--root', topics]);
    expect([noFlag.code, noFlag.stderr]).toEqual([1, 'bantin new: this site requires topics in every article; bantin new has no flag for it: write the article by hand, or take topics out of "required" in bantin.config.yaml [missing-field]\n']);
    expect(existsSync(join(root, 'content/2024'))).toBe(false);
    expect(readdirSync(join(topics, 'content'))).toEqual([]);
  });

  it("uses today's date in the site's time zone and the site's config", () => {
    const root = makeSite({ 'bantin.config.yaml': 'timeZone: Pacific/Kiritimati\nrequired: [title, date]\nprovinces: off\n' });
    const r = runCli(['new', 'Annual report', '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    const today = fromEpoch(Date.now(), 'Pacific/Kiritimati').date;
    const path = join(root, 'content', today.slice(0, 4), 'annual-report.md');
    expect(r.stdout.trim()).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe(`---\ntitle: Annual report\ndate: ${today}\nsummary: ""  # the lead (sapo)\n---\n\n`);
  });

  it('refuses to overwrite, and says "did you mean" for an unknown province', () => {
    const root = makeSite({});
    expect(runCli(['new', 'Tin mới', '--province', 'Hà Nội', '--source', 'hanoi.gov.vn', '--date', '2024-05-01'], { cwd: root }).code).toBe(0);
    const again = runCli(['new', 'Tin mới', '--province', 'Hà Nội', '--source', 'hanoi.gov.vn', '--date', '2024-05-01'], { cwd: root });
    expect([again.code, again.stderr]).toEqual([1, 'bantin new: content/2024/tin-moi.md already exists; edit it, or choose another title [exists]\n']);
    const unknown = runCli(['new', 'Tin khác', '--province', 'Bac Giangg'], { cwd: root });
    expect([unknown.code, unknown.stderr]).toEqual([1, 'bantin new: unknown province "Bac Giangg"; did you mean "Bắc Giang"? [unknown-province]\n']);
    expect(existsSync(join(root, 'content/2024/tin-khac.md'))).toBe(false);
  });

  it('exits 2 on wrong usage', () => {
    const root = makeSite({});
    for (const args of [['new'], ['new', 'A', 'B'], ['new', 'Tin', '--date', '24/2/2020'], ['new', 'Tin', '--date', '2020-02-31'], ['new', '!!!'], ['new', 'Tin', '--provence', 'Huế']]) {
      const r = runCli(args, { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toBe('');
    }
  });

  it('puts an article into the folder of the section given, and asks for one in a site with sections', () => {
    const root = makeSite({ 'bantin.config.yaml': 'search: { enabled: false }\nsections:\n  - { id: tin-tuc, title: Tin tức }\n  - { id: thong-bao, title: Thông báo }\n' });
    const args = ['new', 'Lịch tiếp công dân tháng 9', '--province', 'Bắc Ninh', '--source', 'bacninh.gov.vn', '--date', '2025-08-25'];
    const none = runCli(args, { cwd: root });
    expect([none.code, none.stderr]).toEqual([2, 'bantin new: this site has sections (tin-tuc, thong-bao); say which the article is in with --section ID, e.g. --section tin-tuc [unknown-section]\n']);
    const wrong = runCli([...args, '--section', 'van-ban'], { cwd: root });
    expect([wrong.code, wrong.stderr]).toEqual([2, 'bantin new: --section "van-ban" is no section of this site (sections: tin-tuc, thong-bao) [unknown-section]\n']);
    const made = runCli([...args, '--section', 'thong-bao'], { cwd: root });
    expect([made.code, made.stderr, made.stdout]).toEqual([0, '', 'content/thong-bao/2025/lich-tiep-cong-dan-thang-9.md\n']);
    const built = runCli(['build', '--root', root]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(readFileSync(join(root, 'dist/thong-bao/index.html'), 'utf8')).toContain('<a href="/2025/08/lich-tiep-cong-dan-thang-9/">Lịch tiếp công dân tháng 9</a>');
  });

  it('creates a page with --page, in a folder with --parent, that the next build builds', () => {
    const root = makeSite({ 'bantin.config.yaml': 'search: { enabled: false }\n' });
    const made = runCli(['new', '--page', 'Cơ cấu tổ chức', '--parent', 'gioi-thieu'], { cwd: root });
    expect([made.code, made.stderr, made.stdout]).toEqual([0, '', 'content/pages/gioi-thieu/co-cau-to-chuc.md\n']);
    expect(readFileSync(join(root, 'content/pages/gioi-thieu/co-cau-to-chuc.md'), 'utf8')).toBe('---\ntitle: Cơ cấu tổ chức\nsummary: ""  # the lead (sapo)\n---\n\n');
    expect(runCli(['new', '--page', 'Liên hệ'], { cwd: root }).stdout).toBe('content/pages/lien-he.md\n');
    const again = runCli(['new', '--page', 'Liên hệ'], { cwd: root });
    expect([again.code, again.stderr]).toEqual([1, 'bantin new: content/pages/lien-he.md already exists; edit it, or choose another title [exists]\n']);
    const outside = runCli(['new', '--page', 'Lạc', '--parent', '../../etc'], { cwd: root });
    expect([outside.code, outside.stderr]).toEqual([2, 'bantin new: --parent "../../etc" must be a folder inside content/pages/, such as gioi-thieu\n']);
    const built = runCli(['build', '--root', root]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(existsSync(join(root, 'dist/gioi-thieu/co-cau-to-chuc/index.html'))).toBe(true);
    expect(existsSync(join(root, 'dist/lien-he/index.html'))).toBe(true);
  });

  it('creates an article and a page of another language with --lang, which the next build publishes under its prefix', () => {
    const root = makeSite({ 'bantin.config.yaml': 'search: { enabled: false }\nrequired: [title, date]\nlanguages:\n  - code: vi\n  - code: en\n    title: Portal\n' });
    const made = runCli(['new', 'Year-end conference', '--lang', 'en', '--date', '2024-12-20'], { cwd: root });
    expect([made.code, made.stderr, made.stdout]).toEqual([0, '', 'content/en/2024/year-end-conference.md\n']);
    expect(runCli(['new', '--page', 'About us', '--lang', 'en'], { cwd: root }).stdout).toBe('content/en/pages/about-us.md\n');
    const unknown = runCli(['new', 'Conférence', '--lang', 'fr'], { cwd: root });
    expect([unknown.code, unknown.stderr]).toEqual([2, 'bantin new: --lang "fr" is no language of this site (languages: vi, en); add it to languages: in the config, or leave --lang out [unknown-language]\n']);
    const built = runCli(['build', '--root', root]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(existsSync(join(root, 'dist/en/2024/12/year-end-conference/index.html'))).toBe(true);
    expect(existsSync(join(root, 'dist/en/about-us/index.html'))).toBe(true);
  });

  it('creates a document record with --document, its type and issuer read from the number and the config', () => {
    const root = makeSite({
      'bantin.config.yaml': 'sections:\n  - { id: van-ban, title: Văn bản, kind: documents }\ndocuments:\n  issuers: { UBND: Ủy ban nhân dân tỉnh Bắc Ninh }\n',
    });
    const made = runCli(['new', '--document', '215/QĐ-UBND', '--summary', 'Về việc ban hành Quy chế làm việc', '--date', '2024-02-24'], { cwd: root });
    expect([made.code, made.stderr, made.stdout]).toEqual([0, '', 'content/van-ban/2024/215-qd-ubnd.md\n']);
    expect(readFileSync(join(root, 'content/van-ban/2024/215-qd-ubnd.md'), 'utf8')).toBe(
      [
        '---',
        'number: 215/QĐ-UBND',
        'type: Quyết định',
        'issuer: Ủy ban nhân dân tỉnh Bắc Ninh',
        'issued: 2024-02-24',
        'effective: 2024-02-24',
        'summary: Về việc ban hành Quy chế làm việc',
        'signer: ""  # người ký',
        'signer_title: ""  # chức vụ người ký, e.g. Chủ tịch',
        'field: ""  # lĩnh vực',
        '---',
        '',
        '',
      ].join('\n'),
    );
    const { errors, page } = buildInMemory(root);
    expect(errors).toEqual([]);
    expect(page('van-ban/2024/215-qd-ubnd/index.html')).toContain('<h1>Quyết định 215/QĐ-UBND</h1>');
    // A công văn's number has no type; its issuer is not in the config.
    expect(runCli(['new', '--document', '1234/SYT-KH', '--summary', 'V/v báo cáo'], { cwd: root }).stderr).toBe('bantin new: the number 1234/SYT-KH does not say its type (a công văn\'s does not); give it with --type, e.g. --type "Công văn" [missing-field]\n');
    expect(runCli(['new', '--document', '1234/SYT-KH', '--type', 'Công văn', '--summary', 'V/v báo cáo'], { cwd: root }).stderr).toBe('bantin new: the config does not name the issuer of 1234/SYT-KH (SYT); give it with --issuer NAME, or add SYT under documents.issuers in the config [missing-field]\n');
    const cv = runCli(['new', '--document', '1234/SYT-KH', '--type', 'Công văn', '--issuer', 'Sở Y tế', '--summary', 'V/v báo cáo', '--date', '2024-03-01'], { cwd: root });
    expect([cv.code, cv.stdout]).toEqual([0, 'content/van-ban/2024/1234-syt-kh.md\n']);
    for (const [args, message] of [
      [['215/QĐ-UBND'], 'bantin new: a document needs its trích yếu; give it with --summary TEXT, e.g. --summary "Về việc ban hành Quy chế làm việc" [missing-field]'],
      [['QĐ 215', '--summary', 'x'], 'bantin new: "QĐ 215" is not a document number (số, ký hiệu); write it as Decree 30/2020 does, e.g. 215/QĐ-UBND, 15/2024/QĐ-UBND or 1234/UBND-VP [document-number]'],
    ] as const) {
      const r = runCli(['new', '--document', ...args], { cwd: root });
      expect([r.code, r.stderr]).toEqual([2, `${message}\n`]);
    }
    expect(runCli(['new', '--document', '215/QĐ-UBND', '--summary', 'x', '--date', '2024-02-24'], { cwd: root }).stderr).toContain('[exists]');
    expect(runCli(['new', '--document', '1/QĐ-UBND', '--summary', 'x'], { cwd: makeSite({}) }).stderr).toContain('this site has none; declare a section of kind documents');
  });
});
