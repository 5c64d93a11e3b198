/**
 * The published package works on plain Node: pack it the way `npm publish` would, install the
 * tarball into an empty folder far from this repository, and make, build and check a site there.
 * This catches a file missing from "files" and a runtime dependency left in devDependencies.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers/site.js';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; files: string[] };
const work = mkdtempSync(join(tmpdir(), 'bantin-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Note: `npm test` exports npm_config_local_prefix=<repo> and friends; an npm started with them
// would install into this repository. Only settings about reaching the registry are passed on.
const KEEP = /^npm_config_(cafile|userconfig|globalconfig|cache|registry|proxy|https_proxy|noproxy|strict_ssl)$/i;
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_|init_cwd$)/i.test(k) || KEEP.test(k)),
) as Record<string, string>;

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const shown = `${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout}\n${r.stderr}`;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, shown };
}

/**
 * A copy of what `npm pack` reads, lib/ as `npm test` compiled it. Note: this pack skips the
 * `prepack` script (a compile from scratch); the README test below packs with it.
 */
function copySources(to: string): void {
  mkdirSync(to);
  for (const entry of ['package.json', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'scripts', ...pkg.files]) {
    if (existsSync(join(REPO, entry))) cpSync(join(REPO, entry), join(to, entry), { recursive: true });
  }
}

describe('npm package', () => {
  it('packs, installs from the tarball alone, and makes, builds and checks a new site', () => {
    const source = join(work, 'source');
    copySources(source);
    const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], source);
    expect(packed.code, packed.shown).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const files = info!.files.map((f) => f.path);
    for (const needed of ['lib/cli.js', 'lib/bundle/cli.js', 'lib/bundle/article-worker.js', 'lib/bundle/page-worker.js', 'lib/index.js', 'lib/index.d.ts', 'lib/commands/init.js', 'templates/layouts/base.liquid', 'data/vn-provinces.json', 'scaffold/common/gitignore', 'LICENSE', 'README.md', 'README.vi.md']) {
      expect(files, needed).toContain(needed);
    }
    expect(files.filter((f) => /^(src|test|bench|content|node_modules)\//.test(f))).toEqual([]);

    const app = join(work, 'app');
    mkdirSync(app);
    const installed = run('npm', ['install', join(work, info!.filename), '--no-audit', '--no-fund', '--prefer-offline'], app);
    expect(installed.code, installed.shown).toBe(0);
    expect(installed.stderr, installed.shown).not.toMatch(/warn|ERR/i);

    const bantin = (...args: string[]) => run('npx', ['--no', '--', 'bantin', ...args], app);
    const version = bantin('--version');
    expect(version.stdout.trim(), version.shown).toBe(pkg.version);

    const api = run(process.execPath, ['--input-type=module', '-e', "import { buildSite } from 'bantin'; console.log(typeof buildSite)"], app);
    expect(api.stdout.trim(), api.shown).toBe('function');

    const init = bantin('init', 'site');
    expect(init.code, init.shown).toBe(0);
    expect(init.stdout).toContain('  cd site\n  npm install\n');

    const built = bantin('build', '--root', 'site');
    expect(built.code, built.shown).toBe(0);
    const home = readFileSync(join(app, 'site/dist/index.html'), 'utf8');
    expect(home).toContain('<html lang="vi">');
    expect(home).toContain('Ra mắt trang bản tin điện tử');
    expect(existsSync(join(app, 'site/dist/2025/07/ra-mat-trang-ban-tin-dien-tu/index.html'))).toBe(true);

    // Note: `check` is another issue's command; this step runs once the CLI lists it.
    if (/^\s+check\s/m.test(bantin('--help').stdout)) {
      const checked = bantin('check', '--root', 'site');
      expect(checked.code, checked.shown).toBe(0);
    }
  }, 150_000);

  it("runs README's first-site lines in a copy of the repository, with no warning and no error", () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /<!-- first-site:[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README.md has the first-site block').not.toBeNull();
    const lines = block![1]!.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);

    const clone = join(work, 'clone');
    mkdirSync(clone);
    for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'LICENSE', 'src', 'scripts', ...pkg.files.filter((f) => f !== 'lib')]) {
      cpSync(join(REPO, entry), join(clone, entry), { recursive: true });
    }
    // Note: one shell, as a person types the lines one after another (`cd` carries over).
    const shell = run('bash', ['-euo', 'pipefail', '-c', lines.map((line) => `${line} 2>&1`).join('\n')], clone);
    expect(shell.code, shell.shown).toBe(0);
    for (const line of shell.stdout.split('\n')) expect(line, shell.shown).not.toMatch(/\b(warn|warning|ERR!|error)\b/i);

    const site = join(work, 'ban-tin');
    const sitePkg = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(sitePkg.dependencies.bantin).toBe(`file:../clone/bantin-${pkg.version}.tgz`);
    expect(readFileSync(join(site, 'dist/index.html'), 'utf8')).toContain('Ra mắt trang bản tin điện tử');
    expect(existsSync(join(site, 'node_modules/bantin/src'))).toBe(false);
  }, 240_000);

  it("shows README's first-site lines, as written, on the Getting started page of each language", () => {
    const lines = /<!-- first-site:[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readFileSync(join(REPO, 'README.md'), 'utf8'))![1]!;
    for (const page of ['docs/content/pages/getting-started.md', 'docs/content/vi/pages/getting-started.md']) {
      expect(readFileSync(join(REPO, page), 'utf8'), page).toContain(`\n\`\`\`sh\n${lines}\`\`\``);
    }
  });
});
