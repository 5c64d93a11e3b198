/** README.md and README.vi.md are kept in step: the same sections in the same order, the same commands. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers/site.js';

const readmes = { en: readFileSync(join(REPO, 'README.md'), 'utf8'), vi: readFileSync(join(REPO, 'README.vi.md'), 'utf8') };

const withoutCode = (text: string) => text.replace(/```[\s\S]*?```/g, '');

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

describe('README.md and README.vi.md', () => {
  it('have the same sections in the same order', () => {
    expect(outline(readmes.vi)).toEqual(outline(readmes.en));
  });

  it('show the same shell commands', () => {
    expect(shellCommands(readmes.vi)).toEqual(shellCommands(readmes.en));
  });

  it('name the same commands in their text', () => {
    expect(inlineCommands(readmes.vi)).toEqual(inlineCommands(readmes.en));
  });
});
