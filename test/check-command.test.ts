import { describe, expect, it } from 'vitest';
import { checkSite } from '../src/commands/check.js';
import { formatDiagnostic } from '../src/messages.js';
import { TINY } from './helpers/photos.js';
import { makeSite as makeSections, parseSections, runCli } from './helpers/site.js';

/** A site of inline sections (with a real photo for `content/2021/anh.png`), or of files. */
const makeSite = (site: string | Record<string, string>) => makeSections(typeof site === 'string' ? { ...parseSections(site), 'content/2021/anh.png': TINY.png } : site);

const SITE = `
-- content/2020/dan-van.md --
---
title: "Bắc Giang: Tiếp tục phát huy công tác dân vận"
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
tags: [Dân vận, Chính quyền]
---

Đoạn mở đầu, xem [bài sau](../2021/hoi-nghi.md) và [văn bản](van-ban-khong-co.pdf).

![Ảnh hội nghị](/anh/khong-co.png)

Gửi cho bạn bè

Lượt xem: 123
-- content/2021/hoi-nghi.md --
---
title: Hội nghị dân vận khéo
date: 2021-03-01
province: Bac Giang
source: bacgiang.gov.vn
tags: [dân vận]
---

Nội dung có ![ảnh](anh.png) và [trang chủ](/).

Phản hồi
-- content/2022/cu.md --
---
title: Bài cũ
date: 2022-01-01
province: Bắc Giang
source: bacgiang.gov.vn
tags: [Dân vận]
---

Ban D©n vËn TØnh ñy B¾c Giang tæ chøc héi nghÞ.
`;

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('bantin check', () => {
  it('finds broken links, furniture, legacy text and mixed spellings at file and line', () => {
    const root = makeSite(SITE);
    const { diagnostics } = checkSite({ root, now: NOW });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'content/2020/dan-van.md:9:52: link or image "content/2020/van-ban-khong-co.pdf" does not exist; put the file there or fix the path [broken-link]',
      'content/2020/dan-van.md:11:1: link or image "/anh/khong-co.png" is not a page or file of the site; fix the path [broken-link]',
      'content/2020/dan-van.md:13:1: warning: "Gửi cho bạn bè" is page furniture copied from a web page, not article text; delete the line [page-furniture]',
      'content/2020/dan-van.md:15:1: warning: "Lượt xem: 123" is page furniture copied from a web page, not article text; delete the line [page-furniture]',
      'content/2021/hoi-nghi.md:4:11: warning: province "Bac Giang" is written "Bắc Giang" in content/2020/dan-van.md, content/2022/cu.md; write it one way (spellings: "Bắc Giang", "Bac Giang") [mixed-spelling]',
      'content/2021/hoi-nghi.md:6:7: warning: tag "dân vận" is written "Dân vận" in content/2020/dan-van.md, content/2022/cu.md; write it one way (spellings: "Dân vận", "dân vận") [mixed-spelling]',
      'content/2021/hoi-nghi.md:11:1: warning: "Phản hồi" is page furniture copied from a web page, not article text; delete the line [page-furniture]',
      'content/2022/cu.md:9:5: warning: "D©n" looks like TCVN3 (ABC) text, not Unicode; convert the original with "bantin import --from tcvn3" [legacy-encoding]',
    ]);
  });

  it('reads English text as English: no legacy encoding in "Español" or "SmartPay®", no furniture in "Twitter" (an English site, and the English language of a site)', () => {
    const english = '---\ntitle: Payments\ndate: 2024-05-02\n---\n\nThe naïve way to pay: SmartPay® cards, in English and Español.\n\nTwitter\n\nLike\n\nFacebook\n';
    const vietnamese = '---\ntitle: Thanh toán\ndate: 2024-05-02\n---\n\nGửi cho bạn bè\n';
    const config = 'required: [title, date]\nsearch: { enabled: false }\n';
    expect(checkSite({ root: makeSite({ 'bantin.config.yaml': `${config}language: en\n`, 'content/2024/pay.md': english }), now: NOW }).diagnostics.map(formatDiagnostic)).toEqual([]);
    const both = makeSite({ 'bantin.config.yaml': `${config}languages:\n  - code: vi\n  - code: en\n`, 'content/en/2024/pay.md': english, 'content/2024/pay.md': vietnamese });
    expect(checkSite({ root: both, now: NOW }).diagnostics.map(formatDiagnostic)).toEqual([
      'content/2024/pay.md:6:1: warning: "Gửi cho bạn bè" is page furniture copied from a web page, not article text; delete the line [page-furniture]',
    ]);
  });

  it('prints text diagnostics, exits 1 on errors; --format json parses', () => {
    const root = makeSite(SITE);
    const text = runCli(['check', '--root', root]);
    expect(text.code).toBe(1);
    const lines = text.stderr.trim().split('\n');
    expect(lines[0]).toBe('content/2020/dan-van.md:9:52: link or image "content/2020/van-ban-khong-co.pdf" does not exist; put the file there or fix the path [broken-link]');
    expect(lines.at(-1)).toBe('checked 3 article(s): 2 error(s), 6 warning(s)');
    expect(text.stdout).toBe('');

    const json = runCli(['check', '--root', root, '--format', 'json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(parsed).toHaveLength(8);
    expect(parsed[0]).toEqual({
      file: 'content/2020/dan-van.md',
      line: 9,
      column: 52,
      severity: 'error',
      rule: 'broken-link',
      message: 'link or image "content/2020/van-ban-khong-co.pdf" does not exist; put the file there or fix the path',
    });
    expect(parsed.map((d) => d.rule)).toEqual(['broken-link', 'broken-link', 'page-furniture', 'page-furniture', 'mixed-spelling', 'mixed-spelling', 'page-furniture', 'legacy-encoding']);
  });

  it('exits 0 on warnings alone, 1 with --strict, 0 with nothing to say', () => {
    const warned = makeSite({
      'content/2020/a.md': '---\ntitle: A\ndate: 2020-02-24\nprovince: Huế\nsource: hue.gov.vn\n---\n\nIn bài viết\n',
    });
    const loose = runCli(['check', '--root', warned]);
    expect([loose.code, loose.stderr]).toEqual([0, 'content/2020/a.md:8:1: warning: "In bài viết" is page furniture copied from a web page, not article text; delete the line [page-furniture]\nchecked 1 article(s): 0 error(s), 1 warning(s)\n']);
    expect(runCli(['check', '--root', warned, '--strict']).code).toBe(1);

    const clean = makeSite({ 'content/2020/a.md': '---\ntitle: A\ndate: 2020-02-24\nprovince: Huế\nsource: hue.gov.vn\n---\n\nNội dung.\n' });
    const ok = runCli(['check', '--root', clean, '--strict']);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, 'checked 1 article(s): 0 error(s), 0 warning(s)\n', '']);
    expect(JSON.parse(runCli(['check', '--root', clean, '--format', 'json']).stdout)).toEqual([]);
  });

  it('reports build errors too, and wrong usage with 2', () => {
    const root = makeSite({ 'content/2020/a.md': '---\ntitle: A\ndate: 2020-02-31\nprovince: Huế\nsource: hue.gov.vn\n---\n' });
    const r = runCli(['check', '--root', root, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      { file: 'content/2020/a.md', line: 3, column: 7, severity: 'error', rule: 'invalid-date', message: 'date "2020-02-31" is not a calendar date; write YYYY-MM-DD' },
    ]);
    expect(runCli(['check', '--root', root, '--format', 'xml']).code).toBe(2);
    expect(runCli(['check', '--stirct']).code).toBe(2);
  });

  it('reports a broken link made by the theme once, with the pages it is on', () => {
    const root = makeSite({
      'templates/article.liquid': '<a href="{{ site.home }}khong-co/">x</a><a href="{{ site.home }}">home</a>{{ article.body | raw }}\n',
      'templates/index.liquid': '<a href="{{ site.home }}khong-co/">x</a>\n',
      'content/2020/a.md': '---\ntitle: A\ndate: 2020-02-24\nprovince: Huế\nsource: hue.gov.vn\n---\n\n[B](b.md)\n',
      'content/2020/b.md': '---\ntitle: B\ndate: 2020-02-25\nprovince: Huế\nsource: hue.gov.vn\n---\n\nNội dung.\n',
    });
    expect(checkSite({ root, now: NOW }).diagnostics.map(formatDiagnostic)).toEqual([
      'templates:1:1: link to "/khong-co/" on 2020/02/a/index.html and 2 other page(s) is not a page or file of the site; fix the link in the theme [broken-link]',
    ]);
  });
});
