/**
 * How a built output is published: the output path (`dist`) is a symbolic link to one of two
 * folders beside it (`.dist.a`, `.dist.b`), and a build makes the other one the new output, then
 * turns the link to it with one rename, so that a reader, or a kill, meets the old site or the new
 * one at every instant. The folder the link left holds a note of the paths where it differs from
 * the new output, so the next build brings it up to date by changing only those (unchanged files
 * are hard links shared by both folders) instead of making a whole tree again.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { isOtherLiveProcess } from '../processes.js';

/** Name of the file that marks a folder as made by bantin (so it may be replaced). */
export const MARKER = '.bantin-output';
/** The marker of a folder being removed: never restored, never published. */
export const DELETING = `${MARKER}-deleting`;
/** The note in the folder the link does not point at: the paths where it differs from the output. */
const NOTE = `${MARKER}-behind`;

/** The two folders beside an output, and the one its link points at. */
export interface OutputLayout {
  out: string;
  trees: readonly [string, string];
  /** The folder the output's link points at; null when the output is not such a link. */
  live: string | null;
  /** Whether the output is a plain folder (made by an older bantin, or empty). */
  folder: boolean;
}

/** Where an output's folders are and which one is published. */
export function outputLayout(out: string): OutputLayout {
  const name = basename(out);
  const trees = [join(dirname(out), `.${name}.a`), join(dirname(out), `.${name}.b`)] as const;
  const stat = fs.lstatSync(out, { throwIfNoEntry: false });
  let live: string | null = null;
  if (stat?.isSymbolicLink()) {
    // Note: a junction (Windows) holds an absolute path.
    const to = fs.readlinkSync(out);
    const at = [`.${name}.a`, `.${name}.b`].indexOf(isAbsolute(to) && dirname(to) === dirname(out) ? basename(to) : to);
    if (at >= 0 && fs.statSync(trees[at]!, { throwIfNoEntry: false })?.isDirectory()) live = trees[at]!;
  }
  return { out, trees, live, folder: stat?.isDirectory() === true };
}

/** Whether `out` is an output published by a link to one of its two folders. */
export function isOutputLink(out: string): boolean {
  return outputLayout(out).live !== null;
}

/**
 * The paths where the folder `tree` differs from the published output, as its note says; null
 * when it has no note (its state is unknown: it is made again from the output).
 */
export function readNote(tree: string, valid: (path: string) => boolean): string[] | null {
  try {
    const paths = JSON.parse(fs.readFileSync(join(tree, NOTE), 'utf8')) as unknown;
    return Array.isArray(paths) && paths.every((p) => typeof p === 'string' && valid(p)) ? (paths as string[]) : null;
  } catch {
    return null;
  }
}

/** Writes the note of a folder just unpublished (see `readNote`). */
export function writeNote(tree: string, paths: readonly string[]): void {
  const file = join(tree, NOTE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(paths));
  fs.renameSync(`${file}.tmp`, file);
}

/** Removes a folder's note before it is changed: until it is published, its state is unknown. */
export function dropNote(tree: string): void {
  fs.rmSync(join(tree, NOTE), { force: true });
}

/**
 * Points the output's link at `tree` with one rename. An output that is still a plain folder is
 * first moved to `aside` (the one moment without an output; a kill there is finished by
 * `recoverLink`).
 */
export function publishTree(layout: OutputLayout, tree: string, aside: string | null): void {
  const { out } = layout;
  const link = join(dirname(out), `.${basename(out)}.link-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Note: a relative link, so the site folder can be moved; Windows makes a junction, which needs no privilege but an absolute path.
  if (process.platform === 'win32') fs.symlinkSync(tree, link, 'junction');
  else fs.symlinkSync(basename(tree), link);
  if (layout.folder && aside) {
    fs.renameSync(out, aside);
    stopAt('folder-moved');
  }
  fs.renameSync(link, out);
}

/**
 * Removes a folder that is not published (its marker renamed first, so it is never restored) in
 * the background, once moved aside under a temporary name; a later build sweeps up leftovers.
 */
export function discardTree(dir: string): void {
  if (!fs.existsSync(dir)) return;
  try {
    fs.renameSync(join(dir, MARKER), join(dir, DELETING));
  } catch {
    // no marker: nothing would restore it
  }
  const aside = join(dirname(dir), `${basename(dir).replace(/\.[ab]$/, '')}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.renameSync(dir, aside);
  removeInBackground(aside);
}

/**
 * Finishes what a kill left of a publication: puts in place the link a build had ready when it
 * was killed after moving an older bantin's output folder aside, removes stray links, and
 * discards both folders when the output is not a link to one of them (removed by hand, or a
 * folder of an older bantin). Returns whether the output was changed.
 */
export function recoverLink(out: string): boolean {
  const parent = dirname(out);
  const name = basename(out);
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return false;
  }
  let changed = false;
  const links = entries.filter((e) => e.startsWith(`.${name}.link-`) && fs.lstatSync(join(parent, e)).isSymbolicLink()).sort();
  for (const e of links) {
    const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(e)?.[1]);
    if (pid && isOtherLiveProcess(pid)) continue;
    const to = fs.readlinkSync(join(parent, e));
    const target = isAbsolute(to) && dirname(to) === parent ? basename(to) : to;
    if (!fs.lstatSync(out, { throwIfNoEntry: false }) && [`.${name}.a`, `.${name}.b`].includes(target) && fs.existsSync(join(parent, target, MARKER))) {
      fs.renameSync(join(parent, e), out);
      changed = true;
    } else {
      fs.rmSync(join(parent, e), { force: true });
    }
  }
  const layout = outputLayout(out);
  if (layout.live === null) {
    // Note: a dangling link of ours (its folder removed by hand) is no output.
    if (fs.lstatSync(out, { throwIfNoEntry: false })?.isSymbolicLink() && !fs.existsSync(out)) fs.rmSync(out);
    for (const tree of layout.trees) discardTree(tree);
  }
  return changed;
}

/** A lock this old (ms) is stale whoever holds its pid now. */
const LOCK_MAX_AGE_MS = 30 * 60 * 1000;

/**
 * Takes the output's lock (`.dist.lock` beside it), waiting while another live build holds it, so
 * that two builds of one output never change its folders at once; returns its release.
 */
export function lockOutput(out: string): () => void {
  const lock = join(dirname(out), `.${basename(out)}.lock`);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  fs.mkdirSync(dirname(out), { recursive: true });
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: number;
    let age: number;
    try {
      holder = Number(fs.readFileSync(lock, 'utf8').trim());
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch {
      continue;
    }
    // Note: a lock whose build is gone (killed) is taken over, and so is one older than any build
    // takes to render, whose pid another process may have been given since.
    if (!holder || !isOtherLiveProcess(holder) || age > LOCK_MAX_AGE_MS) fs.rmSync(lock, { force: true });
    else Atomics.wait(pause, 0, 0, 20);
  }
  let held = true;
  return () => {
    if (held) fs.rmSync(lock, { force: true });
    held = false;
  };
}

/**
 * For tests only: with `BANTIN_TEST_STOP_AT` set to this point's name, the process kills itself
 * there with SIGKILL, so a test can stop a build at the exact moment that matters.
 */
export function stopAt(point: string): void {
  if (process.env.BANTIN_TEST_STOP_AT === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * Deletes a folder (already moved aside, outside the output's names) in a detached process, so a
 * build does not wait for thousands of unlinks; a later build sweeps up leftovers.
 */
export function removeInBackground(dir: string): void {
  try {
    const child = spawn(process.execPath, ['-e', 'require("fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => fs.rmSync(dir, { recursive: true, force: true }));
    child.unref();
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
