/**
 * Files beside articles (issue 20, item 1): `content/` is untrusted, so only files that a published
 * article links to, of an allowed type, are published; `static/` is the owner's and copied as it is.
 * The same in build, check and serve, with and without the build cache.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSite } from '../src/commands/check.js';
import { formatDiagnostic } from '../src/messages.js';
import { PreviewSite } from '../src/serve/preview.js';
import { TINY } from './helpers/photos.js';
import { buildInMemory, coldOutput, makeSite, runCli, snapshotDir } from './helpers/site.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const article = (title: string, front: string, body: string, date = '2024-03-01') => `---
title: ${title}
date: ${date}
province: Bắc Ninh
source: bacninh.gov.vn
${front}
---

${body}
`;

/**
 * Files of a build that are not pages, feeds or the theme's: what was copied from content/ and
 * static/, and the files made of photos, without the hash in their names (`2024/anh-8.jpg`).
 */
function copied(paths: Iterable<string>): string[] {
  return [...paths]
    .filter((p) => !/(^|\/)index\.html$|\.xml$|^feed\.json$|^robots\.txt$|^404\.html$|^assets\/|^pagefind\/|^\.bantin-output$/.test(p))
    .map((p) => p.replace(/\.[0-9a-f]{10}\./, '.'))
    .sort();
}

/** The files made of an 8×6 photo: its width in WebP and in its format (`jpg`, `png`). */
const photo = (stem: string, ext = 'jpg') => [`${stem}-8.${ext}`, `${stem}-8.webp`];

const SITE = {
  'content/2024/a.md': article(
    'Bài A',
    'image: dai-dien.webp\nimage_alt: Ảnh đại diện\nattachments:\n  - title: Quyết định\n    file: qd.pdf',
    '![Ảnh](anh.jpg) [Kế hoạch](ke-hoach.docx) ![Sơ đồ](/2024/so-do.png) ![Hoa](ANH-HOA.JPG)',
  ),
  'content/2024/b.md': article('Bài B', 'draft: true', '[Dự toán](du-toan.pdf) và ![Ảnh](anh.jpg)'),
  'content/2024/c.md': article('Bài C', '', '[Báo cáo](bao-cao.xlsx)', '2027-01-01'),
  'content/2024/dai-dien.webp': TINY.webp,
  'content/2024/qd.pdf': 'pdf',
  'content/2024/anh.jpg': TINY.jpg,
  'content/2024/ke-hoach.docx': 'docx',
  'content/2024/so-do.png': TINY.png,
  'content/2024/ANH-HOA.JPG': TINY.jpg,
  'content/2024/du-toan.pdf': 'ngân sách chưa công bố',
  'content/2024/bao-cao.xlsx': 'xlsx',
  'content/2024/thong-bao.html': '<script>alert(1)</script>',
  'content/2024/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  'content/2024/bi-mat.pdf': 'bí mật',
  'static/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'static/gioi-thieu.html': '<p>Giới thiệu</p>',
};

const ANH = photo('2024/anh');
const PUBLISHED = [...photo('2024/anh-hoa'), ...ANH, '2024/dai-dien-1200x630.jpg', '2024/dai-dien-8.webp', '2024/ke-hoach.docx', '2024/qd.pdf', ...photo('2024/so-do', 'png'), 'gioi-thieu.html', 'logo.svg'].sort();

describe('files beside articles', () => {
  it('publishes only files a published article links to, of an allowed type, and static/ as it is', () => {
    const root = makeSite(SITE);
    const { writer, messages } = buildInMemory(root, { now: NOW });
    expect(messages).toEqual([]);
    expect(copied(writer.files.keys())).toEqual(PUBLISHED);
    expect(writer.files.has('2024/anh.jpg')).toBe(false);
    // --drafts and --future publish what their articles link to.
    const all = buildInMemory(root, { now: NOW, drafts: true, future: true });
    expect(all.messages).toEqual([]);
    expect(copied(all.writer.files.keys())).toEqual(['2024/bao-cao.xlsx', '2024/du-toan.pdf', ...PUBLISHED].sort());
    expect(copied(buildInMemory(root, { now: NOW, drafts: true }).writer.files.keys())).toEqual(['2024/du-toan.pdf', ...PUBLISHED].sort());
  });

  it('refuses a link from a published article to HTML, SVG, JS or any type not allowed, at its line', () => {
    const root = makeSite({
      'content/2024/a.md': article(
        'Bài A',
        'image: logo.svg\nattachments:\n  - title: Quyết định\n    file: qd.pdf\n  - title: Thông báo\n    file: thong-bao.htm',
        '[Thông báo](thong-bao.html) và [mã](ma.js)\n\n![Logo](/2024/logo.svg) [chạy](cai-dat.exe) [đọc](DOC-TOI)',
      ),
      'content/2024/b.md': article('Bài B', 'draft: true', '[Trang](trang.html)'),
      'content/2024/qd.pdf': 'pdf',
      'content/2024/logo.svg': '<svg onload="alert(1)"/>',
      'content/2024/thong-bao.htm': '<script>alert(1)</script>',
      'content/2024/thong-bao.html': '<script>alert(1)</script>',
      'content/2024/ma.js': 'alert(1)',
      'content/2024/cai-dat.exe': 'MZ',
      'content/2024/DOC-TOI': 'x',
      'content/2024/trang.html': '<script>alert(1)</script>',
    });
    const allowed = '(assetTypes: jpg, jpeg, png, gif, webp, avif, pdf, doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp, txt, csv, zip); convert it to one of those (an SVG to PNG, a page to PDF), or have the site owner put it in static/ [asset-type]';
    const refused = (place: string, file: string, what: string) => `content/2024/${place}: links to "content/2024/${file}", ${what}, which is not published from content/ ${allowed}`;
    const expected = [
      refused('a.md:6:8', 'logo.svg', 'a .svg file'),
      refused('a.md:11:11', 'thong-bao.htm', 'a .htm file'),
      refused('a.md:14:1', 'thong-bao.html', 'a .html file'),
      refused('a.md:14:32', 'ma.js', 'a .js file'),
      refused('a.md:16:1', 'logo.svg', 'a .svg file'),
      refused('a.md:16:25', 'cai-dat.exe', 'a .exe file'),
      refused('a.md:16:45', 'DOC-TOI', 'a file without a type (extension)'),
    ];
    const built = buildInMemory(root, { now: NOW });
    expect(built.result.ok).toBe(false);
    expect(built.errors).toEqual(expected);
    // check reports the same, once each (no broken-link beside them), and each file's type once.
    const checked = checkSite({ root, now: NOW }).diagnostics.map(formatDiagnostic);
    expect(checked.filter((d) => !d.includes('[unused-file]') && !d.includes('[missing-alt]'))).toEqual(expected);
    // A draft's link is judged when drafts are published.
    const drafts = buildInMemory(root, { now: NOW, drafts: true });
    expect(drafts.errors).toEqual([...expected, refused('b.md:9:1', 'trang.html', 'a .html file')]);
  });

  it('lists in check every file no published article links to, naming the drafts and future articles that do', () => {
    const root = makeSite(SITE);
    const { diagnostics } = checkSite({ root, now: NOW });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'content/2024/bao-cao.xlsx:1:1: warning: only unpublished articles (drafts or dated in the future) link to this file: content/2024/c.md; it is not published until one of them is [unused-file]',
      'content/2024/bi-mat.pdf:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
      'content/2024/du-toan.pdf:1:1: warning: only unpublished articles (drafts or dated in the future) link to this file: content/2024/b.md; it is not published until one of them is [unused-file]',
      'content/2024/logo.svg:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
      'content/2024/thong-bao.html:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
    ]);
    expect(checkSite({ root, now: NOW, drafts: true, future: true }).diagnostics.map(formatDiagnostic)).toEqual([
      'content/2024/bi-mat.pdf:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
      'content/2024/logo.svg:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
      'content/2024/thong-bao.html:1:1: warning: no published article or page links to this file, so it is not published; link it from one or remove it [unused-file]',
    ]);
  });

  it('takes the allowed types from assetTypes, which may not name a type that runs scripts', () => {
    const root = makeSite({
      'bantin.config.yaml': 'assetTypes: [pdf]\n',
      'content/2024/a.md': article('Bài A', '', '[QĐ](qd.pdf) ![Ảnh](anh.jpg)'),
      'content/2024/qd.pdf': 'pdf',
      'content/2024/anh.jpg': TINY.jpg,
    });
    const only = buildInMemory(root, { now: NOW });
    expect(only.errors).toEqual([
      'content/2024/a.md:9:14: links to "content/2024/anh.jpg", a .jpg file, which is not published from content/ (assetTypes: pdf); convert it to one of those (an SVG to PNG, a page to PDF), or have the site owner put it in static/ [asset-type]',
    ]);
    writeFileSync(join(root, 'content/2024/a.md'), article('Bài A', '', '[QĐ](qd.pdf)'));
    const pdf = buildInMemory(root, { now: NOW });
    expect(pdf.errors).toEqual([]);
    expect(copied(pdf.writer.files.keys())).toEqual(['2024/qd.pdf']);

    for (const [value, problem] of [
      ['[pdf, svg]', 'may not list "svg": such a file can run scripts on the site; put a file you trust in static/ instead'],
      ['[html]', 'may not list "html": such a file can run scripts on the site; put a file you trust in static/ instead'],
      ['[.pdf]', 'must be a list of file types in lower case without the dot, such as [jpg, png, pdf]'],
      ['[PDF]', 'must be a list of file types in lower case without the dot, such as [jpg, png, pdf]'],
      ['pdf', 'must be a list of file types in lower case without the dot, such as [jpg, png, pdf]'],
    ]) {
      writeFileSync(join(root, 'bantin.config.yaml'), `title: Bản tin\nassetTypes: ${value}\n`);
      expect(buildInMemory(root, { now: NOW }).errors).toEqual([`bantin.config.yaml:2:13: assetTypes ${problem} [config-type]`]);
    }
  });

  it('serves the same files as a fresh build as articles start and stop linking to files or become drafts', async () => {
    const root = makeSite(SITE);
    const preview = new PreviewSite({ root, now: NOW });
    const same = async (changed?: string[]) => {
      const rebuilt = await preview.rebuild(changed);
      const fresh = buildInMemory(root, { now: NOW });
      expect(rebuilt.ok).toBe(true);
      expect([...preview.files.keys()].filter((p) => !p.startsWith('pagefind/')).sort()).toEqual([...fresh.writer.files.keys()].sort());
      for (const [path, content] of fresh.writer.files) expect(Buffer.from(preview.files.get(path)!).equals(Buffer.from(content)), path).toBe(true);
      return copied(preview.files.keys());
    };
    expect(await same()).toEqual(PUBLISHED);
    const a = join(root, 'content/2024/a.md');
    writeFileSync(a, readFileSync(a, 'utf8').replace('![Ảnh](anh.jpg) ', '').replace('[Kế hoạch](ke-hoach.docx)', '[Ngân sách](bi-mat.pdf)'));
    expect(await same(['content/2024/a.md'])).toEqual(PUBLISHED.filter((p) => !ANH.includes(p) && p !== '2024/ke-hoach.docx').concat('2024/bi-mat.pdf').sort());
    writeFileSync(a, readFileSync(a, 'utf8').replace('source:', 'draft: true\nsource:'));
    expect(await same(['content/2024/a.md'])).toEqual(['gioi-thieu.html', 'logo.svg']);
    // A link to a file not there yet, then the file: the watcher names only the new file.
    writeFileSync(join(root, 'content/2024/b.md'), article('Bài B', '', '[Mới](moi.pdf)'));
    expect(await same(['content/2024/b.md'])).toEqual(['gioi-thieu.html', 'logo.svg']);
    writeFileSync(join(root, 'content/2024/moi.pdf'), 'mới');
    expect(await same(['content/2024/moi.pdf'])).toEqual(['2024/moi.pdf', 'gioi-thieu.html', 'logo.svg']);
    rmSync(join(root, 'content/2024/moi.pdf'));
    expect(await same(['content/2024/moi.pdf'])).toEqual(['gioi-thieu.html', 'logo.svg']);
  });

  it('builds with the cache exactly what a cold build does as articles start and stop linking to files or become drafts', async () => {
    const root = makeSite({ ...SITE, 'bantin.config.yaml': 'search: { enabled: false }\n' });
    const build = async () => {
      const r = runCli(['build', '--root', root]);
      expect([r.code, r.stderr.replace(/^warning: .*\[cache-ignored\]\n/gm, '')]).toEqual([0, '']);
      const dist = snapshotDir(join(root, 'dist'));
      expect(dist).toEqual(await coldOutput(root));
      return copied(Object.keys(dist));
    };
    expect(await build()).toEqual(PUBLISHED);
    const a = join(root, 'content/2024/a.md');
    writeFileSync(a, readFileSync(a, 'utf8').replace('![Ảnh](anh.jpg) ', '').replace('[Kế hoạch](ke-hoach.docx)', '[Ngân sách](bi-mat.pdf)'));
    expect(await build()).toEqual(PUBLISHED.filter((p) => !ANH.includes(p) && p !== '2024/ke-hoach.docx').concat('2024/bi-mat.pdf').sort());
    const b = join(root, 'content/2024/b.md');
    writeFileSync(b, readFileSync(b, 'utf8').replace('draft: true', 'draft: false'));
    expect(await build()).toEqual([...PUBLISHED.filter((p) => p !== '2024/ke-hoach.docx'), '2024/bi-mat.pdf', '2024/du-toan.pdf'].sort());
    writeFileSync(a, readFileSync(a, 'utf8').replace('source:', 'draft: true\nsource:'));
    expect(await build()).toEqual([...ANH, '2024/du-toan.pdf', 'gioi-thieu.html', 'logo.svg'].sort());
    // A file a published article links to added, then one removed.
    writeFileSync(b, readFileSync(b, 'utf8').replace('và', 'và [Phụ lục](phu-luc.pdf) và'));
    expect(await build()).toEqual([...ANH, '2024/du-toan.pdf', 'gioi-thieu.html', 'logo.svg'].sort());
    writeFileSync(join(root, 'content/2024/phu-luc.pdf'), 'phụ lục');
    expect(await build()).toEqual([...ANH, '2024/du-toan.pdf', '2024/phu-luc.pdf', 'gioi-thieu.html', 'logo.svg'].sort());
    rmSync(join(root, 'content/2024/anh.jpg'));
    expect(await build()).toEqual(['2024/du-toan.pdf', '2024/phu-luc.pdf', 'gioi-thieu.html', 'logo.svg']);
    // A refused link fails the build and leaves the last output as it was.
    const before = snapshotDir(join(root, 'dist'));
    writeFileSync(b, readFileSync(b, 'utf8').replace('[Dự toán](du-toan.pdf)', '[Thông báo](thong-bao.html)'));
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/2024/b.md:9:1: links to "content/2024/thong-bao.html", a .html file, which is not published from content/');
    expect(snapshotDir(join(root, 'dist'))).toEqual(before);
  });
});
