#!/usr/bin/env node
/**
 * bantin benchmark: builds the same generated corpus with bantin, Eleventy and Hugo and compares wall time
 * and peak memory. Not a test; run it from the repo root:
 *
 *   node bench/run.mjs [--sizes 1000,10000] [--runs 3] [--full] [--only eleventy,hugo] [--seed 2025] [--timeout 3600]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArticles, generateCorpus } from './generate.mjs';
import { countPages, median, memoryMethod, timeCommand } from './measure.mjs';
import { emptyTrash, setAside, TOOLS, toolVersions, trashNotes } from './tools.mjs';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const PAGE_SIZE = 20;
const SAMPLE_ARTICLES = 50;

const USAGE = `usage: node bench/run.mjs [options]
  --sizes 1000,10000   corpus sizes (articles) to build
  --full               also build 100000 articles
  --runs 3             timed runs per tool (median wall time, highest peak RSS)
  --only a,b           tools to run: ${TOOLS.map((t) => t.id).join(', ')} ("bantin" = all three bantin rows)
  --seed 2025          corpus seed
  --timeout 3600       seconds before a single build is stopped`;

function parseArgs(argv) {
  const options = { sizes: [1000, 10000], runs: 3, full: false, only: null, seed: 2025, timeout: 3600 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--sizes') options.sizes = value().split(',').map(Number);
    else if (flag === '--runs') options.runs = Number(value());
    else if (flag === '--full') options.full = true;
    else if (flag === '--only') options.only = value().split(',').map((s) => s.trim());
    else if (flag === '--seed') options.seed = Number(value());
    else if (flag === '--timeout') options.timeout = Number(value());
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  if (options.full && !options.sizes.includes(100_000)) options.sizes.push(100_000);
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs takes a positive integer');
  if (options.only) {
    const known = new Set([...TOOLS.map((t) => t.id), 'bantin']);
    const unknown = options.only.filter((id) => !known.has(id));
    if (unknown.length) throw new Error(`unknown tool ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  }
  return options;
}

function selectedTools(only) {
  if (!only) return TOOLS;
  return TOOLS.filter((t) => only.includes(t.id) || (only.includes('bantin') && t.id.startsWith('bantin')));
}

function generatorHash() {
  const hash = createHash('sha256');
  for (const file of ['generate.mjs', 'corpus-bank.mjs']) hash.update(readFileSync(join(benchDir, file)));
  hash.update(readFileSync(join(benchDir, '..', 'data', 'vn-provinces.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Generates the corpus for n articles unless the same one (count, seed, generator) is already there. */
function ensureCorpus(n, seed) {
  const workDir = join(benchDir, '.work', String(n));
  const corpusDir = join(workDir, 'corpus');
  const manifestFile = join(workDir, 'corpus.json');
  const generator = generatorHash();
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.seed === seed && manifest.count === n && manifest.generator === generator) {
      console.log(`corpus ${n}: reusing ${corpusDir}`);
      return { workDir, corpusDir, manifest };
    }
  }
  setAside(workDir);
  mkdirSync(workDir, { recursive: true });
  const started = performance.now();
  const summary = generateCorpus({ count: n, seed, out: corpusDir });
  const articles = [];
  for (const article of generateArticles({ count: Math.min(n, SAMPLE_ARTICLES), seed })) {
    articles.push({ path: article.path, date: article.meta.date, slug: article.meta.slug });
  }
  const manifest = { ...summary, generator, articles };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  console.log(`corpus ${n}: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { workDir, corpusDir, manifest };
}

function expectedPages(manifest) {
  const listingPages = (counts) => Object.values(counts).reduce((sum, c) => sum + Math.ceil(c / PAGE_SIZE), 0);
  return {
    articles: manifest.count,
    tags: listingPages(manifest.tagCounts),
    provinces: listingPages(manifest.provinceCounts),
    home: Math.ceil(manifest.count / PAGE_SIZE),
    feed: Math.min(PAGE_SIZE, manifest.count),
  };
}

/** The reason a build failed: its last line, plus its first diagnostic ("file:line:col: … [rule-id]"). */
function lastLine(output) {
  const lines = output.trim().split('\n').filter((l) => l.trim());
  const last = lines.at(-1) ?? '';
  const diagnostic = lines.find((l) => /\[[a-z0-9-]+\]\s*$/.test(l) && l !== last);
  return (diagnostic ? `${last}; first: ${diagnostic}` : last).slice(0, 400);
}

/** Checks one tool's output, then times it; returns a result row. */
async function benchTool(tool, ctx, options) {
  const row = { n: ctx.n, tool: tool.label, id: tool.id, seconds: null, rssMiB: null, reason: null, notes: [] };
  const reason = tool.unavailable();
  if (reason) return { ...row, reason };
  try {
    tool.prepare(ctx);
  } catch (error) {
    return { ...row, reason: `could not prepare the site: ${error.message}` };
  }
  const build = tool.build(ctx);
  const timing = { cwd: build.cwd, env: build.env, timeoutSeconds: options.timeout };
  tool.beforeCheck?.(ctx);
  process.stdout.write(`  ${tool.label}: check run… `);
  const check = await timeCommand(build.command, build.args, timing);
  if (!check.ok) {
    console.log('failed');
    return { ...row, reason: `build failed (exit ${check.code}): ${lastLine(check.output)}` };
  }
  if (tool.writesNoPages) {
    console.log(`${check.seconds.toFixed(2)} s, ${check.output.trim().split('\n').at(-1)}`);
  } else {
    row.pages = countPages(tool.out(ctx));
    console.log(`${check.seconds.toFixed(2)} s, ${row.pages.articles} article pages`);
  }
  if (!tool.writesNoPages && row.pages.articles !== ctx.n) {
    return { ...row, reason: `wrote ${row.pages.articles} article pages under YYYY/MM/slug/, expected ${ctx.n}` };
  }
  const seconds = [];
  const rss = [];
  let load = loadavg()[0];
  for (let run = 0; run < options.runs; run++) {
    load = Math.max(load, loadavg()[0]);
    const state = tool.beforeRun?.(ctx, run);
    // Note: a build (or the check run, or the removal before a cold run) leaves hundreds of megabytes
    // still being written back to disk; each timed run, of every tool alike, starts once they are.
    execFileSync('sync');
    const result = await timeCommand(build.command, build.args, timing);
    if (!result.ok) return { ...row, reason: `run ${run + 1} failed (exit ${result.code}): ${lastLine(result.output)}` };
    const note = tool.afterRun?.(ctx, run, state);
    if (note) row.notes.push(note);
    seconds.push(result.seconds);
    rss.push(result.rssMiB);
    console.log(`    run ${run + 1}: ${result.seconds.toFixed(2)} s, ${result.rssMiB.toFixed(0)} MiB (load ${loadavg()[0].toFixed(1)})`);
  }
  load = Math.max(load, loadavg()[0]);
  // Note: other work on the machine inflates wall times; say so next to the numbers instead of hiding it.
  if (load > cpus().length) row.notes.push(`1-minute load average reached ${load.toFixed(1)} on ${cpus().length} CPUs; wall times are inflated`);
  return { ...row, seconds: median(seconds), rssMiB: Math.max(...rss), runs: seconds };
}

function formatRatio(a, b, unit) {
  if (!a || !b || a.seconds == null || b.seconds == null) return 'n/a';
  const value = unit === 'rss' ? a.rssMiB / b.rssMiB : a.seconds / b.seconds;
  return `${value.toFixed(2)}×`;
}

function report(rows, expected, options) {
  const lines = ['| articles | tool | median wall s | peak RSS MiB |', '|---:|---|---:|---:|'];
  for (const row of rows) {
    const wall = row.seconds == null ? `n/a: ${row.reason}` : row.seconds.toFixed(2);
    const rss = row.rssMiB == null ? 'n/a' : row.rssMiB.toFixed(0);
    lines.push(`| ${row.n} | ${row.tool} | ${wall} | ${rss} |`);
  }
  lines.push('');
  for (const n of options.sizes) {
    const find = (id) => rows.find((r) => r.n === n && r.id === id);
    const cold = find('bantin-cold');
    lines.push(
      `- ${n} articles: bantin-cold/Eleventy wall ${formatRatio(cold, find('eleventy'))}, ` +
        `bantin-cold/Hugo wall ${formatRatio(cold, find('hugo'))}, ` +
        `bantin-cold/Hugo peak RSS ${formatRatio(cold, find('hugo'), 'rss')}, ` +
        `bantin-cold/parse floor wall ${formatRatio(cold, find('parse-floor'))}`,
    );
  }
  lines.push(...scaleTargets(rows));
  lines.push('', '| articles | tool | article pages | tag pages | province pages | home pages | feed entries |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|');
  for (const n of options.sizes) {
    const e = expected.get(n);
    lines.push(`| ${n} | expected | ${e.articles} | ${e.tags} | ${e.provinces} | ${e.home} | ${e.feed} |`);
    for (const row of rows.filter((r) => r.n === n && r.pages)) {
      const p = row.pages;
      lines.push(`| ${n} | ${row.tool} | ${p.articles} | ${p.tags} | ${p.provinces} | ${p.home} | ${p.feed} |`);
    }
  }
  const notes = [...rows.flatMap((r) => r.notes.map((note) => `- ${r.n} ${r.tool}: ${note}`)), ...trashNotes.map((note) => `- ${note}`)];
  if (notes.length) lines.push('', 'Notes:', ...notes);
  return lines.join('\n');
}

/**
 * The scale targets of issue 21, each with what this run measured: a one-edit rebuild within 0.6 s
 * at 10,000 articles and 2.0 s at 100,000 (and at most 3× the time for 10× the articles), a
 * rebuild with nothing to do within 1.0 s at 100,000, and a cold build's peak RSS within 1.5 GiB
 * at 100,000. A target whose size was not run is left out.
 */
function scaleTargets(rows) {
  const find = (n, id) => rows.find((r) => r.n === n && r.id === id && r.seconds != null);
  const lines = [];
  const check = (what, value, limit, unit) => {
    if (value == null) return;
    const shown = unit === 'MiB' ? `${value.toFixed(0)} MiB` : unit === '×' ? `${value.toFixed(2)}×` : `${value.toFixed(2)} s`;
    const bound = unit === 'MiB' ? `${limit} MiB` : unit === '×' ? `${limit}×` : `${limit} s`;
    lines.push(`- ${what}: ${shown} (target ≤ ${bound}: ${value <= limit ? 'met' : 'missed'})`);
  };
  const edit10 = find(10_000, 'bantin-warm-edit');
  const edit100 = find(100_000, 'bantin-warm-edit');
  check('one-edit rebuild, 10000 articles', edit10?.seconds, 0.6, 's');
  check('one-edit rebuild, 100000 articles', edit100?.seconds, 2.0, 's');
  check('one-edit rebuild, 100000 / 10000 articles', edit10 && edit100 ? edit100.seconds / edit10.seconds : null, 3, '×');
  check('no-change rebuild, 100000 articles', find(100_000, 'bantin-warm')?.seconds, 1.0, 's');
  check('cold build peak RSS, 100000 articles', find(100_000, 'bantin-cold')?.rssMiB, 1536, 'MiB');
  return lines.length ? ['', 'Scale targets (issue 21):', ...lines] : [];
}

function machineLine() {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${cpus().length} CPUs (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const tools = selectedTools(options.only);
  if (emptyTrash()) {
    // Note: what an interrupted run set aside is deleted now, and the freed inodes left to age (see setAside).
    execFileSync('sync');
    console.log('emptied the trash of an earlier run; waiting 60 s before building');
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  try {
    await benchSizes(options, tools);
  } finally {
    emptyTrash();
  }
}

async function benchSizes(options, tools) {
  const rows = [];
  const expected = new Map();
  for (const n of options.sizes) {
    const { workDir, corpusDir, manifest } = ensureCorpus(n, options.seed);
    expected.set(n, expectedPages(manifest));
    const ctx = { n, workDir, corpusDir, articles: manifest.articles };
    console.log(`${n} articles:`);
    for (const tool of tools) {
      const row = await benchTool(tool, ctx, options);
      if (row.reason) console.log(`  ${tool.label}: n/a (${row.reason})`);
      rows.push(row);
    }
  }
  const table = report(rows, expected, options);
  console.log(`\n${table}\n`);
  const versions = toolVersions();
  const header = [
    `# bantin benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- Machine: ${machineLine()}`,
    `- Node ${versions.node}; Eleventy ${versions.eleventy ?? 'n/a'}; ${versions.hugo ?? 'Hugo n/a'}`,
    `- Command: node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trimEnd(),
    `- Seed ${options.seed}; ${options.runs} timed run(s) per tool after one untimed check run, each after \`sync\`;`,
    '  previous outputs are moved aside, not deleted, until the benchmark ends (see bench/README)',
    `- Wall time: median of the timed runs; peak RSS: highest over the timed runs, via ${memoryMethod()}`,
    `- Load average when the report was written: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    '',
    '',
  ];
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', 'latest.md'), `${header.join('\n')}${table}\n`);
  console.log('written to bench/results/latest.md');
}

main().catch((error) => {
  console.error(`run.mjs: ${error.message}`);
  process.exitCode = 1;
});
