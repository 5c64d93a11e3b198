// The build cache's tool fingerprint: the same bantin elsewhere keeps the cache; another one is named for what differs.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSite, REPO, runCli } from './helpers/site.js';

const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

const article = (title: string) => `---
title: ${title}
date: 2024-03-01
province: Bắc Ninh
source: bacninh.gov.vn
---

Nội dung của bài ${title}.
`;

/** A copy of the installed package in another folder: its files have new paths and new times. */
function installCopy(change?: (dir: string) => void): string {
  const dir = join(makeSite({}, { theme: false }), 'bantin');
  for (const part of ['package.json', 'lib', 'templates', 'data']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  change?.(dir);
  return join(dir, 'lib/bundle/cli.js');
}

function buildWith(cli: string, root: string) {
  const r = spawnSync(process.execPath, [cli, 'build', '--root', root], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A site built once with the repository's bantin, then with one article edited. */
function builtSite(): string {
  const root = makeSite({ 'content/a.md': article('Bài A'), 'content/b.md': article('Bài B'), 'bantin.config.yaml': 'search: { enabled: false }\n' });
  expect(runCli(['build', '--root', root]).code).toBe(0);
  writeFileSync(join(root, 'content/a.md'), article('Bài A sửa'));
  return root;
}

describe('the build cache fingerprint', () => {
  it('is the same for the same bantin installed at another path, which uses the cache', () => {
    const r = buildWith(installCopy(), builtSite());
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('1 articles parsed, 1 from cache');
  });

  it('names the version that made the cache, or says the code differs when the version is the same', () => {
    const other = buildWith(installCopy((dir) => {
      const file = join(dir, 'package.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace(`"version": "${VERSION}"`, '"version": "9.9.9"'));
    }), builtSite());
    expect(other.code).toBe(0);
    expect(other.stderr).toBe(`warning: the build cache in .bantin-cache/ was made by bantin ${VERSION} (this is bantin 9.9.9) and is not used; it is rebuilt [cache-ignored]\n`);
    expect(other.stdout).toContain('2 articles parsed, 0 from cache');

    const changed = buildWith(installCopy((dir) => appendFileSync(join(dir, 'lib/bundle/cli.js'), '\n// changed\n')), builtSite());
    expect(changed.code).toBe(0);
    expect(changed.stderr).toBe(`warning: the build cache in .bantin-cache/ was made by another build of bantin ${VERSION} (its code differs) and is not used; it is rebuilt [cache-ignored]\n`);
  });
});
