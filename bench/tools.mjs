/** The builds the benchmark times: bantin (cold, warm after an edit, warm unchanged), Eleventy and Hugo. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = join(benchDir, '..');
const bantinCli = join(repoDir, 'lib', 'bundle', 'cli.js');
const eleventyCli = join(benchDir, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
const trashDir = join(benchDir, '.work', '.trash');
const LOW_DISK_BYTES = 5 * 2 ** 30;
let setAsideCount = 0;

/** What the trash did during this run that a reader of the timings should know. */
export const trashNotes = [];

/**
 * Moves a previous output (or site) into the trash, which is emptied when the benchmark ends, instead
 * of deleting it before the next timed run. Note: on ext4 without a journal (this machine's disk),
 * the kernel skips inodes freed in the last minute (longer while their inode-table block is dirty)
 * when it allocates new ones, one lookup each; a build timed right after deleting the previous
 * build's ~14,000 files paid that for every file it created. At 10,000 articles, deleted vs set
 * aside: bantin cold 66.2 vs 41.9 s (system time 24.8 vs 4.4 s), Eleventy 31.2 vs 26.1 s, Hugo 11.0 vs
 * 8.6 s. A CI runner building a fresh clone pays none of it, so neither does a timed run here.
 */
export function setAside(path) {
  if (!existsSync(path)) return;
  mkdirSync(trashDir, { recursive: true });
  const disk = statfsSync(trashDir);
  if (disk.bavail * disk.bsize < LOW_DISK_BYTES) {
    emptyTrash();
    mkdirSync(trashDir, { recursive: true });
    trashNotes.push(`less than 5 GiB of disk left: the trash was emptied before a run (${path}); runs right after it may be slower`);
  }
  renameSync(path, join(trashDir, `${++setAsideCount}-${basename(path)}`));
}

/** Deletes what `setAside` kept; returns whether there was anything. */
export function emptyTrash() {
  const had = existsSync(trashDir);
  rmSync(trashDir, { recursive: true, force: true });
  return had;
}

/** Makes `to` a copy of `from` made of hard links (instant, no extra disk), or a real copy if links fail. */
function linkTree(from, to) {
  mkdirSync(to, { recursive: true });
  const result = spawnSync('cp', ['-al', `${from}/.`, `${to}/`]);
  if (result.status !== 0) cpSync(from, to, { recursive: true });
}

function hugoVersion() {
  const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Versions of the peers, for the report. */
export function toolVersions() {
  let eleventy = null;
  try {
    eleventy = JSON.parse(readFileSync(join(benchDir, 'node_modules/@11ty/eleventy/package.json'), 'utf8')).version;
  } catch {}
  return { node: process.version, eleventy, hugo: hugoVersion() };
}

// Note: the same heap ceiling for both Node-based tools, only at sizes where Node's default (~4 GiB) may not do.
function nodeEnv(n) {
  return n >= 100_000 ? { NODE_OPTIONS: '--max-old-space-size=8192' } : {};
}

function prepareBantinSite(ctx) {
  const site = join(ctx.workDir, 'bantin');
  if (ctx.bantinReady) return site;
  setAside(site);
  linkTree(join(ctx.corpusDir, 'content'), join(site, 'content'));
  const templates = join(repoDir, 'templates');
  if (existsSync(templates)) symlinkSync(templates, join(site, 'templates'), 'dir');
  // Note: the peers build no search index, so neither does bantin here (see README, search).
  writeFileSync(join(site, 'bantin.config.yaml'), 'pageSize: 20\nsearch: { enabled: false }\n');
  ctx.bantinReady = true;
  return site;
}

function bantinBuild(ctx) {
  const site = join(ctx.workDir, 'bantin');
  return {
    command: process.execPath,
    args: [bantinCli, 'build', '--root', site, '--out', join(site, 'dist')],
    cwd: site,
    env: nodeEnv(ctx.n),
  };
}

function cleanBantin(ctx) {
  const site = join(ctx.workDir, 'bantin');
  setAside(join(site, 'dist'));
  setAside(join(site, '.bantin-cache'));
}

/**
 * Appends a marked sentence to one article of the bantin site and returns where its page should show it.
 * Note: the file is rewritten through a rename, so the hard link to the shared corpus is broken first.
 */
function editArticle(ctx, run) {
  const content = join(ctx.workDir, 'bantin', 'content');
  const article = ctx.articles[(run * 7919) % ctx.articles.length];
  const file = join(content, article.path.replace(/^content\//, ''));
  const marker = `Nội dung được cập nhật lần ${run + 1} để đo bản dựng tăng dần.`;
  const text = readFileSync(file, 'utf8');
  writeFileSync(`${file}.tmp`, `${text.trimEnd()} ${marker}\n`);
  renameSync(`${file}.tmp`, file);
  const [year, month] = article.date.split('-');
  return { page: join(ctx.workDir, 'bantin', 'dist', year, month, article.slug, 'index.html'), marker };
}

function bantinUnavailable() {
  return existsSync(bantinCli) ? null : 'lib/bundle/cli.js not found (run `npm run compile` in the repo root)';
}

/** All tools in report order. Each: id, label, unavailable(), prepare(ctx), beforeRun(ctx, i), build(ctx), out(ctx). */
export const TOOLS = [
  {
    id: 'bantin-cold',
    label: 'bantin (cold)',
    unavailable: bantinUnavailable,
    prepare: prepareBantinSite,
    beforeCheck: cleanBantin,
    beforeRun: cleanBantin,
    build: bantinBuild,
    out: (ctx) => join(ctx.workDir, 'bantin', 'dist'),
  },
  {
    id: 'bantin-warm-edit',
    label: 'bantin (warm, 1 article edited)',
    unavailable: bantinUnavailable,
    prepare: prepareBantinSite,
    // Note: the check run edits an article too: the first build that changes a cold build's output
    // makes the second of its two folders (a hard link per file, see src/write/output-link.ts),
    // once; the timed runs measure the rebuilds after it.
    beforeCheck: (ctx) => void editArticle(ctx, 99),
    beforeRun: (ctx, run) => editArticle(ctx, run),
    // Note: a warm build must show the edit; a stale page is reported, not hidden.
    afterRun: (ctx, run, edit) =>
      existsSync(edit.page) && readFileSync(edit.page, 'utf8').includes(edit.marker)
        ? null
        : `run ${run + 1}: edited article's page does not show the edit (${edit.page})`,
    build: bantinBuild,
    out: (ctx) => join(ctx.workDir, 'bantin', 'dist'),
  },
  {
    id: 'bantin-warm',
    label: 'bantin (warm, no change)',
    unavailable: bantinUnavailable,
    prepare: prepareBantinSite,
    build: bantinBuild,
    out: (ctx) => join(ctx.workDir, 'bantin', 'dist'),
  },
  {
    // Note: no site: the articles through the parser alone, on every core (see parse-floor.mjs).
    id: 'parse-floor',
    label: 'parse floor (remark-parse on all cores)',
    unavailable: () => null,
    prepare: () => {},
    writesNoPages: true,
    build: (ctx) => ({ command: process.execPath, args: [join(benchDir, 'parse-floor.mjs'), join(ctx.corpusDir, 'content')], cwd: benchDir, env: nodeEnv(ctx.n) }),
    out: () => null,
  },
  {
    id: 'eleventy',
    label: 'Eleventy',
    unavailable: () => (existsSync(eleventyCli) ? null : 'bench/node_modules missing (run `cd bench && npm install`)'),
    prepare: (ctx) => {
      const site = join(ctx.workDir, 'eleventy');
      setAside(site);
      cpSync(join(benchDir, 'eleventy', 'site'), site, { recursive: true });
      linkTree(join(ctx.corpusDir, 'content'), join(site, 'content'));
    },
    beforeCheck: (ctx) => setAside(join(ctx.workDir, 'eleventy', '_site')),
    beforeRun: (ctx) => setAside(join(ctx.workDir, 'eleventy', '_site')),
    build: (ctx) => ({
      command: process.execPath,
      args: [eleventyCli, `--config=${join(benchDir, 'eleventy', 'eleventy.config.mjs')}`, '--input=.', '--output=_site'],
      cwd: join(ctx.workDir, 'eleventy'),
      env: nodeEnv(ctx.n),
    }),
    out: (ctx) => join(ctx.workDir, 'eleventy', '_site'),
  },
  {
    id: 'hugo',
    label: 'Hugo',
    unavailable: () => (hugoVersion() ? null : 'hugo not on PATH (apt-get install -y hugo)'),
    prepare: (ctx) => {
      const site = join(ctx.workDir, 'hugo');
      setAside(site);
      cpSync(join(benchDir, 'hugo'), site, { recursive: true });
    },
    beforeCheck: (ctx) => setAside(join(ctx.workDir, 'hugo', 'public')),
    beforeRun: (ctx) => setAside(join(ctx.workDir, 'hugo', 'public')),
    build: (ctx) => {
      const site = join(ctx.workDir, 'hugo');
      return {
        command: 'hugo',
        args: ['--quiet', '--source', site, '--contentDir', ctx.corpusDir, '--destination', join(site, 'public'),
          '--cacheDir', join(site, 'cache')],
        cwd: site,
      };
    },
    out: (ctx) => join(ctx.workDir, 'hugo', 'public'),
  },
];
