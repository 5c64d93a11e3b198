#!/usr/bin/env node
/**
 * The portal benchmark (issue 22): the bench corpus built as today's single stream, and the same
 * articles spread over sections with a tree of pages, each built cold; prints wall time, pages
 * written and time per page, and the portal's cost per page against the stream's.
 *
 *   npm run compile && node bench/portal.mjs [--count 10000] [--sections 4] [--pages 50] [--runs 3] [--seed 2025]
 *
 * Search is off in both, as in `bench/run.mjs` (the peers have none).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';
import { median, timeCommand } from './measure.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(REPO, 'lib/bundle/cli.js');

function parseArgs(argv) {
  const options = { count: 10000, sections: 4, pages: 50, runs: 3, seed: 2025 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown argument ${argv[i]}; usage: portal.mjs [--count N] [--sections N] [--pages N] [--runs N] [--seed S]`);
    options[key] = Number(argv[i + 1]);
    if (!Number.isInteger(options[key]) || options[key] < (key === 'seed' ? 0 : 1)) throw new Error(`--${key} must be a whole number`);
  }
  return options;
}

const SECTION_TITLES = ['Tin tức – Sự kiện', 'Thông báo', 'Chỉ đạo – Điều hành', 'Lịch công tác', 'Văn hóa – Xã hội', 'Kinh tế', 'Quốc phòng – An ninh', 'Y tế – Giáo dục'];

/** The corpus's articles moved into `sections` folders (round robin over the sorted files), and `pages` pages in a two-level tree. */
function makePortal(stream, portal, sections, pages) {
  rmSync(portal, { recursive: true, force: true });
  cpSync(stream, portal, { recursive: true });
  const ids = Array.from({ length: sections }, (_, i) => `muc-${i + 1}`);
  let n = 0;
  for (const year of readdirSync(join(portal, 'content')).sort()) {
    for (const file of readdirSync(join(portal, 'content', year)).sort()) {
      const id = ids[n++ % ids.length];
      mkdirSync(join(portal, 'content', id, year), { recursive: true });
      renameSync(join(portal, 'content', year, file), join(portal, 'content', id, year, file));
    }
    rmSync(join(portal, 'content', year), { recursive: true });
  }
  const parents = Math.max(1, Math.round(Math.sqrt(pages)));
  for (let i = 0; i < pages; i++) {
    const parent = `trang-${(i % parents) + 1}`;
    const top = i < parents;
    const path = top ? join(portal, 'content/pages', parent, 'index.md') : join(portal, 'content/pages', parent, `muc-${i}.md`);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `---\ntitle: Trang ${i + 1}\nweight: ${i}\nsummary: Nội dung giới thiệu số ${i + 1}.\n---\n\nĐoạn văn của trang ${i + 1}, với [một liên kết](/tags/).\n`);
  }
  const list = ids.map((id, i) => `  - { id: ${id}, title: "${SECTION_TITLES[i % SECTION_TITLES.length]} ${i + 1}", home: 5 }`).join('\n');
  writeFileSync(join(portal, 'bantin.config.yaml'), `search: { enabled: false }\nsections:\n${list}\n`);
  return ids;
}

async function buildCold(site, runs) {
  const times = [];
  let pages = 0;
  for (let r = 0; r < runs; r++) {
    rmSync(join(site, 'dist'), { recursive: true, force: true });
    const result = await timeCommand(process.execPath, [CLI, 'build', '--root', site, '--no-cache'], { cwd: site });
    if (!result.ok) throw new Error(`build of ${site} failed: ${result.output.trim().split('\n').slice(-3).join(' / ')}`);
    const built = /built (\d+) articles, (\d+) pages/.exec(result.output);
    pages = built ? Number(built[2]) : 0;
    times.push(result.seconds);
  }
  return { seconds: median(times), times, pages };
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(CLI)) throw new Error('run npm run compile first: lib/bundle/cli.js is missing');
const work = join(REPO, 'bench/.work/portal', String(options.count));
const stream = join(work, 'stream');
if (!existsSync(join(stream, 'content'))) {
  mkdirSync(stream, { recursive: true });
  generateCorpus({ count: options.count, seed: options.seed, out: stream });
}
writeFileSync(join(stream, 'bantin.config.yaml'), 'search: { enabled: false }\n');
const portal = join(work, 'portal');
makePortal(stream, portal, options.sections, options.pages);

const rows = [];
for (const [name, site] of [['single stream', stream], [`${options.sections} sections + ${options.pages} pages`, portal]]) {
  const r = await buildCold(site, options.runs);
  rows.push({ name, ...r, perPage: (r.seconds * 1000) / r.pages });
  console.log(`${name}: ${r.seconds.toFixed(2)} s (runs ${r.times.map((t) => t.toFixed(2)).join(', ')}), ${r.pages} pages, ${((r.seconds * 1000) / r.pages).toFixed(2)} ms a page`);
}
const ratio = rows[1].perPage / rows[0].perPage;
console.log(`portal / stream, per page: ${ratio.toFixed(2)}× (target ≤ 1.00×: "no slower per page")`);
