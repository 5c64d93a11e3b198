#!/usr/bin/env node
/**
 * Where a cold build's time goes (issue 27): builds a bench site once with `--cpu-prof` (every
 * thread: the main one and each worker), from the compiled modules in lib/ rather than the bundle so
 * that each sample names its module, and prints a table of CPU time by part of the build and by thread.
 *
 *   node bench/profile.mjs [--size 1000]     (after `node bench/run.mjs --sizes 1000`, which makes the site)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = join(benchDir, '..');
const size = Number(process.argv[process.argv.indexOf('--size') + 1] || 1000);
const site = join(benchDir, '.work', String(size), 'bantin');
if (!existsSync(site)) {
  console.error(`no bench site at ${site}; run node bench/run.mjs --sizes ${size} first`);
  process.exit(2);
}

/** The part of the build a sample's script belongs to, by its path (first match wins). */
const PARTS = [
  ['Markdown parse (micromark, mdast)', /node_modules\/(micromark|mdast-util-from-markdown|mdast-util-gfm|remark-parse|decode-named|character-entities|unist-util-visit)/],
  ['mdast → hast, sanitise, HTML (remark-rehype, rehype-*, hast-*)', /node_modules\/(mdast-util-to-hast|remark-rehype|rehype-|hast-|hastscript|property-information|stringify-entities|html-void|space-separated|comma-separated|zwitch|ccount)/],
  ['unified, vfile', /node_modules\/(unified|vfile|trough|bail|devlop|extend|is-plain-obj)/],
  ['front matter (gray-matter, js-yaml, yaml)', /node_modules\/(gray-matter|js-yaml|yaml|section-matter|kind-of|strip-bom)/],
  ['templates (liquidjs)', /node_modules\/liquidjs/],
  ['photos (sharp)', /node_modules\/(sharp|@img)/],
  ['bantin: article stage (content/, markdown, shortcodes)', /lib\/(content\/|markdown\.js|shortcodes\.js|links\.js|vietnamese\/)/],
  ['bantin: collect', /lib\/collect/],
  ['bantin: render', /lib\/render\//],
  ['bantin: write', /lib\/write\//],
  ['bantin: cache, config, pipeline, other', /lib\//],
  ['Node internals (fs, workers, streams, module loading)', /^node:|^internal\//],
];

const dir = mkdtempSync(join(tmpdir(), 'bantin-profile-'));
const out = join(dir, 'dist');
const started = performance.now();
execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'prof')}`, join(repoDir, 'lib', 'cli.js'), 'build', '--root', site, '--out', out, '--no-cache'], { stdio: 'ignore' });
const wall = (performance.now() - started) / 1000;

const rows = new Map();
const threads = [];
for (const file of readdirSync(join(dir, 'prof')).sort()) {
  const profile = JSON.parse(readFileSync(join(dir, 'prof', file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  // Note: timeDeltas are in microseconds; a sample's time is the delta after it.
  const perSample = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length) / 1000;
  let total = 0;
  for (const [id, count] of counts) {
    const node = byId.get(id);
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    const name = node.callFrame.functionName;
    const part = name === '(garbage collector)' ? 'garbage collection' : name === '(idle)' || name === '(program)' ? 'idle, waiting' : (PARTS.find(([, re]) => re.test(url))?.[0] ?? (url ? 'other packages' : 'native, uncategorised'));
    const ms = count * perSample;
    total += ms;
    const row = rows.get(part) ?? { ms: 0, threads: new Set() };
    row.ms += ms;
    row.threads.add(threads.length);
    rows.set(part, row);
  }
  threads.push({ file, ms: total });
}
rmSync(dir, { recursive: true, force: true });

const busy = [...rows].filter(([part]) => part !== 'idle, waiting').reduce((sum, [, r]) => sum + r.ms, 0);
console.log(`cold build of ${size} articles: ${wall.toFixed(2)} s wall (with profiling), ${threads.length} threads, ${(busy / 1000).toFixed(2)} s of CPU outside idle\n`);
console.log('| part of the build | CPU s | share of busy CPU |');
console.log('|---|---:|---:|');
for (const [part, row] of [...rows].sort((a, b) => b[1].ms - a[1].ms)) {
  if (part === 'idle, waiting') continue;
  console.log(`| ${part} | ${(row.ms / 1000).toFixed(2)} | ${((row.ms / busy) * 100).toFixed(1)}% |`);
}
console.log('\n| thread | profiled s (busy and idle) |');
console.log('|---|---:|');
threads.forEach((t, i) => console.log(`| ${i === 0 ? 'main' : `worker ${i}`} | ${(t.ms / 1000).toFixed(2)} |`));
