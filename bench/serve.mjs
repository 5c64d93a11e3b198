#!/usr/bin/env node
/**
 * Benchmark (not a test) of `bantin serve`: time from saving an article to its page serving the new
 * text, on generated sites, beside Eleventy's `--serve --incremental` and `hugo server` on the same
 * corpus in the same run.
 *
 *   node bench/serve.mjs [--counts 1000,10000] [--runs 20] [--seed 1] [--tools bantin,eleventy,hugo]
 *
 * Each tool serves its own hard-linked copy of the corpus; a run rewrites one article through a
 * rename (as editors save) and polls its page over HTTP every 5 ms until the new sentence appears.
 * Prints p50/p95 per tool and size, and the ratio of each peer's p50 to bantin's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = join(benchDir, '..');
const { values } = parseArgs({
  options: { counts: { type: 'string', default: '1000,10000' }, runs: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' }, tools: { type: 'string', default: 'bantin,eleventy,hugo' } },
});
const counts = values.counts.split(',').map(Number);
const runs = Number(values.runs);
const wanted = new Set(values.tools.split(','));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fetchText(url) {
  return new Promise((resolve) => {
    const req = get(url, { headers: { 'Cache-Control': 'no-cache' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.setTimeout(60_000, () => req.destroy());
  });
}

function corpusFor(n) {
  const dir = join(benchDir, '.work', `serve-${n}`, 'corpus');
  if (!existsSync(join(dir, 'content'))) {
    console.error(`generating ${n} articles into ${dir}`);
    spawnSync(process.execPath, [join(benchDir, 'generate.mjs'), '--count', String(n), '--seed', values.seed, '--out', dir], { stdio: 'inherit' });
  }
  return dir;
}

function listArticles(content) {
  const out = [];
  for (const year of readdirSync(content).filter((d) => /^\d{4}$/.test(d)).sort()) {
    for (const name of readdirSync(join(content, year)).sort()) {
      const text = readFileSync(join(content, year, name), 'utf8');
      const slug = /^slug: *"?([^"\n]+)"?$/m.exec(text)?.[1] ?? name.replace(/\.md$/, '');
      const date = /^date: *"?(\d{4})-(\d\d)/m.exec(text);
      out.push({ rel: join(year, name), url: `/${date[1]}/${date[2]}/${slug}/` });
    }
  }
  return out;
}

const TOOLS = {
  bantin: {
    prepare(work, corpus) {
      const site = join(work, 'bantin');
      linkTree(join(corpus, 'content'), join(site, 'content'));
      // Note: no search index, as in run.mjs (the peers build none).
      writeFileSync(join(site, 'bantin.config.yaml'), 'pageSize: 20\nsearch: { enabled: false }\n');
      return { site, content: join(site, 'content') };
    },
    start: ({ site }, port, log) => spawn(process.execPath, [join(repoDir, 'lib/bundle/cli.js'), 'serve', '--root', site, '--port', String(port)], { stdio: ['ignore', log, log] }),
  },
  eleventy: {
    prepare(work, corpus) {
      const site = join(work, 'eleventy');
      cpSync(join(benchDir, 'eleventy', 'site'), site, { recursive: true });
      linkTree(join(corpus, 'content'), join(site, 'content'));
      return { site, content: join(site, 'content') };
    },
    start: ({ site }, port, log) =>
      spawn(process.execPath, [join(benchDir, 'node_modules/@11ty/eleventy/cmd.cjs'), `--config=${join(benchDir, 'eleventy/eleventy.config.mjs')}`, '--input=.', '--output=_site', '--serve', '--incremental', `--port=${port}`, '--quiet'], { cwd: site, stdio: ['ignore', log, log] }),
  },
  hugo: {
    prepare(work, corpus) {
      const site = join(work, 'hugo');
      cpSync(join(benchDir, 'hugo'), site, { recursive: true });
      linkTree(join(corpus, 'content'), join(work, 'hugo-corpus', 'content'));
      return { site, content: join(work, 'hugo-corpus', 'content'), contentDir: join(work, 'hugo-corpus') };
    },
    start: ({ site, contentDir }, port, log) =>
      spawn('hugo', ['server', '--source', site, '--contentDir', contentDir, '--port', String(port), '--bind', '127.0.0.1', '--disableFastRender', '--quiet'], { cwd: site, stdio: ['ignore', log, log] }),
  },
};

function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  if (spawnSync('cp', ['-al', `${from}/.`, `${to}/`]).status !== 0) cpSync(from, to, { recursive: true });
}

function available(tool) {
  if (tool === 'bantin') return existsSync(join(repoDir, 'lib/bundle/cli.js')) || 'lib/bundle/cli.js missing: run npm run compile';
  if (tool === 'eleventy') return existsSync(join(benchDir, 'node_modules/@11ty/eleventy/cmd.cjs')) || 'bench/node_modules missing: cd bench && npm install';
  if (tool === 'hugo') return spawnSync('hugo', ['version']).status === 0 || 'hugo not on PATH';
  return 'unknown tool';
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function measure(name, n, port) {
  const work = join(benchDir, '.work', `serve-${n}`, 'run');
  rmSync(join(work, name), { recursive: true, force: true });
  rmSync(join(work, 'hugo-corpus'), { recursive: true, force: true });
  const prepared = TOOLS[name].prepare(work, corpusFor(n));
  const articles = listArticles(prepared.content);
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = TOOLS[name].start(prepared, port, openSync(join(work, `${name}.log`), 'w'));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      const r = await fetchText(`${base}${articles[0].url}`);
      if (r.status === 200) break;
      if (performance.now() - started > 30 * 60_000) throw new Error(`${name} did not serve within 30 minutes`);
      await sleep(100);
    }
    const startup = performance.now() - started;
    const times = [];
    for (let run = 0; run < runs; run++) {
      const article = articles[(run * 7919 + 1) % articles.length];
      const file = join(prepared.content, article.rel);
      const marker = `Câu đo lần ${run + 1} ${Date.now()}.`;
      const text = readFileSync(file, 'utf8');
      // Note: saved through a rename, as editors do; this also breaks the hard link to the shared corpus.
      writeFileSync(`${file}.tmp`, `${text.trimEnd()}\n\n${marker}\n`);
      const t0 = performance.now();
      renameSync(`${file}.tmp`, file);
      for (;;) {
        const r = await fetchText(`${base}${article.url}`);
        if (r.body.includes(marker)) break;
        if (performance.now() - t0 > 120_000) throw new Error(`${name}: ${article.url} did not show the edit within 2 minutes`);
        await sleep(5);
      }
      times.push(performance.now() - t0);
      await sleep(300);
    }
    return { startup, p50: percentile(times, 50), p95: percentile(times, 95) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

const rows = [];
let port = 18_300;
for (const n of counts) {
  for (const name of ['bantin', 'eleventy', 'hugo'].filter((t) => wanted.has(t))) {
    const ok = available(name);
    if (ok !== true) {
      rows.push({ name, n, note: ok });
      continue;
    }
    try {
      rows.push({ name, n, ...(await measure(name, n, port++)) });
    } catch (e) {
      rows.push({ name, n, note: e.message });
    }
    const r = rows.at(-1);
    console.error(`${name} ${n}: ${r.note ?? `p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms (first page after ${(r.startup / 1000).toFixed(1)} s)`}`);
  }
}

console.log(`\nsave → page shows the edit (${runs} runs, ${process.version}, ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} cores)\n`);
console.log('| tool | articles | p50 ms | p95 ms | p50 vs bantin | first page served after |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const ours = rows.find((x) => x.name === 'bantin' && x.n === r.n && x.p50 !== undefined);
  if (r.note) console.log(`| ${r.name} | ${r.n} | – | – | – | ${r.note} |`);
  else console.log(`| ${r.name} | ${r.n} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${ours ? `${(r.p50 / ours.p50).toFixed(2)}×` : '–'} | ${(r.startup / 1000).toFixed(1)} s |`);
}
