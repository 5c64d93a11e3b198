/**
 * Stamps of files and folders (size, times, inode) as the build record and the build cache keep
 * them; in a module of their own, the one thing the output check's worker thread loads (see
 * `recordedOutputAside`).
 */
import * as fs from 'node:fs';
import { join } from 'node:path';

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

/** Whether every entry's stamp (paths relative to `base`) is as recorded. */
export function allHold(entries: readonly [string, string][], base: string): boolean {
  for (const [path, stamp] of entries) {
    if (stamp === RACY || stamp !== (stampOf(join(base, path), Infinity) ?? '-')) return false;
  }
  return true;
}
