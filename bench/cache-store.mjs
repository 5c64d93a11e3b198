/**
 * The build cache's storage compared: builds one site with each variant of bantin (a CLI, with
 * environment settings) from a cold cache, then warm, and prints a markdown table of cold build,
 * peak RSS, one-edit and no-change rebuilds, cache size on disk and the lines of code of each
 * variant's store. Not part of `npm test`.
 *
 *   node bench/cache-store.mjs --site /work/big/l10k --site /work/big/l100k \
 *     --variant packs=lib/bundle/cli.js --variant "lmdb=lib/bundle/cli.js,BANTIN_CACHE_STORE=lmdb" \
 *     [--loc packs=src/cache/store.ts,src/cache/journal.ts] [--runs 2] [--damage] [--out bench/results/cache-store.md]
 *
 * A site is built in place (its `dist/` and `.bantin-cache/` are removed first); a one-edit rebuild
 * replaces the last line of one article (a temporary file moved over it). Each warm figure is the
 * median of `--runs` builds after a first warm build. Times come from GNU time (`%e s %M KB`).
 * `--damage` then damages the largest file of the cache folder (bytes flipped, then cut to half)
 * and reports how the next two builds ended.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const many = (flag) => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));
const one = (flag, fallback) => many(flag).at(-1) ?? fallback;
const sites = many('--site').map((s) => resolve(s));
const runs = Number(one('--runs', '2'));
const out = one('--out', null);
const damage = args.includes('--damage');
const variants = many('--variant').map((spec) => {
  const [name, rest] = spec.split(/=(.*)/s);
  const [cli, ...envs] = rest.split(',');
  return { name, cli: resolve(cli), env: Object.fromEntries(envs.map((e) => e.split(/=(.*)/s))) };
});
const loc = new Map(many('--loc').map((spec) => spec.split(/=(.*)/s)).map(([name, files]) => [name, files.split(',')]));
if (sites.length === 0 || variants.length === 0) {
  console.error('usage: node bench/cache-store.mjs --site DIR… --variant NAME=CLI[,ENV=VALUE…]… [--loc NAME=FILE,…] [--runs 2] [--out FILE]');
  process.exit(2);
}

/** Lines of code of some files: lines that are neither blank nor only a comment. */
function linesOfCode(files) {
  let n = 0;
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const t = line.trim();
      if (t && !t.startsWith('//') && !t.startsWith('/*') && !t.startsWith('*')) n++;
    }
  }
  return n;
}

function sizeMiB(dir) {
  const walk = (d) => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? walk(join(d, e.name)) : statSync(join(d, e.name)).size), 0);
  try {
    return walk(dir) / 1024 / 1024;
  } catch {
    return 0;
  }
}

function run(variant, site) {
  const env = { ...process.env, ...variant.env };
  if (site.includes('100k')) env.NODE_OPTIONS = '--max-old-space-size=8192';
  return spawnSync('/usr/bin/time', ['-f', '%e s %M KB', 'node', variant.cli, 'build', '--root', site, '--out', join(site, 'dist')], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** One timed build: wall seconds and peak RSS in MiB. */
function build(variant, site) {
  const r = run(variant, site);
  const m = /([\d.]+) s (\d+) KB\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${variant.name} failed on ${site} (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('built ')) ?? '';
  process.stderr.write(`  ${variant.name} ${site}: ${m[1]} s ${(Number(m[2]) / 1024).toFixed(0)} MiB | ${line}\n`);
  return { seconds: Number(m[1]), rss: Number(m[2]) / 1024 };
}

/** The first article of a site (in name order), to edit. */
function firstArticle(site) {
  let dir = join(site, 'content');
  for (;;) {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const md = entries.find((e) => e.isFile() && e.name.endsWith('.md'));
    if (md) return join(dir, md.name);
    dir = join(dir, entries.find((e) => e.isDirectory()).name);
  }
}

let edits = 0;
/** Replaces the article's last non-blank line, through a temporary file moved over it. */
function edit(file) {
  const lines = readFileSync(file, 'utf8').replace(/\n+$/, '').split('\n');
  lines[lines.length - 1] = `Đoạn sửa lần ${++edits} của bản tin này, để đo một lần dựng lại.`;
  writeFileSync(`${file}.tmp`, `${lines.join('\n')}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The largest file below a folder. */
function largest(dir) {
  const files = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : files.push(join(d, e.name))));
  walk(dir);
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

/** How a build ended: `ok`, `ok, warned` (a [cache-ignored] line), or the exit code or signal of a failure. */
function ending(r) {
  const status = r.status ?? r.signal;
  const signal = /Command terminated by signal (\d+)/.exec(r.stderr)?.[1];
  if (r.status === 0) return r.stderr.includes('[cache-ignored]') ? 'ok, warned' : 'ok';
  return signal ? `killed by signal ${signal}` : `exit ${status}`;
}

/** Damages the cache's largest file, then builds twice (one edit each); a cache left unusable is removed and rebuilt. */
function damaged(variant, site, article) {
  const endings = [];
  for (const [name, hurt] of [
    ['bytes flipped', (f) => {
      const b = readFileSync(f);
      for (let i = 0; i < b.length; i += 7) b[i] ^= 0x5a;
      writeFileSync(f, b);
    }],
    ['cut to half', (f) => writeFileSync(f, readFileSync(f).subarray(0, statSync(f).size >> 1))],
  ]) {
    const file = largest(join(site, '.bantin-cache'));
    hurt(file);
    const after = [];
    for (let i = 0; i < 2; i++) {
      edit(article);
      after.push(ending(run(variant, site)));
    }
    endings.push(`${name} (${file.slice(join(site, '.bantin-cache').length + 1)}): ${after.join(', then ')}`);
    if (!after[1].startsWith('ok')) {
      rmSync(join(site, '.bantin-cache'), { recursive: true, force: true });
      build(variant, site);
    }
  }
  return endings.join('; ');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const rows = [];
const damages = [];
for (const site of sites) {
  const article = firstArticle(site);
  const count = execFileSync('find', [join(site, 'content'), '-name', '*.md'], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean).length;
  for (const variant of variants) {
    rmSync(join(site, 'dist'), { recursive: true, force: true });
    rmSync(join(site, '.bantin-cache'), { recursive: true, force: true });
    const cold = build(variant, site);
    edit(article);
    build(variant, site);
    const oneEdit = [];
    let editRss = 0;
    for (let i = 0; i < runs; i++) {
      edit(article);
      const r = build(variant, site);
      oneEdit.push(r.seconds);
      editRss = Math.max(editRss, r.rss);
    }
    const noChange = [];
    for (let i = 0; i < runs; i++) noChange.push(build(variant, site).seconds);
    const cache = sizeMiB(join(site, '.bantin-cache'));
    const lines = loc.has(variant.name) ? linesOfCode(loc.get(variant.name)) : null;
    if (damage) damages.push(`- ${variant.name}, ${count.toLocaleString('en')} articles: ${damaged(variant, site, article)}`);
    rows.push({ articles: count, variant: variant.name, cold: cold.seconds, rss: cold.rss, editRss, oneEdit, noChange, cache, lines });
  }
}

const fmt = (x, d = 2) => x.toFixed(d);
const table = [
  '| articles | store | cold build s | peak RSS MiB cold | peak RSS MiB one-edit | one-edit rebuild s | no-change rebuild s | cache on disk MiB | lines of code |',
  '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.articles.toLocaleString('en')} | ${r.variant} | ${fmt(r.cold, 1)} | ${fmt(r.rss, 0)} | ${fmt(r.editRss, 0)} | ${fmt(median(r.oneEdit))} (${r.oneEdit.map((x) => fmt(x)).join(', ')}) | ${fmt(median(r.noChange))} (${r.noChange.map((x) => fmt(x)).join(', ')}) | ${fmt(r.cache, 1)} | ${r.lines ?? 'n/a'} |`),
];
const report = [
  `# Build cache storage: ${variants.map((v) => v.name).join(' vs ')}`,
  '',
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version} (shared with other builds: compare variants of one run, not runs)`,
  `- command: node bench/cache-store.mjs ${args.join(' ')}`,
  `- warm figures: median of ${runs} builds after a first warm build, the lower middle one for an even count (each run in brackets); peak RSS (GNU time %M) of the cold build and the largest of the one-edit builds; lines of code: neither blank nor only a comment`,
  '',
  ...table,
  '',
  ...(damage ? ['The cache damaged, then two builds with one edit each (a cache left unusable is then removed and rebuilt):', '', ...damages, ''] : []),
].join('\n');
process.stdout.write(report);
if (out) writeFileSync(out, report);
