/**
 * Languages: an `en` site shows no Vietnamese theme text, dates follow the language, and a site's
 * `strings:` override any text. The sites are the ones `bantin init` makes, plus a few articles
 * that bring out the rarer strings (attachments, former provinces, drafts, pagination).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scaffoldFiles } from '../src/commands/init.js';
import { en } from '../src/locales/en.js';
import { vi } from '../src/locales/vi.js';
import { assertLines, buildInMemory, makeSite, parseSections, REPO } from './helpers/site.js';

/** Words of every Vietnamese string that English words differently (placeholders split out). */
function vietnameseTexts(): string[] {
  const found = new Set<string>();
  const codes = new Set(['lang', 'ogLocale']);
  for (const [key, value] of Object.entries(vi)) {
    if (codes.has(key)) continue;
    const other = (en as Record<string, unknown>)[key];
    const values = Array.isArray(value) ? value : [value];
    const others = Array.isArray(other) ? other : [other];
    values.forEach((v, i) => {
      if (v === others[i]) return;
      for (const part of String(v).split(/\{\w+\}/)) {
        const text = part.trim().replace(/^[,.:;–-]+\s*|\s*[,.:;–-]+$/g, '');
        if (/\p{L}{2}/u.test(text)) found.add(text);
      }
    });
  }
  return [...found];
}

const EXTRA = `
-- content/2020/former.md --
---
title: Dialogue with businesses in Bac Giang
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
author: Minh Anh
draft: true
summary: A former province, an attachment, an author and a draft.
tags: [Business]
attachments:
  - title: Plan of the dialogue
    file: plan.pdf
    number: 215/KH-UBND
---
Text.
-- content/2020/plan.pdf --
%PDF-1.4
`;

/** A site as `bantin init --lang X` makes it, with extra files and config lines. */
function initSite(language: 'vi' | 'en', extra = '', config = '') {
  const files: Record<string, string | Uint8Array> = Object.fromEntries(scaffoldFiles({ dir: 'site', language }));
  files['bantin.config.yaml'] = `${files['bantin.config.yaml']}${config}`;
  return makeSite({ ...files, ...parseSections(extra) });
}

/** Every text file of a build, by output path. */
function textOutputs(built: ReturnType<typeof buildInMemory>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const path of built.writer.files.keys()) {
    if (/\.(html|xml|json|txt)$/.test(path)) texts.set(path, built.writer.text(path)!);
  }
  return texts;
}

function vietnameseIn(texts: Map<string, string>): string[] {
  const words = vietnameseTexts();
  return [...texts].flatMap(([path, text]) => words.filter((w) => text.includes(w)).map((w) => `${path}: "${w}"`));
}

describe('an en site', () => {
  const built = buildInMemory(initSite('en', EXTRA, 'pageSize: 1\n'), { drafts: true });

  it('builds every page type without an error', () => {
    expect(built.errors).toEqual([]);
    const paths = [...textOutputs(built).keys()];
    expect(paths).toContain('index.html');
    expect(paths).toContain('page/2/index.html');
    expect(paths.length).toBeGreaterThan(10);
  });

  it('contains no Vietnamese text of the theme on any page, feed or file', () => {
    expect(vietnameseIn(textOutputs(built))).toEqual([]);
  });

  it('writes dates, language and labels in English', () => {
    assertLines(
      built.page('2020/02/dialogue-with-businesses-in-bac-giang/index.html'),
      `
      <html lang="en">
      <span>Published: <time datetime="2020-02-24">Monday, 24 February 2020</time></span>
      Author: Minh Anh
      Source: <a href="https://bacgiang.gov.vn">bacgiang.gov.vn</a>
      (Document number: 215/KH-UBND)
      ! Thứ Hai
      ! Nguồn
      `,
    );
    assertLines(built.page('index.html'), `<title>Bac Ninh Provincial News Bulletin</title>`);
  });

  it('is not vacuous: the same check finds the theme text in a vi site', () => {
    const viSite = buildInMemory(initSite('vi', EXTRA, 'pageSize: 1\n'), { drafts: true });
    expect(viSite.errors).toEqual([]);
    const hits = vietnameseIn(textOutputs(viSite));
    for (const word of [vi.home, vi.source, vi.published, vi.next, vi.notFoundTitle]) {
      expect(hits.some((h) => h.endsWith(`"${word}"`)), word).toBe(true);
    }
    assertLines(
      viSite.page('2020/02/dialogue-with-businesses-in-bac-giang/index.html'),
      `
      <html lang="vi">
      <span>Ngày đăng: <time datetime="2020-02-24">Thứ Hai, 24/2/2020</time></span>
      `,
    );
  });
});

describe('strings in the config', () => {
  it('override the theme text, in either language', () => {
    const { errors, page } = buildInMemory(
      initSite('en', '', 'strings:\n  source: Original source\n  home: Front page\n'),
    );
    expect(errors).toEqual([]);
    assertLines(
      page('2025/07/news-bulletin-site-launched/index.html'),
      `
      Original source: Office of the Provincial People&#39;s Committee
      <li><a href="/">Front page</a></li>
      ! >Home<
      `,
    );
  });

  it('name a taxonomy', () => {
    const { errors, page } = buildInMemory(
      makeSite(`
-- bantin.config.yaml --
language: en
taxonomies: [tags, province, topics]
strings:
  topics: Subjects
-- content/2025/roads.md --
---
title: Roads
date: 2025-03-03
province: Hà Nội
source: hanoi.gov.vn
topics: [Transport]
---
Text.
`),
    );
    expect(errors).toEqual([]);
    assertLines(page('index.html'), '<li><a href="/topics/">Subjects</a></li>');
  });

  it('report a misspelt key with a suggestion', () => {
    const { errors } = buildInMemory(makeSite('-- bantin.config.yaml --\nlanguage: en\nstrings:\n  sorce: Origin\n'));
    expect(errors).toEqual([
      'bantin.config.yaml:3:3: strings.sorce is not a text of the theme; did you mean "source"? [config-unknown-string]',
    ]);
  });

  it('a site without a title is named in its language', () => {
    const { page } = buildInMemory(makeSite({ 'bantin.config.yaml': 'language: en\n', ...parseSections(EXTRA.replace('draft: true', 'draft: false')) }));
    assertLines(page('index.html'), '<title>News bulletin</title>');
  });
});

describe('the theme', () => {
  it('has no literal text: every word a visitor reads comes from the locale', () => {
    const stray: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk(join(REPO, 'templates')).filter((f) => f.endsWith('.liquid'))) {
      const source = readFileSync(file, 'utf8')
        .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '')
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
        .replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|<!--[\s\S]*?-->/g, '');
      const attributes = [...source.matchAll(/\b(?:title|alt|aria-label|placeholder)="([^"]*\p{L}[^"]*)"/gu)].map((m) => m[1]!);
      const text = source.replace(/<[^>]*>/g, ' ').split(/\s+/).filter((w) => /\p{L}/u.test(w));
      for (const word of [...attributes, ...text]) stray.push(`${file.slice(REPO.length + 1)}: ${word}`);
    }
    expect(stray).toEqual([]);
  });

  it('en has every string vi has', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });
});
