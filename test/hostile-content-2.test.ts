/**
 * Hostile content, round two (issue 20): each problem is reported once, at the line that caused
 * it, with its rule id; nothing an author typed is dropped or merged without a word.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/build-cache.js';
import { checkSite } from '../src/commands/check.js';
import { formatDiagnostic } from '../src/messages.js';
import { buildSite } from '../src/pipeline.js';
import { MemoryWriter } from '../src/write/writer.js';
import { build, makeSite } from './helpers/site.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const fm = (front: string, body = 'Nội dung.\n') => `---\n${front}\n---\n${body}`;
const BASE = 'date: 2020-02-24\nprovince: Bắc Giang\nsource: bacgiang.gov.vn';

describe('a link to an article that failed', () => {
  it('is not a broken link: only the failed article is reported', () => {
    const { errors } = build({
      'content/a.md': fm(`title: A\n${BASE}`, 'Xem [bài B](b.md).\n'),
      'content/c.md': fm(`title: C\n${BASE}`, 'Cũng xem [bài B](b.md#muc-1).\n'),
      'content/b.md': fm('title: B\ndate: 2020-02-24\nprovince: Bac Giangg\nsource: x'),
    });
    expect(errors).toEqual(['content/b.md:4:11: unknown province "Bac Giangg"; did you mean "Bắc Giang"? [unknown-province]']);
  });

  it('becomes a broken link in a rebuild once the failed file is removed', () => {
    const root = makeSite({
      'content/a.md': fm(`title: A\n${BASE}`, 'Xem [bài B](b.md).\n'),
      'content/b.md': fm('title: B\ndate: 2020-02-24\nprovince: Bac Giangg\nsource: x'),
    });
    const cache = new BuildCache();
    const rebuild = () => buildSite({ root, now: NOW }, new MemoryWriter(), cache).diagnostics.map(formatDiagnostic);
    expect(rebuild()).toEqual(['content/b.md:4:11: unknown province "Bac Giangg"; did you mean "Bắc Giang"? [unknown-province]']);
    rmSync(join(root, 'content/b.md'));
    expect(rebuild()).toEqual(['content/a.md:7:5: link to "content/b.md", which does not exist; fix the path or remove the link [broken-link]']);
  });
});

describe('places of diagnostics', () => {
  it('reports an empty required field at its key, whether written "" or with no value', () => {
    const { errors } = build({
      'content/a.md': fm(`title: ""\n${BASE}`),
      'content/b.md': fm('title: B\ndate:\nprovince: "  "\nsource: bacgiang.gov.vn'),
      'content/c.md': fm('title:\ndate: 2020-02-24\nprovince: Bắc Giang'),
    });
    expect(errors).toEqual([
      'content/a.md:2:8: missing title; add "title: …" to the front matter [missing-field]',
      'content/b.md:3:6: missing date; add "date: …" to the front matter [missing-field]',
      'content/b.md:4:11: missing province; add "province: …" to the front matter [missing-field]',
      'content/c.md:1:1: missing source; add "source: …" to the front matter [missing-field]',
      'content/c.md:2:7: missing title; add "title: …" to the front matter [missing-field]',
    ]);
    // Note: a title that is not required is reported at its key too, under the config's name for it.
    const renamed = build({
      'content/d.md': fm('tieu_de: ""\ndate: 2020-02-24', ''),
      'bantin.config.yaml': 'required: [date]\nfields: { title: tieu_de }\nprovinces: off\n',
    });
    expect(renamed.errors).toEqual(['content/d.md:2:10: missing tieu_de; add "tieu_de: …" to the front matter [missing-field]']);
  });

  it('reports a Markdown link that climbs out of content/ at the article, not the theme', () => {
    const root = makeSite({
      'content/2020/a.md': fm(`title: A\n${BASE}`, '\nXem [x](../../../etc/passwd) và ![ảnh](../../static/anh.png).\n'),
      'static/anh.png': 'png',
    });
    expect(checkSite({ root, now: NOW }).diagnostics.map(formatDiagnostic)).toEqual([
      'content/2020/a.md:8:5: link or image "../../../etc/passwd" leads out of content/; link to a file in content/ or to a page of the site (a path starting with /) [broken-link]',
      'content/2020/a.md:8:33: link or image "../../static/anh.png" leads out of content/; link to a file in content/ or to a page of the site (a path starting with /) [broken-link]',
    ]);
  });
});

describe('control characters', () => {
  // Note: C0 and C1 controls but tab and newline, DEL, and noncharacters such as U+FFFE.
  const UNSHOWABLE = /(?![\t\n])[\p{Cc}\p{Noncharacter_Code_Point}]/u;
  const everything = (files: Map<string, string | Uint8Array>) =>
    [...files.values()].map((v) => (typeof v === 'string' ? v : Buffer.from(v).toString('utf8'))).join('\n');

  it('are taken out of every front-matter text, with a warning at the key', () => {
    const { messages, page, writer } = build({
      'content/a.md': fm(
        [
          'title: "Tin\\0 mới\\vhôm nay"',
          BASE,
          'summary: "Tóm\\x07 tắt \\uFFFF"',
          'tags: ["Y\\x85tế", Dân vận]',
          'author: "Nguyễn\\x1b[31m Văn A"',
          'image: https://example.gov.vn/a.jpg',
          'image_caption: "Ảnh\\u009b"',
          'attachments:\n  - {title: "Quyết\\x00 định", file: https://example.gov.vn/qd.pdf}',
          'image_alt: Ảnh hội nghị',
        ].join('\n'),
      ),
    });
    const rest = 'so bantin leaves it out; delete it from the front matter (a YAML escape such as "\\0" writes one) [control-character]';
    expect(messages).toEqual([
      'content/a.md:2:8: warning: title holds 2 control characters (the first U+0000) that no page can show, so bantin leaves them out; delete them from the front matter (a YAML escape such as "\\0" writes one) [control-character]',
      'content/a.md:6:10: warning: summary holds 2 control characters (the first U+0007) that no page can show, so bantin leaves them out; delete them from the front matter (a YAML escape such as "\\0" writes one) [control-character]',
      `content/a.md:7:7: warning: tags holds a control character (U+0085) that no page can show, ${rest}`,
      `content/a.md:8:9: warning: author holds a control character (U+001B) that no page can show, ${rest}`,
      `content/a.md:10:16: warning: image_caption holds a control character (U+009B) that no page can show, ${rest}`,
      `content/a.md:12:3: warning: attachments holds a control character (U+0000) that no page can show, ${rest}`,
    ]);
    const html = page('2020/02/tin-moi-hom-nay/index.html');
    expect(html).toContain('<title>Tin mới hôm nay – Bản tin</title>');
    expect(html).toContain('<h1>Tin mới hôm nay</h1>');
    expect(html).toContain('Nguyễn[31m Văn A');
    expect(writer.text('tags/y-te/index.html')).toContain('Y tế');
    expect(everything(writer.files)).not.toMatch(UNSHOWABLE);
  });

  it('are taken out of the Markdown body, with one warning at the first', () => {
    const { messages, page, writer } = build({
      'content/a.md': fm(`title: A\n${BASE}`, '\nDòng một\nHai\x0bba \x00bốn\x7f\n\nNăm \uFFFE sáu \x1b[2J\n'),
    });
    expect(messages).toEqual([
      'content/a.md:9:4: warning: the text holds 5 control characters (the first U+000B) that no page can show, so bantin leaves them out; delete them from the file [control-character]',
    ]);
    expect(page('2020/02/a/index.html')).toContain('<p>Dòng một\nHai ba bốn</p>\n<p>Năm  sáu [2J</p>');
    expect(everything(writer.files)).not.toMatch(UNSHOWABLE);
  });
});

describe('taxonomy terms', () => {
  const article = (title: string, province: string, tags: string) =>
    fm(`title: ${title}\ndate: 2020-02-24\nprovince: ${province}\nsource: bacgiang.gov.vn\ntags: ${tags}`);

  it('reports a tag or province with no letter or digit, which makes no page, at its key', () => {
    const { messages, writer } = build({
      'bantin.config.yaml': 'provinces: off\n',
      'content/a.md': article('A', '"/"', '["..", "/", "---", Y tế]'),
    });
    expect(messages).toEqual([
      'content/a.md:4:11: warning: province "/" has no letters or digits to make a page from, so the article has no province; write the province\'s name [empty-term]',
      'content/a.md:6:7: warning: tags "---" has no letters or digits to make a page from, so it is left out; write a word or remove it [empty-term]',
      'content/a.md:6:7: warning: tags ".." has no letters or digits to make a page from, so it is left out; write a word or remove it [empty-term]',
      'content/a.md:6:7: warning: tags "/" has no letters or digits to make a page from, so it is left out; write a word or remove it [empty-term]',
    ]);
    expect([...writer.files.keys()].filter((p) => /^(tags|provinces)\//.test(p)).sort()).toEqual(['tags/index.html', 'tags/y-te/atom.xml', 'tags/y-te/index.html']);
  });

  it('reports two names that share one page, naming both spellings and the other article, at the key', () => {
    const { messages, page } = build({
      'bantin.config.yaml': 'provinces: off\n',
      'content/a.md': article('A', 'Hà Nội', '[C++, Dân vận]'),
      'content/b.md': article('B', 'Ha Noi', '[C, dân  vận]'),
      'content/c.md': article('C', 'Hà Nội', '[C++, Dân vận]'),
    });
    expect(messages).toEqual([
      'content/b.md:4:11: warning: province "Ha Noi" and "Hà Nội" (content/a.md and 1 more) make one page, shown as "Hà Nội", the spelling most articles use; write "Hà Nội" to match [term-spelling]',
      'content/b.md:6:7: warning: tags "C" and "C++" (content/a.md and 1 more) make one page, shown as "C++", the spelling most articles use; write "C++" to match [term-spelling]',
      'content/b.md:6:7: warning: tags "dân vận" and "Dân vận" (content/a.md and 1 more) make one page, shown as "Dân vận", the spelling most articles use; write "Dân vận" to match [term-spelling]',
    ]);
    expect(page('provinces/ha-noi/index.html')).toContain('<h1>Hà Nội</h1>');
    expect(page('tags/c/index.html')).toContain('<h1>C++</h1>');
  });
});
