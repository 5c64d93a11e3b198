// The CommonMark and GFM spec examples through bantin's Markdown stage. Differences must be the
// documented safety choices, never bugs; the pass count is reported in docs/content/pages/articles.md (Markdown conformance).
import { readFileSync } from 'node:fs';
import type { Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { mayHoldTable, renderMarkdown } from '../src/markdown.js';

interface Example {
  markdown: string;
  html: string;
  example: number;
  section: string;
}

const load = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/spec/${name}`, import.meta.url), 'utf8')) as Example[];

/** Parses HTML and drops what does not change meaning (whitespace between blocks, positions). */
function normalize(html: string): unknown {
  const clean = (nodes: RootContent[]): unknown[] =>
    nodes
      .filter((n) => !(n.type === 'text' && /^\s*$/.test(n.value) && !n.value.includes(' ')) && n.type !== 'comment')
      .map((n) => {
        if (n.type === 'element') {
          const props = { ...n.properties };
          if (/^h[1-6]$/.test(n.tagName)) delete props.id;
          // Note: remark-gfm marks task lists with classes, as GitHub does; they carry no meaning.
          if (String(props.className ?? '').includes('task-list')) delete props.className;
          const sorted = Object.fromEntries(Object.entries(props).sort(([a], [b]) => (a < b ? -1 : 1)));
          return { t: n.tagName, p: sorted, c: clean(n.children as RootContent[]) };
        }
        if (n.type === 'text') return n.value;
        return n.type;
      });
  return clean((fromHtml(html, { fragment: true }) as Root).children);
}

function render(markdown: string): string {
  const out = renderMarkdown(markdown, { sourcePath: 'content/spec.md', lineOffset: 0, allowHtml: false });
  let html = out.html;
  for (const ref of out.references) html = html.split(ref.placeholder).join(ref.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
  return html;
}

/** Why an example may differ: bantin's documented safety choices. */
function explain(e: Example): string | null {
  if (/<[a-zA-Z/!?]/.test(e.markdown) || /<[a-zA-Z/!?]/.test(e.html.replace(/<\/?(p|a|em|strong|code|pre|h[1-6]|ul|ol|li|blockquote|hr|br|img|table|thead|tbody|tr|th|td|del|input)\b[^>]*>/g, '')))
    return 'raw HTML is dropped by default (allowHtml: false)';
  if (/!\[[^\]]*\]\([^)]*["'(][^)]*\)|^\[.*\]:.*["'(]/ms.test(e.markdown) && e.html.includes('<img') && e.html.includes('title='))
    return 'an image with a title becomes <figure> with <figcaption>';
  const schemes = [...e.html.matchAll(/(?:href|src)="([^"/?#]*):/gi)].map((m) => m[1]!.toLowerCase());
  if (schemes.some((s) => !['http', 'https', 'mailto', 'tel', 'irc', 'ircs', 'xmpp'].includes(s)))
    return 'URLs with schemes other than http, https, mailto, tel, irc, xmpp are removed (rehype-sanitize)';
  if (!e.html.includes('<a') && render(e.markdown).includes('<a') && /www\.|https?:\/\/|@/.test(e.markdown))
    return 'GFM autolink literals link bare URLs and e-mail addresses, which CommonMark leaves as text';
  return null;
}

function run(examples: Example[]) {
  const unexplained: string[] = [];
  let pass = 0;
  const reasons = new Map<string, number>();
  for (const e of examples) {
    const got = render(e.markdown);
    if (JSON.stringify(normalize(got)) === JSON.stringify(normalize(e.html))) {
      pass++;
      continue;
    }
    const why = explain(e);
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    else unexplained.push(`example ${e.example} (${e.section}): ${JSON.stringify(e.markdown)}\n  want ${JSON.stringify(e.html)}\n  got  ${JSON.stringify(got)}`);
  }
  return { pass, total: examples.length, reasons: Object.fromEntries(reasons), unexplained };
}

describe('Markdown spec examples', () => {
  it('CommonMark 0.31.2: every difference is a documented safety choice', () => {
    const r = run(load('commonmark.json'));
    console.log(`CommonMark: ${r.pass}/${r.total} pass;`, r.reasons);
    expect(r.unexplained).toEqual([]);
    expect(r.pass).toBeGreaterThanOrEqual(572);
  });

  it('GFM extensions: every difference is a documented safety choice', () => {
    const r = run(load('gfm-extensions.json'));
    console.log(`GFM extensions: ${r.pass}/${r.total} pass;`, r.reasons);
    expect(r.unexplained).toEqual([]);
    expect(r.pass).toBeGreaterThanOrEqual(22);
  });
});

describe('Markdown without the table extension', () => {
  // A parser with GFM tables and one without: a body is parsed without them only when it holds no table.
  const parser = (tables: boolean) =>
    unified()
      .use(remarkParse)
      .use(function (this: any) {
        if (tables) Object.assign(this.data(), { micromarkExtensions: [gfmTable()], fromMarkdownExtensions: [gfmTableFromMarkdown()] });
      })
      .freeze();
  const withTables = parser(true);
  const withoutTables = parser(false);
  const tree = (p: typeof withTables, markdown: string) => JSON.stringify(p.parse(markdown));

  it('is never chosen for a body that holds a table, pipes or not', () => {
    const spec = load('gfm-extensions.json').filter((e) => e.section === 'Tables (extension)' && e.html.includes('<table>'));
    expect(spec.length).toBeGreaterThan(5);
    for (const e of spec) expect(mayHoldTable(e.markdown), e.markdown).toBe(true);
    for (const markdown of ['a\n:-', '> | a |\n> | - |', '- | a |\n  | - |', '1. a | b\n   -|-', 'x\n\n  a|b\n  --|--']) {
      expect(render(markdown), markdown).toContain('<table>');
    }
  });

  it('parses exactly as with it, for bodies of table-like characters it finds no delimiter row in', () => {
    // Seeded random bodies from the characters tables, lists, quotes and headings are made of.
    const alphabet = ['|', '|', '-', '-', '-', ':', ' ', ' ', '\t', '>', '*', '+', '1', '.', ')', 'a', 'b', '\n', '\n', '\n', '\\', '`', '=', '#', '~', '[', ']', '^'];
    let seed = 2025;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let checked = 0;
    let tables = 0;
    for (let i = 0; i < 4000; i++) {
      let markdown = '';
      for (let n = 3 + Math.floor(next() * 40); n > 0; n--) markdown += alphabet[Math.floor(next() * alphabet.length)];
      const full = tree(withTables, markdown);
      if (full.includes('"type":"table"')) {
        tables++;
        expect(mayHoldTable(markdown), JSON.stringify(markdown)).toBe(true);
      }
      if (mayHoldTable(markdown)) continue;
      checked++;
      expect(tree(withoutTables, markdown), JSON.stringify(markdown)).toBe(full);
    }
    expect(checked).toBeGreaterThan(3000);
    expect(tables).toBeGreaterThan(3);
  });
});
