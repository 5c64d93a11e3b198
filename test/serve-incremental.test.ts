/**
 * `serve` rebuilds incrementally; after any sequence of edits, renames, deletions, template and
 * config changes its files equal a fresh full build, byte for byte.
 */
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSiteWithSearch } from '../src/pipeline.js';
import { formatDiagnostic } from '../src/messages.js';
import { PreviewSite } from '../src/serve/preview.js';
import { MemoryWriter } from '../src/write/writer.js';
import { TINY } from './helpers/photos.js';
import { buildInMemory, makeSite } from './helpers/site.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const article = (title: string, o: { date?: string; province?: string; tags?: string[]; body?: string; extra?: string } = {}) => `---
title: "${title}"
date: ${o.date ?? '2024-03-01'}
province: ${o.province ?? 'Bắc Ninh'}
source: bacninh.gov.vn
tags: [${(o.tags ?? ['Dân vận']).join(', ')}]
${o.extra ?? ''}
---

${o.body ?? `Nội dung của bài ${title}.`}
`;

const SITE = {
  'bantin.config.yaml': 'title: Bản tin thử\npageSize: 2\n',
  'content/2024/a.md': article('Bài A', { tags: ['Dân vận', 'Y tế'], body: 'Xem [bài B](b.md) và ![Ảnh](anh.png "Chú thích")' }),
  'content/2024/b.md': article('Bài B', { date: '2024-03-02', province: 'Bắc Giang' }),
  'content/2024/c.md': article('Bài C', { date: '2024-03-03', tags: ['Y tế'] }),
  'content/2024/d.md': article('Bài D', { date: '2024-02-03', province: 'Đắk Lắk', tags: ['Giáo dục'] }),
  'content/2023/e.md': article('Bài E', { date: '2023-12-31', province: 'TP.HCM' }),
  'content/2024/anh.png': TINY.png,
  'static/robots-extra.txt': 'hello\n',
};

/** Rebuilds the preview and compares every file with a fresh in-memory build. */
async function expectSameAsFresh(root: string, preview: PreviewSite, mayFail = false) {
  const rebuilt = await preview.rebuild();
  const fresh = buildInMemory(root, { now: NOW });
  expect(rebuilt.ok, fresh.errors.join('\n')).toBe(fresh.result.ok);
  if (!mayFail) expect(fresh.errors.filter((e) => !e.includes('warning:'))).toEqual([]);
  if (!fresh.result.ok) return rebuilt;
  expect([...preview.files.keys()].sort()).toEqual([...fresh.writer.files.keys()].sort());
  for (const [path, content] of fresh.writer.files) {
    const mine = preview.files.get(path)!;
    if (!Buffer.from(mine).equals(Buffer.from(content))) {
      expect(Buffer.from(mine).toString('utf8'), path).toBe(Buffer.from(content).toString('utf8'));
    }
  }
  return rebuilt;
}

describe('incremental rebuilds', () => {
  it('equal a fresh build after a scripted sequence of edits', async () => {
    const root = makeSite(SITE);
    const at = (p: string) => join(root, p);
    const edit = (p: string, f: (s: string) => string) => writeFileSync(at(p), f(readFileSync(at(p), 'utf8')));
    const preview = new PreviewSite({ root, now: NOW });
    await expectSameAsFresh(root, preview);
    const total = preview.files.size;

    // Body edit: one article read anew; its page and the listings it shows in, not the others.
    edit('content/2024/c.md', (s) => s.replace('Nội dung', 'Nội dung mới'));
    let r = await expectSameAsFresh(root, preview);
    expect(r.stats.parsed).toBe(1);
    expect(r.changed).toContain('2024/03/bai-c/index.html');
    expect(r.changed).not.toContain('2024/03/bai-b/index.html');
    expect(r.stats.pagesReused).toBeGreaterThan(0);

    // A title change moves the article in every listing; a tag change moves it between tag pages.
    edit('content/2024/c.md', (s) => s.replace('Bài C', 'Bài C sửa').replace('[Y tế]', '[Giáo dục, Môi trường]'));
    await expectSameAsFresh(root, preview);
    edit('content/2024/d.md', (s) => s.replace('Đắk Lắk', 'Khánh Hoà'));
    await expectSameAsFresh(root, preview);

    // The slug of a linked article changes: the linking page follows.
    edit('content/2024/b.md', (s) => s.replace('source:', 'slug: bai-b-moi\nsource:'));
    r = await expectSameAsFresh(root, preview);
    expect(preview.files.get('2024/03/bai-a/index.html')!.toString()).toContain('/2024/03/bai-b-moi/');

    // Renames, deletions, a new folder.
    renameSync(at('content/2024/d.md'), at('content/2024/d2.md'));
    await expectSameAsFresh(root, preview);
    rmSync(at('content/2023/e.md'));
    await expectSameAsFresh(root, preview);
    mkdirSync(at('content/2025/thang-1'), { recursive: true });
    writeFileSync(at('content/2025/thang-1/f.md'), article('Bài F', { date: '2025-01-05', tags: ['Dân vận'] }));
    await expectSameAsFresh(root, preview);
    renameSync(at('content/2025'), at('content/2025-moi'));
    await expectSameAsFresh(root, preview);

    // An error leaves the last good files; the fix builds the same as fresh.
    const before = new Map(preview.files);
    edit('content/2024/a.md', (s) => s.replace('title: "Bài A"', 'title: [Bài A'));
    r = await preview.rebuild();
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.file === 'content/2024/a.md')).toBe(true);
    expect(preview.files).toEqual(before);
    edit('content/2024/a.md', (s) => s.replace('title: [Bài A', 'title: "Bài A đã sửa"'));
    await expectSameAsFresh(root, preview);

    // Other articles' spellings change how a tag is shown (and linked) on an unchanged article's page.
    writeFileSync(at('content/2024/y0.md'), article('Bài Y0', { date: '2024-01-04', tags: ['Sức khoẻ'] }));
    await expectSameAsFresh(root, preview);
    expect(String(preview.files.get('2024/01/bai-y0/index.html'))).toContain('>Sức khoẻ<');
    for (const n of [1, 2]) writeFileSync(at(`content/2024/y${n}.md`), article(`Bài Y${n}`, { date: '2024-01-05', tags: ['sức khoẻ'] }));
    r = await expectSameAsFresh(root, preview);
    expect(r.changed).toContain('2024/01/bai-y0/index.html');
    expect(String(preview.files.get('2024/01/bai-y0/index.html'))).toContain('>sức khoẻ<');
    // The same, with every article keeping its URL (so no link moved).
    for (const n of [1, 2]) edit(`content/2024/y${n}.md`, (s) => s.replace('sức khoẻ', 'SỨC KHOẺ'));
    r = await expectSameAsFresh(root, preview);
    expect(String(preview.files.get('2024/01/bai-y0/index.html'))).toContain('>SỨC KHOẺ<');

    // Drafts appear and disappear.
    edit('content/2024/d2.md', (s) => s.replace('source:', 'draft: true\nsource:'));
    await expectSameAsFresh(root, preview);

    // Assets and static files.
    writeFileSync(at('content/2024/anh.png'), TINY.otherPng);
    r = await expectSameAsFresh(root, preview);
    // Note: a replaced photo gets new names (the old files go), so the pages and feeds that show it change with it.
    expect(r.changed.filter((p) => p.startsWith('2024/anh-')).map((p) => p.replace(/\.[0-9a-f]{10}\./, '.H.')).sort()).toEqual(['2024/anh-6.H.png', '2024/anh-6.H.webp', '2024/anh-8.H.png', '2024/anh-8.H.webp']);
    expect(r.changed.some((p) => p.endsWith('/index.html'))).toBe(true);
    writeFileSync(at('static/robots-extra.txt'), 'changed\n');
    await expectSameAsFresh(root, preview);
    rmSync(at('static/robots-extra.txt'));
    await expectSameAsFresh(root, preview);

    // A partial used by every page re-renders every page; the article template only article pages.
    appendFileSync(at('templates/partials/footer.liquid'), '<!-- footer v2 -->\n');
    r = await expectSameAsFresh(root, preview);
    expect(r.stats.pagesReused).toBe(0);
    edit('templates/article.liquid', (s) => s.replace('<article class="article">', '<article class="article bai">'));
    r = await expectSameAsFresh(root, preview);
    expect(r.stats.pagesRendered).toBe(preview.files.size > 0 ? r.changed.filter((p) => /^\d{4}\/\d\d\/[^/]+\/index\.html$/.test(p)).length : 0);
    writeFileSync(at('templates/assets/style.css'), 'body { color: red }\n');
    r = await expectSameAsFresh(root, preview);
    expect(r.changed).toEqual(['assets/style.css']);

    // A config change rebuilds everything.
    writeFileSync(at('bantin.config.yaml'), 'title: Bản tin đổi tên\npageSize: 3\nbaseUrl: https://example.gov.vn/ban-tin/\n');
    r = await expectSameAsFresh(root, preview);
    expect(r.stats.pagesReused).toBe(0);
    expect(preview.base).toBe('/ban-tin/');
    expect(total).toBeGreaterThan(10);
  });

  it('report what a fresh build reports when edits leave every article in its place', async () => {
    const root = makeSite({
      'bantin.config.yaml': 'title: Bản tin thử\npageSize: 2\n',
      'content/2024/a.md': article('Bài A', { body: 'Xem [bài B](b.md) và [bài Y](y.md).' }),
      'content/2024/b.md': article('Bài B', { date: '2024-03-02' }),
      'content/2024/y.md': article('Bài Y', { date: '2024-03-04', extra: 'draft: true' }),
    });
    const at = (p: string) => join(root, p);
    const edit = (p: string, f: (s: string) => string) => writeFileSync(at(p), f(readFileSync(at(p), 'utf8')));
    const preview = new PreviewSite({ root, now: NOW });
    const same = async () => {
      const r = await preview.rebuild();
      const fresh = buildInMemory(root, { now: NOW });
      expect(r.diagnostics.map(formatDiagnostic)).toEqual(fresh.messages);
      if (r.ok) await expectSameAsFresh(root, preview);
      return r.diagnostics.map(formatDiagnostic);
    };
    expect(await same()).toEqual(['content/2024/a.md:10:22: link to "content/2024/y.md", which is a draft or dated in the future; fix the path or remove the link [broken-link]']);
    // Only bodies change: the site model is kept, and each changed article's links checked again.
    edit('content/2024/a.md', (s) => s.replace('[bài Y](y.md)', '[bài Z](z.md)'));
    expect(await same()).toEqual(['content/2024/a.md:10:22: link to "content/2024/z.md", which does not exist; fix the path or remove the link [broken-link]']);
    edit('content/2024/a.md', (s) => s.replace('[bài Z](z.md)', '[bài Y](y.md)'));
    edit('content/2024/b.md', (s) => s.replace('Nội dung', 'Nội dung mới'));
    expect(await same()).toHaveLength(1);
    // The draft is deleted: the same articles are published, but the link's message changes.
    rmSync(at('content/2024/y.md'));
    expect(await same()).toEqual(['content/2024/a.md:10:22: link to "content/2024/y.md", which does not exist; fix the path or remove the link [broken-link]']);
    edit('content/2024/a.md', (s) => s.replace(' và [bài Y](y.md)', ''));
    expect(await same()).toEqual([]);
    expect(String(preview.files.get('2024/03/bai-b/index.html'))).toContain('Nội dung mới');
  });

  it('equal a fresh build after a random sequence of edits (fixed seed)', async () => {
    const root = makeSite(SITE);
    const preview = new PreviewSite({ root, now: NOW });
    await expectSameAsFresh(root, preview);
    let seed = 20240301;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const provinces = ['Bắc Ninh', 'Bắc Giang', 'Hà Nội', 'Huế', 'Cần Thơ'];
    const tags = ['Dân vận', 'Y tế', 'Giáo dục', 'Giao thông'];
    let next = 0;
    let good = 0;
    const articles = () =>
      Object.keys(SITE).filter((p) => p.endsWith('.md')).concat([...Array(next).keys()].map((i) => `content/2022/n${i}.md`));
    const alive = new Set(articles());
    for (let step = 0; step < 30; step++) {
      const list = [...alive];
      const pick = list[random(list.length)]!;
      const write = (p: string) => {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        const day = String(1 + random(28)).padStart(2, '0');
        writeFileSync(
          join(root, p),
          article(`Tin ${random(6)}`, {
            date: `202${random(5)}-0${1 + random(9)}-${day}`,
            province: provinces[random(provinces.length)]!,
            tags: [tags[random(tags.length)]!, tags[random(tags.length)]!],
          }),
        );
      };
      const op = random(5);
      if (op === 0 || list.length < 3) {
        const p = `content/2022/n${next++}.md`;
        write(p);
        alive.add(p);
      } else if (op === 1) {
        rmSync(join(root, pick));
        alive.delete(pick);
      } else if (op === 2) {
        const p = `content/2022/n${next++}.md`;
        mkdirSync(join(root, 'content/2022'), { recursive: true });
        renameSync(join(root, pick), join(root, p));
        alive.delete(pick);
        alive.add(p);
      } else {
        write(pick);
      }
      // Note: random titles may collide (a duplicate-output error); then the last good files stay.
      if ((await expectSameAsFresh(root, preview, true)).ok) good++;
    }
    expect(good).toBeGreaterThan(20);
  });

  it('serve the same search index as build once it is ready', async () => {
    const root = makeSite({ 'content/2024/a.md': SITE['content/2024/a.md'], 'content/2024/b.md': SITE['content/2024/b.md'], 'content/2024/anh.png': SITE['content/2024/anh.png'] });
    const preview = new PreviewSite({ root, now: NOW });
    const compare = async () => {
      expect((await preview.rebuild()).ok).toBe(true);
      await preview.indexSearch();
      const fresh = new MemoryWriter();
      expect((await buildSiteWithSearch({ root, now: NOW }, fresh)).ok).toBe(true);
      expect([...preview.files.keys()].sort()).toEqual([...fresh.files.keys()].sort());
      for (const [path, content] of fresh.files) expect(Buffer.from(preview.files.get(path)!).equals(Buffer.from(content)), path).toBe(true);
    };
    await compare();
    expect([...preview.files.keys()].some((p) => p.startsWith('pagefind/'))).toBe(true);
    writeFileSync(join(root, 'content/2024/b.md'), article('Bài B', { body: 'Từ khoá mới để tìm.' }));
    await compare();
  });

  it('equal a fresh build in every language, and an edit of a page moves its translation\'s links', async () => {
    const root = makeSite({
      'bantin.config.yaml': 'title: Cổng thử\nsearch: { enabled: false }\nlanguages:\n  - code: vi\n  - code: en\n    title: Test portal\n',
      'content/2024/a.md': article('Bài A'),
      'content/en/2024/a.md': article('Article A', { body: 'In English.' }),
      'content/pages/gioi-thieu.md': '---\ntitle: Giới thiệu\n---\nVề cơ quan.\n',
      'content/en/pages/about.md': '---\ntitle: About\ntranslation: pages/gioi-thieu.md\n---\nAbout the agency.\n',
    });
    const at = (p: string) => join(root, p);
    const preview = new PreviewSite({ root, now: NOW });
    await expectSameAsFresh(root, preview);
    // The Vietnamese article's title moves its URL: the English article's alternates and switcher follow.
    writeFileSync(at('content/2024/a.md'), article('Bài A mới'));
    let r = await expectSameAsFresh(root, preview);
    expect(r.changed).toContain('en/2024/03/article-a/index.html');
    expect(Buffer.from(preview.files.get('en/2024/03/article-a/index.html')!).toString()).toContain('<a href="/2024/03/bai-a-moi/" hreflang="vi" lang="vi">Tiếng Việt</a>');
    // An English page added, then its translation key removed.
    writeFileSync(at('content/en/pages/contact.md'), '---\ntitle: Contact\n---\nWrite to us.\n');
    await expectSameAsFresh(root, preview);
    writeFileSync(at('content/en/pages/about.md'), '---\ntitle: About\n---\nAbout the agency.\n');
    r = await expectSameAsFresh(root, preview);
    expect(r.changed).toContain('gioi-thieu/index.html');
  });

  it('equal a fresh build after pages, menus and the sections config change', async () => {
    const root = makeSite({
      'bantin.config.yaml': 'title: Cổng thử\nsearch: { enabled: false }\nmenus:\n  main:\n    - { page: gioi-thieu/index.md }\n',
      'content/2024/a.md': article('Bài A', { body: 'Xem [giới thiệu](../pages/gioi-thieu/index.md).' }),
      'content/2024/b.md': article('Bài B', { date: '2024-03-02' }),
      'content/pages/gioi-thieu/index.md': '---\ntitle: Giới thiệu\n---\nVề cơ quan.\n',
      'content/pages/gioi-thieu/lanh-dao.md': '---\ntitle: Lãnh đạo\nweight: 2\n---\nBan lãnh đạo.\n',
    });
    const at = (p: string) => join(root, p);
    const edit = (p: string, f: (s: string) => string) => writeFileSync(at(p), f(readFileSync(at(p), 'utf8')));
    const preview = new PreviewSite({ root, now: NOW });
    await expectSameAsFresh(root, preview);

    // A page's title: its own page, its parent's child list, the menu on every page and the link to it follow.
    edit('content/pages/gioi-thieu/index.md', (s) => s.replace('title: Giới thiệu', 'title: Tổng quan'));
    let r = await expectSameAsFresh(root, preview);
    expect(r.changed).toContain('gioi-thieu/lanh-dao/index.html');
    expect(Buffer.from(preview.files.get('2024/03/bai-a/index.html')!).toString()).toContain('Tổng quan</a></li>');
    // A new child page, then a page removed.
    writeFileSync(at('content/pages/gioi-thieu/co-cau.md'), '---\ntitle: Cơ cấu\nweight: 1\n---\n');
    r = await expectSameAsFresh(root, preview);
    expect(r.changed).toContain('gioi-thieu/co-cau/index.html');
    rmSync(at('content/pages/gioi-thieu/lanh-dao.md'));
    await expectSameAsFresh(root, preview);
    // A menu pointing at a removed page fails, as a fresh build does; putting the page back fixes it.
    rmSync(at('content/pages/gioi-thieu/index.md'));
    r = await expectSameAsFresh(root, preview, true);
    expect(r.ok).toBe(false);
    writeFileSync(at('content/pages/gioi-thieu/index.md'), '---\ntitle: Giới thiệu\n---\n');
    await expectSameAsFresh(root, preview);
    // Sections declared: the articles move into a section's folder.
    edit('bantin.config.yaml', (s) => `${s}sections:\n  - { id: tin-tuc, title: Tin tức, home: 1 }\n`);
    r = await expectSameAsFresh(root, preview, true);
    expect(r.ok).toBe(false);
    mkdirSync(at('content/tin-tuc'));
    renameSync(at('content/2024'), at('content/tin-tuc/2024'));
    edit('content/tin-tuc/2024/a.md', (s) => s.replace('../pages/', '../../pages/'));
    await expectSameAsFresh(root, preview);
    expect(preview.files.has('tin-tuc/index.html')).toBe(true);
  });
});
