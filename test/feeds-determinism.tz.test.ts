import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInMemory, REPO, runCli, snapshotDir } from './helpers/site.js';

const temp = mkdtempSync(join(tmpdir(), 'bantin-tz-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));


describe(`the example site under TZ=${process.env.TZ ?? '(unset)'}`, () => {
  it('is byte-identical across TZ values, feeds and sitemap included', () => {
    const runs = ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh'].map((tz) => {
      const out = join(temp, tz.replace('/', '-'));
      const r = runCli(['build', '--root', REPO, '--no-cache', '--out', out, '--base-url', 'https://example.gov.vn/ban-tin/'], { env: { TZ: tz } });
      expect(r.code, r.stderr).toBe(0);
      return snapshotDir(out);
    });
    expect(Object.keys(runs[0]!)).toEqual(expect.arrayContaining(['atom.xml', 'feed.json', 'sitemap.xml', 'robots.txt', 'tags/dan-van/atom.xml', 'provinces/bac-giang/atom.xml']));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('gives the same bytes when built again, at another time, in this process', () => {
    // Note: both before 2030-01-01, when a document of the example's registry takes effect and its status (what the day decides) changes.
    const first = buildInMemory(REPO, { now: Date.parse('2026-01-01T00:00:00Z') });
    const again = buildInMemory(REPO, { now: Date.parse('2029-07-15T23:59:59Z') });
    expect(first.errors).toEqual([]);
    expect([...again.writer.files.keys()]).toEqual([...first.writer.files.keys()]);
    for (const [path, content] of first.writer.files) expect(again.writer.files.get(path), path).toEqual(content);
    const updated = [...first.writer.text('atom.xml')!.matchAll(/<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    expect(updated.every((u) => u.endsWith('+07:00'))).toBe(true);
    expect(updated[0]).toBe([...updated].sort().at(-1));
    // The day the document takes effect, its status is in force: that page and the registry's change, nothing else of its.
    const later = buildInMemory(REPO, { now: Date.parse('2030-01-01T00:00:00+07:00') });
    const changed = [...first.writer.files.keys()].filter((path) => later.writer.text(path) !== first.writer.text(path));
    expect(changed.filter((path) => path.startsWith('van-ban/')).sort()).toEqual(['van-ban/2025/25-2025-nq-hdnd/index.html', 'van-ban/documents.csv', 'van-ban/documents.json', 'van-ban/index.html']);
  });
});
