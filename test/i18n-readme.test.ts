/**
 * The English and Vietnamese texts are kept in step: README.md and README.vi.md, and each docs page
 * (`docs/content/pages/X.md`) and its translation (`docs/content/vi/pages/X.md`) have the same
 * sections in the same order and the same commands.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/site.js';

const read = (path: string) => readFileSync(join(REPO, path), 'utf8');

/** The text without its front matter (a page's title is its own in each language) and without fenced code. */
const withoutCode = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/```[\s\S]*?```/g, '');

/** The heading levels in order, with the command a heading names (`### \`bantin build\``). */
function outline(text: string): string[] {
  return [...withoutCode(text).matchAll(/^(#{1,6}) (.*)$/gm)].map(([, level, title]) => `${level} ${/`[^`]*bantin [^`]*`/.exec(title!)?.[0] ?? ''}`.trim());
}

/** Every shell command in ```sh blocks, comments removed. */
function shellCommands(text: string): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]!.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter(Boolean),
  );
}

/** Every `bantin …` command written inline in the text. */
function inlineCommands(text: string): string[] {
  return [...new Set([...withoutCode(text).matchAll(/`((?:npx )?bantin [a-z][^`]*)`/g)].map((m) => m[1]!))].sort();
}

/** The `.md` files below a folder of the repository, as paths relative to it (none when it is missing). */
function markdownFiles(folder: string): string[] {
  if (!existsSync(join(REPO, folder))) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
  return walk(join(REPO, folder)).map((path) => relative(join(REPO, folder), path).split('\\').join('/')).sort();
}

/** The same sections, shell commands and inline commands in an English text and its Vietnamese one. */
function expectInStep(en: string, vi: string): void {
  expect(outline(vi), 'the same headings in the same order').toEqual(outline(en));
  expect(shellCommands(vi), 'the same commands in ```sh blocks').toEqual(shellCommands(en));
  expect(inlineCommands(vi), 'the same `bantin …` commands in the text').toEqual(inlineCommands(en));
}

describe('README.md and README.vi.md', () => {
  const en = read('README.md');
  const vi = read('README.vi.md');

  it('have the same sections in the same order', () => {
    expect(outline(vi)).toEqual(outline(en));
  });

  it('show the same shell commands', () => {
    expect(shellCommands(vi)).toEqual(shellCommands(en));
  });

  it('name the same commands in their text', () => {
    expect(inlineCommands(vi)).toEqual(inlineCommands(en));
  });
});

describe('the docs pages in English and Vietnamese', () => {
  const english = markdownFiles('docs/content/pages');
  const vietnamese = markdownFiles('docs/content/vi/pages');

  it('exist in both languages, at the same paths', () => {
    expect(english.length).toBeGreaterThan(0);
    expect(vietnamese.filter((page) => !english.includes(page)), 'Vietnamese pages with no English page').toEqual([]);
    expect(english.filter((page) => !vietnamese.includes(page)), 'English pages with no Vietnamese page').toEqual([]);
  });

  it.each(english.filter((page) => vietnamese.includes(page)))('%s: the same sections and commands', (page) => {
    expectInStep(read(`docs/content/pages/${page}`), read(`docs/content/vi/pages/${page}`));
  });
});
