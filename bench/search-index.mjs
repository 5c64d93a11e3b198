#!/usr/bin/env node
/**
 * The search index of a site, measured: build time, size on disk, and what a browser downloads
 * for one query (measured separately by test/search-browser; here the index files only).
 *
 *   node bench/search-index.mjs --root DIR [--folded changed|d]
 */
import { parseArgs } from 'node:util';
import { buildSite } from '../lib/pipeline.js';
import { writeSearchIndex } from '../lib/search/search-index.js';
import { MemoryWriter } from '../lib/write.js';

const { values } = parseArgs({ options: { root: { type: 'string' }, folded: { type: 'string', default: 'd' } } });
let t = performance.now();
const result = buildSite({ root: values.root, now: Date.parse('2026-01-01T00:00:00Z') }, new MemoryWriter());
const model = result.model;
console.log(`site: ${model.site.articles.length} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const texts = new Map(model.articles.map((a) => [a.sourcePath, a.text]));
const writer = new MemoryWriter();
t = performance.now();
const search = await writeSearchIndex({ config: model.config, site: model.site, text: (a) => texts.get(a.sourcePath) ?? '', folded: values.folded }, writer);
const seconds = ((performance.now() - t) / 1000).toFixed(1);
writer.commit();
const sizes = { fragment: 0, index: 0, filter: 0, other: 0 };
for (const [path, content] of writer.files) {
  const kind = /^pagefind\/(fragment|index|filter)\//.exec(path)?.[1] ?? 'other';
  sizes[kind] += content.length;
}
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
console.log(`search index (${values.folded}): ${search.stats.files} files, ${mb(search.stats.bytes)} in ${seconds} s; fragments ${mb(sizes.fragment)}, index chunks ${mb(sizes.index)}, filters ${mb(sizes.filter)}, other ${mb(sizes.other)}`);
