// Cached articles: a snapshot stores only the fields every build reads; the rest comes back from the pack, or from the source when the pack lost it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BodyPacks } from '../src/cache/body-packs.js';
import { CachedArticles } from '../src/cache/cached-articles.js';
import { defaultConfig } from '../src/config.js';
import { processArticle } from '../src/content/article.js';
import { BuildFailure } from '../src/messages.js';
import type { Article } from '../src/types.js';

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
  const fresh = processArticle('content/duong.md', Buffer.from(SOURCE), config).article!;
  const packs = new BodyPacks(join(root, '.bantin-cache/bodies'));
  const writer = new CachedArticles(packs, root, config);
  const detached = writer.detach(fresh);
  packs.close();
  return { root, config, fresh, writer, detached };
}

/** Flips a byte of the article's metadata in its pack. */
function damageMeta(root: string, writer: CachedArticles, detached: Article): void {
  const [pack, offset, htmlBytes, , textBytes] = writer.locationOf(detached)!;
  const file = join(root, '.bantin-cache/bodies', pack);
  const bytes = readFileSync(file);
  bytes[offset + htmlBytes + textBytes + 3] ^= 1;
  writeFileSync(file, bytes);
}

/** The article as a later build reads it back: the stored fields through a snapshot, the rest from the pack. */
function reload(root: string, config: ReturnType<typeof defaultConfig>, detached: Article, writer: CachedArticles) {
  const stored = deserialize(serialize(writer.stored(detached))) as object;
  const reader = new CachedArticles(new BodyPacks(join(root, '.bantin-cache/bodies')), root, config);
  return { reader, article: reader.restore(writer.locationOf(detached)!, stored) };
}

describe('cached articles', () => {
  it('store only what places an article; give back every field as parsed', () => {
    const { root, config, fresh, writer, detached } = detachedArticle();
    const stored = serialize(writer.stored(detached));
    expect(Object.keys(writer.stored(detached)).sort()).toEqual(['aliases', 'date', 'draft', 'fileLinks', 'hash', 'output', 'sourcePath', 'updated', 'url']);
    for (const marker of ['TOM-TAT-BAN-TIN', 'SỞ-GTVT-NGUON-TIN', 'UBND']) expect(stored.includes(Buffer.from(marker, 'latin1'))).toBe(false);
    const { reader, article } = reload(root, config, detached, writer);
    const all = (a: Article) => Object.fromEntries([...Object.keys(fresh)].map((key) => [key, a[key as keyof Article]]));
    expect(all(article)).toEqual(all(fresh));
    expect(reader.redone.size).toBe(0);
  });

  it('parse an article again when its metadata is damaged in the pack, and say so', () => {
    const { root, config, fresh, writer, detached } = detachedArticle();
    damageMeta(root, writer, detached);
    const { reader, article } = reload(root, config, detached, writer);
    expect(article.html).toBe(fresh.html);
    expect(reader.redone.size).toBe(0);
    expect(article.title).toBe('Đắk Lắk khởi công đường tỉnh 8');
    expect(article.terms).toEqual(fresh.terms);
    expect([...reader.redone]).toEqual(['content/duong.md']);
    expect([...reader.damaged]).toEqual(['content/duong.md']);
  });

  it('fail naming the file when it changed or went since the build began and its cached metadata is damaged', () => {
    for (const change of ['edit', 'remove'] as const) {
      const { root, config, writer, detached } = detachedArticle();
      damageMeta(root, writer, detached);
      const { article } = reload(root, config, detached, writer);
      if (change === 'edit') writeFileSync(join(root, 'content/duong.md'), SOURCE.replace('12 km', '13 km'));
      else rmSync(join(root, 'content/duong.md'));
      let thrown: unknown;
      try {
        void article.title;
      } catch (e) {
        thrown = e;
      }
      expect(thrown, change).toBeInstanceOf(BuildFailure);
      expect((thrown as BuildFailure).diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['content/duong.md', 'source-changed', 'error']]);
    }
  });
});
