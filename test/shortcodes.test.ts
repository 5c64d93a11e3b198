/** Shortcodes and template tags in article bodies (Hugo, Jekyll, Eleventy), each form in a mini-site of its own. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePhoto } from './helpers/photos.js';
import { assertLines, build, coldOutput, makeSite, REPO, runCli, snapshotDir } from './helpers/site.js';

const REPO_TEMPLATES = join(REPO, 'templates', 'shortcodes');

const CONFIG = `-- bantin.config.yaml --
language: en
required: [title, date]
provinces: off
search: { enabled: false }
`;
const HUGO = `${CONFIG}compatibility: hugo\n`;

/** An article file with a body. */
const post = (path: string, title: string, body: string, date = '2024-05-02') => `-- content/${path} --
---
title: ${title}
date: ${date}
---
${body}
`;

/** The body of an article page, from its first paragraph to the end of the article's text. */
function bodyOf(html: string): string {
  return html.slice(html.indexOf('<div class="body">'), html.indexOf('<footer class="article-footer">'));
}

describe('Hugo shortcodes', () => {
  it('render through the theme: figure, img, img-right, legacy-img, youtube and vimeo, with named and positional arguments', () => {
    const { errors, page } = build(`${HUGO}${post('2024/a.md', 'A', `{{< figure src="https://example.org/a.jpg" alt="Hall" caption="The hall" >}}

{{< img src="https://example.org/b.jpg" alt="Desk" caption="Front desk" credit="Photo: GSA" >}}

{{< legacy-img src="https://example.org/c.jpg" alt="Old" >}}

{{< img-right "https://example.org/d.jpg" "Right" >}}

{{< youtube id="Z4XCkDhve20" title="Introducing the app" >}}

{{< vimeo 146022717 >}}`)}`);
    expect(errors).toEqual([]);
    assertLines(bodyOf(page('2024/05/a/index.html')), `
      <figure><img src="https://example.org/a.jpg" alt="Hall"><figcaption>The hall</figcaption></figure>
      <figure><img src="https://example.org/b.jpg" alt="Desk"><figcaption>Front desk <small>Photo: GSA</small></figcaption></figure>
      <figure><img src="https://example.org/c.jpg" alt="Old"></figure>
      <figure class="figure-right"><img src="https://example.org/d.jpg" alt="Right"></figure>
      <p class="video"><a href="https://www.youtube.com/watch?v=Z4XCkDhve20">Introducing the app</a></p>
      <p class="video"><a href="https://vimeo.com/146022717">Vimeo</a></p>
      ! <iframe
      ! {{
    `);
  });

  it('make a photo beside the article a published photo of it, reported at the shortcode when it has no alt text', async () => {
    const photo = await makePhoto(800, 600);
    const files = {
      'bantin.config.yaml': 'language: en\nrequired: [title, date]\nprovinces: off\nsearch: { enabled: false }\ncompatibility: hugo\nimages: { widths: [480] }\n',
      'content/2024/a.md': '---\ntitle: A\ndate: 2024-05-02\n---\nFirst.\n\n{{< img src="hoi-nghi.jpg"\n  caption="The meeting" >}}\n\nLast.\n',
      'content/2024/hoi-nghi.jpg': photo,
    };
    const { errors, messages, page } = build(files);
    expect(errors).toEqual([]);
    expect(messages).toEqual([
      'content/2024/a.md:7:1: warning: image "hoi-nghi.jpg" has no alt text; write what it shows between the brackets, e.g. ![Lễ khởi công cầu Kênh Vàng](anh.jpg): screen readers read it (Thông tư 32/2017/TT-BTTTT asks for it), and a caption does not stand for it [missing-alt]',
    ]);
    const body = bodyOf(page('2024/05/a/index.html'));
    expect(body).toMatch(/<figure><picture><source type="image\/webp" srcset="\/2024\/hoi-nghi-480\.[0-9a-f]{10}\.webp 480w"/);
    expect(body).toContain('<figcaption>The meeting</figcaption></figure>');
  });

  it('{{% %}} and {{< >}} pairs take their content as Markdown where the template prints inner; a tag after a list item, or ending a list or a quote, closes the pair', () => {
    const { errors, page } = build(`${HUGO}-- templates/shortcodes/box.liquid --
<div class="box">{{ inner }}</div>
-- templates/shortcodes/note.liquid --
<aside class="note note-{{ variant | default: 'info' }}">{{ inner }}</aside>
-- templates/shortcodes/b.liquid --
<strong>{{ inner }}</strong>
${post('2024/a.md', 'A', `{{% note variant="action" %}}
Some **bold** text.

- one
- two
{{% /note %}}

Say {{< b >}}hello{{< /b >}} now.

{{< note >}}Short.{{< /note >}}

{{< box >}}Areas:

1. **People**

   * Leads.{{< /box >}}

{{< box >}}
> 1. Quoted.
>    {{< /box >}}`)}`);
    expect(errors).toEqual([]);
    const body = bodyOf(page('2024/05/a/index.html'));
    expect(body).toContain('<div class="box"><p>Areas:</p>\n<ol>\n<li>\n<p><strong>People</strong></p>\n<ul>\n<li>Leads.</li>\n</ul>\n</li>\n</ol></div>');
    expect(body).toContain('<div class="box"><blockquote>\n<ol>\n<li>Quoted.</li>\n</ol>\n</blockquote></div>');
    expect(body).toContain('<aside class="note note-action"><p>Some <strong>bold</strong> text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul></aside>');
    expect(body).toContain('<p>Say <strong>hello</strong> now.</p>');
    expect(body).toContain('<aside class="note note-info"><p>Short.</p></aside>');
  });

  it('ref and relref link the article they name: by file name, by path from content/, beside the file, with a fragment', () => {
    const { errors, page } = build(`${HUGO}${post('2024/a.md', 'A', `See [B]({{< ref "b.md" >}}), [C]({{< relref "/2023/c.md#plan" >}}), [B again]({{< ref "./b" >}}) and <a href="{{< ref "c" >}}">C</a>.`)}${post('2024/b.md', 'B', 'B.')}${post('2023/c.md', 'C', 'C.', '2023-01-05')}`);
    expect(errors).toEqual([]);
    assertLines(bodyOf(page('2024/05/a/index.html')), `
      <p>See <a href="/2024/05/b/">B</a>, <a href="/2023/01/c/#plan">C</a>, <a href="/2024/05/b/">B again</a> and C.</p>
    `);
  });

  it('a ref to no article is an error at its line, or with missingRef: warning a warning and a link to nothing; two articles of the name are ambiguous', () => {
    const site = (extra: string) => `${HUGO}${extra}${post('2024/a.md', 'A', `Intro.

[Gone]({{< ref "/topics/mobile.md" >}}) and [Which]({{< ref "same.md" >}}).`)}${post('2024/x/same.md', 'S1', 'S.')}${post('2024/y/same.md', 'S2', 'S.')}`;
    expect(build(site('')).errors).toEqual([
      'content/2024/a.md:7:1: ref "/topics/mobile.md" names no article of the site; fix the path (from content/, or the file name alone), or set shortcodes: { missingRef: warning } to link such refs to nothing [broken-ref]',
      'content/2024/a.md:7:45: ref "same.md" names 2 articles (content/2024/x/same.md, content/2024/y/same.md); write more of the path, e.g. "2024/x/same.md" [broken-ref]',
    ]);
    const lenient = build(site('shortcodes: { missingRef: warning }\n'));
    expect(lenient.errors).toEqual([]);
    expect(lenient.messages[0]).toBe('content/2024/a.md:7:1: warning: ref "/topics/mobile.md" names no article of the site; the link leads nowhere until the path is fixed (from content/, or the file name alone) [broken-ref]');
    expect(bodyOf(lenient.page('2024/05/a/index.html'))).toContain('<p><a href="#">Gone</a> and <a href="#">Which</a>.</p>');
  });

  it('a shortcode no template renders is an error naming it at its place; with unknown: drop a warning, and a pair keeps its content', () => {
    const body = `Intro.

{{< tweet user="GSA" id="1" >}}

{{< box >}}
Kept **text**.
{{< /box >}}`;
    expect(build(`${HUGO}${post('2024/a.md', 'A', body)}`).errors).toEqual([
      'content/2024/a.md:7:1: the shortcode "tweet" has no template; add templates/shortcodes/tweet.liquid (its arguments are its variables), or set shortcodes: { unknown: drop } to leave such calls out [shortcode-unknown]',
      'content/2024/a.md:9:1: the shortcode "box" has no template; add templates/shortcodes/box.liquid (its arguments are its variables), or set shortcodes: { unknown: drop } to leave such calls out [shortcode-unknown]',
    ]);
    const dropped = build(`${HUGO}shortcodes: { unknown: drop }\n${post('2024/a.md', 'A', body)}`);
    expect(dropped.messages).toEqual([
      'content/2024/a.md:7:1: warning: the shortcode "tweet" has no template, so it is left out; add templates/shortcodes/tweet.liquid (its arguments are its variables) [shortcode-unknown]',
      'content/2024/a.md:9:1: warning: the shortcode "box" has no template, so it is left out (what it encloses is kept); add templates/shortcodes/box.liquid (its arguments are its variables) [shortcode-unknown]',
    ]);
    const html = bodyOf(dropped.page('2024/05/a/index.html'));
    expect(html).toContain('<div class="body">\n<p>Intro.</p>\n<p>Kept <strong>text</strong>.</p>\n</div>');
  });

  it('are text in code, and Hugo\'s {{</* */>}} shows one as written; a closing tag that closes nothing, and a tag left open across blocks, are errors', () => {
    const { errors, page } = build(`${HUGO}${post('2024/a.md', 'A', `Write \`{{< ref "b.md" >}}\` or {{</* img src="a.jpg" */>}}.

\`\`\`
{{< note >}}x{{< /note >}}
\`\`\``)}`);
    expect(errors).toEqual([]);
    assertLines(bodyOf(page('2024/05/a/index.html')), `
      <p>Write <code>{{&#x3C; ref "b.md" >}}</code> or {{&#x3C; img src="a.jpg" >}}.</p>
      <pre><code>{{&#x3C; note >}}x{{&#x3C; /note >}}
    `);
    expect(build(`${HUGO}${post('2024/a.md', 'A', 'Text.\n\n{{< /note >}}\n\n> {{< figure src="https://example.org/a.jpg" alt="A" >}}\n\n- {{< b >}}\n\nafter {{< /b >}}')}-- templates/shortcodes/b.liquid --\n<b>{{ inner }}</b>\n`).errors).toEqual([
      'content/2024/a.md:7:1: {{< /note >}} closes no shortcode; remove it, or add {{< note >}} where its content begins [shortcode-unclosed]',
      'content/2024/a.md:11:3: the shortcode "b" is closed in another block (a list, a quote or a table); put its closing tag in the same block as the opening one [shortcode-unclosed]',
    ]);
  });

  it('arguments are text, escaped where the template prints them; a javascript: address and markup a template prints are dropped', () => {
    const { errors, page } = build(`${HUGO}-- templates/shortcodes/button.liquid --
<p><a class="button" href="{{ href }}" onclick="x()">{{ text }}</a></p><script>alert(1)</script>
${post('2024/a.md', 'A', `{{< button href="javascript:alert(1)" text="<img src=x onerror=alert(1)>" >}}

{{< figure src="https://example.org/a.jpg" alt="\\"><script>alert(2)</script>" >}}`)}`);
    expect(errors).toEqual([]);
    const body = bodyOf(page('2024/05/a/index.html'));
    expect(body).toContain('<p><a class="button">&#x3C;img src=x onerror=alert(1)></a></p>');
    // Note: in an attribute's value, `<` starts no element.
    expect(body).toContain('<figure><img src="https://example.org/a.jpg" alt="&#x22;><script>alert(2)</script>"></figure>');
    expect(body).not.toMatch(/<script>alert\(1\)|onclick|javascript:/);
  });

  it('read a body that holds the characters their tokens are made of as text, naming no call', () => {
    const { errors, page } = build(`${HUGO}${post('2024/a.md', 'A', 'Pasted \uE0000\uE001 and \uE0009\uE001, then {{< youtube id="x1" title="V" >}}.')}`);
    expect(errors).toEqual([]);
    expect(bodyOf(page('2024/05/a/index.html'))).toContain('<p>Pasted \uFFFD0\uFFFD and \uFFFD9\uFFFD, then</p><p class="video"><a href="https://www.youtube.com/watch?v=x1">V</a></p><p>.</p>');
  });

  it('keep the lines of what follows: a pair alone on its lines and a call over several lines move no later place', () => {
    const { messages } = build(`${HUGO}-- templates/shortcodes/box.liquid --
<div class="box">{{ inner }}</div>
${post('2024/a.md', 'A', `- item
{{< box >}}
Inside.
{{< /box >}}
{{< figure
   src="https://example.org/a.jpg" alt="A" >}}

![](https://example.org/no-alt.jpg)`)}`);
    expect(messages).toEqual([
      'content/2024/a.md:12:1: warning: image "https://example.org/no-alt.jpg" has no alt text; write what it shows between the brackets, e.g. ![Lễ khởi công cầu Kênh Vàng](anh.jpg): screen readers read it (Thông tư 32/2017/TT-BTTTT asks for it), and a caption does not stand for it [missing-alt]',
    ]);
  });

  it('in a block indented four spaces (HTML indented in the source, read as code), rendered as Hugo renders it', () => {
    const { errors, page } = build(`${HUGO}${post('2024/a.md', 'A', `Text.

    <p>{{< figure src="https://example.org/a.jpg" alt="A" >}}</p>`)}`);
    expect(errors).toEqual([]);
    expect(bodyOf(page('2024/05/a/index.html'))).toContain('<pre><code>&#x3C;p><figure><img src="https://example.org/a.jpg" alt="A"></figure>&#x3C;/p>\n</code></pre>');
  });

  it('in raw HTML: rendered where the site allows HTML, else left out with a warning; in an image\'s alt text an error', () => {
    const body = `<div class="grid">
  {{< figure src="https://example.org/a.jpg" alt="A" >}}
</div>

![{{< figure src="x" >}}](https://example.org/b.jpg)`;
    const site = (extra: string) => `${HUGO}${extra}${post('2024/a.md', 'A', body)}`;
    expect(build(site('')).messages).toEqual([
      'content/2024/a.md:6:3: warning: the shortcode "figure" is inside raw HTML, which this site leaves out, so it is left out too; set allowHtml: true to keep such HTML, or write the content in Markdown [shortcode-in-html]',
      'content/2024/a.md:9:1: warning: image "https://example.org/b.jpg" has no alt text; write what it shows between the brackets, e.g. ![Lễ khởi công cầu Kênh Vàng](anh.jpg): screen readers read it (Thông tư 32/2017/TT-BTTTT asks for it), and a caption does not stand for it [missing-alt]',
      'content/2024/a.md:9:3: the shortcode "figure" is inside an image\'s alt text or an HTML attribute, where no HTML can go; move it out, or write the text itself [shortcode-place]',
    ]);
    const allowed = build(site('allowHtml: true\n').replace(/\n!\[.*\n/, '\n'));
    expect(allowed.errors).toEqual([]);
    expect(bodyOf(allowed.page('2024/05/a/index.html'))).toContain('<div>\n  <figure><img src="https://example.org/a.jpg" alt="A"></figure>\n</div>');
  });

  it('a site\'s own template overrides the theme\'s; one with a syntax error is reported at its line, once', () => {
    const ok = build(`${HUGO}-- templates/shortcodes/figure.liquid --
<figure class="mine"><img src="{{ src }}" alt="{{ alt }}"></figure>
${post('2024/a.md', 'A', '{{< figure src="https://example.org/a.jpg" alt="A" >}}')}`);
    expect(bodyOf(ok.page('2024/05/a/index.html'))).toContain('<figure class="mine"><img src="https://example.org/a.jpg" alt="A"></figure>');
    const bad = build(`${HUGO}-- templates/shortcodes/box.liquid --
<div>
{% if x %}
</div>
${post('2024/a.md', 'A', '{{< box >}}')}${post('2024/b.md', 'B', '{{< box >}}')}`);
    expect(bad.errors).toEqual(['templates/shortcodes/box.liquid:2:1: tag {% if x %} not closed; fix the template [template-error]']);
  });
});

describe('a template that fails while it renders', () => {
  it('is an error at its own line, in a link\'s address as in the text', () => {
    const { errors } = build(`${HUGO}-- templates/shortcodes/bad.liquid --
{% render 'nothing' %}
${post('2024/a.md', 'A', 'See [this]({{< bad >}}).')}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^templates\/shortcodes\/bad\.liquid:1:1: .*\[template-error\]$/);
  });
});

describe('Jekyll and Eleventy template tags', () => {
  const JEKYLL = `${CONFIG}compatibility: jekyll\n`;

  it('image, post_url, link, the url filters and site.baseurl become what they stand for', async () => {
    const files = {
      'bantin.config.yaml': `${JEKYLL.replace('-- bantin.config.yaml --\n', '')}images: { widths: [480] }\n`,
      'content/2016/2016-05-19-launch.md': '---\ntitle: Launch\n---\nLaunched.\n',
      'content/2016/docs/guide.md': '---\ntitle: Guide\ndate: 2016-06-01\n---\nGuide.\n',
      'content/2016/a.md': `---\ntitle: A\ndate: 2016-07-01\n---\n{% image "anh.jpg", "The launch" %}\n\nRead [the post]({% post_url 2016-05-19-launch %}), [the guide]({% link 2016/docs/guide.md %}), [the plan]({{ '/files/plan.pdf' | url }}) and [home]({{ site.baseurl }}/).\n`,
      'content/2016/anh.jpg': await makePhoto(600, 400),
      'static/files/plan.pdf': '%PDF-1.4\n',
    };
    const { errors, page } = build(files);
    expect(errors).toEqual([]);
    const body = bodyOf(page('2016/07/a/index.html'));
    expect(body).toMatch(/<figure><picture><source type="image\/webp" srcset="\/2016\/anh-480\.[0-9a-f]{10}\.webp 480w"[^]*alt="The launch"/);
    expect(body).toContain('<p>Read <a href="/2016/05/launch/">the post</a>, <a href="/2016/06/guide/">the guide</a>, <a href="/files/plan.pdf">the plan</a> and <a href="/">home</a>.</p>');
  });

  it('raw shows its content as written, comment shows nothing, highlight is a code block; an unknown output tag is an error', () => {
    const site = (body: string) => `${JEKYLL}${post('2016/a.md', 'A', body, '2016-07-01')}`;
    const { errors, page } = build(site(`{% raw %}Write {{ page.title }}{% endraw %}.

{% comment %}
Hidden {{ x }}.
{% endcomment %}
{% highlight js %}
let a = "{{ b }}";
{% endhighlight %}

\`\`\`
{% raw %}{{ kept }}{% endraw %}
\`\`\``));
    expect(errors).toEqual([]);
    const body = bodyOf(page('2016/07/a/index.html'));
    expect(body).toContain('<p>Write {{ page.title }}.</p>');
    expect(body).toContain('<pre><code class="language-js">let a = "{{ b }}";\n</code></pre>');
    expect(body).toContain('<pre><code>{{ kept }}\n</code></pre>');
    expect(body).not.toContain('Hidden');
    expect(build(site('Title: {{ page.title }}.')).errors).toEqual([
      'content/2016/a.md:5:8: the template tag {{ page.title }} has no template; bantin does not run Liquid in articles: write the text it stands for, or set shortcodes: { unknown: drop } to leave such calls out [shortcode-unknown]',
    ]);
  });

  it('a paired tag closes with end…, and an include renders the template of its file name', () => {
    const { errors, page } = build(`${JEKYLL}-- templates/shortcodes/callout.liquid --
<aside class="callout">{{ inner }}</aside>
-- templates/shortcodes/quote.liquid --
<blockquote><p>{{ text }}</p><footer>{{ include.by }}</footer></blockquote>
${post('2016/a.md', 'A', `{% callout %}
Inside.
{% endcallout %}

{% include quote.html text="Trust the people." by="A. Lincoln" %}`, '2016-07-01')}`);
    expect(errors).toEqual([]);
    assertLines(bodyOf(page('2016/07/a/index.html')), `
      <aside class="callout"><p>Inside.</p></aside>
      <blockquote><p>Trust the people.</p><footer>A. Lincoln</footer></blockquote>
    `);
  });

  it('are text on a Hugo site, as Hugo shows them', () => {
    const { errors, page } = build(`${HUGO}${post('2016/a.md', 'A', 'Write {% raw %} and {{ page.title }}.', '2016-07-01')}`);
    expect(errors).toEqual([]);
    expect(bodyOf(page('2016/07/a/index.html'))).toContain('<p>Write {% raw %} and {{ page.title }}.</p>');
  });
});

describe('shortcode templates and the cache', () => {
  it('a changed template changes the pages that use it on the next build, as a cold build makes them', () => {
    const root = makeSite(`${HUGO}-- templates/shortcodes/box.liquid --
<div class="box">{{ inner }}</div>
${post('2024/a.md', 'A', '{{< box >}}In.{{< /box >}}')}${post('2024/b.md', 'B', 'No shortcode.')}`);
    const out = join(root, 'dist');
    expect(runCli(['build', '--root', root]).code).toBe(0);
    expect(readFileSync(join(out, '2024/05/a/index.html'), 'utf8')).toContain('<div class="box"><p>In.</p></div>');
    writeFileSync(join(root, 'templates/shortcodes/box.liquid'), '<section class="box2">{{ inner }}</section>\n');
    const second = runCli(['build', '--root', root]);
    expect(second.code).toBe(0);
    expect(readFileSync(join(out, '2024/05/a/index.html'), 'utf8')).toContain('<section class="box2"><p>In.</p></section>');
    return coldOutput(root).then((cold) => {
      const warm = snapshotDir(out);
      expect(Object.keys(warm).filter((p) => !p.startsWith('.'))).toEqual(Object.keys(cold).filter((p) => !p.startsWith('.')));
      for (const path of Object.keys(cold)) if (!path.startsWith('.')) expect(warm[path], path).toBe(cold[path]);
    });
  });
});

describe('shortcodes over hostile bodies', () => {
  it('take time in proportion to a body of half-written calls, never its square', async () => {
    const { renderMarkdown } = await import('../src/markdown.js');
    const { shortcodeRenderer } = await import('../src/shortcodes.js');
    const { defaultConfig } = await import('../src/config.js');
    // Note: each about 200 KB on one line or one paragraph, as a hostile file under maxArticleBytes may
    // be: a few seconds in all, where a pass that takes the square of the length took minutes.
    const bodies = ['{{< x "'.repeat(28_000), '{%'.repeat(100_000), '{{ '.repeat(67_000), '` {{< '.repeat(33_000), '{% raw %}'.repeat(22_000), '{{</* '.repeat(33_000), 'a {{< b >}} '.repeat(17_000), '{{< b >}}x{{< /b >}}\n'.repeat(10_000)];
    for (const compatibility of ['jekyll', null] as const) {
      const config = { ...defaultConfig(), compatibility, shortcodes: { unknown: 'drop' as const, missingRef: 'warning' as const } };
      for (const body of bodies) {
        const out = renderMarkdown(body, { sourcePath: 'content/a.md', lineOffset: 4, allowHtml: false, shortcodes: { renderer: shortcodeRenderer(config), compatibility } });
        expect(out.html).not.toContain('bantin-shortcode');
      }
    }
  }, 30_000);

  // Note: pieces of every form, out of order and half-written, inside lists, quotes, code, links and HTML.
  const PIECES = ['{{<', '{{%', '>}}', '%}}', '/>}}', '{{</*', '*/>}}', '{%', '%}', '{%-', '-%}', '{{', '}}', ' note ', ' /note ', ' box ', '/box', ' b ', ' /b ', ' endnote ', ' raw ', ' endraw ', ' comment ', ' highlight ', ' endhighlight ', ' include x.html ', ' ref "a.md" ', ' ref "' , ' post_url 2016-01-01-a ', ' figure src="https://example.org/a.jpg" alt="A" ', ' tweet ', '"', "'", '`', '```', '\n', '\n\n', '- ', '> ', '1. ', '    ', '[a](', ')', '![', '](x.jpg)', '<div>', '</div>', '<a href="', '">', '</a>', 'x', 'Đà Nẵng', '| url', 'site.baseurl', '\uE000', '\uE0001\uE001', '*', '_'];
  const body = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

  it('never fail the build with anything but a diagnostic, nor leave a token or marker in the page', async () => {
    const { renderMarkdown } = await import('../src/markdown.js');
    const { shortcodeRenderer } = await import('../src/shortcodes.js');
    const { defaultConfig } = await import('../src/config.js');
    const { params, runs } = await import('./helpers/fuzz.js');
    for (const compatibility of ['hugo', 'jekyll', null] as const) {
      for (const allowHtml of [false, true]) {
        const config = { ...defaultConfig(), compatibility, shortcodes: { unknown: 'drop' as const, missingRef: 'warning' as const }, shortcodeTemplates: { note: '<aside class="note">{{ inner }}</aside>', box: '<div class="box">{{ inner }}{{ inner }}</div>', b: '<b>{{ inner }}</b>', figure: readFileSync(join(REPO_TEMPLATES, 'figure.liquid'), 'utf8') } };
        const options = { sourcePath: 'content/2024/a.md', lineOffset: 4, allowHtml, shortcodes: { renderer: shortcodeRenderer(config), compatibility } };
        fc.assert(
          fc.property(body, (text) => {
            const out = renderMarkdown(text, options);
            expect(out.html).not.toContain('bantin-shortcode');
            // Note: a body's own private-use characters are its text (see above); no others may appear.
            if (!/[\uE000-\uE005]/.test(text)) expect(`${out.html}${out.text}`).not.toMatch(/[\uE000-\uE005]/);
            for (const p of out.shortcodes) expect(p.place.line).toBeGreaterThanOrEqual(5);
          }),
          params(runs(150, 0.5)),
        );
      }
    }
  });
});
