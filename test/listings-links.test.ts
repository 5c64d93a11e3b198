import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertLines, REPO, runCli } from './helpers/site.js';

const temp = mkdtempSync(join(tmpdir(), 'bantin-links-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


function filesOf(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) visit(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)).split('\\').join('/'));
    }
  };
  visit(dir);
  return out.sort();
}

/**
 * Every internal href/src (and meta-refresh target) of every HTML file must name an output file.
 * Internal means root-relative, relative, or absolute under the base URL; a root-relative link
 * outside the base path is itself a failure (it would miss the subpath).
 */
function brokenLinks(out: string, baseUrl: string): string[] {
  const base = new URL(baseUrl);
  const broken: string[] = [];
  for (const file of filesOf(out).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(out, file), 'utf8');
    const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g), ...html.matchAll(/content="0; url=([^"]*)"/g)].map((m) =>
      m[1]!.replace(/&amp;/g, '&').replace(/&#34;|&quot;/g, '"'),
    );
    for (const url of urls) {
      if (url.startsWith('#') || /^(mailto|tel):/.test(url)) continue;
      const resolved = new URL(url, new URL(file, base));
      if (resolved.origin !== base.origin) continue;
      if (!resolved.pathname.startsWith(base.pathname)) {
        broken.push(`${file}: ${url} (outside ${base.pathname})`);
        continue;
      }
      let path = decodeURIComponent(resolved.pathname.slice(base.pathname.length));
      if (path === '' || path.endsWith('/')) path += 'index.html';
      if (!existsSync(join(out, path))) broken.push(`${file}: ${url}`);
    }
  }
  return broken;
}

describe('the example site', () => {
  it.each([
    ['at the root', null, 'https://example.gov.vn/'],
    ['under a subpath', 'https://example.gov.vn/ban-tin/', 'https://example.gov.vn/ban-tin/'],
  ])('has no broken internal link %s', (_name, flag, baseUrl) => {
    const out = join(temp, flag ? 'sub' : 'root');
    const r = runCli(['build', '--root', REPO, '--no-cache', '--out', out, ...(flag ? ['--base-url', flag] : [])]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = filesOf(out);
    expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(50);
    expect(brokenLinks(out, baseUrl)).toEqual([]);
    // Every listing page is reachable from the home page's links (directly or through the menus).
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    for (const index of ['tin-tuc/', 'thong-bao/', 'tags/', 'provinces/', 'archives/']) expect(home).toContain(`href="${new URL(baseUrl).pathname}${index}"`);
    if (flag) {
      const atom = readFileSync(join(out, 'atom.xml'), 'utf8');
      expect(atom).toContain('<link rel="self" type="application/atom+xml" href="https://example.gov.vn/ban-tin/atom.xml"/>');
      expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://example.gov.vn/ban-tin/provinces/bac-giang/</loc>');
    }
  });

  it('links Bắc Giang (former) and Bắc Ninh (current) both ways', () => {
    const out = join(temp, 'root');
    if (!existsSync(out)) runCli(['build', '--root', REPO, '--no-cache', '--out', out]);
    assertLines(readFileSync(join(out, 'provinces/bac-giang/index.html'), 'utf8'), `
      <p class="merger"><strong>Tỉnh cũ.</strong> Từ ngày 1/7/2025, Bắc Giang là một phần của <a href="/provinces/bac-ninh/">Bắc Ninh</a>.</p>`);
    assertLines(readFileSync(join(out, 'provinces/bac-ninh/index.html'), 'utf8'), `
      <h2>Các tỉnh cũ hợp nhất vào Bắc Ninh</h2>
      <li><a href="/provinces/bac-giang/">Bắc Giang</a></li>`);
    assertLines(readFileSync(join(out, 'provinces/index.html'), 'utf8'), `
      <li><a href="/provinces/bac-giang/">Bắc Giang</a> (3 bài viết) · Tỉnh cũ, <a href="/provinces/bac-ninh/">Bắc Ninh</a></li>`);
  });

  it('catches a link to a missing page', () => {
    const out = join(temp, 'root');
    if (!existsSync(out)) runCli(['build', '--root', REPO, '--no-cache', '--out', out]);
    rmSync(join(out, 'tags/index.html'));
    expect(brokenLinks(out, 'https://example.gov.vn/').some((b) => b.endsWith(': /tags/'))).toBe(true);
  });
});
