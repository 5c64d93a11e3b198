/** Content written for another generator (Hugo, Jekyll, Eleventy), as bantin reads it: each convention in a mini-site of its own. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertLines, build, makeSite, runCli } from './helpers/site.js';

const CONFIG = `-- bantin.config.yaml --
language: en
required: [title, date]
provinces: off
search: { enabled: false }
`;

describe('HTML character references in front matter', () => {
  it('are decoded once, so the page shows the character; markup in them stays text', () => {
    const { page, errors } = build(`${CONFIG}-- content/2024/help.md --
---
title: "Helping agencies&#46; &amp;lt;b&amp;gt; &#x1F600; AT&T"
summary: "&lt;script&gt;alert(1)&lt;/script&gt; &mdash; read on"
tags: [Caf&eacute;]
date: 2024-05-02
---
Text.
`);
    expect(errors).toEqual([]);
    const html = page('2024/05/helping-agencies-lt-b-gt-at-t/index.html');
    assertLines(html, `
      <h1>Helping agencies. &amp;lt;b&amp;gt; 😀 AT&amp;T</h1>
      <meta name="description" content="&lt;script&gt;alert(1)&lt;/script&gt; — read on">
      <p class="tags">Topics: <a href="/tags/cafe/">Café</a></p>
    `);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('&amp;#46;');
  });
});

describe('bantin build --keep-going', () => {
  const SITE = `${CONFIG}-- content/2024/good.md --
---
title: Good
date: 2024-05-02
---
See [the broken one](bad.md).
-- content/2024/bad.md --
---
title: Bad
date: 2024-02-31
---
Text.
-- content/2024/untitled.md --
---
date: 2024-05-03
---
Text.
`;

  it('builds every article that has no error, names each left out with its errors, and exits 3', () => {
    const root = makeSite(SITE);
    const plain = runCli(['build', '--root', root]);
    expect(plain.code).toBe(1);
    const kept = runCli(['build', '--root', root, '--keep-going']);
    expect(kept.stderr.split('\n')).toEqual([
      'content/2024/bad.md:3:7: date "2024-02-31" is not a calendar date; write YYYY-MM-DD [invalid-date]',
      'content/2024/untitled.md:1:1: missing title; add "title: …" to the front matter [missing-field]',
      'left out content/2024/bad.md (1 error(s))',
      'left out content/2024/untitled.md (1 error(s))',
      'built with omissions: 2 file(s) left out for their errors; fix them and build again (exit code 3)',
      '',
    ]);
    expect(kept.code).toBe(3);
    expect(kept.stdout).toMatch(/^built 1 articles, /);
    expect(existsSync(join(root, 'dist/2024/05/good/index.html'))).toBe(true);
    // Note: no build record, so the next build is not "nothing changed" of a site with omissions.
    const again = runCli(['build', '--root', root, '--keep-going']);
    expect([again.code, again.stdout.includes('nothing changed')]).toEqual([3, false]);
  });

  it('still fails, exit 1, on an error that leaving files out cannot fix', () => {
    const root = makeSite(`${SITE}-- templates/layouts/base.liquid --
{% if %}
`);
    const kept = runCli(['build', '--root', root, '--keep-going']);
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain('build failed:');
  });
});

describe('YAML as other generators write it', () => {
  it('reads a quoted value whose continuation lines are not indented, as js-yaml does, with one warning in our words', () => {
    const { page, messages } = build(`${CONFIG}-- content/2016/post.md --
---
title: "A post"
date: 2016-05-19
summary: "This excerpt goes on
over lines that are not indented: one with a colon
and ends here."
tags: [Data]
---
Text.
`);
    expect(messages).toEqual([
      'content/2016/post.md:5:1: warning: the quoted value of summary goes on over lines 5–6, which are not indented; it is read as one value, as other generators read it, but YAML asks for a value\'s lines to be indented under its key: indent them by two spaces [yaml-indent]',
    ]);
    assertLines(page('2016/05/a-post/index.html'), '<meta name="description" content="This excerpt goes on over lines that are not indented: one with a colon and ends here.">');
  });

  it('reports a quote never closed once, where it opens, in our words, with no follow-on errors from the prose after it', () => {
    const { errors } = build(`${CONFIG}-- content/2016/post.md --
---
title: "A post"
date: 2016-05-19
summary: "This excerpt is never closed
over lines: that read as keys
tags: [Data]
title: again
---
Text.
`);
    expect(errors).toEqual([
      'content/2016/post.md:4:10: a value opened with " is never closed; end it with " (a " inside it is written \\"); fix the YAML between the --- lines [yaml-syntax]',
    ]);
  });

  it('reads tabs as trailing whitespace, and tells a tab that indents in our words', () => {
    expect(build(`${CONFIG}-- content/2016/post.md --\n---\ntitle: "A post"\t\ndate: 2016-05-19\t\ntags: [a, b]\t\n---\nText.\n`).messages).toEqual([]);
    expect(build(`${CONFIG}-- content/2016/post.md --\n---\ntitle: A post\ndate: 2016-05-19\ntags:\n\t- a\n---\nText.\n`).errors).toEqual([
      'content/2016/post.md:5:1: a tab indents this line, and YAML indents with spaces only; replace the tab with spaces; fix the YAML between the --- lines [yaml-syntax]',
    ]);
  });
});

describe('compatibility: the content of another generator, read as it reads it', () => {
  const site = (compatibility: string, files: string) => build(`-- bantin.config.yaml --
language: en
required: [title, date]
provinces: off
search: { enabled: false }
compatibility: ${compatibility}
${files}`);

  it('jekyll: posts in _posts/, the date and the slug from the file name, short offsets, published: false, excerpt, tags as one string, the first category', () => {
    const { page, messages, writer } = site('jekyll', `-- content/_posts/2016-05-19-open-data.md --
---
title: Open data day
excerpt: "An excerpt that goes on
over an unindented line."
tags: data open-government
categories: [News, Events]
---
Text.
-- content/_posts/2015-03-17-late.md --
---
title: Late post
date: 2015-03-17 14:00:00 -4
---
Text.
-- content/_posts/2016-06-01-hidden.md --
---
title: Not published
published: false
---
Text.
-- content/_drafts/2016-07-01-draft.md --
---
title: A draft Jekyll does not publish
---
Text.
`);
    // Note: no warning for the unindented excerpt: the site says it was written for Jekyll.
    expect(messages).toEqual([]);
    // Note: the URL is Jekyll's :title, the file's name without its date, not the title's slug.
    assertLines(page('2016/05/open-data/index.html'), `
      <meta name="description" content="An excerpt that goes on over an unindented line.">
      <span>Published: <time datetime="2016-05-19">Thursday, 19 May 2016</time></span>
      <p class="tags">Topics: <a href="/tags/data/">data</a>, <a href="/tags/open-government/">open-government</a></p>
    `);
    expect(page('2016/05/open-data/index.html')).toContain('News');
    // Note: 14:00 at UTC−4 is 01:00 the next day in the site's zone (UTC+7).
    assertLines(page('2015/03/late/index.html'), '<span>Published: <time datetime="2015-03-18">Wednesday, 18 March 2015</time></span>');
    expect([...writer.files.keys()].some((f) => f.includes('hidden') || f.includes('draft'))).toBe(false);
  });

  it('jekyll and eleventy: a post\'s own permalink is its URL; one of Liquid or tokens is a warning, and the site\'s permalink is used', () => {
    const { page, messages, writer } = site('eleventy', `-- content/posts/about.md --
---
title: About us
date: 2020-01-02
permalink: /about-us.html
---
Text.
-- content/posts/2020-02-03-plan.md --
---
title: The plan
permalink: "/{{ page.fileSlug }}/"
---
Text.
-- content/posts/team.md --
---
title: Our team
date: 2020-01-04
permalink: team/
---
Text.
`);
    expect(messages).toEqual([
      `content/posts/2020-02-03-plan.md:3:12: warning: permalink "/{{ page.fileSlug }}/" is made of template code or tokens, which bantin does not run, so the site's permalink (/:year/:month/:slug/) is used; write the path itself, such as /about/ [permalink-ignored]`,
    ]);
    expect(page('about-us/index.html')).toContain('<h1>About us</h1>');
    expect(page('2020/02/plan/index.html')).toContain('<h1>The plan</h1>');
    // Note: without its first slash, as Jekyll reads it, from the root.
    expect(page('team/index.html')).toContain('<h1>Our team</h1>');
    expect([...writer.files.keys()].filter((f) => f.includes('about'))).toEqual(['about-us/index.html']);
  });

  it('eleventy: the Jekyll conventions, and the collection tag post dropped; eleventyExcludeFromCollections is a warning that says what to do', () => {
    const { page, errors, messages } = site('eleventy', `-- content/blog/2020-01-02-hello.md --
---
title: Hello
tags: [post, Accessibility]
---
Text.
-- content/blog/2020-01-03-feed-only.md --
---
title: Not listed
eleventyExcludeFromCollections: true
---
Text.
`);
    expect(errors).toEqual([]);
    expect(messages).toEqual([
      'content/blog/2020-01-03-feed-only.md:3:33: warning: eleventyExcludeFromCollections is not read: bantin lists every article; to keep this one out of the listings and feeds, make it a page (move it to content/pages/) [compat-unread]',
    ]);
    assertLines(page('2020/01/hello/index.html'), '<p class="tags">Topics: <a href="/tags/accessibility/">Accessibility</a></p>');
  });

  it('hugo: publishDate, lastmod and description in any case, and a key written twice read as its later value with a warning', () => {
    const { page, messages } = site('hugo', `-- content/news/2019/post.md --
---
title: Digital services
publishDate: 2019-04-02
LastMod: 2019-05-01
description: Services for the public
expirydate: 2030-01-01
expirydate: 2031-01-01
---
Text.
`);
    expect(messages).toEqual([
      'content/news/2019/post.md:7:1: warning: the key "expirydate" is written twice (lines 6 and 7); the later value is read, as Hugo reads it: remove the other line [yaml-duplicate-key]',
    ]);
    assertLines(page('2019/04/digital-services/index.html'), `
      <meta name="description" content="Services for the public">
      <span>Published: <time datetime="2019-04-02">Tuesday, 2 April 2019</time></span>
      <span>Updated: <time datetime="2019-05-01">Wednesday, 1 May 2019</time></span>
    `);
  });

  it('without compatibility, the same files are bantin\'s: a key twice is an error', () => {
    expect(build(`${CONFIG}-- content/a.md --\n---\ntitle: A\ndate: 2019-04-02\nx: 1\nx: 2\n---\n`).errors).toEqual([
      'content/a.md:5:1: the key "x" appears twice; fix the YAML between the --- lines [yaml-duplicate-key]',
    ]);
  });
});

describe('expires, and Hugo\'s expiryDate', () => {
  it('takes an article off the site once it has expired, and the build record knows the day', async () => {
    const { writer } = build(`${CONFIG}-- content/2024/old.md --
---
title: Old notice
date: 2024-05-02
expires: 2025-06-01
---
Text.
-- content/2024/current.md --
---
title: Current notice
date: 2024-05-03
expires: 2030-01-01
---
Text.
`);
    const pages = [...writer.files.keys()];
    expect(pages).toContain('2024/05/current-notice/index.html');
    expect(pages.filter((p) => p.includes('old-notice'))).toEqual([]);
    const hugo = build(CONFIG.replace('language: en', 'language: en\ncompatibility: hugo') + `-- content/2024/old.md --\n---\ntitle: Old notice\ndate: 2024-05-02\nexpiryDate: 2025-06-01\n---\nText.\n`);
    expect([...hugo.writer.files.keys()].filter((p) => p.includes('old-notice'))).toEqual([]);

    const { runBuild } = await import('../src/commands/build.js');
    const root = makeSite(`${CONFIG}-- content/2024/a.md --\n---\ntitle: A notice\ndate: 2024-05-02\nexpires: 2026-06-01\n---\nText.\n-- content/2024/b.md --\n---\ntitle: B news\ndate: 2024-05-03\n---\nText.\n`);
    const run = async (now: number) => {
      const out: string[] = [];
      await runBuild({ root, now }, { out: (l) => out.push(l), err: (l) => out.push(l) });
      return out.join('\n');
    };
    await run(Date.parse('2026-01-01T00:00:00Z'));
    // Note: files written in the clock's tick of the first build's stamps are racy; the second build's record holds.
    await run(Date.parse('2026-01-01T00:00:00Z'));
    expect(await run(Date.parse('2026-03-01T00:00:00Z'))).toContain('nothing changed since the last build');
    expect(await run(Date.parse('2026-06-02T00:00:00Z'))).toMatch(/^built 1 articles/m);
    expect(existsSync(join(root, 'dist/2024/05/a-notice/index.html'))).toBe(false);
  });
});

describe('the slug cap', () => {
  const long = 'Workshop on building accessible digital services for every agency of the federal government and its partners';
  it('never makes two titles that differ after it collide: the later keeps its distinguishing end', () => {
    const { writer, errors } = build(`${CONFIG}-- content/2024/part-1.md --
---
title: ${long}, part 1
date: 2024-05-02
---
One.
-- content/2024/part-2.md --
---
title: ${long}, part 2
date: 2024-05-09
---
Two.
`);
    expect(errors).toEqual([]);
    const pages = [...writer.files.keys()].filter((p) => p.startsWith('2024/05/') && p.endsWith('/index.html') && p !== '2024/05/index.html');
    expect(pages).toEqual([
      '2024/05/workshop-on-building-accessible-digital-services-for-every-agency-of-the-federal/index.html',
      '2024/05/workshop-on-building-accessible-digital-government-and-its-partners-part-2/index.html',
    ].sort());
  });

  it('leaves a true duplicate (the same title and date) to be reported', () => {
    const { errors } = build(`${CONFIG}-- content/2024/a.md --\n---\ntitle: Same\ndate: 2024-05-02\n---\n-- content/2024/b.md --\n---\ntitle: Same\ndate: 2024-05-02\n---\n`);
    expect(errors.map((e) => e.replace(/:.*\[/, ' [')).sort()).toEqual(['content/2024/b.md [duplicate-output]']);
  });
});

describe('a lead photo that reaches nothing', () => {
  it('is a warning of build at the image line, unless static/, the theme or the site has the file', () => {
    const { messages } = build(`${CONFIG}-- content/2024/a.md --
---
title: Old theme photo
date: 2024-05-02
image: /assets/uploads/photo.jpg
image_alt: A photo
---
Text.
-- content/2024/b.md --
---
title: Static photo
date: 2024-05-03
image: /img/here.jpg
image_alt: A photo
---
Text.
-- content/2024/c.md --
---
title: Theme logo
date: 2024-05-04
image: /assets/logo.svg
image_alt: The logo
---
Text.
-- static/img/here.jpg --
not a real photo, but a file
`);
    expect(messages).toEqual([
      'content/2024/a.md:4:8: warning: image "/assets/uploads/photo.jpg" is no file of the site, so the page would show a broken image; put the photo beside the article and write its name, or put the file in static/ at that path [missing-image]',
    ]);
  });
});

describe('bantin init --from', () => {
  it('hugo: maps hugo.toml to bantin.config.yaml, says what it could not map, and the site builds', () => {
    const root = makeSite({
      'hugo.toml': 'baseURL = "https://digital.gov/"\nlanguageCode = "en-us"\ntitle = "Digital.gov"\ntimeZone = "America/New_York"\n[params]\ndescription = "Guidance on building better digital services"\n[permalinks]\nposts = "/:year/:month/:day/:slug/"\n[taxonomies]\ntag = "tags"\ntopic = "topics"\n[menu]\n[[menu.main]]\nname = "News"\n',
      'content/posts/2024/a.md': '---\ntitle: Digital services\ndate: 2024-05-02\ntopics: [accessibility]\nlastmod: 2024-05-03\n---\nText.\n',
    });
    const made = runCli(['init', '--from', 'hugo', root]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toBe('not mapped: menus (write menus: by hand, with the pages they name)\n');
    expect(readFileSync(join(root, 'bantin.config.yaml'), 'utf8')).toBe([
      '# Made by bantin init --from hugo from hugo.toml. Every key is in the docs\' Config reference.',
      'title: "Digital.gov"',
      'description: "Guidance on building better digital services"',
      'baseUrl: "https://digital.gov/"',
      'language: "en"',
      'timeZone: "America/New_York"',
      'permalink: "/:year/:month/:day/:slug/"',
      'taxonomies: ["tags","topics"]   # the front-matter keys of Hugo\'s taxonomies',
      'compatibility: "hugo"   # front matter read as hugo reads it',
      'provinces: "off"   # provinces are names as written, not checked against Vietnam\'s',
      'required: ["title","date"]',
      '',
    ].join('\n'));
    const built = runCli(['build', '--root', root]);
    expect([built.code, built.stderr]).toEqual([0, '']);
    expect(existsSync(join(root, 'dist/2024/05/02/digital-services/index.html'))).toBe(true);
    expect(existsSync(join(root, 'dist/topics/accessibility/index.html'))).toBe(true);
    const again = runCli(['init', '--from', 'hugo', root]);
    expect([again.code, again.stderr.includes('already exists')]).toEqual([1, true]);
  });

  it('hugo: raw HTML kept where goldmark kept it, refLinksErrorLevel, and the site\'s own shortcodes named to port', () => {
    const root = makeSite({
      'hugo.toml': 'title = "Blog"\nbaseURL = "https://blog.example.gov/"\nlanguageCode = "en"\nrefLinksErrorLevel = "WARNING"\n[markup.goldmark.renderer]\nunsafe = true\n',
      'layouts/shortcodes/tweet.html': '<blockquote>{{ .Get "id" }}</blockquote>\n',
      'layouts/shortcodes/figure.html': '<figure></figure>\n',
      'layouts/shortcodes/note.html': '<aside>{{ .Inner }}</aside>\n',
    });
    const made = runCli(['init', '--from', 'hugo', root]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toBe('not mapped: shortcodes note, tweet (templates are code: write templates/shortcodes/<name>.liquid for each the posts use; the theme has figure, image, img, img-right, legacy-img, legacy-img-right, vimeo, youtube)\n');
    const config = readFileSync(join(root, 'bantin.config.yaml'), 'utf8');
    expect(config).toContain('allowHtml: true   # Hugo\'s markup.goldmark.renderer.unsafe: the posts\' HTML is kept, sanitised\nshortcodes: {"missingRef":"warning"}   # Hugo\'s refLinksErrorLevel\n');
    expect(runCli(['build', '--root', root]).code).toBe(0);
  });

  it('jekyll and eleventy: _config.yml and _data/metadata.json, read without running anything', () => {
    const jekyll = makeSite({ '_config.yml': 'title: Our blog\nurl: https://example.gov\nbaseurl: /blog\npermalink: pretty\ntimezone: America/Chicago\nplugins: [jekyll-feed]\n' });
    const j = runCli(['init', '--from', 'jekyll', jekyll]);
    expect(j.code).toBe(0);
    expect(j.stderr.split('\n')).toEqual([
      'not mapped: permalink "/:categories/:year/:month/:day/:title/" (bantin has no :categories; the default /:year/:month/:slug/ is used)',
      'not mapped: plugins (no bantin key says the same)',
      '',
    ]);
    expect(readFileSync(join(jekyll, 'bantin.config.yaml'), 'utf8')).toContain('baseUrl: "https://example.gov/blog/"\ntimeZone: "America/Chicago"\ncompatibility: "jekyll"');
    const eleventy = makeSite({ '_data/metadata.json': '{ "title": "Gov blog", "url": "https://blog.example.gov", "language": "en" }', 'eleventy.config.js': 'throw new Error("never run")\n' });
    const e = runCli(['init', '--from', 'eleventy', eleventy]);
    expect(e.code).toBe(0);
    expect(e.stderr).toBe('not mapped: eleventy.config.js (read, never run: its collections, filters and permalinks are code; set permalink: by hand)\n');
    expect(readFileSync(join(eleventy, 'bantin.config.yaml'), 'utf8')).toContain('title: "Gov blog"\nbaseUrl: "https://blog.example.gov/"\nlanguage: "en"\ncompatibility: "eleventy"');
    expect(runCli(['init', '--from', 'hugo', makeSite({})]).stderr).toMatch(/has no hugo config to read \(looked for hugo.toml, /);
    expect(runCli(['init', '--from', 'gatsby', eleventy]).code).toBe(2);
    // Note: a Vietnamese site keeps the check of the province names it gives.
    const vietnamese = makeSite({ 'hugo.toml': 'title = "Cổng tin"\nlanguageCode = "vi"\nbaseURL = "https://tin.example.gov.vn/"\n' });
    expect(runCli(['init', '--from', 'hugo', vietnamese]).code).toBe(0);
    expect(readFileSync(join(vietnamese, 'bantin.config.yaml'), 'utf8')).not.toContain('provinces');
  });
});

describe('bantin build --expired', () => {
  it('includes the articles whose expires date has passed, as Hugo\'s --buildExpired', () => {
    const root = makeSite(`${CONFIG}-- content/2024/old.md --\n---\ntitle: Old notice\ndate: 2024-05-02\nexpires: 2025-01-01\n---\nText.\n-- content/2024/new.md --\n---\ntitle: New notice\ndate: 2024-05-03\n---\nText.\n`);
    expect(runCli(['build', '--root', root]).stdout).toMatch(/^built 1 articles/);
    expect(existsSync(join(root, 'dist/2024/05/old-notice/index.html'))).toBe(false);
    const all = runCli(['build', '--root', root, '--expired']);
    expect([all.code, all.stderr]).toEqual([0, '']);
    expect(all.stdout).toMatch(/^built 2 articles/);
    expect(existsSync(join(root, 'dist/2024/05/old-notice/index.html'))).toBe(true);
  });
});
