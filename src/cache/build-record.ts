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
 *
 * The record is read by every build, so it is kept small and quick to parse: the sources' stamps
 * as one digest (a build only asks whether all of them still hold), and each list of the output
 * (folders with stamps, files) as one string (see `record-file.ts`).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { allHold, checkShared, END, RACY, sharedCheck, stampOf, statIfThere, statStamp, tableFields, tableOf, type FileStat } from './stamps.js';
import { FILE, FORMAT, isRecord, readRecordFile, recordBytes, type BuildRecord, type RecordedSummary } from './record-file.js';
import { CONFIG_FILES } from '../config.js';
import { withPath } from '../messages.js';
import { toolFingerprint } from '../version.js';

/** Folders read for sources, below the root. */
const SOURCE_ROOTS = ['content', 'static', 'templates'];

export type { BuildRecord, RecordedSummary } from './record-file.js';

/** What decides a build's output besides its sources. */
export interface RecordOptions {
  out: string;
  drafts?: boolean;
  future?: boolean;
  expired?: boolean;
  baseUrl?: string;
}

/** Stamps of the sources, taken before a build reads them, with each file's stat. */
export interface SourceStamps {
  /**
   * A digest of every source file and folder (folders end in `/`, relative to the root) with its
   * stamp, in the order walked; RACY when one of them was racy.
   */
  digest: string;
  /**
   * The source files, each followed by its stamp (`statStamp`, after RACY_FILE for a file that
   * was racy), as a table (see `tableOf`); see `sourceStats`.
   */
  files: string;
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
  const hash = createHash('sha256');
  let racy = false;
  // Note: fields are joined into a string every few thousand, and the entries hashed then; a Map
  // of the files' stats made as they were stamped took more time (collecting garbage) than their stats.
  let entries: string[] = [];
  let files: string[] = [];
  const tables: string[] = [];
  const flush = () => {
    hash.update(tableOf(entries));
    tables.push(tableOf(files));
    entries = [];
    files = [];
  };
  const seen = new Set<string>();
  const add = (rel: string, stamp: string | null) => {
    if (stamp === RACY) racy = true;
    entries.push(rel, stamp ?? '-');
    if (entries.length >= 8192) flush();
  };
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
      if (info?.isFile()) files.push(child, stamp || `${RACY_FILE}${statStamp(info)}`);
      add(child, stamp);
    }
  };
  // Note: a missing config file or folder is recorded too, so that one appearing is seen.
  for (const name of [...CONFIG_FILES, ...SOURCE_ROOTS]) {
    const st = statIfThere(join(root, name));
    if (st?.isDirectory() && SOURCE_ROOTS.includes(name)) walk(name, st);
    else add(name, stampOf(join(root, name), at, st));
  }
  flush();
  const digest = hash.digest('base64');
  return { digest: racy ? RACY : digest, files: tables.join('') };
}

/** What begins the stamp of a racy file in `SourceStamps.files`. */
const RACY_FILE = '!';

/** The stat of each source file, as a build cache keeps it (see `BuildCache.statted`). */
export function sourceStats(sources: SourceStamps): Map<string, FileStat> {
  const fields = tableFields(sources.files);
  const stats = new Map<string, FileStat>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const racy = fields[i + 1]!.startsWith(RACY_FILE);
    const stamp = racy ? fields[i + 1]!.slice(RACY_FILE.length) : fields[i + 1]!;
    // Note: the stamp is `statStamp`'s, its third field the change time, which reads back as the number written.
    stats.set(fields[i]!, { stamp, ctimeMs: Number(stamp.split(':')[2]), racy });
  }
  return stats;
}

function optionsKey(o: RecordOptions): string {
  return JSON.stringify([o.out, o.drafts ?? false, o.future ?? false, o.baseUrl ?? null, ...(o.expired ? ['expired'] : [])]);
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

/** The output's files as the record lists them, marker included. */
export function recordedFiles(record: BuildRecord): string[] {
  return tableFields(record.files);
}

/**
 * The output's files when the output is the one the record describes (the same build id, every
 * folder's stamp unchanged): no file was added, removed or renamed since. Null otherwise.
 */
export function recordedOutput(record: BuildRecord | null, out: string, outputId: string | null): string[] | null {
  if (!record || outputId !== record.outputId || !allHold(record.folders, out)) return null;
  return recordedFiles(record);
}

/** A check of the output's folders against a record, going on on a worker thread (see `checkOutputAside`). */
export interface OutputCheck {
  /** Whether the output is the one the record describes (see `recordedOutput`). */
  holds: Promise<boolean>;
  /** Checks folders on this thread too, until none is left to check. */
  help: () => void;
}

/**
 * `recordedOutput`'s check, started on a worker thread while this thread goes on (stamping the
 * sources, loading the build cache), which can join in. Note: checking the 13,000 folders of a
 * 10,000-article site takes ~60 ms; the 133,000 of a 100,000-article site, about as long as
 * stamping its sources.
 */
export function checkOutputAside(record: BuildRecord | null, out: string, outputId: string | null): OutputCheck {
  if (!record || outputId !== record.outputId) return { holds: Promise.resolve(false), help: () => {} };
  const shared = sharedCheck(record.folders);
  const holds = new Promise<boolean>((done) => {
    let settled = false;
    const settle = (holds: () => boolean) => {
      if (settled) return;
      settled = true;
      done(holds());
    };
    // Note: a worker that cannot start (its script missing, as under a TypeScript test runner) or
    // ends without an answer leaves the check to this thread.
    const here = () => allHold(record.folders, out);
    try {
      const worker = new Worker(new URL('./output-worker.js', import.meta.url), { workerData: { folders: record.folders, out, shared } });
      worker.once('message', () => settle(() => Atomics.load(shared, 2) === 0));
      worker.once('error', () => settle(here));
      worker.once('exit', () => settle(here));
    } catch {
      settle(here);
    }
  });
  return { holds, help: () => checkShared(record.folders, out, shared) };
}

/**
 * What the last build printed, when its record still holds at `now`: the same sources (as
 * stamped now), build cache, output (see `checkOutputAside`) and options, and no article's
 * publication date reached since. Null when a build has work to do.
 */
export async function unchangedSince(
  record: BuildRecord | null,
  sources: SourceStamps | null,
  cacheDir: string,
  output: OutputCheck,
  now: number,
): Promise<RecordedSummary | null> {
  if (!record || !sources || (record.expires !== null && now >= record.expires)) return null;
  if (record.sources === RACY || record.sources !== sources.digest) return null;
  if (JSON.stringify(cacheEntries(cacheDir, Infinity)) !== JSON.stringify(record.cache)) return null;
  output.help();
  return (await output.holds) ? record.summary : null;
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

/** The paths of a table of paths and stamps (see `BuildRecord.folders`), each with its stamp. */
function stampsOf(table: string): Map<string, string> {
  const fields = tableFields(table);
  const stamps = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) stamps.set(fields[i]!, fields[i + 1]!);
  return stamps;
}

/**
 * A table of folders and stamps with the stamps of `dirs`, and those that were racy or missing,
 * taken again by `fresh`; null when its folders are not those of `like` (a table too), in order.
 */
function restamped(table: string, dirs: ReadonlySet<string>, fresh: (d: string) => string, like?: string): string | null {
  let out = '';
  let from = 0;
  let j = 0;
  for (let i = 0; i < table.length; ) {
    const at = table.indexOf(END, i);
    const next = table.indexOf(END, at + 1);
    if (at < 0 || next < 0) return null;
    if (like !== undefined) {
      const end = like.indexOf(END, j);
      if (end < 0 || end - j !== at - i || like.slice(j, end) !== table.slice(i, at)) return null;
      j = like.indexOf(END, end + 1) + 1;
      if (j === 0) return null;
    }
    const again = next === at + 1 || (next === at + 2 && table[at + 1] === '-');
    const d = again || dirs.size > 0 ? table.slice(i, at) : '';
    if (again || dirs.has(d)) {
      out += `${table.slice(from, i)}${d}${END}${fresh(d)}${END}`;
      from = next + 1;
    }
    i = next + 1;
  }
  return like === undefined || j === like.length ? out + table.slice(from) : null;
}

/** The output folders holding `files` ('' for the output itself). */
function foldersHolding(files: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let d = dirname(file); ; d = dirname(d)) {
      const folder = d === '.' ? '' : d;
      if (folders.has(folder)) break;
      folders.add(folder);
      if (folder === '') break;
    }
  }
  return folders;
}

/** The output folders holding `files`, and the output itself, sorted. */
function foldersOf(files: readonly string[]): string[] {
  return [...foldersHolding(files).add('')].sort();
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
  const files = tableOf(build.files);
  const previous = build.checked;
  const tree = build.published?.tree ?? previous?.tree ?? null;
  const fresh = (d: string) => stampOf(join(build.options.out, d), at) ?? '-';
  // Note: with the same files as the record the build checked, the folders are those of its table
  // (133,000 at 100,000 articles), in its order: the table of the folder now published is copied,
  // all but the folders the build changed in it.
  const same = previous?.files === files;
  let stamped: string | null = null;
  if (same && build.changed) stamped = restamped(previous.folders, foldersHolding(build.changed), fresh);
  else if (same && build.published?.paths && previous.other?.tree === tree) {
    stamped = restamped(previous.other.folders, foldersHolding(build.published.paths), fresh, previous.folders);
  }
  if (stamped === null) {
    // Note: a folder the build checked and left alone keeps its stamp; only those it changed are read.
    let kept: Map<string, string>;
    let touched: readonly string[];
    if (build.changed && previous) {
      kept = stampsOf(previous.folders);
      touched = build.changed;
    } else if (build.published?.paths && previous?.other?.tree === tree) {
      // Note: the folder published now was last published two builds ago; since, the build changed only `paths` in it.
      kept = stampsOf(previous.other.folders);
      touched = build.published.paths;
    } else {
      kept = new Map();
      touched = [];
    }
    for (const [d, stamp] of kept) if (stamp === RACY || stamp === '-') kept.delete(d);
    for (const d of foldersHolding(touched)) kept.delete(d);
    stamped = '';
    for (const d of foldersOf(build.files)) stamped += `${d}${END}${kept.get(d) ?? fresh(d)}${END}`;
  }
  const record: BuildRecord = {
    format: FORMAT,
    tool: toolFingerprint(),
    options: optionsKey(build.options),
    expires: build.expires,
    outputId: build.outputId,
    sources: build.sources.digest,
    folders: stamped,
    tree,
    other: previous && previous.tree !== null && previous.tree !== tree ? { tree: previous.tree, folders: previous.folders } : (previous?.other ?? null),
    files,
    cache: cacheEntries(dir, at),
    summary: build.summary,
  };
  const file = join(dir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  const bytes = recordBytes(record);
  try {
    withPath(file, () => fs.writeFileSync(temp, bytes));
    // Note: a folder in the record's place (reported when read) is replaced.
    if (fs.lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) fs.rmSync(file, { recursive: true, force: true });
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
