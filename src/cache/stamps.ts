/**
 * Stamps of files and folders (size, times, inode) as the build record and the build cache keep
 * them; in a module of their own, the one thing the output check's worker thread loads (see
 * `recordedOutputAside`).
 */
import * as fs from 'node:fs';

/** The stamp of an entry that could change again without its stamp changing; it never matches. */
export const RACY = '';

/** The stamp of a file or folder as it is now: what changes when its content or identity does. */
export function statStamp(st: fs.Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/**
 * What a build cache keeps of a source file's stat (see `BuildCache.hashFile`). Note: keeping
 * these instead of the 10,000 `fs.Stats` objects of a large site spares every scavenge copying them.
 */
export interface FileStat {
  /** `statStamp` of the file. */
  stamp: string;
  ctimeMs: number;
  /**
   * Whether the file changed at or after the moment the sources were stamped, by the file system's
   * own clock (see `stampSources`); absent when no such moment is known.
   */
  racy?: boolean;
}

/** A file's stat as a build cache keeps it. */
export function fileStat(st: fs.Stats): FileStat {
  return { stamp: statStamp(st), ctimeMs: st.ctimeMs };
}

/**
 * The stat of what `path` leads to; undefined when nothing is there, or when it cannot be followed
 * (a symbolic link loop, a file where a folder is named): the scan reports those.
 */
export function statIfThere(path: string): fs.Stats | undefined {
  try {
    return fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** A stamp of `path`, RACY when it changed at or after `at`, null when there is nothing there. */
export function stampOf(path: string, at: number, st = statIfThere(path)): string | null {
  if (!st) return null;
  if (Math.max(st.mtimeMs, st.ctimeMs) >= at) return RACY;
  return statStamp(st);
}

/**
 * The one character no path holds, which ends each field of a table of the build record: a list
 * of paths, or of paths each followed by its stamp, in one string (see `BuildRecord`).
 */
export const END = '\0';

/** The fields of a table (see `END`). */
export function tableFields(table: string): string[] {
  const fields = table.split(END);
  fields.pop();
  return fields;
}

/** A table of `fields` (see `END`). */
export function tableOf(fields: readonly string[]): string {
  return fields.length ? `${fields.join(END)}${END}` : '';
}

/**
 * Whether `stamp` is the stamp of `st` as `statStamp` makes it (RACY never is). Note: comparing
 * the numbers instead of making the stamp (whose times take the longest to write out) halved the
 * time this thread spent on each of an output's 100,000 folders; a number written out by
 * `statStamp` reads back as itself.
 */
function stampHolds(stamp: string, st: fs.Stats | undefined): boolean {
  if (!st) return stamp === '-';
  const a = stamp.indexOf(':');
  const b = stamp.indexOf(':', a + 1);
  const c = stamp.indexOf(':', b + 1);
  return c > 0 && st.size === Number(stamp.slice(0, a)) && st.mtimeMs === Number(stamp.slice(a + 1, b)) &&
    st.ctimeMs === Number(stamp.slice(b + 1, c)) && st.ino === Number(stamp.slice(c + 1));
}

/**
 * Whether every entry of a table of paths and stamps is as recorded. Note: the paths are relative
 * to `base` and normalized ('' for `base` itself), as `dirname` leaves them, so they are joined to it as text.
 */
export function allHold(table: string, base: string): boolean {
  for (let i = 0; i < table.length; ) {
    const at = table.indexOf(END, i);
    const next = table.indexOf(END, at + 1);
    if (at < 0 || next < 0) return false;
    const path = at === i ? base : `${base}/${table.slice(i, at)}`;
    if (!stampHolds(table.slice(at + 1, next), statIfThere(path))) return false;
    i = next + 1;
  }
  return true;
}

/** Characters of a table (see `END`) one thread takes at a time in `checkShared`. */
const CHUNK = 65536;

/**
 * The state two threads share while checking one table (see `checkShared`): the next chunk to
 * take, how many chunks there are (0 until `chunkTable` has run), whether an entry did not hold,
 * then where each chunk starts and where the last ends.
 */
export function sharedCheck(table: string): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (3 + Math.ceil(table.length / CHUNK) + 2)));
}

/** Splits a table into chunks of whole entries (see `sharedCheck`), then lets threads take them. */
export function chunkTable(table: string, shared: Int32Array): void {
  let k = 0;
  shared[3] = 0;
  for (let i = 0; i < table.length; ) {
    const at = table.indexOf(END, i);
    const next = at < 0 ? -1 : table.indexOf(END, at + 1);
    if (next < 0) {
      Atomics.store(shared, 2, 1);
      break;
    }
    i = next + 1;
    if (i - shared[3 + k]! >= CHUNK && i < table.length) shared[3 + ++k] = i;
  }
  shared[4 + k] = table.length;
  Atomics.store(shared, 1, k + 1);
}

/**
 * Checks chunks of a table (see `allHold`) until none is left or one did not hold, taking them in
 * turn with the other thread; does nothing before they are counted (see `chunkTable`).
 */
export function checkShared(table: string, base: string, shared: Int32Array): void {
  const count = Atomics.load(shared, 1);
  if (count === 0) return;
  for (let k = Atomics.add(shared, 0, 1); k < count && Atomics.load(shared, 2) === 0; k = Atomics.add(shared, 0, 1)) {
    if (!allHold(table.slice(shared[3 + k], shared[4 + k]), base)) Atomics.store(shared, 2, 1);
  }
}
