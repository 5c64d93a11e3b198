/**
 * The figures the documentation quotes for the example site (its search index on the Search page,
 * its page weights on the Theme page, in English and Vietnamese) are those of a build of it now: a
 * change that moves one fails here until the pages say the new number.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './helpers/site.js';

const work = mkdtempSync(join(tmpdir(), 'bantin-figures-'));
const out = join(work, 'dist');
let printed = '';
beforeAll(() => {
  const r = runCli(['build', '--root', REPO, '--out', out, '--no-cache']);
  expect(r.code, r.stderr).toBe(0);
  printed = r.stdout;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A docs page of each language: `docs/content/pages/<path>` and `docs/content/vi/pages/<path>`. */
const docsPage = (path: string) => ({
  en: readFileSync(join(REPO, 'docs/content/pages', path), 'utf8'),
  vi: readFileSync(join(REPO, 'docs/content/vi/pages', path), 'utf8'),
});
const searchPages = docsPage('search.md');
const themePages = docsPage('theme.md');
const size = (path: string) => statSync(join(out, path)).size;
const gzipped = (path: string) => gzipSync(readFileSync(join(out, path)), { level: 9 }).length;
const number = { en: (n: number) => n.toLocaleString('en-US'), vi: (n: number) => n.toLocaleString('vi-VN') };

/**
 * The file of a `<picture>` a desktop browser (1,280 px wide, one pixel per CSS pixel) loads: of its
 * first source (WebP), the narrowest at least as wide as the theme's column (44rem, 704 px), else the widest.
 */
function pictureFile(picture: string): string {
  const candidates = /<source [^>]*srcset="([^"]+)"/.exec(picture)![1]!.split(', ').map((c) => {
    const [url, w] = c.split(' ');
    return { path: url!.slice(1), width: Number.parseInt(w!, 10) };
  });
  return (candidates.find((c) => c.width >= 704) ?? candidates.at(-1)!).path;
}

/** A page's HTML and the CSS, logo and images it loads (same-site `href`/`src`; of a `<picture>`, the file a desktop browser picks), in bytes and gzipped. */
function weight(page: string) {
  const html = readFileSync(join(out, page), 'utf8');
  const pictures = [...html.matchAll(/<picture>.*?<\/picture>/g)].map((m) => pictureFile(m[0]));
  const rest = html.replace(/<picture>.*?<\/picture>/g, '');
  const loaded = [...new Set([...[...rest.matchAll(/(?:href|src)="\/([^"?#]+\.(?:css|svg|png|jpe?g|webp|avif|gif))"/g)].map((m) => m[1]!), ...pictures])];
  const sum = (f: (path: string) => number) => loaded.reduce((total, path) => total + f(path), 0);
  return { html: size(page), htmlGzip: gzipped(page), all: size(page) + sum(size), allGzip: gzipped(page) + sum(gzipped) };
}

describe("the docs' figures for the example site", () => {
  it('quote the search index line the build prints, and its size in the table', () => {
    const line = /^search index: \d+ pages, (\d+) files, ([\d.]+) KB$/m.exec(printed);
    expect(line, printed).not.toBeNull();
    const [text, files, kb] = line!;
    const library = ['pagefind/pagefind.js', 'pagefind/pagefind-worker.js', 'pagefind/wasm.unknown.pagefind'].reduce((n, f) => n + size(f), 0);
    const articles = /^built (\d+) articles/m.exec(printed)![1];
    for (const page of Object.values(searchPages)) expect(page).toContain(`\n${text}\n`);
    expect(searchPages.en).toContain(`| example site, ${articles} articles | ${Math.round(Number(kb))} KB in ${files} files (${Math.round(library / 1024)} KB of it Pagefind's library) |`);
    expect(searchPages.vi).toContain(`| trang ví dụ, ${articles} bài | ${Math.round(Number(kb))} KB trong ${files} tệp (${Math.round(library / 1024)} KB là thư viện của Pagefind) |`);
  });

  it('quote the page weights of the home page and an article with a figure, and the CSS sizes', () => {
    const home = weight('index.html');
    const article = weight('2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/index.html');
    const entries = (readFileSync(join(out, 'index.html'), 'utf8').match(/<article\b/g) ?? []).length;
    for (const [lang, n] of Object.entries(number) as [keyof typeof number, (n: number) => string][]) {
      const row = (w: typeof home) => `| ${n(w.html)} (${n(w.htmlGzip)}) | ${n(w.all)} (${n(w.allGzip)}) |`;
      const [homeName, articleName] = lang === 'en' ? [`home (\`/\`, ${entries} entries)`, 'article with a figure (`/2020/02/bac-giang-…/`)'] : [`trang chủ (\`/\`, ${entries} bài)`, 'bài viết có hình (`/2020/02/bac-giang-…/`)'];
      expect(themePages[lang]).toContain(`| ${homeName} ${row(home)}`);
      expect(themePages[lang]).toContain(`| ${articleName} ${row(article)}`);
      for (const css of ['style.css', 'search.css']) expect(themePages[lang]).toMatch(new RegExp(`\`${css}\`\\s+${n(size(`assets/${css}`)).replace('.', '\\.')}\\b`));
    }
  });
});
