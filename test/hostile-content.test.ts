/**
 * Hostile content (issue 8): every article file is untrusted. Each case states what must happen;
 * cases already pinned in content.test.ts and cli-build.test.ts are not repeated here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, makeSite, runCli } from './helpers/site.js';

const fm = (front: string, body = 'Nội dung.\n') => `---\n${front}\n---\n${body}`;
const BASE = 'title: Bài\ndate: 2020-02-24\nprovince: Bắc Giang\nsource: bacgiang.gov.vn';
const one = (file: string | Uint8Array, config?: string) =>
  build({ 'content/a.md': file, ...(config ? { 'bantin.config.yaml': config } : {}) });

/** Every output file as text, for "must not appear anywhere" checks. */
function everything(files: Map<string, string | Uint8Array>): string {
  return [...files.values()].map((v) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8'))).join('\n');
}

describe('front-matter languages', () => {
  it.each(['coffee', 'coffeescript', 'toml', 'json', 'JS'])('refuses ---%s by name, before anything is parsed', (lang) => {
    const { errors, result } = one(`---${lang}\ntitle: "X"\n---\nbody\n`);
    expect(errors).toEqual([
      `content/a.md:1:4: front matter in "${lang}" is refused (only YAML is read, nothing is executed); start the file with a plain --- line [front-matter-language]`,
    ]);
    expect(result.ok).toBe(false);
  });

  it('runs nothing from ---coffee through the CLI either', () => {
    const marker = join(makeSite({}), 'pwned');
    const root = makeSite({ 'content/c.md': `---coffee\ntitle: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')\n---\n` });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/c.md:1:4: front matter in "coffee" is refused');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('YAML', () => {
  it.each([
    ['an unclosed quote', fm(`${BASE}\nsummary: "mở`), 'content/a.md:6:10: a value opened with " is never closed; end it with " (a " inside it is written \\"); fix the YAML between the --- lines [yaml-syntax]'],
    ['a bad indent', fm(`${BASE}\ntags:\n  - a\n - b`), 'content/a.md:8:1: the indent of this line does not match the lines above it; line up the items of a list, and the keys of a mapping, at one indent; fix the YAML between the --- lines [yaml-syntax]'],
    ['a tab for indentation', fm(`${BASE}\ntags:\n\t- a`), /^content\/a\.md:7:1: .*\[yaml-syntax\]$/],
    ['a scalar document', fm('chỉ một dòng'), 'content/a.md:2:1: front matter must be "key: value" lines, not a single value or a list [front-matter-not-mapping]'],
    ['!!python/object', fm(`${BASE}\nx: !!python/object:os.system "ls"`), 'content/a.md:6:4: YAML tags such as !!js/function are not allowed; fix the YAML between the --- lines [yaml-tag]'],
    ['!!js/undefined', fm(`${BASE}\nx: !!js/undefined ''`), 'content/a.md:6:4: YAML tags such as !!js/function are not allowed; fix the YAML between the --- lines [yaml-tag]'],
    ['a duplicate key with other case kept apart', fm(`${BASE}\nsource: khác`), 'content/a.md:6:1: the key "source" appears twice; fix the YAML between the --- lines [yaml-duplicate-key]'],
  ])('reports %s with line and column', (_name, file, expected) => {
    const { errors } = one(file);
    if (typeof expected === 'string') expect(errors).toContain(expected);
    else expect(errors.some((e) => expected.test(e)), errors.join('\n')).toBe(true);
  });

  it('reports an alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    const { errors } = one(fm(`${BASE}\n${lines.join('\n')}`));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^content\/a\.md:\d+:\d+: .*\[yaml-syntax\]$/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps 012345, 0x1F, 1e3-like document numbers and yes/no as written text', () => {
    const { page, errors } = one(fm(`${BASE}\nsummary: 012345\nauthor: yes\ncategory: 0012`));
    expect(errors).toEqual([]);
    const html = page('2020/02/bai/index.html');
    expect(html).toContain('<p class="lead">012345</p>');
    expect(html).toContain('yes');
    expect(html).toContain('0012');
  });
});

describe('encodings', () => {
  const text = fm(BASE);
  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-16 LE without BOM', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE without BOM', Buffer.from(text, 'utf16le').swap16()],
  ])('reports %s', (_name, bytes) => {
    expect(one(bytes).errors).toEqual(['content/a.md:1:1: file is UTF-16; save it as UTF-8 [encoding]']);
  });

  it.each([
    ['a lone continuation byte', Buffer.from([0x80]), '1:1'],
    ['an overlong slash (C0 AF)', Buffer.from([0xc0, 0xaf]), '1:1'],
    ['an encoded surrogate (ED A0 80)', Buffer.from([0xed, 0xa0, 0x80]), '1:1'],
    ['a truncated sequence at the end', Buffer.from([0xe1, 0xba]), '1:1'],
    ['a Windows-1258 byte after a line', Buffer.from('---\ntitle: B\xe0i\n', 'latin1'), '2:9'],
  ])('reports invalid UTF-8: %s, at its place', (_name, bytes, place) => {
    const { errors } = one(Buffer.concat([Buffer.from(''), bytes]));
    expect(errors).toEqual([`content/a.md:${place}: file is not valid UTF-8; save it as UTF-8 (or convert it with \`bantin import --from tcvn3|vni\`) [encoding]`]);
  });

  it('reads CR-only files with the right lines in diagnostics', () => {
    const { errors } = one(fm(`${BASE}\ndate: 2020-02-25`).replace(/\n/g, '\r'));
    expect(errors).toEqual(['content/a.md:6:1: the key "date" appears twice; fix the YAML between the --- lines [yaml-duplicate-key]']);
  });
});

describe('Markdown', () => {
  it('lets no script, frame, style or event handler through, raw or via Markdown, in pages or feeds', () => {
    const body = [
      '<script>alert(1)</script>',
      '<iframe src="https://evil.example"></iframe>',
      '<img src=x onerror=alert(1)>',
      '<style>body{display:none}</style>',
      '<svg><script>alert(1)</script></svg>',
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox(1)) [d](data:text/html,x)',
      '[e](java&#x09;script:alert(1)) [f](&#106;avascript:alert(1))',
      '![g](javascript:alert(1)) ![h](data:image/svg+xml,<svg/onload=alert(1)>)',
      '<javascript:alert(1)>',
      '[i]: javascript:alert(1)',
      '[ref][i]',
    ].join('\n\n');
    for (const allowHtml of [false, true]) {
      const { writer, errors } = one(fm(BASE, `${body}\n`), `allowHtml: ${allowHtml}\n`);
      expect(errors).toEqual([]);
      const all = everything(writer.files);
      for (const bad of [/<script>alert/i, /<iframe/i, /onerror/i, /onload/i, /<style>body/i, /(href|src)="\s*(javascript|vbscript|data):/i, /&lt;script&gt;alert/]) {
        expect(all, `${bad} with allowHtml ${allowHtml}`).not.toMatch(bad);
      }
    }
  });

  it.each([
    ['blockquotes', (n: number) => `${'> '.repeat(n)}sâu\n`],
    ['bullet lists', (n: number) => `${'- '.repeat(n)}mục\n`],
    ['ordered lists', (n: number) => `${'1. '.repeat(n)}mục\n`],
    ['lists by indentation', (n: number) => Array.from({ length: n / 10 }, (_, i) => `${'  '.repeat(i)}- mục\n`).join('')],
    ['images in links', (n: number) => `${'!['.repeat(n)}x${'](y)'.repeat(n)}\n`],
    ['underscores over lines', (n: number) => `${'_a\n'.repeat(n)}${'b_\n'.repeat(n)}`],
    ['emphasis', (n: number) => `${'*a '.repeat(n)}${' b*'.repeat(n)}\n`],
    ['links in links', (n: number) => `${'['.repeat(n)}x${'](y)'.repeat(n)}\n`],
  ])('refuses thousands of nested %s: a diagnostic naming the file, quickly, never a crash', (_name, make) => {
    const started = Date.now();
    const { errors } = one(fm(BASE, make(5000)), 'maxArticleBytes: 5000000\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^content\/a\.md:\d+:1: Markdown is nested too deeply to render \(thousands of levels\); flatten the quotes or lists \[markdown-too-deep\]$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('checks the size limit before decoding or parsing anything, with the configured limit', () => {
    const huge = Buffer.alloc(3_000_000, 0x3e);
    const started = Date.now();
    const { errors } = one(huge, 'maxArticleBytes: 2000000\n');
    expect(errors).toEqual([
      'content/a.md:1:1: file is 3000000 bytes, over the limit of 2000000; split it or raise maxArticleBytes in the config [article-too-large]',
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('front-matter fields printed into pages', () => {
  it.each([
    ['image', 'javascript:alert(1)'],
    ['image', 'data:image/svg+xml,<svg onload=alert(1)>'],
    ['image', 'vbscript:msgbox(1)'],
    ['image', '  JavaScript:alert(1)'],
  ])('refuses %s "%s" with the field and file', (field, value) => {
    const { errors, writer } = one(fm(`${BASE}\n${field}: ${JSON.stringify(value)}`));
    expect(errors).toEqual([
      `content/a.md:6:${field.length + 3}: ${field} "${value.trim()}" is neither a file beside the article nor an http(s) URL; write a file name such as anh.jpg or an https:// address [unsafe-url]`,
    ]);
    expect(writer.files.size).toBe(0);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x'])('refuses an attachment file "%s"', (file) => {
    const { errors } = one(fm(`${BASE}\nattachments:\n  - title: Quyết định\n    file: ${JSON.stringify(file)}`));
    expect(errors).toEqual([
      `content/a.md:7:3: attachment file "${file}" is neither a file beside the article nor an http(s) URL; write a file name such as anh.jpg or an https:// address [unsafe-url]`,
    ]);
  });

  it('keeps an https image and attachment, and a source that is not a URL as text only', () => {
    const { page, errors } = one(
      fm(`${BASE.replace('source: bacgiang.gov.vn', 'source: "javascript:alert(1)"')}\nimage: https://example.gov.vn/a.jpg\nattachments:\n  - title: QĐ\n    file: https://example.gov.vn/qd.pdf`),
    );
    expect(errors).toEqual([]);
    const html = page('2020/02/bai/index.html');
    expect(html).toContain('<img src="https://example.gov.vn/a.jpg"');
    expect(html).toContain('<a href="https://example.gov.vn/qd.pdf">QĐ</a>');
    expect(html).toContain('<p class="source">Nguồn: javascript:alert(1)</p>');
    expect(html).not.toMatch(/href="javascript:/);
  });

  it('cannot forge a link placeholder from a title or break out of an attribute with %22', () => {
    const forged = 'bantin-ref:root:%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E';
    const { writer, errors } = one(fm(`${BASE.replace('title: Bài', `title: "Bài ${forged} bantin-ref:root:%E0%A4%A"`)}`, '[x](a%22onmouseover=alert(1)%20x.pdf) [y](/%22%3E%3Cb%3E)\n'));
    expect(errors).toEqual([]);
    const all = everything(writer.files);
    expect(all).not.toMatch(/<script>alert/);
    expect(all).not.toMatch(/"\s*onmouseover=/);
    expect(all).not.toContain('"><b>');
    const page = writer.text([...writer.files.keys()].find((k) => k.startsWith('2020/02/bai'))!)!;
    expect(page).toContain('<a href="/a%22onmouseover=alert(1)%20x.pdf">x</a>');
    expect(page).toMatch(/<h1>Bài [^<]*<\/h1>/);
  });

  it('keeps </script> in any field from closing the JSON-LD element', () => {
    const nasty = '</script><script>alert(1)</script><!--';
    const { page, errors } = one(fm(`${BASE}\nsummary: "${nasty}"\nauthor: "${nasty}"\ncategory: "${nasty}"\ntags: ["${nasty}"]`));
    expect(errors).toEqual([]);
    const html = page('2020/02/bai/index.html');
    const scripts = html.match(/<script[\s>]/g) ?? [];
    expect(scripts).toEqual(['<script ']);
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json).description).toBe(nasty);
  });
});

describe('templates', () => {
  it('names the template that includes itself, and fails within seconds', () => {
    const root = makeSite({
      'content/a.md': fm(BASE),
      'templates/article.liquid': 'a\n{% include "loop" %}\n',
      'templates/partials/loop.liquid': 'x\n{% include "loop" %}\n',
      'templates/index.liquid': 'home\n',
    });
    const started = Date.now();
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^templates\/partials\/loop\.liquid:2:1: includes nested over 50 deep, in a loop: "loop" → "loop"; .* \[template-recursion\]$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reports a misspelled variable in a partial with the partial file and line', () => {
    const root = makeSite({
      'content/a.md': fm(BASE),
      'templates/article.liquid': '{% include "meta" %}\n',
      'templates/partials/meta.liquid': 'ok\nok\n<p>{{ article.titel }}</p>\n',
      'templates/index.liquid': 'home\n',
    });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/partials/meta.liquid:3:7: undefined variable: article.titel; fix the template [template-error]');
  });

  it('reports a misspelled filter in a layout with its file and line', () => {
    const root = makeSite({
      'content/a.md': fm(BASE),
      'templates/layouts/base.liquid': '<html>\n{{ page.title | upcasee }}\n{% block content %}{% endblock %}\n',
      'templates/article.liquid': "{% layout 'base' %}{% block content %}x{% endblock %}\n",
      'templates/index.liquid': 'home\n',
    });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/layouts/base.liquid:2:1: undefined filter: upcasee; fix the template [template-error]');
  });
});

it('still renders ordinary nesting: 20 levels of quotes and lists, 50 emphasis spans', () => {
  const body = `${'> '.repeat(20)}trích\n\n${'- '.repeat(20)}mục\n\n${'*nghiêng* '.repeat(50)}\n`;
  const { errors, page } = one(fm(BASE, body));
  expect(errors).toEqual([]);
  expect(page('2020/02/bai/index.html')).toContain('<em>nghiêng</em>');
});
