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
    const first = buildInMemory(REPO, { now: Date.parse('2026-01-01T00:00:00Z') });
    const again = buildInMemory(REPO, { now: Date.parse('2031-07-15T23:59:59Z') });
    expect(first.errors).toEqual([]);
    expect([...again.writer.files.keys()]).toEqual([...first.writer.files.keys()]);
    for (const [path, content] of first.writer.files) expect(again.writer.files.get(path), path).toEqual(content);
    const updated = [...first.writer.text('atom.xml')!.matchAll(/<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!);
    expect(updated.every((u) => u.endsWith('+07:00'))).toBe(true);
    expect(updated[0]).toBe([...updated].sort().at(-1));
  });
});
