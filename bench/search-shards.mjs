#!/usr/bin/env node
/**
 * A lead of issue 29, measured: the site's search records split into S Pagefind indexes by a stable
 * hash of their URL, as a sharded index would be. For each S it prints the time to index the
 * largest shard (what a one-article edit would redo), the index on disk, what Chromium downloads
 * for a query when the browser merges the shards (`mergeIndex`), and how far each query's top 10
 * differs from one index's (always measured first). Not a test; run after `npm run compile`:
 *
 *   node bench/search-shards.mjs --root DIR [--shards 1,4,16] [--query "dan van"]
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { buildSite } from '../lib/pipeline.js';
import { stringsFor } from '../lib/locale.js';
import { searchRecords } from '../lib/search/records.js';
import { MemoryWriter } from '../lib/write/writer.js';

const { values } = parseArgs({
  options: { root: { type: 'string' }, shards: { type: 'string', default: '1,4,16' }, query: { type: 'string', default: 'dan van' } },
});
// Note: folded queries of words the bench corpus uses (bench/corpus-bank.mjs), common and rare.
const QUERIES = ['dan van', 'giao thong', 'dat dai', 'y te', 'giao duc', 'nong thon moi', 'du lich', 'chuyen doi so', 'cai cach hanh chinh', 'thien tai', 'dau tu cong', 'bac giang', 'ha noi', 'da nang', 'khu cong nghiep', 'lua gao', 'sau rieng', 'ocop', 'bao hiem y te', 'tiem chung'];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

const site = new MemoryWriter();
const { model } = buildSite({ root: values.root, now: Date.parse('2026-01-01T00:00:00Z') }, site);
site.commit();
const texts = new Map(model.articles.map((a) => [a.sourcePath, a.text]));
const records = searchRecords(model.site, model.config, stringsFor(model.config.language, model.config.strings), (a) => texts.get(a.sourcePath) ?? '');
console.log(`site: ${records.length} records`);

const shardOf = (url, count) => createHash('sha1').update(url).digest().readUInt32BE(0) % count;

/** Indexes the records of each shard, one Pagefind index at a time; files by output path. */
async function indexShards(count) {
  const files = new Map();
  const times = [];
  for (let shard = 0; shard < count; shard++) {
    const mine = records.filter((r) => shardOf(r.url, count) === shard);
    const started = performance.now();
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
    if (!index) throw new Error(errors.join('; '));
    for (let i = 0; i < mine.length; i += 100) await Promise.all(mine.slice(i, i + 100).map((r) => index.addHTMLFile({ url: r.url, content: r.html })));
    const written = await index.getFiles();
    await index.deleteIndex();
    times.push({ records: mine.length, seconds: (performance.now() - started) / 1000 });
    const folder = shard === 0 ? 'pagefind' : `pagefind/shard-${shard}`;
    for (const f of written.files) files.set(`${folder}/${f.path}`, f.content);
  }
  await pagefind.close();
  return { files, times };
}

const PAGE = (count) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>shards</title></head><body><script type="module">
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.options({ basePath: '/pagefind/' });
await pagefind.init();
for (let i = 1; i < ${count}; i++) await pagefind.mergeIndex('/pagefind/shard-' + i + '/');
await pagefind.filters();
window.ready = true;
window.top10 = async (q) => {
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  return { count: found.results.length, urls: data.map((d) => d.url) };
};
</script></body></html>`;

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
let single = null;
const rows = [];
// Note: one index first, the reference each query's top 10 is compared with.
for (const count of [1, ...values.shards.split(',').map(Number).filter((n) => n !== 1)]) {
  const { files, times } = await indexShards(count);
  files.set('shards.html', PAGE(count));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1);
    const body = files.get(path);
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : path.endsWith('.html') ? 'text/html' : 'application/octet-stream' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = await browser.newPage();
  const sizeOf = (url) => files.get(decodeURIComponent(new URL(url).pathname).slice(1))?.length ?? 0;
  const bytes = { load: 0, query: 0 };
  let phase = 'load';
  page.on('requestfinished', (r) => (bytes[phase] += sizeOf(r.url())));
  await page.goto(`http://127.0.0.1:${server.address().port}/shards.html`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  phase = 'query';
  const first = await page.evaluate((q) => window.top10(q), values.query);
  await page.waitForLoadState('networkidle');
  phase = 'rest';
  const tops = [];
  for (const q of QUERIES) tops.push(await page.evaluate((query) => window.top10(query), q));
  await page.close();
  server.close();
  single ??= tops;
  // Note: the share of one index's top 10 (fewer when a query finds fewer) that these shards' top 10 also has.
  const same = tops.map((t, i) => (single[i].urls.length ? t.urls.filter((u) => single[i].urls.includes(u)).length / single[i].urls.length : 1));
  const largest = times.reduce((a, b) => (b.records > a.records ? b : a));
  const total = [...files].filter(([p]) => p !== 'shards.html').reduce((s, [, c]) => s + c.length, 0);
  rows.push({ count, largest, all: times.reduce((s, t) => s + t.seconds, 0), total, bytes, first, same });
  console.log(`${count} shard(s): largest ${largest.records} records indexed in ${largest.seconds.toFixed(1)} s (all ${rows.at(-1).all.toFixed(1)} s); ${mb(total)} on disk; load ${kb(bytes.load)}, "${values.query}" ${kb(bytes.query)} (${first.count} matches); top 10 shared with one index: ${same.map((x) => x.toFixed(1)).join(' ')}`);
}
await browser.close();

console.log(`\n| shards | largest shard: records, s | all shards s | on disk (a library per shard) | library, entries, filters | "${values.query}", first 10 | share of one index's top 10 (${QUERIES.length} queries) |`);
console.log('|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(`| ${r.count} | ${r.largest.records}, ${r.largest.seconds.toFixed(1)} | ${r.all.toFixed(1)} | ${mb(r.total)} | ${kb(r.bytes.load)} | ${kb(r.bytes.query)} | min ${Math.min(...r.same).toFixed(2)}, mean ${(r.same.reduce((a, b) => a + b, 0) / r.same.length).toFixed(2)} |`);
}
