/**
 * bantin's documentation is a bantin site (`docs/`, English and Vietnamese): it builds and checks
 * clean with the real command, its languages are linked, and it names every config key and every
 * option of every command the code knows.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTIONS } from '../src/cli-options.js';
import { configKeyPaths } from '../src/config.js';
import { REPO, runCli } from './helpers/site.js';

const DOCS = join(REPO, 'docs');
const work = mkdtempSync(join(tmpdir(), 'bantin-docs-'));
const out = join(work, 'dist');
let built: ReturnType<typeof runCli>;
beforeAll(() => {
  built = runCli(['build', '--root', DOCS, '--out', out, '--no-cache']);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (language: 'en' | 'vi', path: string) => readFileSync(join(DOCS, language === 'en' ? 'content/pages' : 'content/vi/pages', path), 'utf8');

describe('the documentation site', () => {
  it('builds with `bantin build --root docs`, with no warning', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^built \d+ articles, \d+ pages into /m);
  });

  it('passes `bantin check --root docs` with no error and no warning', () => {
    const checked = runCli(['check', '--root', DOCS]);
    expect(checked.stderr).toBe('');
    expect(checked.stdout).toMatch(/: 0 error\(s\), 0 warning\(s\)$/m);
    expect(checked.code).toBe(0);
  });

  it('links each English page to its Vietnamese translation, with a search index per language', () => {
    const english = readFileSync(join(out, 'commands/build/index.html'), 'utf8');
    const vietnamese = readFileSync(join(out, 'vi/commands/build/index.html'), 'utf8');
    for (const html of [english, vietnamese]) {
      expect(html).toContain('<link rel="alternate" hreflang="en" href="https://bantin.example.org/commands/build/">');
      expect(html).toContain('<link rel="alternate" hreflang="vi" href="https://bantin.example.org/vi/commands/build/">');
    }
    expect(english).toContain('<a href="/vi/commands/build/" hreflang="vi" lang="vi">Tiếng Việt</a>');
    expect(vietnamese).toContain('<html lang="vi">');
    expect(existsSync(join(out, 'pagefind/pagefind-entry.json'))).toBe(true);
    expect(existsSync(join(out, 'vi/pagefind/pagefind-entry.json'))).toBe(true);
  });

  it('names every config key on the Config page, in both languages', () => {
    for (const language of ['en', 'vi'] as const) {
      const text = page(language, 'config.md');
      // Note: `images.widths` by its path; a key of a list's items (`sections[].id`) as `id`, with its list named.
      const missing = configKeyPaths().filter((path) => {
        const item = /^(\w+)(?:\.<name>)?\[\]\.(\w+)$/.exec(path);
        return item ? !text.includes(`\`${item[1]}\``) || !text.includes(`\`${item[2]}\``) : !text.includes(`\`${path}\``);
      });
      expect(missing, language).toEqual([]);
    }
  });

  it('names every option of every command on its page, in both languages', () => {
    for (const language of ['en', 'vi'] as const) {
      const missing = Object.entries(OPTIONS).flatMap(([command, options]) => {
        const text = page(language, `commands/${command}.md`);
        return [`bantin ${command}`, ...Object.keys(options).map((o) => `--${o}`)].filter((name) => !text.includes(name)).map((name) => `${command}: ${name}`);
      });
      expect(missing, language).toEqual([]);
    }
  });
});
