// Cached articles: plain metadata in the snapshot; the body comes back from the pack through an explicit call, or from the source when the pack lost it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BodyPacks } from '../src/cache/body-packs.js';
import { CachedArticles, type Reparse } from '../src/cache/cached-articles.js';
import { defaultConfig } from '../src/config.js';
import { processArticle } from '../src/content/article.js';
import { BuildFailure } from '../src/messages.js';
import type { ArticleMeta } from '../src/types.js';

const SOURCE = `---
title: Đắk Lắk khởi công đường tỉnh 8
date: 2025-07-02
province: Đắk Lắk
source: SỞ-GTVT-NGUON-TIN
tags: [giao thông, đầu tư]
summary: TOM-TAT-BAN-TIN về tuyến đường mới.
---

Sáng 2/7, UBND tỉnh khởi công tuyến đường dài 12 km. Xem [ảnh](anh.jpg).
`;

/** A site with one article, parsed and moved to a pack as a build that parsed it does. */
function detachedArticle() {
  const root = mkdtempSync(join(tmpdir(), 'bantin-cached-'));
  mkdirSync(join(root, 'content'));
  writeFileSync(join(root, 'content/duong.md'), SOURCE);
  const config = defaultConfig();
  const reparse: Reparse = (path, bytes) => processArticle(path, bytes, config).article;
  const fresh = reparse('content/duong.md', Buffer.from(SOURCE))!;
  const packs = new BodyPacks(join(root, '.bantin-cache/bodies'));
  const writer = new CachedArticles(packs, root, reparse);
  const detached = writer.detach(fresh);
  packs.close();
  return { root, reparse, fresh, writer, detached };
}

/** Flips a byte of the article's HTML in its pack. */
function damageBody(root: string, writer: CachedArticles, detached: ArticleMeta): void {
  const [pack, offset] = writer.locationOf(detached)!;
  const file = join(root, '.bantin-cache/bodies', pack);
  const bytes = readFileSync(file);
  bytes[offset + 3] ^= 1;
  writeFileSync(file, bytes);
}

/** The article as a later build reads it back: its metadata through a snapshot, its body from the pack. */
function reload(root: string, reparse: Reparse, detached: ArticleMeta, writer: CachedArticles) {
  const stored = deserialize(serialize(writer.stored(detached))) as ArticleMeta;
  const reader = new CachedArticles(new BodyPacks(join(root, '.bantin-cache/bodies')), root, reparse);
  return { reader, article: reader.restore(writer.locationOf(detached)!, stored) };
}

describe('cached articles', () => {
  it('are plain data: every field but the body, own and as parsed; the body only through `body`', () => {
    const { root, reparse, fresh, writer, detached } = detachedArticle();
    const { html, text, ...meta } = fresh;
    expect(writer.stored(detached)).toEqual(meta);
    const { reader, article } = reload(root, reparse, detached, writer);
    expect(Object.getPrototypeOf(article)).toBe(Object.prototype);
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(article))) expect(d.get, key).toBeUndefined();
    expect(article).toEqual(meta);
    expect('html' in article || 'text' in article).toBe(false);
    expect(reader.body(article, 'html')).toBe(html);
    expect(reader.body(article, 'text')).toBe(text);
    expect(reader.redone.size).toBe(0);
  });

  it('parse an article again when its body is damaged in the pack, and say so', () => {
    const { root, reparse, fresh, writer, detached } = detachedArticle();
    damageBody(root, writer, detached);
    const { reader, article } = reload(root, reparse, detached, writer);
    expect(article.title).toBe('Đắk Lắk khởi công đường tỉnh 8');
    expect(reader.redone.size).toBe(0);
    expect(reader.body(article, 'html')).toBe(fresh.html);
    expect(reader.body(article, 'text')).toBe(fresh.text);
    expect([...reader.redone]).toEqual(['content/duong.md']);
    expect([...reader.damaged]).toEqual(['content/duong.md']);
  });

  it('fail naming the file when it changed or went since the build began and its cached body is damaged', () => {
    for (const change of ['edit', 'remove'] as const) {
      const { root, reparse, writer, detached } = detachedArticle();
      damageBody(root, writer, detached);
      const { reader, article } = reload(root, reparse, detached, writer);
      if (change === 'edit') writeFileSync(join(root, 'content/duong.md'), SOURCE.replace('12 km', '13 km'));
      else rmSync(join(root, 'content/duong.md'));
      expect(article.title, change).toBe('Đắk Lắk khởi công đường tỉnh 8');
      let thrown: unknown;
      try {
        reader.body(article, 'html');
      } catch (e) {
        thrown = e;
      }
      expect(thrown, change).toBeInstanceOf(BuildFailure);
      expect((thrown as BuildFailure).diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['content/duong.md', 'source-changed', 'error']]);
    }
  });
});
