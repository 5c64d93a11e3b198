/**
 * Properties of the content stages and the rendered site (issue 8), over hostile input. In memory:
 * the article stage on its own for many runs, the whole build (render included) for fewer.
 * Runs: FUZZ_RUNS (default 150) per property; `npm run fuzz` runs 2000.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { processArticle } from '../src/content/article.js';
import { formatDiagnostic } from '../src/messages.js';
import { buildSite } from '../src/pipeline.js';
import { unsafeOutputPath } from '../src/output-path.js';
import { MemoryWriter } from '../src/write/writer.js';
import { articleFile, frontMatterData, hostileText, markdownBody, params, printedFrontMatter, runs, yamlOf } from './helpers/fuzz.js';
import { makeSite } from './helpers/site.js';

const config = defaultConfig();
const NOW = Date.parse('2026-01-01T00:00:00Z');

/** A reusable site folder whose content is replaced for each run (copying the theme once). */
function scratchSite() {
  const root = makeSite({});
  return {
    root,
    build(files: Record<string, string>) {
      rmSync(join(root, 'content'), { recursive: true, force: true });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      const writer = new MemoryWriter();
      const result = buildSite({ root, now: NOW }, writer);
      return { result, writer };
    },
  };
}

const DANGEROUS_URL = /^(?:javascript|vbscript|data):/i;

/** Checks one HTML page for anything that would run: scripts, handlers, dangerous URLs, frames. */
function assertInert(html: string, where: string): void {
  const tree = fromHtml(html) as Root;
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const tag = child.tagName;
      expect(['iframe', 'frame', 'object', 'embed', 'style', 'base'], `${where}: <${tag}>`).not.toContain(tag);
      if (tag === 'script') {
        const text = child.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
        // Note: the theme's own scripts (search) are trusted; content never makes a script.
        if (child.properties.type === 'application/ld+json') expect(() => JSON.parse(text), `${where}: JSON-LD does not parse`).not.toThrow();
        else expect(`${text} ${String(child.properties.src ?? '')}`, `${where}: a script from content`).not.toMatch(/alert|msgbox/);
      }
      for (const [name, value] of Object.entries(child.properties)) {
        expect(/^on/i.test(name), `${where}: <${tag} ${name}>`).toBe(false);
        if (['href', 'src', 'action', 'formAction', 'poster', 'cite'].includes(name)) {
          // Note: browsers drop tabs, newlines and leading controls before reading the scheme.
          const url = String(value).replace(/[\u0000-\u0020]/g, '');
          expect(DANGEROUS_URL.test(url), `${where}: ${name}="${String(value)}"`).toBe(false);
        }
        if (tag === 'meta' && name === 'httpEquiv') expect(String(value).toLowerCase(), where).toBe('refresh');
      }
      visit(child);
    }
  };
  visit(tree);
}

describe('article stage: any file → an article or diagnostics naming the file', () => {
  it('never throws, names the file, never prints a stack', () => {
    fc.assert(
      fc.property(articleFile, fc.constantFrom('content/2020/a.md', 'content/Đắk Lắk/bài viết.md'), (text, path) => {
        const { article, diagnostics } = processArticle(path, Buffer.from(text), config);
        for (const d of diagnostics) {
          expect(d.file).toBe(path);
          expect(formatDiagnostic(d)).not.toMatch(/\n\s+at |\[object Object\]|undefined:/);
        }
        if (!article) expect(diagnostics.some((d) => d.severity === 'error')).toBe(true);
        else expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }),
      params(runs(150, 4)),
    );
  });

  it('never throws on arbitrary bytes (as UTF-8, UTF-16, or cut anywhere)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), articleFile, fc.nat(), (bytes, text, cut) => {
        for (const input of [bytes, Buffer.from(text, 'utf16le'), Buffer.from(text).subarray(0, cut % (text.length + 1))]) {
          const { diagnostics, article } = processArticle('content/a.md', input, config);
          if (!article) expect(diagnostics.length).toBeGreaterThan(0);
        }
      }),
      params(runs(150, 2)),
    );
  });
});

describe('output paths: any title or slug', () => {
  const head = (title: unknown, slug?: unknown) =>
    `---\n${yamlOf({ title, date: '2020-02-24', province: 'Bắc Giang', source: 'x.gov.vn', ...(slug === undefined ? {} : { slug }) })}---\nx\n`;

  it('gives a non-empty, portable path inside the output, segments ≤ 255 bytes', () => {
    fc.assert(
      fc.property(hostileText(30), fc.option(fc.oneof(hostileText(30), fc.string({ unit: 'binary', maxLength: 400 })), { nil: undefined }), (title, slug) => {
        const { article, diagnostics } = processArticle('content/a.md', Buffer.from(head(title, slug)), config);
        if (!article) {
          expect(diagnostics.length).toBeGreaterThan(0);
          return;
        }
        expect(article.output).toMatch(/\/index\.html$/);
        expect(article.output.length).toBeGreaterThan('index.html'.length);
        expect(unsafeOutputPath(article.output)).toBeNull();
        expect(article.url.startsWith('/') && !article.url.includes('..') && !article.url.includes('//')).toBe(true);
        for (const segment of article.output.split('/')) {
          expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255);
          expect(segment).not.toMatch(/[:\\]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
        }
      }),
      params(runs(150, 4)),
    );
  });

  it('never lets two articles share a path silently', () => {
    const site = scratchSite();
    // Note: a small alphabet makes titles that fold to the same slug common.
    const title = fc.array(fc.constantFrom('Đ', 'D', 'đ', 'd', 'ắ', 'a', ' ', '-', '!', 'CON'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(title, title, fc.option(fc.constantFrom('/2020/02/d/', '/d/', '/2020/02/con-1'), { nil: undefined }), (t1, t2, alias) => {
        const a = head(t1);
        const b = alias ? head(t2).replace('---\nx', `aliases: ["${alias}"]\n---\nx`) : head(t2);
        const { result, writer } = site.build({ 'content/2020/a.md': a, 'content/2020/b.md': b });
        const outA = processArticle('content/2020/a.md', Buffer.from(a), config).article?.output;
        const outB = processArticle('content/2020/b.md', Buffer.from(b), config).article?.output;
        const messages = result.diagnostics.map(formatDiagnostic);
        if (outA && outB && outA === outB) {
          expect(result.ok).toBe(false);
          expect(messages.filter((m) => m.includes('[duplicate-output]')).join('\n')).toMatch(/content\/2020\/a\.md.*content\/2020\/b\.md|content\/2020\/b\.md.*content\/2020\/a\.md/s);
        }
        if (result.ok) {
          const pages = [...writer.files.keys()].filter((k) => k.endsWith('.html'));
          const titled = pages.filter((k) => outA === k || outB === k);
          expect(titled.length).toBe(new Set([outA, outB].filter(Boolean)).size);
        }
      }),
      params(runs(150, 0.2)),
    );
  });
});

describe('whole site: escaping in every context', () => {
  it('pages, feeds and JSON-LD stay inert and parse, whatever the front matter says', () => {
    const site = scratchSite();
    const built$ = { ok: 0 };
    fc.assert(
      fc.property(fc.oneof(printedFrontMatter, frontMatterData), markdownBody, fc.boolean(), (data, body, second) => {
        const files: Record<string, string> = { 'content/2020/a.md': `---\n${yamlOf(data)}---\n${body}\n` };
        if (second) files['content/2020/b.md'] = `---\n${yamlOf({ ...data, slug: 'hai', aliases: [] })}---\n${body}\n`;
        let built: ReturnType<typeof site.build>;
        expect(() => (built = site.build(files))).not.toThrow();
        const { result, writer } = built!;
        for (const d of result.diagnostics) expect(d.file).toMatch(/^content\/2020\/[ab]\.md$/);
        if (!result.ok) return;
        built$.ok++;
        expect(writer.files.size).toBeGreaterThan(0);
        for (const [path, content] of writer.files) {
          expect(unsafeOutputPath(path)).toBeNull();
          const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
          if (path.endsWith('.html')) assertInert(text, path);
          if (path.endsWith('.json')) {
            const feed = JSON.parse(text);
            for (const item of feed.items ?? []) assertInert(item.content_html, `${path} content_html`);
          }
          if (path.endsWith('.xml')) {
            expect(text.replace(/<content type="html">[^<]*<\/content>/g, '').replace(/"[^"]*"/g, '""'), path).not.toMatch(/<script|<iframe|<[a-z][^>]*\son\w+=/i);
            expect(text, path).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
          }
        }
      }),
      params(runs(150, 0.4)),
    );
    // Note: the generators must reach rendering often enough for this property to mean something.
    expect(built$.ok).toBeGreaterThanOrEqual(runs(150, 0.4) / 5);
  });

  it('renders the same bytes twice', () => {
    const site = scratchSite();
    fc.assert(
      fc.property(frontMatterData, markdownBody, (data, body) => {
        const files = { 'content/2020/a.md': `---\n${yamlOf(data)}---\n${body}\n` };
        const one = site.build(files);
        const two = site.build(files);
        expect([...two.writer.files.keys()]).toEqual([...one.writer.files.keys()]);
        for (const [k, v] of one.writer.files) expect(Buffer.from(two.writer.files.get(k)!).equals(Buffer.from(v)), k).toBe(true);
        expect(two.result.diagnostics).toEqual(one.result.diagnostics);
      }),
      params(runs(150, 0.1)),
    );
  });
});
