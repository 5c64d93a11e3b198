/**
 * Deep nesting in our words, at a line that does not depend on the stack left: front matter nested
 * past its limit (where the YAML parser ran out of stack), and Markdown quotes and list items
 * nested by the ten thousand. And `check` counts every article it read, the failed ones too.
 */
import { describe, expect, it } from 'vitest';
import { build, makeSite, runCli } from './helpers/site.js';

const HEAD = 'title: A\ndate: 2020-01-01\nprovince: Huế\nsource: hue.gov.vn\n';
const YAML_DEEP = 'front matter is nested over 100 levels deep (lists or mappings inside each other); fix the YAML between the --- lines [yaml-too-deep]';

describe('deep nesting', () => {
  it('reports front matter nested thousands deep, as flow or blocks, at its key, the same in build and check', () => {
    const files = {
      'content/flow.md': `---\n${HEAD}tags: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\nx\n`,
      'content/flow-map.md': `---\n${HEAD}extra: ${'{a: '.repeat(2_000)}1${'}'.repeat(2_000)}\n---\nx\n`,
      'content/block.md': `---\n${HEAD}extra:\n  ${'- '.repeat(20_000)}x\n---\nx\n`,
      'content/indented.md': `---\n${HEAD}extra:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n---\nx\n`,
      'content/shallow.md': `---\n${HEAD}extra: ${'['.repeat(150)}${']'.repeat(150)}\n---\nx\n`,
    };
    const expected = [
      `content/block.md:6:1: ${YAML_DEEP}`,
      `content/flow-map.md:6:1: ${YAML_DEEP}`,
      `content/flow.md:6:1: ${YAML_DEEP}`,
      `content/indented.md:6:1: ${YAML_DEEP}`,
      `content/shallow.md:6:1: ${YAML_DEEP}`,
    ];
    expect(build(files).errors).toEqual(expected);
    const root = makeSite(files);
    const built = runCli(['build', '--root', root]);
    expect(built.stderr.trim().split('\n')).toEqual([...expected, 'build failed: 5 error(s); the previous output was left as it was']);
    const checked = runCli(['check', '--root', root]);
    expect(checked.stderr.trim().split('\n')).toEqual([...expected, 'checked 5 article(s): 5 error(s), 0 warning(s)']);
  });

  it('reports 100,000 nested quotes or list items in our words', () => {
    const { errors } = build({
      'content/quotes.md': `---\n${HEAD}---\n${'>'.repeat(100_000)} x\n`,
      'content/list.md': `---\n${HEAD}slug: list\n---\n${'- '.repeat(100_000)}x\n`,
    });
    expect(errors).toEqual([
      'content/list.md:8:1: Markdown is nested too deeply to render (thousands of levels); flatten the quotes or lists [markdown-too-deep]',
      'content/quotes.md:7:1: Markdown is nested too deeply to render (thousands of levels); flatten the quotes or lists [markdown-too-deep]',
    ]);
  });
});

describe('bantin check counts', () => {
  it('counts every article it read, the failed ones too', () => {
    const ok = (i: number) => `---\ntitle: Bài ${i}\ndate: 2020-01-0${i}\nprovince: Huế\nsource: hue.gov.vn\n---\nx\n`;
    const root = makeSite({
      'content/a.md': ok(1),
      'content/b.md': ok(2),
      'content/c.md': ok(3),
      'content/d.md': ok(4).replace('date: 2020-01-04', 'date: 31/2/2020'),
      'content/e.md': '---\ntitle: E\n---\nx\n',
    });
    const r = runCli(['check', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('checked 5 article(s): 4 error(s), 0 warning(s)');
  });
});
