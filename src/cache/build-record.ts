/**
 * The record of the last build: a stamp (size, times, inode) of every source file and folder it
 * read (the config, `content/`, `static/`, `templates/`) and of every output folder it left, with
 * the options and the tool it ran with. A build whose record still holds has nothing to do, as
 * make would say, and stops before the pipeline is even loaded; a build whose output folders are
 * as recorded takes the output's file list from the record instead of reading every folder.
 *
 * Stamps are trusted the way git trusts its index: an entry whose last change is not strictly
 * older than the moment its stamp was taken (by the file system's own clock) could change again
 * without its stamp changing ("racily clean"), so it is recorded as never matching. A new or
 * removed file changes its folder's stamp. What the record cannot see is a file in the output
 * rewritten in place, which a warm build does not see either.
 */
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { allHold, RACY, stampOf, statIfThere, statStamp, type FileStat } from './stamps.js';
import { CONFIG_FILES } from '../config.js';
import { withPath } from '../messages.js';
import { toolFingerprint } from '../version.js';

// Note: bump when the record's shape changes.
const FORMAT = 3;
const FILE = 'build-record.json';
/** Folders read for sources, below the root. */
const SOURCE_ROOTS = ['content', 'static', 'templates'];

/** What decides a build's output besides its sources. */
export interface RecordOptions {
  out: string;
  drafts?: boolean;
  future?: boolean;
  baseUrl?: string;
}

/** What the last build printed, to say again when nothing changed. */
export interface RecordedSummary {
  articles: number;
  pages: number;
  files: number;
  /** Articles in the search index, when there is one. */
  search: number | null;
  /** Warnings, as printed. */
  messages: string[];
}

/** See the module comment. */
export interface BuildRecord {
  format: number;
  tool: string;
  options: string;
  /** When an article now in the future gets published (ms since the epoch), or null. */
  expires: number | null;
  outputId: string;
  /** Source files and folders (folders end in `/`), relative to the root, with their stamps. */
  sources: [string, string][];
  /** Output folders, relative to the output ('' for itself), with their stamps. */
  folders: [string, string][];
  /** The name of the folder the output's link pointed at (see `output-link.ts`), or null for a plain folder. */
  tree: string | null;
  /**
   * The other folder of the output, as the last build that published it left it: its name and
   * folder stamps. The next build, which updates and publishes it, stamps anew only the folders it changed.
   */
  other: { tree: string; folders: [string, string][] } | null;
  /** Every file of the output, marker included. */
  files: string[];
  /** The cache folder's own entries (the build cache the record goes with), with their stamps. */
  cache: [string, string][];
  summary: RecordedSummary;
}

/** Stamps of the sources, taken before a build reads them, and each file's stat. */
export interface SourceStamps {
  entries: [string, string][];
  stats: Map<string, FileStat>;
}

/**
 * The file system's clock: the modification time of a file written now in `dir`. When `after`
 * is given, waits (at most 100 ms) until the clock has moved past it.
 */
function fsClock(dir: string, after = -Infinity): number {
  fs.mkdirSync(dir, { recursive: true });
  const probe = join(dir, `.clock-${process.pid}`);
  const deadline = Date.now() + 100;
  let now: number;
  do {
    withPath(probe, () => fs.writeFileSync(probe, ''));
    now = fs.statSync(probe).mtimeMs;
  } while (now <= after && Date.now() < deadline);
  fs.rmSync(probe, { force: true });
  return now;
}

/** Stamps every source file and folder of the site at `root` (`cacheDir` holds the clock's probe). */
export function stampSources(root: string, cacheDir: string): SourceStamps {
  const at = fsClock(join(root, cacheDir));
  const entries: [string, string][] = [];
  const stats = new Map<string, FileStat>();
  const seen = new Set<string>();
  const add = (rel: string, stamp: string | null) => entries.push([rel, stamp ?? '-']);
  const walk = (rel: string, st: fs.Stats) => {
    // Note: a link back up would otherwise be walked forever.
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) return;
    seen.add(id);
    const full = join(root, rel);
    let names: string[];
    try {
      names = fs.readdirSync(full).sort();
    } catch {
      // Note: a folder that cannot be read is left to the build to report, and never trusted.
      add(`${rel}/`, RACY);
      return;
    }
    add(`${rel}/`, stampOf(full, at, st));
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const child = `${rel}/${name}`;
      const path = `${full}/${name}`;
      const info = statIfThere(path);
      if (info?.isDirectory()) {
        walk(child, info);
        continue;
      }
      const stamp = info ? stampOf(path, at, info) : null;
      add(child, stamp);
      if (info?.isFile()) stats.set(child, { stamp: stamp || statStamp(info), ctimeMs: info.ctimeMs, racy: stamp === RACY });
    }
  };
  // Note: a missing config file or folder is recorded too, so that one appearing is seen.
  for (const name of [...CONFIG_FILES, ...SOURCE_ROOTS]) {
    const st = statIfThere(join(root, name));
    if (st?.isDirectory() && SOURCE_ROOTS.includes(name)) walk(name, st);
    else add(name, stampOf(join(root, name), at, st));
  }
  return { entries, stats };
}

function optionsKey(o: RecordOptions): string {
  return JSON.stringify([o.out, o.drafts ?? false, o.future ?? false, o.baseUrl ?? null]);
}

/**
 * The last build's record in the cache folder, when it was made by this bantin with these options.
 * A record that is not one (its checksum wrong, not a file, of a shape no bantin writes) is
 * reported to `damaged` and not used.
 */
export function readRecord(root: string, cacheDir: string, options: RecordOptions, damaged: (why: string) => void = () => {}): BuildRecord | null {
  const record = readRecordFile(root, cacheDir, damaged);
  if (!record || record.format !== FORMAT || record.tool !== toolFingerprint()) return null;
  if (!isRecord(record)) {
    damaged(`${FILE} is not a build record`);
    return null;
  }
  return record.options === optionsKey(options) ? record : null;
}

/** The record file's JSON when its checksum holds (of any format and tool), or null. */
function readRecordFile(root: string, cacheDir: string, damaged: (why: string) => void): BuildRecord | null {
  let text: string;
  try {
    text = fs.readFileSync(join(root, cacheDir, FILE), 'utf8');
  } catch (e) {
    // Note: none, or something in its place (a folder), which writing the record replaces.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') damaged(`${FILE} is not a readable file`);
    return null;
  }
  // Note: the record is its JSON then its CRC-32 on a line of its own; a record of an older bantin has none.
  const end = text.lastIndexOf('\n', text.length - 2);
  const body = end < 0 ? null : text.slice(0, end);
  if (body === null || !text.endsWith('\n') || String(crc32(body)) !== text.slice(end + 1, -1)) {
    if (!/^\{"format":1,/.test(text)) damaged(`${FILE} is damaged`);
    return null;
  }
  try {
    const record = JSON.parse(body) as BuildRecord | null;
    if (typeof record?.format === 'number') return record;
  } catch {
    // reported below
  }
  damaged(`${FILE} is not a build record`);
  return null;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isPairs = (v: unknown) => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isText(p[0]) && isText(p[1]));

/** Whether a parsed record has every field of the shape this bantin writes (see `BuildRecord`). */
function isRecord(v: unknown): v is BuildRecord {
  const r = v as BuildRecord;
  const s = r?.summary;
  return typeof r === 'object' && r !== null && isText(r.options) && isText(r.outputId) &&
    (r.expires === null || typeof r.expires === 'number') && isPairs(r.sources) && isPairs(r.folders) && isPairs(r.cache) &&
    (r.tree === null || isText(r.tree)) && (r.other === null || (typeof r.other === 'object' && isText(r.other.tree) && isPairs(r.other.folders))) &&
    Array.isArray(r.files) && r.files.every(isText) && typeof s === 'object' && s !== null &&
    [s.articles, s.pages, s.files].every((n) => typeof n === 'number') && (s.search === null || typeof s.search === 'number') &&
    Array.isArray(s.messages) && s.messages.every(isText);
}

/**
 * How many articles the site's last recorded build published, whatever its options and output
 * (null when there is no record of this format). Note: a CI runner keeps the cache folder between
 * runs but not the output, so this does not ask that the output is still there.
 */
export function recordedArticles(root: string, cacheDir: string): number | null {
  const record = readRecordFile(root, cacheDir, () => {});
  const articles = record?.format === FORMAT ? record.summary?.articles : undefined;
  return typeof articles === 'number' ? articles : null;
}

/**
 * The output's files when the output is the one the record describes (the same build id, every
 * folder's stamp unchanged): no file was added, removed or renamed since. Null otherwise.
 */
export function recordedOutput(record: BuildRecord | null, out: string, outputId: string | null): string[] | null {
  if (!record || outputId !== record.outputId || !allHold(record.folders, out)) return null;
  return record.files;
}

/**
 * `recordedOutput`, with the output's folders checked on a worker thread while this thread goes
 * on (loading the build cache); resolves to null when the record does not hold. Note: checking the
 * 13,000 folders of a 10,000-article site takes ~60 ms of a one-edit build.
 */
export function recordedOutputAside(record: BuildRecord | null, out: string, outputId: string | null): Promise<string[] | null> {
  if (!record || outputId !== record.outputId) return Promise.resolve(null);
  return new Promise((done) => {
    let settled = false;
    const settle = (files: () => string[] | null) => {
      if (settled) return;
      settled = true;
      done(files());
    };
    // Note: a worker that cannot start (its script missing, as under a TypeScript test runner) or
    // ends without an answer leaves the check to this thread.
    const here = () => recordedOutput(record, out, outputId);
    try {
      const worker = new Worker(new URL('./output-worker.js', import.meta.url), { workerData: { folders: record.folders, out } });
      worker.once('message', (holds: boolean) => settle(() => (holds ? record.files : null)));
      worker.once('error', () => settle(here));
      worker.once('exit', () => settle(here));
    } catch {
      settle(here);
    }
  });
}

/**
 * What the last build printed, when its record still holds at `now`: the same sources (as
 * stamped now), output and options, and no article's publication date reached since. Null when
 * a build has work to do.
 */
export function unchangedSince(
  record: BuildRecord | null,
  sources: SourceStamps | null,
  where: { out: string; cacheDir: string },
  outputId: string | null,
  now: number,
): RecordedSummary | null {
  const { out, cacheDir } = where;
  if (!record || !sources || (record.expires !== null && now >= record.expires)) return null;
  const before = record.sources;
  const current = sources.entries;
  if (before.length !== current.length) return null;
  for (let i = 0; i < before.length; i++) {
    const [path, stamp] = before[i]!;
    if (stamp === RACY || current[i]![0] !== path || current[i]![1] !== stamp) return null;
  }
  if (JSON.stringify(cacheEntries(cacheDir, Infinity)) !== JSON.stringify(record.cache)) return null;
  return recordedOutput(record, out, outputId) === null ? null : record.summary;
}

/** The entries of the cache folder but the record, with their stamps: the build cache it vouches for. */
function cacheEntries(dir: string, at: number): [string, string][] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith('.') && !n.startsWith(FILE)).map((n) => [n, stampOf(join(dir, n), at) ?? '-']);
}

/** The output folders holding `files` ('' for the output itself), sorted. */
function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>(['']);
  for (const file of files) {
    for (let d = dirname(file); d !== '.' && !folders.has(d); d = dirname(d)) folders.add(d);
  }
  return [...folders].sort();
}

/** Whether two lists hold the same strings in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Records a build that has just succeeded: its sources as stamped before it read them, and its
 * output folders as they are now (after the commit), with the output's files.
 */
export function writeRecord(
  root: string,
  cacheDir: string,
  build: {
    options: RecordOptions;
    sources: SourceStamps;
    outputId: string;
    files: readonly string[];
    /** The record the output was checked against before the build (see `recordedOutput`), or null. */
    checked: BuildRecord | null;
    /** Files the build wrote or removed in place (null: all of the output is new). */
    changed: readonly string[] | null;
    /**
     * The folder the output's link now points at, and the paths the build changed in it (null:
     * all of it is new), when the build published that folder (see `DiskWriter.published`).
     */
    published: { tree: string; paths: readonly string[] | null } | null;
    expires: number | null;
    summary: RecordedSummary;
  },
): void {
  const dir = join(root, cacheDir);
  const committed = fsClock(dir);
  // Note: folders the commit changed in the clock's last tick would be racy: wait for the next tick.
  const at = fsClock(dir, committed);
  // Note: the same files as the record the build checked have the same folders (13,000 at 10,000 articles).
  const folders = build.checked && sameList(build.checked.files, build.files) ? build.checked.folders.map(([d]) => d) : foldersOf(build.files);
  // Note: a folder the build checked and left alone keeps its stamp; only those it changed are read.
  const previous = build.checked;
  const tree = build.published?.tree ?? previous?.tree ?? null;
  let kept: Map<string, string>;
  let touched: readonly string[] | null;
  if (build.changed && previous) {
    kept = new Map(previous.folders);
    touched = build.changed;
  } else if (build.published?.paths && previous?.other?.tree === tree) {
    // Note: the folder published now was last published two builds ago; since, the build changed only `paths` in it.
    kept = new Map(previous.other.folders);
    touched = build.published.paths;
  } else {
    kept = new Map();
    touched = [];
  }
  for (const [d, stamp] of kept) if (stamp === RACY || stamp === '-') kept.delete(d);
  for (const file of touched) {
    for (let d = dirname(file); ; d = dirname(d)) {
      kept.delete(d === '.' ? '' : d);
      if (d === '.') break;
    }
  }
  const stamp = (d: string) => kept.get(d) ?? stampOf(join(build.options.out, d), at) ?? '-';
  const record: BuildRecord = {
    format: FORMAT,
    tool: toolFingerprint(),
    options: optionsKey(build.options),
    expires: build.expires,
    outputId: build.outputId,
    sources: build.sources.entries,
    folders: folders.map((d) => [d, stamp(d)]),
    tree,
    other: previous && previous.tree !== null && previous.tree !== tree ? { tree: previous.tree, folders: previous.folders } : (previous?.other ?? null),
    files: [...build.files],
    cache: cacheEntries(dir, at),
    summary: build.summary,
  };
  const file = join(dir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const text = JSON.stringify(record);
  try {
    withPath(file, () => fs.writeFileSync(temp, `${text}\n${crc32(text)}\n`));
    // Note: a folder in the record's place (reported when read) is replaced.
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) fs.rmSync(file, { recursive: true, force: true });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
