/**
 * A random-sequence property of the build cache (issue 21): after any sequence of edits, renames,
 * deletions, new articles, link, template and config changes and touches, a warm CLI build (cache
 * on disk) writes exactly what a cold build writes; a build that fails (a bad date) exits 1 like
 * the cold one and leaves dist/ as it was. Runs: FUZZ_RUNS/100 sequences (default 4), seed `FUZZ_SEED`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs, SEED } from './helpers/fuzz.js';
import { coldOutput, makeSite, REPO, runCli, snapshotDir } from './helpers/site.js';
import { TINY } from './helpers/photos.js';

const TAGS = ['Dân vận', 'Y tế', 'Giáo dục', 'Chuyển đổi số', 'Nông nghiệp'];
const PROVINCES = ['Bắc Giang', 'Bắc Ninh', 'Hà Nội', 'TP.HCM', 'Đắk Lắk'];
// Note: builds take the clock's `now` and have no flag to pin it, so every date is in the past.
const DATES = ['2019-03-26', '2020-02-24', '2020-02-24 08:30', '2021-07-01', '2022-12-31 23:59', '2023-05-05', '2024-01-15'];
const BAD_DATE = '2021-02-30';
const ARTICLE_TEMPLATE = readFileSync(join(REPO, 'templates/article.liquid'), 'utf8');
const ENTRY_PARTIAL = readFileSync(join(REPO, 'templates/partials/entry.liquid'), 'utf8');

/** One article as the editor sees it; `file` is relative to content/. */
interface Article {
  id: number;
  file: string;
  title: number;
  date: string;
  tags: string[];
  province: string;
  draft: boolean;
  slug: string | null;
  body: number;
  links: number[];
  bad: boolean;
}

/** The whole site: articles by id and the revisions of the theme and config. */
interface Site {
  articles: Map<number, Article>;
  next: number;
  template: number;
  partial: number;
  pageSize: number;
  title: string;
}

/** An operation: `kind`, the article it picks (`pick` modulo the articles present) and a value. */
type Op = { kind: (typeof KINDS)[number]; pick: number; value: number };
const KINDS = ['body', 'title', 'date', 'tags', 'province', 'draft', 'slug', 'rename', 'delete', 'add', 'link', 'template', 'partial', 'config', 'touch', 'break', 'fix'] as const;
// Note: the operations that change which files exist and what links where come twice as often.
const STRUCTURAL: readonly Op['kind'][] = ['rename', 'delete', 'add', 'link'];
const kind = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...STRUCTURAL) },
  { weight: 3, arbitrary: fc.constantFrom(...KINDS.filter((k) => !STRUCTURAL.includes(k))) },
);
const op: fc.Arbitrary<Op> = fc.record({ kind, pick: fc.nat(99), value: fc.nat(99) });

/** A sequence of operations in which one article's date goes bad at some point and is fixed 0–3 operations later (or at the end). */
const sequence: fc.Arbitrary<Op[]> = fc
  .tuple(fc.array(op, { minLength: 2, maxLength: 9 }), fc.nat(99), fc.nat(3), fc.nat(99))
  .map(([ops, at, span, pick]) => {
    const out = [...ops];
    const start = at % (out.length + 1);
    out.splice(start, 0, { kind: 'break', pick, value: 0 });
    if (start + 1 + span <= out.length) out.splice(start + 1 + span, 0, { kind: 'fix', pick: 0, value: 0 });
    return out;
  });

function newArticle(id: number): Article {
  const year = 2019 + (id % 6);
  return {
    id,
    file: id === 0 ? '2021/bai-0.md' : `${year}/bai-${id}.md`,
    title: 0,
    date: DATES[id % DATES.length]!,
    tags: [TAGS[id % 5]!, TAGS[(id + 2) % 5]!],
    province: PROVINCES[id % 5]!,
    draft: false,
    slug: null,
    body: 0,
    links: [],
    bad: false,
  };
}

function initialSite(): Site {
  const articles = new Map<number, Article>();
  for (let id = 0; id < 10; id++) articles.set(id, newArticle(id));
  for (let id = 0; id < 10; id += 2) articles.get(id)!.links.push((id + 3) % 10);
  articles.get(5)!.links.push(0);
  return { articles, next: 10, template: 0, partial: 0, pageSize: 4, title: 'Cổng tin' };
}

function articleText(site: Site, a: Article): string {
  const links = a.links.map((to) => `Xem thêm [bài ${to}](${posix.relative(posix.dirname(a.file), site.articles.get(to)!.file)}).`);
  return [
    '---',
    `title: Bản tin số ${a.id}${a.title ? ` (sửa lần ${a.title})` : ''}`,
    `date: ${a.bad ? BAD_DATE : a.date}`,
    `province: ${a.province}`,
    'source: example.gov.vn',
    `summary: Tóm tắt bản tin số ${a.id}.`,
    `tags: [${a.tags.join(', ')}]`,
    ...(a.slug ? [`slug: ${a.slug}`] : []),
    ...(a.draft ? ['draft: true'] : []),
    ...(a.id === 0 ? ['image: anh.jpg', 'image_alt: Hiện trường'] : []),
    '---',
    '',
    `Nội dung bản tin ${a.id}, bản ${a.body}.${a.id === 0 ? ' ![Ảnh hiện trường](anh.jpg)' : ''}`,
    '',
    ...links,
    '',
  ].join('\n');
}

/** Every file of the site as text, by path from the root. */
function siteFiles(site: Site): Record<string, string> {
  const files: Record<string, string> = {
    'bantin.config.yaml': `title: ${site.title}\nbaseUrl: https://example.gov.vn/\nsearch: { enabled: false }\npageSize: ${site.pageSize}\n`,
    'templates/article.liquid': site.template ? ARTICLE_TEMPLATE.replace('<h1>', `<h1 data-ban="${site.template}">`) : ARTICLE_TEMPLATE,
    'templates/partials/entry.liquid': site.partial ? ENTRY_PARTIAL.replace('<article class="entry">', `<article class="entry" data-ban="${site.partial}">`) : ENTRY_PARTIAL,
  };
  for (const a of site.articles.values()) files[`content/${a.file}`] = articleText(site, a);
  return files;
}

/** The choice `value` picks from `options`, or the next one when that is `current`. */
function changed<T>(current: T, options: readonly T[], value: number): T {
  const i = value % options.length;
  return options[i] === current ? options[(i + 1) % options.length]! : options[i]!;
}

/** Applies `o` to the model; returns the path to touch, if the operation is a touch. */
function apply(site: Site, o: Op): string | null {
  const ids = [...site.articles.keys()].sort((x, y) => x - y);
  const a = ids.length ? site.articles.get(ids[o.pick % ids.length]!)! : null;
  const others = ids.filter((id) => id !== a?.id && !site.articles.get(id)!.draft);
  const unlinkFrom = (id: number) => {
    for (const b of site.articles.values()) b.links = b.links.filter((to) => to !== id);
  };
  switch (o.kind) {
    case 'add':
      site.articles.set(site.next, newArticle(site.next));
      site.next++;
      return null;
    case 'template':
      site.template++;
      return null;
    case 'partial':
      site.partial++;
      return null;
    case 'config':
      if (o.value % 2) site.pageSize = changed(site.pageSize, [2, 3, 4, 20], o.value);
      else site.title = changed(site.title, ['Cổng tin', 'Bản tin tỉnh', 'Thông tin cơ sở'], o.value);
      return null;
    case 'fix':
      for (const b of site.articles.values()) b.bad = false;
      return null;
    case 'touch': {
      const paths = Object.keys(siteFiles(site)).concat('content/2021/anh.jpg').sort();
      return paths[o.value % paths.length]!;
    }
  }
  if (!a) return null;
  switch (o.kind) {
    case 'body': a.body++; break;
    case 'title': a.title++; break;
    case 'date': a.date = changed(a.date, DATES, o.value); break;
    case 'tags': a.tags = TAGS.filter((_t, i) => (o.value % 31) + 1 & (1 << i)); break;
    case 'province': a.province = changed(a.province, PROVINCES, o.value); break;
    case 'slug': a.slug = a.slug ? null : `tin-${a.id}-${o.value}`; break;
    case 'break': a.bad = true; break;
    // Note: an editor who unpublishes or deletes an article takes the links to it out too; a
    // link to a draft or a missing file is an error of its own, not what this property is about.
    case 'draft':
      a.draft = !a.draft;
      if (a.draft) unlinkFrom(a.id);
      break;
    case 'delete':
      site.articles.delete(a.id);
      unlinkFrom(a.id);
      break;
    case 'rename': {
      // Note: the id in the name keeps names apart; the image's article stays beside its image.
      const file = `${posix.dirname(a.file)}/bai-${a.id}-${o.value}.md`;
      a.file = file === a.file ? file.replace(/\.md$/, '-moi.md') : file;
      break;
    }
    case 'link': {
      if (a.draft || !others.length) break;
      const to = others[o.value % others.length]!;
      a.links = a.links.includes(to) ? a.links.filter((x) => x !== to) : [...a.links, to];
      break;
    }
  }
  return null;
}

/** Writes the model's files that changed since `before`, removes those it no longer has. */
function sync(root: string, before: Record<string, string>, after: Record<string, string>): void {
  for (const path of Object.keys(before)) if (!(path in after)) rmSync(join(root, path));
  for (const [path, text] of Object.entries(after)) {
    if (before[path] === text) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Builds warm and cold after each operation and compares them; throws on the first difference. */
async function runSequence(ops: Op[]): Promise<void> {
  const site = initialSite();
  let files = siteFiles(site);
  // Note: the theme is copied whole (the model's templates at revision 0 are its files unchanged).
  const content = Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('templates/')));
  const root = makeSite({ ...content, 'content/2021/anh.jpg': TINY.jpg });
  const dist = join(root, 'dist');
  const step = async (label: string) => {
    const before = existsSync(dist) ? snapshotDir(dist) : null;
    const warm = runCli(['build', '--root', root]);
    const bad = [...site.articles.values()].some((a) => a.bad);
    if (bad || warm.code !== 0) {
      // A failing build: like the cold one, and dist/ is left as the last good build wrote it.
      const cold = runCli(['build', '--root', root, '--out', join(makeSite({}), 'cold'), '--no-cache']);
      expect({ label, code: warm.code, bad }, warm.stderr).toEqual({ label, code: 1, bad: true });
      expect(warm.stderr, label).toContain('[invalid-date]');
      expect(cold.code, label).toBe(1);
      expect(warm.stderr.split('\n').filter((l) => l.startsWith('content/')), label).toEqual(cold.stderr.split('\n').filter((l) => l.startsWith('content/')));
      expect(existsSync(dist) ? snapshotDir(dist) : null, `${label}: a failed build changed dist/`).toEqual(before);
      return;
    }
    expect(warm.stderr.replace(/^warning: .*\n/gm, ''), label).toBe('');
    expect(snapshotDir(dist), `${label}: warm build differs from a cold build`).toEqual(await coldOutput(root));
  };
  await step('first build');
  for (const [i, o] of ops.entries()) {
    const touch = apply(site, o);
    const next = siteFiles(site);
    sync(root, files, next);
    files = next;
    if (touch) utimesSync(join(root, touch), new Date(), new Date());
    await step(`after operation ${i + 1} of ${ops.length} (${o.kind} ${o.pick} ${o.value})`);
  }
  if ([...site.articles.values()].some((a) => a.bad)) {
    apply(site, { kind: 'fix', pick: 0, value: 0 });
    sync(root, files, siteFiles(site));
    await step('after the closing fix');
  }
}

describe('the build cache over a random sequence of edits', () => {
  const numRuns = runs(400, 0.01);
  it(`warm builds write what cold builds write (${numRuns} sequences, seed ${SEED})`, async () => {
    await fc.assert(fc.asyncProperty(sequence, runSequence), { seed: SEED, numRuns, endOnFailure: false });
  }, Math.max(120_000, numRuns * 60_000));
});
