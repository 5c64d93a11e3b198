import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSite, runCli } from './helpers/site.js';

const good = (title: string, extra = '') => `---
title: ${title}
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
${extra}---
Nội dung.
`;

describe('bantin build (CLI)', () => {
  it('builds a site and exits 0', () => {
    const root = makeSite({ 'content/a.md': good('Bài một') });
    const r = runCli(['build', '--root', root]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^built 1 articles, \d+ pages into /);
    expect(existsSync(join(root, 'dist/2020/02/bai-mot/index.html'))).toBe(true);
  });

  it('reports every problem of a build at once, with file, line, column and rule, and exits 1', () => {
    const root = makeSite({
      'content/yaml.md': '---\ntitle: "không đóng\ndate: 2020-01-01\n---\n',
      'content/no-fields.md': '---\nsummary: Không có tiêu đề\n---\nx\n',
      'content/bad-date.md': good('Ngày sai').replace('date: 2020-02-24', 'date: 31/2/2020'),
      'content/feb-31.md': good('Ngày ba mốt').replace('date: 2020-02-24', 'date: 2020-02-31'),
      'content/province.md': good('Tỉnh lạ').replace('province: Bắc Giang', 'province: Bac Giangg'),
      'content/dup-1.md': good('Trùng tên'),
      'content/dup-2.md': good('Trùng tên'),
    });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      'content/bad-date.md:3:7: date "31/2/2020" is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:mm [invalid-date]',
      'content/dup-2.md:1:1: writes 2020/02/trung-ten/index.html, as does content/dup-1.md; give one of them another slug or date [duplicate-output]',
      'content/feb-31.md:3:7: date "2020-02-31" is not a calendar date; write YYYY-MM-DD [invalid-date]',
      'content/no-fields.md:1:1: missing date; add "date: …" to the front matter [missing-field]',
      'content/no-fields.md:1:1: missing province; add "province: …" to the front matter [missing-field]',
      'content/no-fields.md:1:1: missing source; add "source: …" to the front matter [missing-field]',
      'content/no-fields.md:1:1: missing title; add "title: …" to the front matter [missing-field]',
      'content/province.md:4:11: unknown province "Bac Giangg"; did you mean "Bắc Giang"? [unknown-province]',
      expect.stringMatching(/^content\/yaml\.md:\d+:\d+: .*; fix the YAML between the --- lines \[yaml-syntax\]$/),
      'build failed: 9 error(s); the previous output was left as it was',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('refuses ---js front matter by name and runs nothing', () => {
    const marker = join(makeSite({}), 'pwned');
    const root = makeSite({
      'content/js.md': `---js\n{ title: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'), 'X') }\n---\nbody\n`,
      'content/javascript.md': `---javascript\n{ title: 'Y' }\n---\n`,
    });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('content/js.md:1:4: front matter in "js" is refused (only YAML is read, nothing is executed); start the file with a plain --- line [front-matter-language]');
    expect(r.stderr).toContain('content/javascript.md:1:4: front matter in "javascript" is refused');
    expect(existsSync(marker)).toBe(false);
  });

  it('names the template file and line of a template syntax error', () => {
    const root = makeSite({ 'content/a.md': good('Bài một') });
    const path = join(root, 'templates/article.liquid');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(2, 0, '{{ article.title | no_such_filter }}');
    writeFileSync(path, lines.join('\n'));
    writeFileSync(join(root, 'templates/partials/broken.liquid'), 'one\n{% if x %}\n');
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'templates/article.liquid:3:1: undefined filter: no_such_filter; fix the template [template-error]',
      'templates/partials/broken.liquid:2:1: tag {% if x %} not closed; fix the template [template-error]',
      'build failed: 2 error(s); the previous output was left as it was',
      '',
    ]);
  });

  it('names the template of an unknown variable at render time', () => {
    const root = makeSite({
      'content/a.md': good('Bài một'),
      'templates/article.liquid': 'a\n{{ article.titel }}\n',
      'templates/index.liquid': 'home\n',
    });
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/article.liquid:2:4: undefined variable: article.titel; fix the template [template-error]');
  });

  it('fails fast on a template that includes itself', () => {
    const root = makeSite({
      'content/a.md': good('Bài một'),
      'templates/article.liquid': '{% include "loop" %}\n',
      'templates/partials/loop.liquid': 'x{% include "loop" %}\n',
      'templates/index.liquid': 'home\n',
    });
    const started = Date.now();
    const r = runCli(['build', '--root', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('templates/partials/loop.liquid:1:2: includes nested over 50 deep, in a loop: "loop" → "loop"; a partial includes itself, directly or through others, so remove the include that leads back [template-recursion]');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('exits 2 on wrong usage, with a did-you-mean', () => {
    const flag = runCli(['build', '--drafs']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('did you mean "--drafts"?');
    const command = runCli(['biuld']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command "biuld"; did you mean "build"?');
  });

  it('has --help and --version', () => {
    const help = runCli(['build', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: bantin build [--root DIR] [--out DIR] [--base-url URL] [--drafts] [--future]');
    const version = runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('leaves drafts and future articles out unless asked', () => {
    const root = makeSite({
      'content/draft.md': good('Bản nháp', 'draft: true\n'),
      'content/future.md': good('Tương lai').replace('2020-02-24', '2999-01-01'),
      'content/now.md': good('Hiện tại'),
    });
    expect(runCli(['build', '--root', root]).stdout).toMatch(/^built 1 articles/);
    expect(existsSync(join(root, 'dist/2999/01/tuong-lai/index.html'))).toBe(false);
    expect(runCli(['build', '--root', root, '--drafts', '--future']).stdout).toMatch(/^built 3 articles/);
    expect(existsSync(join(root, 'dist/2999/01/tuong-lai/index.html'))).toBe(true);
  });
});
