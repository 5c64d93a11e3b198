#!/usr/bin/env node
/**
 * The search index of a site, measured: time to index, size on disk by kind, and, with --query,
 * the bytes Chromium downloads for one query on the search page (served from memory).
 *
 *   node bench/search-index.mjs --root DIR [--folded d|changed] [--query "dan van"]
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { buildSite } from '../lib/pipeline.js';
import { writeSearchIndex } from '../lib/search/search-index.js';
import { MemoryWriter } from '../lib/write/writer.js';

const { values } = parseArgs({
  options: { root: { type: 'string' }, folded: { type: 'string', default: 'd' }, query: { type: 'string' } },
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

let t = performance.now();
const site = new MemoryWriter();
const { model } = buildSite({ root: values.root, now: Date.parse('2026-01-01T00:00:00Z') }, site);
console.log(`site: ${model.site.articles.length} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const texts = new Map(model.articles.map((a) => [a.sourcePath, a.text]));
const writer = new MemoryWriter();
t = performance.now();
const search = await writeSearchIndex({ config: model.config, site: model.site, text: (a) => texts.get(a.sourcePath) ?? '', folded: values.folded }, writer);
const seconds = ((performance.now() - t) / 1000).toFixed(1);
writer.commit();
const sizes = { fragment: 0, index: 0, filter: 0, other: 0 };
for (const [path, content] of writer.files) sizes[/^pagefind\/(fragment|index|filter)\//.exec(path)?.[1] ?? 'other'] += content.length;
console.log(`search index (${values.folded}): ${search.stats.files} files, ${mb(search.stats.bytes)} in ${seconds} s; fragments ${mb(sizes.fragment)}, index chunks ${mb(sizes.index)}, filters ${mb(sizes.filter)}, library ${mb(sizes.other)}`);

if (values.query) {
  const { chromium } = await import('playwright-core');
  const files = new Map([...site.files, ...writer.files]);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const body = files.get(path);
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : path.endsWith('.html') ? 'text/html' : 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  const page = await browser.newPage();
  const sizeOf = (url) => files.get(decodeURIComponent(new URL(url).pathname).slice(1).replace(/(^|\/)$/, '$1index.html'))?.length ?? 0;
  let phase = 'load';
  const bytes = { load: 0, query: 0 };
  page.on('requestfinished', (r) => (bytes[phase] += sizeOf(r.url())));
  await page.goto(`http://127.0.0.1:${server.address().port}/${model.config.search.path}/`);
  await page.waitForFunction(() => document.querySelector('.search-filters select option'));
  await page.waitForLoadState('networkidle');
  phase = 'query';
  await page.fill('#search-q', values.query);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => /\d/.test(document.querySelector('.search-status')?.textContent ?? ''));
  await page.waitForLoadState('networkidle');
  const status = await page.textContent('.search-status');
  console.log(`query "${values.query}": ${status}; search page and library ${kb(bytes.load)}, then ${kb(bytes.query)} for the query (first 10 results)`);
  await browser.close();
  server.close();
}
