// Real data: U.S. government news posts (Hugo-style front matter) built by config alone.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInMemory, makeSite } from './helpers/site.js';

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
    const { errors, messages, page } = buildInMemory(root, { now: Date.parse('2024-06-01T00:00:00Z') });
    expect(errors).toEqual([]);
    expect(messages.filter((m) => m.includes('[yaml-duplicate-key]'))).toEqual([
      'content/2015/02/2015-02-24-digital-analytics-program-among-finalists-for-igniting-innovation-award.md:16:1: warning: the key "expirydate" is written twice (lines 7 and 16); the later value is read, as Hugo reads it: remove the other line [yaml-duplicate-key]',
    ]);
    expect(page('2019/03/deep-dive-on-top-health-data-technology-innovation-for-lyme-disease/index.html')).toContain('<h1>Deep Dive: Using Data Technology + Innovation for Lyme Disease</h1>');
  });
});
