/**
 * Times builds with nothing to do of one site by several bantin builds (a checkout of main and this
 * tree, say), alternating them run by run so that the machine's load falls on all alike; prints a
 * Markdown table (median and lowest wall, user+sys CPU, peak RSS, via GNU time) to add to bench/results/.
 *
 *   node bench/no-change.mjs --site DIR --runs 5 main=/work/cur/lib/bundle/cli.js,main-record.json new=lib/bundle/cli.js,new-record.json
 *
 * Each tool is given with the build record it answers from (`.bantin-cache/build-record.json` as
 * that tool left it), which is put in place before each of its runs: a record names the tool that
 * wrote it, and a build by another rebuilds everything. The site's cache and output are the ones
 * those records describe; nothing else is written. A tool given a third field (`name=cli,record,site`)
 * builds that copy of the site instead; a record given as `-` is the one already in place.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { site: { type: 'string' }, runs: { type: 'string', default: '5' } }, allowPositionals: true });
const site = resolve(values.site ?? '.');
const tools = positionals.map((p) => {
  const [name, rest] = p.split(/=(.*)/s);
  const [cli, record, root] = rest.split(',');
  return { name, cli: resolve(cli), record: record === '-' ? null : resolve(record), site: root ? resolve(root) : site, runs: [] };
});
for (let i = 0; i < Number(values.runs); i++) {
  for (const tool of tools) {
    if (tool.record) copyFileSync(tool.record, join(tool.site, '.bantin-cache/build-record.json'));
    const args = ['-f', '%e %U %S %M', process.execPath, tool.cli, 'build', '--root', tool.site, '--out', join(tool.site, 'dist')];
    const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' } });
    if (r.status !== 0 || !r.stdout.includes('nothing changed since the last build')) throw new Error(`${tool.name}: the build failed or had work to do:\n${r.stdout}${r.stderr}`);
    const [wall, user, sys, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    tool.runs.push({ wall, cpu: user + sys, mb: kb / 1024 });
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const low = (xs) => Math.min(...xs);
console.log(`site: ${[...new Set(tools.map((t) => t.site))].join(', ')}; ${values.runs} runs each, alternated; load average at the end: ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')}\n`);
console.log('| tool | median wall s | lowest wall s | median user+sys s | lowest user+sys s | median peak RSS MiB |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const { name, runs } of tools) {
  const f = (k, pick) => pick(runs.map((r) => r[k])).toFixed(2);
  console.log(`| ${name} | ${f('wall', median)} | ${f('wall', low)} | ${f('cpu', median)} | ${f('cpu', low)} | ${median(runs.map((r) => r.mb)).toFixed(0)} |`);
}
if (tools.length > 1) {
  const [a, b] = [tools[0], tools.at(-1)];
  const ratio = (k) => (median(b.runs.map((r) => r[k])) / median(a.runs.map((r) => r[k]))).toFixed(2);
  console.log(`\n${b.name}/${a.name}: median wall ${ratio('wall')}×, median user+sys ${ratio('cpu')}×`);
}
