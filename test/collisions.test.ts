/**
 * Output collisions: two outputs at one path, or one output a folder of another (an alias inside a
 * feed, a static file over a page's folder, anything over bantin's marker or the search index), are
 * one [duplicate-output] error each, the same in build, check and serve, never a file-system error.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/build-cache.js';
import { buildSite } from '../src/pipeline.js';
import { PreviewSite } from '../src/serve/preview.js';
import { MemoryWriter } from '../src/write/writer.js';
import { formatDiagnostic } from '../src/messages.js';
import { build, buildInMemory, makeSite, runCli } from './helpers/site.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const article = (title: string, extra = '') => `---
title: ${title}
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
${extra}---
Nội dung.
`;

const ALIASES = `aliases:
  - /atom.xml/x.html
  - /sitemap.xml/a.html
  - /.bantin-output
  - /pagefind/pagefind.js
  - /assets/fold.js
  - /2020/02/bai-mot/index.html/x
`;

const EXPECTED = [
  'content/a.md:7:5: writes atom.xml/x.html, inside atom.xml, which templates/index.liquid writes as a file; change or remove this alias [duplicate-output]',
  'content/a.md:8:5: writes sitemap.xml/a.html, inside sitemap.xml, which templates writes as a file; change or remove this alias [duplicate-output]',
  "content/a.md:9:5: writes .bantin-output/index.html, where only bantin's own marker files (.bantin-output…) may be written; change or remove this alias [duplicate-output]",
  'content/a.md:10:5: writes pagefind/pagefind.js, where only the search index (search in bantin.config.yaml) may be written; change or remove this alias [duplicate-output]',
  'content/a.md:11:5: writes assets/fold.js, as does the search index (search in bantin.config.yaml); change or remove this alias [duplicate-output]',
  'content/a.md:12:5: writes 2020/02/bai-mot/index.html/x/index.html, inside 2020/02/bai-mot/index.html, which content/a.md writes as a file; change or remove this alias [duplicate-output]',
];

describe('output collisions', () => {
  it('reports an alias inside a feed, the sitemap, an article page, the marker or the search index at its line', () => {
    const { errors } = build({ 'content/a.md': article('Bài một', ALIASES) });
    expect(errors).toEqual(EXPECTED);
  });

  it('reports each colliding pair once', () => {
    const { errors } = build({
      'content/dup-1.md': article('Trùng tên'),
      'content/dup-2.md': article('Trùng tên'),
      'content/b.md': article('Bài hai', 'aliases: [/cu/]\n'),
      'content/c.md': article('Bài ba', 'aliases:\n  - /cu/index.html\n'),
    });
    expect(errors).toEqual([
      'content/b.md:6:11: writes cu/index.html, as does content/c.md:7; change or remove this alias [duplicate-output]',
      'content/dup-2.md:1:1: writes 2020/02/trung-ten/index.html, as does content/dup-1.md; give one of them another slug or date [duplicate-output]',
    ]);
  });

  it('reports static, theme and content files that collide with pages or as file and folder', () => {
    const { errors } = build({
      'content/2020/a.md': article('Bài một', 'attachments:\n  - title: Quyết định\n    file: qd.pdf\n'),
      'content/2020/qd.pdf': 'pdf',
      'static/2020/qd.pdf/x.txt': 'x',
      'static/atom.xml/readme.txt': 'x',
      'static/2020/02/bai-mot/index.html': 'x',
      'static/assets/style.css': 'x',
    });
    expect(errors).toEqual([
      'static/2020/02/bai-mot/index.html:1:1: writes 2020/02/bai-mot/index.html, as does content/2020/a.md; rename or move one of them [duplicate-output]',
      'static/2020/qd.pdf/x.txt:1:1: writes 2020/qd.pdf/x.txt, inside 2020/qd.pdf, which content/2020/qd.pdf writes as a file; rename or move one of them [duplicate-output]',
      'static/assets/style.css:1:1: writes assets/style.css, as does templates/assets/style.css; rename or move one of them [duplicate-output]',
      'static/atom.xml/readme.txt:1:1: writes atom.xml/readme.txt, inside atom.xml, which templates/index.liquid writes as a file; rename or move one of them [duplicate-output]',
    ]);
  });

  it('reports a file where another output needs a folder', () => {
    const { errors } = build({
      'content/a.md': article('Bài một'),
      'static/2020/02/bai-mot': 'x',
    });
    expect(errors).toEqual([
      'static/2020/02/bai-mot:1:1: writes 2020/02/bai-mot as a file, where content/a.md writes 2020/02/bai-mot/index.html inside a folder 2020/02/bai-mot; rename or move one of them [duplicate-output]',
    ]);
  });

  it('fails build, check and serve alike, with no internal error and nothing written', async () => {
    const root = makeSite({ 'content/a.md': article('Bài một', ALIASES) });
    const built = runCli(['build', '--root', root]);
    expect(built.code).toBe(1);
    expect(built.stderr.trim().split('\n')).toEqual([...EXPECTED, 'build failed: 6 error(s); the previous output was left as it was']);
    expect(existsSync(join(root, 'dist'))).toBe(false);

    const checked = runCli(['check', '--root', root]);
    expect(checked.code).toBe(1);
    expect(checked.stderr.trim().split('\n').filter((l) => l.includes('[duplicate-output]'))).toEqual(EXPECTED);

    const preview = new PreviewSite({ root, now: NOW });
    const served = await preview.rebuild();
    expect(served.ok).toBe(false);
    expect(served.diagnostics.map(formatDiagnostic)).toEqual(EXPECTED);
  });

  it('claims again only when an output path changed: a cached rebuild finds a collision a new file or alias makes', () => {
    const root = makeSite({ 'content/a.md': article('Bài một'), 'content/b.md': article('Bài hai') });
    const cache = new BuildCache();
    const writer = new MemoryWriter();
    const rebuild = () => buildSite({ root, now: NOW }, writer, cache).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(rebuild()).toEqual([]);
    const clean = cache.claimed;
    expect(clean).toMatch(/^[0-9a-f]{40}$/);

    // Note: the same paths (a body edited) are not claimed again; the digest stays.
    writeFileSync(join(root, 'content/b.md'), article('Bài hai').replace('Nội dung.', 'Nội dung mới.'));
    expect(rebuild()).toEqual([]);
    expect(cache.claimed).toBe(clean);

    // Note: a static file over a page, then an alias over a feed: new paths, claimed again and refused.
    mkdirSync(join(root, 'static/2020/02/bai-mot'), { recursive: true });
    writeFileSync(join(root, 'static/2020/02/bai-mot/index.html'), 'x');
    expect(rebuild()).toEqual([
      'static/2020/02/bai-mot/index.html:1:1: writes 2020/02/bai-mot/index.html, as does content/a.md; rename or move one of them [duplicate-output]',
    ]);
    expect(cache.claimed).toBeNull();
    rmSync(join(root, 'static'), { recursive: true });
    expect(rebuild()).toEqual([]);
    expect(cache.claimed).toBe(clean);
    writeFileSync(join(root, 'content/b.md'), article('Bài hai', 'aliases: [/atom.xml/x.html]\n'));
    expect(rebuild()).toEqual([
      'content/b.md:6:11: writes atom.xml/x.html, inside atom.xml, which templates/index.liquid writes as a file; change or remove this alias [duplicate-output]',
    ]);
    // Note: a failed build keeps nothing it claimed; fixed, the site is as a cold build makes it.
    writeFileSync(join(root, 'content/b.md'), article('Bài hai'));
    expect(rebuild()).toEqual([]);
    expect(cache.claimed).toBe(clean);
    expect(writer.files).toEqual(buildInMemory(root, { now: NOW }).writer.files);
  });
});
