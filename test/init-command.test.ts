/** `bantin init`: a new site that builds as made, and never a file overwritten without --force. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bantinDependency, PACKED_NAME } from '../src/commands/init.js';
import { parseConfig } from '../src/config.js';
import { assertLines, buildInMemory, REPO, runCli } from './helpers/site.js';

const work = mkdtempSync(join(tmpdir(), 'bantin-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let count = 0;
const fresh = () => join(work, `case-${++count}`);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bantin init', () => {
  it('makes a Vietnamese site that builds, and prints the next three commands', () => {
    const r = runCli(['init', 'ban-tin'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Note: run from this checkout, whose tarball `npm pack` may or may not have made yet.
    const spec = `file:${relative(join(work, 'ban-tin'), join(REPO, PACKED_NAME))}`;
    expect(r.stdout).toMatch(
      new RegExp(
        `^Created a bantin site in ban-tin \\(\\d+ files, language: vi\\)\\.\\n\\nNext:\\n  cd ban-tin\\n  npm install\\n  npm run serve\\n` +
          `\\nbantin runs from a checkout, so the site depends on the tarball npm pack makes there \\(${escapeRegExp(spec)}\\)(; make it first: \`npm pack\` in \\S+)?\\n$`,
      ),
    );
    const site = join(work, 'ban-tin');
    for (const file of ['content/2025/ra-mat-trang-ban-tin-dien-tu.md', 'content/2025/lich-tiep-cong-dan-thang-8-2025.md', 'templates/layouts/base.liquid', 'templates/article.liquid', 'templates/assets/style.css', '.github/workflows/site.yml']) {
      expect(existsSync(join(site, file)), file).toBe(true);
    }
    expect(readFileSync(join(site, 'templates/article.liquid'), 'utf8')).toBe(readFileSync(join(REPO, 'templates/article.liquid'), 'utf8'));
    assertLines(readFileSync(join(site, '.gitignore'), 'utf8'), 'dist\n.dist.*\n.bantin-cache/\nnode_modules/');

    const pkg = JSON.parse(readFileSync(join(site, 'package.json'), 'utf8'));
    const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
    expect(pkg).toMatchObject({
      name: 'ban-tin',
      private: true,
      scripts: { build: 'bantin build', serve: 'bantin serve', check: 'bantin check' },
      dependencies: { bantin: spec },
    });
    expect(version).toBe(PACKED_NAME.slice('bantin-'.length, -'.tgz'.length));

    const { config, diagnostics } = parseConfig(readFileSync(join(site, 'bantin.config.yaml'), 'utf8'), 'bantin.config.yaml');
    expect(diagnostics).toEqual([]);
    expect(config).toMatchObject({ language: 'vi', timeZone: 'Asia/Ho_Chi_Minh', baseUrl: 'https://example.gov.vn/', title: 'Bản tin điện tử tỉnh Bắc Ninh' });
    expect(config.agency.name).toBe('Ủy ban nhân dân tỉnh Bắc Ninh');

    const { errors, page } = buildInMemory(site);
    expect(errors).toEqual([]);
    assertLines(
      page('2025/07/ra-mat-trang-ban-tin-dien-tu/index.html'),
      `
      <html lang="vi">
      <span>Ngày đăng: <time datetime="2025-07-01">Thứ Ba, 1/7/2025</time></span>
      Nguồn: Văn phòng UBND tỉnh Bắc Ninh
      `,
    );
  });

  it('takes bantin from the registry when installed as a package, from the checkout\'s packed tarball otherwise', () => {
    const installed = fresh();
    mkdirSync(join(installed, 'lib'), { recursive: true });
    expect(bantinDependency(join(work, 'site'), installed)).toEqual({ spec: `^${PACKED_NAME.slice(7, -4)}` });
    const checkout = join(work, 'checkout');
    mkdirSync(join(checkout, 'src'), { recursive: true });
    writeFileSync(join(checkout, 'src', 'cli.ts'), '');
    expect(bantinDependency(join(work, 'site'), checkout)).toEqual({ spec: `file:../checkout/${PACKED_NAME}`, packed: join(checkout, PACKED_NAME) });
    expect(bantinDependency(join(checkout, 'site'), checkout)).toEqual({ spec: `file:../${PACKED_NAME}`, packed: join(checkout, PACKED_NAME) });
    expect(bantinDependency(checkout, checkout).spec).toBe(`file:./${PACKED_NAME}`);
  });

  it('makes an English site in the current folder, which builds with the CLI', () => {
    const site = fresh();
    mkdirSync(site);
    const r = runCli(['init', '--lang', 'en'], { cwd: site });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('language: en).\n\nNext:\n  npm install\n  npm run build\n  npm run serve\n');
    expect(parseConfig(readFileSync(join(site, 'bantin.config.yaml'), 'utf8'), 'x').config.language).toBe('en');
    const built = runCli(['build', '--root', site]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    assertLines(
      readFileSync(join(site, 'dist/2025/07/news-bulletin-site-launched/index.html'), 'utf8'),
      `
      <html lang="en">
      <span>Published: <time datetime="2025-07-01">Tuesday, 1 July 2025</time></span>
      `,
    );
  });

  it('refuses a folder that is not empty and writes nothing', () => {
    const site = fresh();
    mkdirSync(site);
    writeFileSync(join(site, 'notes.txt'), 'mine');
    const r = runCli(['init', site]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^bantin init: .*case-\d+ is not empty \(notes\.txt\); choose a new or empty folder, or add --force/);
    expect(existsSync(join(site, 'content'))).toBe(false);
    expect(readFileSync(join(site, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('accepts a folder holding only .git', () => {
    const site = fresh();
    mkdirSync(join(site, '.git'), { recursive: true });
    expect(runCli(['init', site]).code).toBe(0);
    expect(existsSync(join(site, 'bantin.config.yaml'))).toBe(true);
  });

  it('with --force writes into a non-empty folder, replacing only files of the same names', () => {
    const site = fresh();
    mkdirSync(site);
    writeFileSync(join(site, 'bantin.config.yaml'), 'title: Old\n');
    writeFileSync(join(site, 'keep.txt'), 'mine');
    const r = runCli(['init', site, '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/, 1 replaced\)/);
    expect(readFileSync(join(site, 'bantin.config.yaml'), 'utf8')).toContain('language: vi');
    expect(readFileSync(join(site, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a file in place of the folder', () => {
    const file = fresh();
    writeFileSync(file, 'x');
    const r = runCli(['init', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a file, not a folder/);
  });

  it('treats wrong usage as exit code 2 with a hint', () => {
    const lang = runCli(['init', fresh(), '--lang', 'fr']);
    expect([lang.code, lang.stderr.split('\n')[0]]).toEqual([2, 'bantin init: --lang must be vi or en, not "fr"']);
    const two = runCli(['init', 'a', 'b'], { cwd: work });
    expect([two.code, two.stderr.split('\n')[0]]).toEqual([2, 'bantin init: one folder at most, got 2']);
    const flag = runCli(['init', '--forse'], { cwd: work });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(`Unknown option '--forse'; did you mean "--force"?`);
    expect(existsSync(join(work, 'a'))).toBe(false);
  });

  it('is listed in the usage, has --help, and the CLI knows its version and near misses', () => {
    expect(runCli(['--help']).stdout).toMatch(/^ {2}init {5}create a new site/m);
    const help = runCli(['init', '--help']);
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: bantin init [DIR] [--lang vi|en] [--force] | bantin init --from hugo|jekyll|eleventy [DIR] [--force]']);
    const version = runCli(['--version']);
    expect([version.code, version.stdout]).toEqual([0, `${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}\n`]);
    const typo = runCli(['int']);
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n')[0]).toBe('bantin: unknown command "int"; did you mean "init"?');
  });
});
