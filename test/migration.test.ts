/** Content written for another generator (Hugo, Jekyll, Eleventy), as bantin reads it: each convention in a mini-site of its own. */
import { describe, expect, it } from 'vitest';
import { assertLines, build } from './helpers/site.js';

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
