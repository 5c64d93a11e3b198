// Real data: U.S. government news posts (Hugo-style front matter) built by config alone.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertLines, buildInMemory, makeSite } from './helpers/site.js';

const FIXTURE = new URL('./fixtures/digitalgov/', import.meta.url).pathname;
const INVALID = [
  'content/2015/02/2015-02-24-digital-analytics-program-among-finalists-for-igniting-innovation-award.md:16:1: the key "expirydate" appears twice; fix the YAML between the --- lines [yaml-duplicate-key]',
  'content/2018/09/2018-09-24-example.md:1:1: missing title; add "title: …" to the front matter [missing-field]',
];

function countPosts(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countPosts(join(dir, e.name));
    else if (e.name.endsWith('.md')) n++;
  }
  return n;
}

describe('digitalgov news fixture', () => {
  it('reports exactly the genuinely invalid files, each with file, line and rule', () => {
    const { errors } = buildInMemory(FIXTURE);
    expect(errors).toEqual(INVALID);
  });

  it('builds a page per valid article once those files are fixed or removed', () => {
    const root = makeSite({ 'bantin.config.yaml': 'x: 1\n' });
    cpSync(FIXTURE, root, { recursive: true });
    for (const line of INVALID) rmSync(join(root, line.split(':')[0]!));
    const posts = countPosts(join(root, 'content'));
    const { errors, result, writer, page } = buildInMemory(root);
    expect(errors).toEqual([]);
    expect(result.stats.articles).toBe(posts);
    const articlePages = [...writer.files.keys()].filter((p) => /^\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(p));
    expect(articlePages).toHaveLength(posts);
    const html = page('2014/07/open-data-takes-center-stage-at-user-conference/index.html');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<time datetime="2014-07-14">Monday, 14 July 2014</time>');
  });

  it('builds with compatibility: hugo, as the Moving page says: the key written twice is a warning, entities are decoded, only the post without a title fails', () => {
    const root = makeSite({ 'bantin.config.yaml': 'x: 1\n' });
    cpSync(FIXTURE, root, { recursive: true });
    writeFileSync(join(root, 'bantin.config.yaml'), `${readFileSync(join(root, 'bantin.config.yaml'), 'utf8')}compatibility: hugo\n`);
    expect(buildInMemory(root).errors).toEqual([INVALID[1]]);
    rmSync(join(root, INVALID[1]!.split(':')[0]!));
    const { errors, messages, page, writer, result } = buildInMemory(root, { now: Date.parse('2024-06-01T00:00:00Z') });
    expect(errors).toEqual([]);
    expect(messages.filter((m) => m.includes('[yaml-duplicate-key]'))).toEqual([
      'content/2015/02/2015-02-24-digital-analytics-program-among-finalists-for-igniting-innovation-award.md:16:1: warning: the key "expirydate" is written twice (lines 7 and 16); the later value is read, as Hugo reads it: remove the other line [yaml-duplicate-key]',
    ]);
    expect(page('2019/03/deep-dive-on-top-health-data-technology-innovation-for-lyme-disease/index.html')).toContain('<h1>Deep Dive: Using Data Technology + Innovation for Lyme Disease</h1>');

    // Every page, feed and sitemap: no shortcode or template tag shown as text, no character reference shown as written.
    const shown = /\{\{[<%]|\{\{&#x3C;|\{%|&amp;#\d+;|&amp;[a-z]+;|[\uE000-\uE005]/;
    const published = [...writer.files.keys()].filter((p) => /\.(html|xml|json)$/.test(p));
    expect(published.length).toBeGreaterThan(800);
    expect(published.filter((p) => shown.test(writer.text(p)!))).toEqual([]);
    expect(result.stats.articles).toBe(258);

    // What the build says, by rule: refs to pages outside this sample, shortcodes the site has no template for, …
    const byRule: Record<string, number> = {};
    for (const m of messages) byRule[/\[([\w-]+)\]$/.exec(m)![1]!] = (byRule[/\[([\w-]+)\]$/.exec(m)![1]!] ?? 0) + 1;
    expect(byRule).toEqual({ 'broken-ref': 357, 'missing-alt': 36, 'missing-image': 33, 'shortcode-unknown': 37, 'term-spelling': 1, 'yaml-duplicate-key': 1 });

    // The ported shortcodes (templates/shortcodes/ of the fixture) and the theme's, as readers see them.
    const rail = page('2014/11/rail-crossing-locator-app-now-available-on-a-second-platform/index.html');
    expect(rail).toContain('<figure><img src="https://s3.amazonaws.com/digitalgov/_legacy-img/2014/11/250-x-400-FRA-DOT-Rail-Crossing-Locator-Android-app.jpg" alt="250-x-400-FRA-DOT-Rail-Crossing-Locator-Android-app"></figure>');
    expect(rail).toContain('<a href="/2014/01/rail-crossing-locator-app-from-dot/" title="Rail Crossing Locator App from DOT">Federal Railroad Administration Rail Crossing Locator app</a>');
    assertLines(page('2023/07/gsa-shared-service-provider-program-guide/index.html'), `
      <aside class="note"><p>Register now to join the GSA PKI Shared Services Program. Email <a href="mailto:GSAPKISSP@gsa.gov">GSAPKISSP@gsa.gov</a> with any questions or feedback on the GSA PKI Shared Service Program Guide. Include “Register now for GSA’s PKI Shared Services Program” in the subject line.</p></aside>
    `);
  });
});
