/**
 * Properties through the real CLI and DiskWriter (issue 8): generated hostile sites build or fail
 * with diagnostics, touch nothing outside the output folder, and give the same bytes under any TZ.
 * Runs: FUZZ_RUNS/50 sites (default 2), each built under three time zones.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleFile, frontMatterData, markdownBody, runs, SEED, yamlOf } from './helpers/fuzz.js';
import { makeSite, runCli } from './helpers/site.js';

/** Every file under a folder (hash and mtime), skipping `skip` (relative names). */
function listing(dir: string, skip: (rel: string) => boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(full);
      else out[rel] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${statSync(full).mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

describe('the CLI on generated hostile sites', () => {
  const sites = fc.sample(
    fc.tuple(fc.array(fc.tuple(frontMatterData, markdownBody), { minLength: 1, maxLength: 4 }), fc.array(articleFile, { maxLength: 2 })),
    { seed: SEED, numRuns: runs(100, 0.02) },
  );

  it.each(sites.map((s, i) => [i, s] as const))('site %i: same bytes under three TZ, nothing written outside dist/, no stack trace', (_i, [good, hostile]) => {
    const files: Record<string, string> = {};
    good.forEach(([data, body], i) => {
      // Note: a generated title may be an object without a prototype, which String() cannot print.
      files[`content/2020/bai-${i}.md`] = `---\n${yamlOf({ ...data, date: '2020-02-24 23:30', province: 'Bắc Giang', title: `Bài ${i} ${typeof data.title === 'string' ? data.title : JSON.stringify(data.title)}`, slug: `bai-${i}`, aliases: [] })}---\n${body}\n`;
    });
    hostile.forEach((text, i) => (files[`content/2021/la-${i}.md`] = text));
    const root = makeSite(files);
    const before = listing(root, (rel) => rel === 'dist' || rel.startsWith('.'));
    const outputs = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'].map((tz) => {
      const r = runCli(['build', '--root', root], { env: { TZ: tz } });
      expect([0, 1], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
      for (const line of r.stderr.trim().split('\n').filter(Boolean)) {
        expect(line).toMatch(/^(content\/\S+:\d+:\d+: .*\[[a-z-]+\]|build failed: .*)$/);
      }
      return { code: r.code, stderr: r.stderr, dist: r.code === 0 ? listing(join(root, 'dist'), () => false) : null };
    });
    expect(listing(root, (rel) => rel === 'dist' || rel.startsWith('.'))).toEqual(before);
    const strip = (d: Record<string, string> | null) => d && Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.split(' ')[0]]));
    expect(outputs[1]!.code).toBe(outputs[0]!.code);
    expect(outputs[2]!.stderr).toBe(outputs[0]!.stderr);
    expect(strip(outputs[1]!.dist)).toEqual(strip(outputs[0]!.dist));
    expect(strip(outputs[2]!.dist)).toEqual(strip(outputs[0]!.dist));
  }, 180_000);
});
