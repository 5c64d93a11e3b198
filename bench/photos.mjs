#!/usr/bin/env node
/**
 * The photo benchmark (issue 24): the bench corpus with two 4000×3000 JPEGs per article (the lead
 * photo, `image`, and one in the body), made here with sharp from the seed (a gradient under a
 * fine texture, as a camera's noise; a phone's EXIF with GPS written in), built by bantin, by Hugo's
 * image processing (a render hook and a partial) and by `@11ty/eleventy-img` (its HTML transform) to
 * the same widths (480, 960, 1600; never wider than the photo) in WebP and JPEG. For each: the cold
 * build's wall time and peak RSS (no output, no cache), and a warm rebuild with no change; for
 * bantin also the same site without photos, warm, and the bytes of the photos a 375-px phone loads
 * on the front page (at 1 and 2 device pixels per CSS pixel), by the `srcset` rules.
 *
 *   npm run compile && (cd bench && npm install) && node bench/photos.mjs [--articles 1000] [--runs 1] [--seed 2025]
 *
 * The photos are made once per size and seed (in bench/.work/photos-<articles>-<seed>/photos/) and
 * kept for the next run. Search is off, as in `bench/run.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, generateCorpus } from './generate.mjs';
import { median, memoryMethod, timeCommand } from './measure.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(BENCH, '..');
const CLI = join(REPO, 'lib/bundle/cli.js');
const ELEVENTY = join(BENCH, 'node_modules/@11ty/eleventy/cmd.cjs');
const sharp = createRequire(join(REPO, 'package.json'))('sharp');

const WIDTHS = [480, 960, 1600];
const SIZES = '(min-width: 48rem) 44rem, calc(100vw - 2rem)';

function parseArgs(argv) {
  const options = { articles: 1000, runs: 1, seed: 2025 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown argument ${argv[i]}; usage: photos.mjs [--articles N] [--runs N] [--seed S]`);
    options[key] = Number(argv[i + 1]);
    if (!Number.isInteger(options[key]) || options[key] < (key === 'seed' ? 0 : 1)) throw new Error(`--${key} must be a whole number`);
  }
  return options;
}

/** A phone's EXIF: make, model, serial, time and place, as the photos of a meeting carry them. */
const EXIF = (i) => ({
  IFD0: { Make: 'Samsung', Model: 'SM-A546E' },
  IFD2: { DateTimeOriginal: `2024:03:05 08:${String(i % 60).padStart(2, '0')}:00`, BodySerialNumber: `R58W${100000 + i}` },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: `21/1 ${i % 60}/1 0/1`, GPSLongitudeRef: 'E', GPSLongitude: '106/1 4/1 0/1' },
});

/** One 4000×3000 JPEG, deterministic from `random`: a soft colour field under a fine texture. */
async function makePhoto(random, texture, i) {
  const small = Buffer.alloc(40 * 30 * 3);
  for (let p = 0; p < small.length; p++) small[p] = Math.floor(random() * 256);
  return sharp(small, { raw: { width: 40, height: 30, channels: 3 } })
    .resize(4000, 3000, { kernel: 'cubic' })
    .composite([{ input: texture, raw: { width: 256, height: 256, channels: 3 }, tile: true, blend: 'soft-light' }])
    .jpeg({ quality: 90 })
    .withExif(EXIF(i))
    .toBuffer();
}

/** The corpus and its photos in `work/corpus/content/YYYY/`: `<slug>-1.jpg` leads the article, `<slug>-2.jpg` is in its body. */
async function makeCorpus(work, articles, seed) {
  const corpus = join(work, 'corpus');
  const photos = join(work, 'photos');
  rmSync(corpus, { recursive: true, force: true });
  generateCorpus({ count: articles, seed, out: corpus });
  const random = createRandom(seed + 1);
  const texture = Buffer.alloc(256 * 256 * 3);
  for (let p = 0; p < texture.length; p++) texture[p] = 96 + Math.floor(random() * 64);
  mkdirSync(photos, { recursive: true });
  const files = [];
  for (const year of readdirSync(join(corpus, 'content')).sort()) {
    for (const name of readdirSync(join(corpus, 'content', year)).sort()) files.push({ year, slug: name.replace(/\.md$/, '') });
  }
  let made = 0;
  const started = performance.now();
  for (let i = 0; i < files.length; i += availableParallelism()) {
    await Promise.all(files.slice(i, i + availableParallelism()).map(async ({ year, slug }, j) => {
      for (const n of [1, 2]) {
        const file = join(photos, `${slug}-${n}.jpg`);
        // Note: each photo draws from its own stream, so the set of photos does not depend on which were kept.
        if (!existsSync(file)) {
          // Note: written aside and renamed, so a run stopped halfway leaves no photo cut short for the next.
          writeFileSync(`${file}.part`, await makePhoto(createRandom(seed * 7919 + (i + j) * 2 + n), texture, i + j));
          renameSync(`${file}.part`, file);
          made++;
        }
        linkSync(file, join(corpus, 'content', year, `${slug}-${n}.jpg`));
      }
      const path = join(corpus, 'content', year, `${slug}.md`);
      const text = readFileSync(path, 'utf8');
      // Note: the corpus's figures name `anh.jpg`; they become the body photo, and an article without one gets it first.
      const lead = text.replace(/^---\n/, `---\nimage: ${slug}-1.jpg\nimage_alt: Toàn cảnh hội nghị\n`);
      writeFileSync(path, lead.includes('](anh.jpg') ? lead.replaceAll('](anh.jpg', `](${slug}-2.jpg`) : lead.replace(/\n---\n\n/, `\n---\n\n![Đại biểu phát biểu tại hội nghị](${slug}-2.jpg)\n\n`));
    }));
  }
  return { corpus, files, made, seconds: (performance.now() - started) / 1000 };
}

/** A copy of a folder made of hard links. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  if (spawnSync('cp', ['-al', `${from}/.`, `${to}/`]).status !== 0) cpSync(from, to, { recursive: true });
}

/** The sites: bantin's (with and without photos), Hugo's (page bundles: `content/YYYY/<slug>/index.md` beside its photos) and Eleventy's. */
function makeSites(work, corpus, files) {
  const sites = join(work, 'sites');
  rmSync(sites, { recursive: true, force: true });
  const bantin = join(sites, 'bantin');
  linkTree(join(corpus, 'content'), join(bantin, 'content'));
  cpSync(join(REPO, 'templates'), join(bantin, 'templates'), { recursive: true });
  writeFileSync(join(bantin, 'bantin.config.yaml'), 'pageSize: 20\nsearch: { enabled: false }\n');
  const plain = join(sites, 'bantin-no-photos');
  mkdirSync(join(plain, 'content'), { recursive: true });
  cpSync(join(bantin, 'templates'), join(plain, 'templates'), { recursive: true });
  writeFileSync(join(plain, 'bantin.config.yaml'), 'pageSize: 20\nsearch: { enabled: false }\n');
  for (const { year, slug } of files) {
    mkdirSync(join(plain, 'content', year), { recursive: true });
    const text = readFileSync(join(corpus, 'content', year, `${slug}.md`), 'utf8');
    writeFileSync(join(plain, 'content', year, `${slug}.md`), text.replace(/^image: .*\nimage_alt: .*\n/m, '').replace(/!\[[^\]]*\]\([^)]*\)/g, ''));
  }
  const hugo = join(sites, 'hugo');
  cpSync(join(BENCH, 'hugo'), hugo, { recursive: true });
  cpSync(join(BENCH, 'hugo-photos'), hugo, { recursive: true });
  for (const { year, slug } of files) {
    const bundle = join(hugo, 'content', 'content', year, slug);
    mkdirSync(bundle, { recursive: true });
    linkSync(join(corpus, 'content', year, `${slug}.md`), join(bundle, 'index.md'));
    for (const n of [1, 2]) linkSync(join(corpus, 'content', year, `${slug}-${n}.jpg`), join(bundle, `${slug}-${n}.jpg`));
  }
  const eleventy = join(sites, 'eleventy');
  cpSync(join(BENCH, 'eleventy', 'site'), eleventy, { recursive: true });
  cpSync(join(BENCH, 'eleventy-photos'), eleventy, { recursive: true });
  linkTree(join(corpus, 'content'), join(eleventy, 'content'));
  return { bantin, plain, hugo, eleventy };
}

const TOOLS = (s) => ({
  bantin: { command: process.execPath, args: [CLI, 'build', '--root', s.bantin], cwd: s.bantin, clean: [join(s.bantin, 'dist'), join(s.bantin, '.bantin-cache')] },
  'bantin-no-photos': { command: process.execPath, args: [CLI, 'build', '--root', s.plain], cwd: s.plain, clean: [join(s.plain, 'dist'), join(s.plain, '.bantin-cache')] },
  hugo: { command: 'hugo', args: ['--quiet', '--source', s.hugo, '--destination', join(s.hugo, 'public'), '--cacheDir', join(s.hugo, 'cache')], cwd: s.hugo, clean: [join(s.hugo, 'public'), join(s.hugo, 'resources'), join(s.hugo, 'cache')] },
  eleventy: { command: process.execPath, args: [ELEVENTY, `--config=${join(BENCH, 'eleventy-photos', 'eleventy.config.mjs')}`, '--input=.', '--output=_site'], cwd: s.eleventy, clean: [join(s.eleventy, '_site'), join(s.eleventy, '.cache')] },
});

/** The photo files a page makes a browser load at a viewport width and pixel ratio, by the `srcset` and `sizes` rules of the default theme. */
function loadedPhotos(html, viewport, dpr) {
  const slot = viewport >= 768 ? 704 : viewport - 32;
  const picked = [];
  for (const [picture] of html.matchAll(/<picture>.*?<\/picture>/gs)) {
    if (/loading="lazy"/.test(picture)) continue;
    const candidates = /<source [^>]*srcset="([^"]+)"/.exec(picture)[1].split(', ').map((c) => ({ url: c.split(' ')[0], width: Number.parseInt(c.split(' ')[1], 10) }));
    picked.push((candidates.find((c) => c.width >= slot * dpr) ?? candidates.at(-1)).url);
  }
  return picked;
}

/** Files and bytes under a folder whose names end in one of `extensions`. */
function photoFiles(dir, extensions = /\.(jpe?g|webp|png|avif)$/i) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (extensions.test(e.name)) {
        files++;
        bytes += statSync(join(d, e.name)).size;
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { files, bytes };
}

/** Whether any published photo still carries EXIF (it must not). */
async function exifLeft(dir) {
  const found = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.(jpe?g|webp)$/i.test(e.name) ? [join(d, e.name)] : []));
  for (const file of existsSync(dir) ? walk(dir).slice(0, 200) : []) if ((await sharp(file).metadata()).exif) found.push(file);
  return found;
}

const options = parseArgs(process.argv.slice(2));
const work = join(BENCH, '.work', `photos-${options.articles}-${options.seed}`);
mkdirSync(work, { recursive: true });
console.log(`making ${options.articles} articles and ${options.articles * 2} photos of 4000×3000…`);
const corpus = await makeCorpus(work, options.articles, options.seed);
console.log(`  ${corpus.made} photos made in ${corpus.seconds.toFixed(1)} s (the rest kept from an earlier run)`);
const sites = makeSites(work, corpus.corpus, corpus.files);
const tools = TOOLS(sites);
const rows = [];
for (const [id, tool] of Object.entries(tools)) {
  if (id === 'hugo' && spawnSync('hugo', ['version']).status !== 0) {
    rows.push({ id, note: 'hugo not on PATH (apt-get install -y hugo)' });
    continue;
  }
  if (id === 'eleventy' && !existsSync(ELEVENTY)) {
    rows.push({ id, note: 'bench/node_modules missing (cd bench && npm install)' });
    continue;
  }
  const cold = [];
  const warm = [];
  const edited = [];
  for (let run = 0; run < options.runs; run++) {
    for (const path of tool.clean) rmSync(path, { recursive: true, force: true });
    const c = await timeCommand(tool.command, tool.args, { cwd: tool.cwd, timeoutSeconds: 7200 });
    if (!c.ok) throw new Error(`${id} cold build failed:\n${c.output}`);
    cold.push(c);
    const w = await timeCommand(tool.command, tool.args, { cwd: tool.cwd, timeoutSeconds: 7200 });
    if (!w.ok) throw new Error(`${id} warm build failed:\n${w.output}`);
    warm.push(w);
    // Note: bantin's warm build with no change is its build record's shortcut; one article edited runs the whole route, photos included.
    if (id.startsWith('bantin')) {
      const { year, slug } = corpus.files[(run * 31) % corpus.files.length];
      const file = join(tool.cwd, 'content', year, `${slug}.md`);
      const text = readFileSync(file, 'utf8');
      rmSync(file);
      writeFileSync(file, `${text.trimEnd()} Cập nhật lần ${run + 1}.\n`);
      const e = await timeCommand(tool.command, tool.args, { cwd: tool.cwd, timeoutSeconds: 7200 });
      if (!e.ok) throw new Error(`${id} build after an edit failed:\n${e.output}`);
      edited.push(e);
    }
    console.log(`  ${id}: cold ${c.seconds.toFixed(2)} s (${Math.round(c.rssMiB)} MiB), warm ${w.seconds.toFixed(2)} s${edited.length ? `, one article edited ${edited.at(-1).seconds.toFixed(2)} s — ${/^photos: .*$/m.exec(edited.at(-1).output)?.[0] ?? 'no photos'}` : ''}`);
  }
  const out = { bantin: join(sites.bantin, 'dist'), 'bantin-no-photos': join(sites.plain, 'dist'), hugo: join(sites.hugo, 'public'), eleventy: join(sites.eleventy, '_site') }[id];
  rows.push({ id, cold: median(cold.map((r) => r.seconds)), rss: median(cold.map((r) => r.rssMiB)), warm: median(warm.map((r) => r.seconds)), edited: edited.length ? median(edited.map((r) => r.seconds)) : null, photos: photoFiles(out), exif: id === 'bantin-no-photos' ? [] : await exifLeft(out) });
}

const bantin = rows.find((r) => r.id === 'bantin');
const home = readFileSync(join(sites.bantin, 'dist', 'index.html'), 'utf8');
const phone = (dpr) => loadedPhotos(home, 375, dpr).reduce((n, url) => n + statSync(join(sites.bantin, 'dist', decodeURIComponent(url))).size, 0);
const hugoRow = rows.find((r) => r.id === 'hugo' && r.cold);
const plainRow = rows.find((r) => r.id === 'bantin-no-photos');
const lines = [
  `# Photos: ${options.articles} articles, ${options.articles * 2} photos of 4000×3000 (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}); ${spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout?.trim() || 'no Hugo'}; eleventy-img ${(() => { try { return JSON.parse(readFileSync(join(BENCH, 'node_modules/@11ty/eleventy-img/package.json'), 'utf8')).version; } catch { return 'n/a'; } })()}. Peak memory: ${memoryMethod()}.`,
  `Command: \`node bench/photos.mjs ${process.argv.slice(2).join(' ')}\` (${options.runs} run(s) each, medians). Widths ${WIDTHS.join(', ')} in WebP and JPEG; bantin and Hugo also make the lead photo's 1200×630 card.`,
  `The photos: ${corpus.files.length * 2} JPEGs, ${(photoFiles(join(work, 'photos')).bytes / 2 ** 20).toFixed(0)} MiB in all (${(photoFiles(join(work, 'photos')).bytes / corpus.files.length / 2 / 2 ** 20).toFixed(1)} MiB each on average).`,
  '',
  '| build | cold | peak RSS | warm, no change | warm, one article edited | photo files | their bytes | EXIF left |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => (r.note ? `| ${r.id} | n/a: ${r.note} | | | | | | |` : `| ${r.id} | ${r.cold.toFixed(2)} s | ${Math.round(r.rss)} MiB | ${r.warm.toFixed(2)} s | ${r.edited === null ? '' : `${r.edited.toFixed(2)} s`} | ${r.photos.files} | ${(r.photos.bytes / 2 ** 20).toFixed(1)} MiB | ${r.exif.length ? `${r.exif.length} files (of the first 200 read)` : 'none'} |`)),
  '',
  `- bantin cold against Hugo's: ${hugoRow ? `${(bantin.cold / hugoRow.cold).toFixed(2)}× (target ≤ 0.5×)` : 'n/a'}.`,
  `- bantin warm against the same site without photos (target ≤ +0.3 s): no change ${signed(bantin.warm - plainRow.warm)} s; one article edited ${signed(bantin.edited - plainRow.edited)} s.`,
  `- The front page's photos on a 375-px phone: ${(phone(1) / 1024).toFixed(1)} KB at 1 device pixel per CSS pixel, ${(phone(2) / 1024).toFixed(1)} KB at 2 (target ≤ 400 KB); ${loadedPhotos(home, 375, 2).length} photo(s) load before scrolling.`,
  '',
];
const report = lines.join('\n');

function signed(seconds) {
  return `${seconds >= 0 ? '+' : ''}${seconds.toFixed(2)}`;
}
console.log(`\n${report}`);
mkdirSync(join(BENCH, 'results'), { recursive: true });
writeFileSync(join(BENCH, 'results', `${new Date().toISOString().slice(0, 10)}-photos.md`), report);
