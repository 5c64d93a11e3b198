// A damaged build cache: whatever file of it is damaged and however, a build warns once, drops
// what is damaged, parses again and writes what a cold build writes; so does every build after.
import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coldOutput, makeSite, runCli, snapshotDir } from './helpers/site.js';

function article(i: number, extra = ''): string {
  return `---
title: Bản tin số ${i}
date: 2024-03-${String(i + 1).padStart(2, '0')}
province: Bắc Ninh
source: example.gov.vn
summary: Tóm tắt bản tin số ${i}.
tags: [Y tế]
---

Đoạn văn của bản tin ${i}. ${extra}
`;
}

function site(n: number): string {
  const files: Record<string, string> = { 'bantin.config.yaml': 'search: { enabled: false }\n' };
  for (let i = 0; i < n; i++) files[`content/bai-${i}.md`] = article(i);
  return makeSite(files);
}

function build(root: string) {
  const r = runCli(['build', '--root', root]);
  expect(r.stderr, r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

const CACHE_LINE = /^warning: the build (cache|record) in \.bantin-cache\/ .*\[cache-ignored\]$/;

/** Builds with one article edited; expects success with at most `warnings` lines of [cache-ignored] and a cold build's output. */
async function buildEdited(root: string, i: number, warnings: number) {
  writeFileSync(join(root, `content/bai-${i}.md`), article(i, `sửa lần ${Math.random()}`));
  const r = runCli(['build', '--root', root]);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stderr.split('\n').filter(Boolean);
  for (const line of lines) expect(line).toMatch(CACHE_LINE);
  expect(lines.length).toBeLessThanOrEqual(warnings);
  expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
  return lines;
}

const flip = (f: string) => {
  const b = readFileSync(f);
  for (let i = 0; i < b.length; i += 7) b[i] = b[i]! ^ 0x5a;
  writeFileSync(f, b);
};
const damages: [string, (f: string) => void][] = [
  ['bytes changed, length kept', flip],
  ['truncated', (f) => truncateSync(f, readFileSync(f).length >> 1)],
  ['zero length', (f) => truncateSync(f, 0)],
  ['deleted', (f) => rmSync(f)],
  ['replaced by a folder', (f) => {
    rmSync(f);
    mkdirSync(join(f, 'x'), { recursive: true });
  }],
];
const files: [string, (root: string) => string][] = [
  ['a body pack', (root) => join(root, '.bantin-cache/bodies', readdirSync(join(root, '.bantin-cache/bodies'))[0]!)],
  ['the snapshot', (root) => join(root, '.bantin-cache/build.cache')],
  ['the journal', (root) => join(root, '.bantin-cache/build.journal')],
  ['the build record', (root) => join(root, '.bantin-cache/build-record.json')],
];

describe('a damaged build cache', () => {
  it('with a body pack garbled (length kept) and one article edited, builds, and keeps building', async () => {
    const root = site(4);
    build(root);
    const bodies = join(root, '.bantin-cache/bodies');
    const [pack] = readdirSync(bodies);
    flip(join(bodies, pack!));
    const first = await buildEdited(root, 1, 1);
    expect(first).toEqual(['warning: the build cache in .bantin-cache/ had lost or damaged the bodies of 3 article(s); they were parsed again [cache-ignored]']);
    expect(await buildEdited(root, 2, 0)).toEqual([]);
    expect(await buildEdited(root, 1, 0)).toEqual([]);
  });

  describe.each(files)('%s', (_file, locate) => {
    it.each(damages)('%s: warns at most once, then builds what a cold build does', async (name, damage) => {
      const root = site(4);
      build(root);
      // An edit makes the journal beside the snapshot.
      writeFileSync(join(root, 'content/bai-0.md'), article(0, 'sửa'));
      build(root);
      damage(locate(root));
      const lines = await buildEdited(root, 1, 1);
      if (name !== 'deleted') expect(lines).toHaveLength(1);
      expect(await buildEdited(root, 2, 0)).toEqual([]);
    });
  });
});
