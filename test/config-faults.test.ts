import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInMemory, CLI, makeSite, runCli, snapshotDir } from './helpers/site.js';

const article = (title: string) => `---
title: ${title}
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
---
Nội dung.
`;

/** Every entry of a folder, hidden ones included (what a build may have left). */
const entries = (dir: string) => readdirSync(dir).sort();

describe('one validation for every config value, whatever its source', () => {
  it('checks --base-url like the baseUrl key, naming the flag', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    const cases: [string, string][] = [
      ['javascript:alert(1)', '--base-url: "javascript:alert(1)" must start with http:// or https:// [config-type]'],
      ['data:text/html,x', '--base-url: "data:text/html,x" must start with http:// or https:// [config-type]'],
      ['ban-tin/', '--base-url: "ban-tin/" must be an absolute URL such as https://example.gov.vn/ [config-type]'],
      ['', '--base-url: the value is empty (an unset environment variable?); give one, or leave --base-url out to use baseUrl from the config [config-type]'],
    ];
    for (const [value, line] of cases) expect(buildInMemory(root, { baseUrl: value }).errors).toEqual([line]);
    expect(buildInMemory(root, { baseUrl: 'https://tinh.gov.vn/ban-tin' }).errors).toEqual([]);
    expect(buildInMemory(root, { baseUrl: 'https://tinh.gov.vn/ban-tin' }).page('index.html')).toContain('href="/ban-tin/2020/02/bai-mot/"');
  });

  it('refuses an empty or relative --base-url in build, check and serve with one line and exit 1, writing nothing', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    for (const [value, commands] of [['', ['build', 'serve']], ['tin-tuc', ['check']]] as const) {
      for (const command of commands) {
        const r = runCli([command, '--root', root, '--base-url', value, ...(command === 'serve' ? ['--port', '0'] : [])]);
        expect(r.stderr.split('\n')[0]).toMatch(/^--base-url: .* \[config-type\]$/);
        expect(r.stderr).not.toMatch(/TypeError|internal error|\n\s+at /);
        expect(r.code).toBe(1);
      }
    }
    expect(entries(root)).toEqual(['content', 'templates']);
  });

  it("runs the Publishing page's Netlify and Cloudflare recipes with their variable unset (the config's baseUrl) and set", () => {
    const pages = ['docs/content/pages/publishing.md', 'docs/content/vi/pages/publishing.md'].map((f) => readFileSync(f, 'utf8'));
    for (const variable of ['DEPLOY_PRIME_URL', 'CF_PAGES_URL']) {
      const recipes = pages.map((text) => new RegExp(`\`(npm run build -- [^\`]*\\$${variable}[^\`]*)\``).exec(text)?.[1]);
      expect(recipes[0]).toBeDefined();
      expect(recipes[1]).toBe(recipes[0]);
      const root = makeSite({ 'content/a.md': article('Bài một'), 'bantin.config.yaml': 'baseUrl: https://bantin.example.gov.vn/\n' });
      const command = recipes[0]!.replace('npm run build --', `node ${CLI} build --root ${root}`);
      const env = { ...process.env };
      delete env[variable];
      const unset = spawnSync('sh', ['-c', command], { encoding: 'utf8', env });
      expect(unset.stderr).toBe('');
      expect(readFileSync(join(root, 'dist/feed.json'), 'utf8')).toContain('"url": "https://bantin.example.gov.vn/2020/02/bai-mot/"');
      const set = spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { ...env, [variable]: 'https://xem-truoc.example.net/' } });
      expect(set.stderr).toBe('');
      expect(readFileSync(join(root, 'dist/feed.json'), 'utf8')).toContain('"url": "https://xem-truoc.example.net/2020/02/bai-mot/"');
    }
  });
});

describe('the cache folder is checked like the output folder', () => {
  it('refuses a cacheDir inside content/, static/, templates/ or the output, at the key', () => {
    for (const dir of ['content/.cache', 'static/cache', 'templates/cache', 'dist', 'dist/cache']) {
      const root = makeSite({ 'content/a.md': article('Bài một'), 'bantin.config.yaml': `title: Bản tin\ncacheDir: ${dir}\n` });
      const where = dir.startsWith('dist')
        ? `${dir === 'dist' ? 'is' : 'is inside'} the output folder ${join(root, 'dist')}, so the cache would be published or deleted with it`
        : `is inside ${dir.split('/')[0]}/, so the cache would be read as a source or published`;
      const line = `bantin.config.yaml:2:11: cacheDir ${dir} ${where}; choose a folder of its own such as .bantin-cache [unsafe-cache]`;
      expect(buildInMemory(root).errors).toEqual([line]);
      if (dir !== 'dist' && dir !== 'content/.cache') continue;
      const r = runCli(['build', '--root', root]);
      expect(r.stderr).toBe(`${line}\nbuild failed: 1 error(s); the previous output was left as it was\n`);
      expect(r.code).toBe(1);
      expect(entries(root)).toEqual(['bantin.config.yaml', 'content', 'templates']);
    }
  });

  it('refuses a cacheDir that leads into a source folder through a symbolic link', () => {
    const root = makeSite({ 'content/a.md': article('Bài một'), 'bantin.config.yaml': 'cacheDir: .cache\n' });
    symlinkSync('content', join(root, '.cache'));
    expect(buildInMemory(root).errors).toEqual([
      'bantin.config.yaml:1:11: cacheDir .cache is content/, so the cache would be read as a source or published; choose a folder of its own such as .bantin-cache [unsafe-cache]',
    ]);
  });

  it('refuses --out inside the cache folder, naming the flag', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    const r = runCli(['build', '--root', root, '--out', join(root, '.bantin-cache/site')]);
    expect(r.stderr).toBe(
      `--out: the output folder ${join(root, '.bantin-cache/site')} is inside the cache folder ${join(root, '.bantin-cache')} (cacheDir); choose an output folder outside it, such as ${join(root, 'dist')} [unsafe-output]\n` +
        'build failed: 1 error(s); the previous output was left as it was\n',
    );
    expect(r.code).toBe(1);
    expect(entries(root)).toEqual(['content', 'templates']);
    writeFileSync(join(root, 'bantin.config.yaml'), 'cacheDir: build\n');
    const same = runCli(['build', '--root', root, '--out', join(root, 'build')]);
    expect(same.stderr.split('\n')[0]).toBe(`--out: the output folder ${join(root, 'build')} is the cache folder ${join(root, 'build')} (cacheDir); choose an output folder outside it, such as ${join(root, 'dist')} [unsafe-output]`);
    expect(same.code).toBe(1);
  });

  it('places a refused --out at the flag, not at a made-up line of a folder', () => {
    const root = makeSite({ 'content/a.md': article('Bài một') });
    const r = runCli(['build', '--root', root, '--out', join(root, 'content')]);
    expect(r.stderr.split('\n')[0]).toBe(`--out: the output folder ${join(root, 'content')} is or contains ${join(root, 'content')}; choose a folder of its own such as ${join(root, 'dist')} [unsafe-output]`);
    expect(r.code).toBe(1);
  });
});

describe('a site that cannot be read is an error, never an empty site', () => {
  it('refuses a --root that does not exist, and does not create it', () => {
    const missing = join(makeSite({}), 'tinh-bac-ninhh');
    for (const command of [['build'], ['check'], ['serve', '--port', '0'], ['new', 'Bài mới'], ['import', join(missing, 'x.txt')]]) {
      const r = runCli([...command, '--root', missing]);
      expect(r.stderr.split('\n')[0]).toBe(`--root: the site folder ${missing} does not exist; check the path (it is never created; \`bantin init\` makes a new site) [missing-content]`);
      expect(r.code).toBe(1);
      expect(existsSync(missing)).toBe(false);
    }
  });

  it('fails without content/, or with content/ that is a file, a broken link or a loop, and leaves the output as it was', () => {
    const kinds: [string, (root: string) => void, string][] = [
      ['missing', () => {}, 'there is no content/ folder in ROOT'],
      ['a file', (root) => writeFileSync(join(root, 'content'), 'x'), 'content/ in ROOT is a file, not a folder'],
      ['broken link', (root) => symlinkSync('khong-co', join(root, 'content')), 'content/ in ROOT is a symbolic link to nothing, not a folder'],
      ['loop', (root) => symlinkSync('content', join(root, 'content')), 'content/ in ROOT is a loop of symbolic links, not a folder'],
    ];
    for (const [kind, damage, what] of kinds) {
      const root = makeSite({ 'content/a.md': article('Bài một') });
      expect(runCli(['build', '--root', root]).code).toBe(0);
      const before = snapshotDir(join(root, 'dist'));
      const cache = snapshotDir(join(root, '.bantin-cache'));
      rmSync(join(root, 'content'), { recursive: true });
      damage(root);
      const line = `content: ${what.replace('ROOT', root)}, so nothing is built; check that --root names the site and that its checkout is complete [missing-content]`;
      const r = runCli(['build', '--root', root]);
      expect(r.stderr).toBe(`${line}\nbuild failed: 1 error(s); the previous output was left as it was\n`);
      expect(r.code).toBe(1);
      expect(snapshotDir(join(root, 'dist'))).toEqual(before);
      expect(snapshotDir(join(root, '.bantin-cache'))).toEqual(cache);
      expect(entries(root)).toEqual(['.bantin-cache', '.dist.a', ...(kind === 'missing' ? [] : ['content']), 'dist', 'templates']);
      expect(buildInMemory(root).errors).toEqual([line]);
      if (kind === 'loop') expect(runCli(['check', '--root', root]).stderr).toContain(line);
    }
  });

  it('fails a build that would publish no article when the last one published some, unless --allow-empty', () => {
    const root = makeSite({ 'content/a.md': article('Bài một'), 'content/b.md': article('Bài hai') });
    expect(runCli(['build', '--root', root]).code).toBe(0);
    const before = snapshotDir(join(root, 'dist'));
    rmSync(join(root, 'content'), { recursive: true });
    mkdirSync(join(root, 'content'));
    // Note: a CI runner keeps the cache folder but not the output.
    rmSync(join(root, 'dist'), { recursive: true });
    const gone = runCli(['build', '--root', root]);
    expect(gone.stderr).toBe(
      'content: no article to publish, while the last build published 2; check that content/ is complete, or build with --allow-empty to publish an empty site [empty-site]\n' +
        'build failed: 1 error(s); the previous output was left as it was\n',
    );
    expect(gone.code).toBe(1);
    expect(existsSync(join(root, 'dist'))).toBe(false);
    expect(runCli(['build', '--root', root]).code).toBe(1);
    const allowed = runCli(['build', '--root', root, '--allow-empty']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^built 0 articles/);
    expect(before['index.html']).toBeDefined();
    // Note: once an empty site was published on purpose, the next empty build is no surprise.
    expect(runCli(['build', '--root', root]).code).toBe(0);
    expect(runCli(['build', '--help']).stdout).toContain('--allow-empty');
  });
});
