/**
 * Template limits: an include loop fails by its depth, a huge loop by the memory limit, each once at
 * the template's file and line in our words; the first such error stops the rendering (and the page
 * workers) instead of every page waiting out the time limit.
 */
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, makeSite, REPO, runCli } from './helpers/site.js';

const article = (i: number) => `---
title: Bài ${i}
date: 2020-02-${String((i % 28) + 1).padStart(2, '0')}
province: Bắc Giang
source: bacgiang.gov.vn
tags: [Thẻ ${i}]
---
Nội dung.
`;

/** A site with the default theme and enough pages that the build renders them on page workers. */
function siteWithPages(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`content/bai-${i}.md`] = article(i);
  const root = makeSite(files, { theme: false });
  cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  return root;
}

describe('template limits', () => {
  it('fails a self-including header partial by its depth, once, at its include', () => {
    const root = siteWithPages(150);
    const header = join(root, 'templates/partials/header.liquid');
    const line = readFileSync(header, 'utf8').split('\n').length;
    appendFileSync(header, "{% include 'header' %}\n");
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `templates/partials/header.liquid:${line}:1: includes nested over 50 deep, in a loop: 'header' → 'header'; a partial includes itself, directly or through others, so remove the include that leads back [template-recursion]`,
      'build failed: 1 error(s); the previous output was left as it was',
    ]);
  });

  it('names every partial of a loop through others', () => {
    const { errors } = build({
      'content/a.md': article(1),
      'templates/article.liquid': 'a\n{% include "one" %}\n',
      'templates/partials/one.liquid': 'x\n{% include "two" %}\n',
      'templates/partials/two.liquid': 'y\n\n{% render "one" %}\n',
      'templates/index.liquid': 'home\n',
    });
    expect(errors).toEqual([
      'templates/partials/two.liquid:3:1: includes nested over 50 deep, in a loop: "one" → "two" → "one"; a partial includes itself, directly or through others, so remove the include that leads back [template-recursion]',
    ]);
  });

  it('keeps an include nested a few levels deep', () => {
    const { errors, page } = build({
      'content/a.md': article(1),
      'templates/article.liquid': '{% assign n = 10 %}{% include "down" %}\n',
      'templates/partials/down.liquid': '{% if n > 0 %}{{ n }} {% assign n = n | minus: 1 %}{% include "down" %}{% endif %}',
      'templates/index.liquid': 'home\n',
    });
    expect(errors).toEqual([]);
    expect(page('2020/02/bai-1/index.html')).toBe('10 9 8 7 6 5 4 3 2 1 \n');
  });

  it('fails a huge loop, and a string doubled in a loop, on the memory limit, in our words', () => {
    const loop = build({
      'content/a.md': article(1),
      'templates/article.liquid': 'a\n{% for i in (1..100000000) %}{% endfor %}\n',
      'templates/index.liquid': 'home\n',
    });
    expect(loop.errors).toEqual([
      'templates/article.liquid:2:1: a loop or filter here makes over 20,000,000 items or characters for one page; make the loop smaller or the list shorter [template-limit]',
    ]);
    const doubled = build({
      'content/a.md': article(1),
      'templates/article.liquid': 'a\n',
      'templates/index.liquid': 'home\n{% assign s = "x" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}\n',
    });
    expect(doubled.errors).toEqual([
      'templates/index.liquid:2:43: a loop or filter here makes over 20,000,000 items or characters for one page; make the loop smaller or the list shorter [template-limit]',
    ]);
  });

  it('stops the page workers at the first page past a limit, and reports it once', () => {
    const root = siteWithPages(150);
    appendFileSync(join(root, 'templates/term.liquid'), "{% include 'loop' %}\n");
    appendFileSync(join(root, 'templates/partials/loop.liquid'), "x\n{% include 'loop' %}\n");
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      "templates/partials/loop.liquid:2:1: includes nested over 50 deep, in a loop: 'loop' → 'loop'; a partial includes itself, directly or through others, so remove the include that leads back [template-recursion]",
      'build failed: 1 error(s); the previous output was left as it was',
    ]);
  });
});
