#!/usr/bin/env node
/**
 * Benchmark (not a test) of `bantin serve` under load: how slowly does it answer while it rebuilds?
 * Serves a generated site, then for each kind of rebuild (one article saved, a partial every page
 * uses, the config) sends requests from this process — one at a time, a bounded number, every
 * `--interval` ms — from the save until the server logs the end of the rebuild, and prints the
 * slowest and median answer during it next to the rebuild's own time.
 *
 *   node bench/serve-load.mjs [--count 10000] [--seed 1] [--interval 20] [--max-requests 5000]
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = join(benchDir, '..');
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    interval: { type: 'string', default: '20' },
    'max-requests': { type: 'string', default: '5000' },
  },
});
const n = Number(values.count);
const interval = Number(values.interval);
const maxRequests = Number(values['max-requests']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One GET; resolves with the status and the time to the last byte (ms). */
function timedGet(url) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.setTimeout(120_000, () => req.destroy());
  });
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

const corpus = join(benchDir, '.work', `serve-${n}`, 'corpus');
if (!existsSync(join(corpus, 'content'))) {
  console.error(`generating ${n} articles into ${corpus}`);
  spawnSync(process.execPath, [join(benchDir, 'generate.mjs'), '--count', String(n), '--seed', values.seed, '--out', corpus], { stdio: 'inherit' });
}
const site = join(benchDir, '.work', `serve-load-${n}`, 'bantin');
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 'content'), { recursive: true });
if (spawnSync('cp', ['-al', `${join(corpus, 'content')}/.`, `${join(site, 'content')}/`]).status !== 0) cpSync(join(corpus, 'content'), join(site, 'content'), { recursive: true });
cpSync(join(repoDir, 'templates'), join(site, 'templates'), { recursive: true });
// Note: as in the other benchmarks, no search index (the peers build none; Pagefind runs in its own process).
const config = (title) => `title: ${title}\npageSize: 20\nsearch: { enabled: false }\n`;
writeFileSync(join(site, 'bantin.config.yaml'), config('Cổng thông tin thử'));

const year = readdirSync(join(site, 'content')).filter((d) => /^\d{4}$/.test(d)).sort()[0];
const articleFile = join(site, 'content', year, readdirSync(join(site, 'content', year)).sort()[0]);
const text = readFileSync(articleFile, 'utf8');
const slug = /^slug: *"?([^"\n]+)"?$/m.exec(text)[1];
const [, y, m] = /^date: *"?(\d{4})-(\d\d)/m.exec(text);
const port = 18_400;
const base = `http://127.0.0.1:${port}`;
const targets = ['/', `/${y}/${m}/${slug}/`, '/assets/style.css', '/tags/', '/page/7/'];

const started = performance.now();
const child = spawn(process.execPath, [join(repoDir, 'lib/bundle/cli.js'), 'serve', '--root', site, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
const lines = [];
let onLine = () => {};
for (const stream of [child.stdout, child.stderr]) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const line of parts) {
      lines.push(line);
      onLine(line);
    }
  });
}
const nextLine = (pattern) => new Promise((resolve) => {
  const found = lines.find((l) => pattern.test(l));
  if (found) return resolve(found);
  const previous = onLine;
  onLine = (line) => {
    previous(line);
    if (pattern.test(line)) resolve(line);
  };
});

try {
  await nextLine(/^built in \d+ ms/);
  for (;;) {
    if ((await timedGet(`${base}/`)).status === 200) break;
    await sleep(50);
  }
  const startup = (performance.now() - started) / 1000;
  console.error(`serving ${n} articles after ${startup.toFixed(1)} s`);

  const scenarios = [
    ['one article saved', () => {
      writeFileSync(`${articleFile}.tmp`, `${text.trimEnd()}\n\nCâu thêm để đo.\n`);
      renameSync(`${articleFile}.tmp`, articleFile);
    }],
    ['a partial every page uses', () => appendFileSync(join(site, 'templates/partials/footer.liquid'), '<!-- đo tải -->\n')],
    ['the config (every article parsed again)', () => writeFileSync(join(site, 'bantin.config.yaml'), config('Cổng thông tin đổi tên'))],
  ];
  const rows = [];
  for (const [name, change] of scenarios) {
    lines.length = 0;
    const done = nextLine(/^rebuilt after .* in (\d+) ms/);
    let finished = false;
    void done.then(() => (finished = true));
    change();
    const times = [];
    let failures = 0;
    while (!finished && times.length < maxRequests) {
      const r = await timedGet(`${base}${targets[times.length % targets.length]}`);
      if (finished) break;
      times.push(r.ms);
      if (r.status !== 200) failures++;
      await sleep(interval);
    }
    const rebuildMs = Number(/ in (\d+) ms/.exec(await done)[1]);
    rows.push({ name, rebuildMs, count: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(0, ...times), failures });
    console.error(`${name}: rebuild ${rebuildMs} ms, ${times.length} answers during it, slowest ${rows.at(-1).max.toFixed(0)} ms`);
    await sleep(1000);
  }

  console.log(`\n\`bantin serve\`, ${n} articles: answers during a rebuild (requests one at a time every ${interval} ms from a second process on 127.0.0.1; ${process.version}, ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} cores)\n`);
  console.log('| rebuild after | rebuild ms | answers during it | p50 ms | p95 ms | slowest ms | not 200 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const f = (x) => (x === undefined ? '–' : x.toFixed(0));
    console.log(`| ${r.name} | ${r.rebuildMs} | ${r.count} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.max)} | ${r.failures} |`);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
}
