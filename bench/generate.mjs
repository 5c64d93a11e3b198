#!/usr/bin/env node
/**
 * Deterministic corpus of Vietnamese bulletins for the benchmark.
 *
 *   node bench/generate.mjs --count N --seed S --out DIR
 *
 * writes DIR/content/YYYY/<slug>.md (front matter: title, slug, date, province, source, summary, tags). The same count and seed give byte-identical files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as bank from './corpus-bank.mjs';

const provincesFile = fileURLToPath(new URL('../data/vn-provinces.json', import.meta.url));
// Note: the 2025 merger took effect on this day; former provinces only appear on earlier dates.
const MERGER_DATE = '2025-07-01';
const FIRST_DAY = Date.UTC(2016, 0, 1);
const DAYS = Math.round((Date.UTC(2025, 11, 31) - FIRST_DAY) / 86_400_000) + 1;
// Note: body words; front matter and markup bring the file to about 1,000 words.
const TARGET_WORDS = 820;

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ASCII slug of Vietnamese text: strips diacritics, folds đ to d, hyphenates. */
export function slugify(text, maxLength = 80) {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= maxLength) return ascii;
  const cut = ascii.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : maxLength);
}

/** Provinces an article may name: the 34 current units, and former ones for dates before the merger. */
export function loadProvinces(file = provincesFile) {
  const units = JSON.parse(readFileSync(file, 'utf8'));
  const current = units.map((u) => ({ name: u.name, slug: u.slug }));
  const currentNames = new Set(current.map((u) => u.name));
  const former = [];
  for (const unit of units) {
    unit.former_provinces.forEach((name, i) => {
      if (!currentNames.has(name)) former.push({ name, slug: unit.former_province_slugs[i] });
    });
  }
  return { current, former };
}

function zipfSampler(size, exponent = 1) {
  const cumulative = [];
  let total = 0;
  for (let k = 1; k <= size; k++) cumulative.push((total += 1 / k ** exponent));
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function countWords(text) {
  return text.split(/\s+/).filter(Boolean).length;
}

/** One article's text generator, bound to a PRNG and the article's province and year. */
function createWriter(random, province, year) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const decimal = (lo, hi) => (lo + random() * (hi - lo)).toFixed(1).replace('.', ',');
  const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fill = (template) =>
    template.replace(/\{(\w+)(\+1)?\}/g, (_, key, plusOne) => {
      switch (key) {
        case 'P': return province;
        case 'Y': return String(year + (plusOne ? 1 : 0));
        case 'Y1': return String(year - 1);
        case 'Y5': return String(year + 5);
        case 'N': return String(int(2, 60));
        case 'N2': return String(int(1, 20));
        case 'K': return thousands(int(100, 250000));
        case 'M': return decimal(1, 900);
        case 'PCT': return `${decimal(50, 99)}%`;
        case 'MO': return String(int(1, 12));
        case 'D': return `${int(1, 28)}/${int(1, 12)}/${year}`;
        case 'DOCN': return String(int(1, 250));
        default: throw new Error(`unknown slot {${key}}`);
      }
    });

  const composed = () => {
    const tail = random() < 0.7 ? ` ${pick(bank.TAILS)}` : '';
    return fill(`${pick(bank.SUBJECTS)} ${pick(bank.VERBS)} ${pick(bank.OBJECTS)}${tail}.`);
  };
  const sentence = () => (random() < 0.35 ? fill(pick(bank.SENTENCES)) : composed());
  const url = (stem) => `https://example.gov.vn/${stem}/${year}/${int(100, 9999)}`;

  const paragraph = () => {
    const parts = [];
    const n = int(3, 6);
    for (let i = 0; i < n; i++) parts.push(sentence());
    const extra = random();
    if (extra < 0.25) {
      const [text, stem] = pick(bank.LINKS);
      parts.push(`Xem [${text}](${url(stem)}) để biết thêm chi tiết.`);
    } else if (extra < 0.35) {
      parts.push(`Thông tin chi tiết được đăng tải tại ${url(pick(bank.LINKS)[1])}.`);
    }
    return parts.join(' ');
  };
  const distinctItems = (n) => {
    const pool = [...bank.ITEMS];
    return Array.from({ length: n }, () => fill(pool.splice(Math.floor(random() * pool.length), 1)[0]));
  };
  const bullets = () => distinctItems(int(3, 6)).map((item) => `- ${item}.`).join('\n');
  const numbered = () => distinctItems(int(3, 5)).map((item, i) => `${i + 1}. ${item}.`).join('\n');
  const table = () => {
    const rows = ['| STT | Chỉ tiêu | Kế hoạch | Thực hiện | Tỷ lệ (%) |', '|---:|---|---:|---:|---:|'];
    const n = int(3, 6);
    for (let i = 1; i <= n; i++) {
      rows.push(`| ${i} | ${pick(bank.INDICATORS)} | ${decimal(10, 500)} | ${decimal(10, 500)} | ${decimal(60, 120)} |`);
    }
    return rows.join('\n');
  };
  const figure = () => {
    const [alt, caption] = pick(bank.FIGURES);
    return `![${fill(alt)}](anh.jpg "${fill(caption)}")`;
  };

  return { pick, int, fill, sentence, paragraph, bullets, numbered, table, figure };
}

function articleBody(w) {
  const blocks = [w.paragraph(), w.paragraph()];
  const headings = [...bank.HEADINGS];
  let words = countWords(blocks.join(' '));
  let section = 0;
  const add = (block) => {
    blocks.push(block);
    words += countWords(block);
  };
  while (words < TARGET_WORDS) {
    const heading = headings.splice(Math.floor(w.int(0, headings.length - 1)), 1)[0] ?? 'Thông tin thêm';
    add(`## ${heading}`);
    add(w.paragraph());
    if (section === 0) add(w.figure());
    if (section === 1) add(w.table());
    if (section % 2 === 0) add(w.bullets());
    else add(w.numbered());
    add(w.paragraph());
    section++;
  }
  return blocks.join('\n\n');
}

function yamlString(text) {
  // Note: a JSON string is a valid YAML double-quoted scalar.
  return JSON.stringify(text);
}

/**
 * Generates the articles of a corpus, in order, as { path, text, meta } without touching the disk.
 * `path` is relative to the corpus root (content/YYYY/slug.md).
 */
export function* generateArticles({ count, seed, provinces = loadProvinces() }) {
  const random = createRandom(seed);
  const tagIndex = zipfSampler(bank.TAGS.length);
  const usedSlugs = new Map();
  for (let i = 0; i < count; i++) {
    const day = new Date(FIRST_DAY + Math.floor(random() * DAYS) * 86_400_000);
    const year = day.getUTCFullYear();
    const date = `${year}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const useFormer = date < MERGER_DATE && random() < 0.3;
    const pool = useFormer ? provinces.former : provinces.current;
    const province = pool[Math.floor(random() * pool.length)];
    const w = createWriter(random, province.name, year);

    const title = w.fill(w.pick(bank.TITLES));
    const base = slugify(title);
    const seen = usedSlugs.get(base) ?? 0;
    usedSlugs.set(base, seen + 1);
    const slug = seen === 0 ? base : `${base}-${seen + 1}`;

    const tags = [];
    const wanted = w.int(1, 4);
    for (let tries = 0; tags.length < wanted && tries < 20; tries++) {
      const tag = bank.TAGS[tagIndex(random)];
      if (!tags.includes(tag)) tags.push(tag);
    }
    const summary = w.sentence();
    const source = `${province.slug.replace(/-/g, '')}.gov.vn`;
    const body = articleBody(w);

    const frontMatter = [
      '---',
      `title: ${yamlString(title)}`,
      // Note: explicit, because two titles can fold to the same slug; the file name carries the same slug.
      `slug: ${slug}`,
      `date: ${date}`,
      `province: ${yamlString(province.name)}`,
      `source: ${source}`,
      `summary: ${yamlString(summary)}`,
      'tags:',
      ...tags.map((tag) => `  - ${yamlString(tag)}`),
      '---',
    ].join('\n');
    const text = `${frontMatter}\n\n${body}\n`.normalize('NFC');
    yield { path: `content/${year}/${slug}.md`, text, meta: { slug, date, province: province.name, tags } };
  }
}

/**
 * Writes a corpus to `out` and returns a summary (counts per tag and province) that lets a benchmark
 * compute how many pages a correct build must produce.
 */
export function generateCorpus({ count, seed, out }) {
  const tagCounts = {};
  const provinceCounts = {};
  const years = new Set();
  let latest = '';
  for (const article of generateArticles({ count, seed })) {
    const file = join(out, article.path);
    const dir = file.slice(0, file.lastIndexOf('/'));
    if (!years.has(dir)) {
      mkdirSync(dir, { recursive: true });
      years.add(dir);
    }
    writeFileSync(file, article.text);
    for (const tag of article.meta.tags) tagCounts[tag] = (tagCounts[tag] ?? 0) + 1;
    provinceCounts[article.meta.province] = (provinceCounts[article.meta.province] ?? 0) + 1;
    if (article.meta.date > latest) latest = article.meta.date;
  }
  return { count, seed, tagCounts, provinceCounts, latest };
}

function parseArgs(argv) {
  const options = { count: 1000, seed: 1, out: 'bench/.work/corpus' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--count') options.count = Number(value);
    else if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--out') options.out = value;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown argument ${flag}; usage: generate.mjs --count N --seed S --out DIR`);
    if (flag !== '--help' && flag !== '-h') i++;
  }
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error('--count must be a positive integer');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
      console.log('usage: node bench/generate.mjs --count N --seed S --out DIR\nwrites DIR/content/YYYY/<slug>.md');
    } else {
      const started = performance.now();
      const summary = generateCorpus(options);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `wrote ${summary.count} articles to ${join(options.out, 'content')} in ${seconds} s ` +
          `(${Object.keys(summary.tagCounts).length} tags, ${Object.keys(summary.provinceCounts).length} provinces)`,
      );
    }
  } catch (error) {
    console.error(`generate.mjs: ${error.message}`);
    process.exitCode = 1;
  }
}
