#!/usr/bin/env node
/**
 * The document registry benchmark (issue 23): a portal with a registry of many documents (20,000 by
 * default, one in four with a PDF, one in ten replacing an older one, one in twenty amending one)
 * beside the bench corpus's articles. It builds the site cold (cache on), then rebuilds it after
 * editing one article and after editing one document, `--runs` times each (a different file each
 * time), and checks each rebuild shows its edit; prints the medians and the document edit's time
 * against the article edit's.
 *
 *   npm run compile && node bench/documents.mjs [--documents 20000] [--articles 2000] [--runs 5] [--seed 2025]
 *
 * Search is off, as in `bench/run.mjs` (the peers have none). It runs twice: with the registry's
 * open data (`documents.json`, `documents.csv`, rewritten whole on a document edit) and without it
 * (`documents: { openData: false }`), to tell what the open data costs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateCorpus } from './generate.mjs';
import { median, timeCommand } from './measure.mjs';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(REPO, 'lib/bundle/cli.js');

function parseArgs(argv) {
  const options = { documents: 20000, articles: 2000, runs: 5, seed: 2025 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown argument ${argv[i]}; usage: documents.mjs [--documents N] [--articles N] [--runs N] [--seed S]`);
    options[key] = Number(argv[i + 1]);
    if (!Number.isInteger(options[key]) || options[key] < (key === 'seed' ? 0 : 1)) throw new Error(`--${key} must be a whole number`);
  }
  return options;
}

const TYPES = [
  ['Quyết định', 'QĐ'],
  ['Kế hoạch', 'KH'],
  ['Thông báo', 'TB'],
  ['Công văn', null],
  ['Báo cáo', 'BC'],
  ['Chỉ thị', 'CT'],
];
const FIELDS = ['Hành chính', 'Đất đai', 'Giáo dục', 'Y tế', 'Nông nghiệp', 'Chuyển đổi số', 'Tài chính', 'Giao thông'];
const UNITS = ['KT', 'VX', 'NC', 'TH', 'KSTT'];
const SUBJECTS = ['triển khai chính quyền địa phương hai cấp', 'phân bổ vốn đầu tư công', 'phòng, chống thiên tai', 'chuyển đổi số cấp xã', 'cải cách thủ tục hành chính', 'bảo đảm an toàn giao thông', 'tuyển sinh năm học mới', 'quản lý đất đai'];

/** A tiny valid PDF (one page), as a document's signed file stands in for. */
function pdf(number) {
  const text = `BT /F1 12 Tf 72 770 Td (So: ${number.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}) Tj ET`;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>', '<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>', `<< /Length ${text.length} >>\nstream\n${text}\nendstream`];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

/** Writes `count` document records into `site/content/van-ban/YYYY/`; returns each one's path and page. */
function writeDocuments(site, count, seed) {
  const random = createRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const made = [];
  const serial = new Map();
  for (let i = 0; i < count; i++) {
    const year = 2015 + (i % 11);
    const [type, abbr] = TYPES[i % TYPES.length];
    const key = `${year} ${abbr}`;
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    const number = abbr ? `${n}/${abbr}-UBND` : `${n}/UBND-${pick(UNITS)}`;
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const slug = number.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const lines = [`number: ${number}`, `type: ${type}`, `issued: ${year}-${month}-${day}`, `summary: Về việc ${pick(SUBJECTS)} năm ${year} (số ${n})`, `field: ${pick(FIELDS)}`, 'signer: Nguyễn Văn An', 'signer_title: Chủ tịch'];
    // Note: a later document of the same type replaces (one in ten) or amends (one in twenty) an earlier one of its year.
    const earlier = made.filter((d) => d.year === year && d.type === type);
    if (earlier.length && i % 10 === 0) lines.push(`replaces: [${earlier[earlier.length - 1].number} (${year})]`);
    else if (earlier.length > 1 && i % 20 === 5) lines.push(`amends: [${earlier[earlier.length - 2].number} (${year})]`);
    const folder = join(site, 'content/van-ban', String(year));
    mkdirSync(folder, { recursive: true });
    if (i % 4 === 0) {
      writeFileSync(join(folder, `${slug}.pdf`), pdf(number));
      lines.push(`files: [${slug}.pdf]`);
    }
    const path = join(folder, `${slug}.md`);
    writeFileSync(path, `---\n${lines.join('\n')}\n---\nGhi chú của văn bản số ${number}.\n`);
    made.push({ number, type, year, path, page: join(site, 'dist/van-ban', String(year), slug, 'index.html') });
  }
  return made;
}

/** Runs a build of `site` and returns its wall time; fails on a failed build. */
async function build(site) {
  const result = await timeCommand(process.execPath, [CLI, 'build', '--root', site], { cwd: site });
  if (!result.ok) throw new Error(`build failed: ${result.output.trim().split('\n').slice(-3).join(' / ')}`);
  return { seconds: result.seconds, rssMiB: result.rssMiB, output: result.output };
}

/** Rewrites a file with `change` applied, through a rename as editors save. */
function edit(file, change) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(`${file}.tmp`, change(text));
  renameSync(`${file}.tmp`, file);
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(CLI)) throw new Error('run npm run compile first: lib/bundle/cli.js is missing');
const site = join(REPO, 'bench/.work/documents', `${options.documents}-${options.articles}`);
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
const corpus = join(site, '.corpus');
generateCorpus({ count: options.articles, seed: options.seed, out: corpus });
renameSync(join(corpus, 'content'), join(site, 'content-articles'));
mkdirSync(join(site, 'content'), { recursive: true });
renameSync(join(site, 'content-articles'), join(site, 'content/tin-tuc'));
rmSync(corpus, { recursive: true, force: true });
const config = (openData) => `search: { enabled: false }\nsections:\n  - { id: tin-tuc, title: Tin tức, home: 5 }\n  - { id: van-ban, title: Văn bản, kind: documents }\ndocuments:\n  issuers: { UBND: Ủy ban nhân dân tỉnh Bắc Ninh }\n  openData: ${openData}\n`;
const documents = writeDocuments(site, options.documents, options.seed);
const articles = [];
for (const year of readdirSync(join(site, 'content/tin-tuc')).sort()) {
  for (const file of readdirSync(join(site, 'content/tin-tuc', year)).sort()) articles.push(join(site, 'content/tin-tuc', year, file));
}

for (const openData of [true, false]) {
  writeFileSync(join(site, 'bantin.config.yaml'), config(openData));
  console.log(`open data ${openData ? 'on' : 'off'}:`);
  const cold = await build(site);
  const built = /built (\d+) articles, (\d+) documents, (\d+) pages/.exec(cold.output);
  console.log(`  cold build: ${cold.seconds.toFixed(2)} s, ${cold.rssMiB?.toFixed(0) ?? '?'} MiB peak; ${built ? `${built[1]} articles, ${built[2]} documents, ${built[3]} pages` : cold.output.trim()}`);
  // Note: the first rebuild after a cold build makes the output's second folder (see bench/tools.mjs); not timed.
  edit(articles[0], (t) => `${t.trimEnd()} Cập nhật trước khi đo.\n`);
  await build(site);
  const times = { article: [], document: [] };
  for (let run = 0; run < options.runs; run++) {
    const marker = `Nội dung được cập nhật lần ${run + 1}${openData ? '' : ' (không có dữ liệu mở)'} để đo bản dựng tăng dần.`;
    const article = articles[(run * 7919 + 1) % articles.length];
    edit(article, (t) => `${t.trimEnd()} ${marker}\n`);
    times.article.push((await build(site)).seconds);
    const doc = documents[(run * 7919 + 3) % documents.length];
    edit(doc.path, (t) => t.replace(/^summary: (.*)$/m, `summary: $1 – ${marker}`));
    times.document.push((await build(site)).seconds);
    if (!readFileSync(doc.page, 'utf8').includes(marker)) throw new Error(`run ${run + 1}: the edited document's page does not show the edit (${doc.page})`);
  }
  const a = median(times.article);
  const d = median(times.document);
  console.log(`  one-article edit: ${a.toFixed(2)} s (runs ${times.article.map((t) => t.toFixed(2)).join(', ')})`);
  console.log(`  one-document edit: ${d.toFixed(2)} s (runs ${times.document.map((t) => t.toFixed(2)).join(', ')})`);
  console.log(`  document edit / article edit: ${(d / a).toFixed(2)}×${openData ? ' (target ≤ 1.00×)' : ''}`);
}
