/**
 * Recovery of an output a killed build left halfway, and the helpers it shares with the disk
 * writer: removing files and the temporary folders of bantin's own naming.
 */
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isOtherLiveProcess } from '../processes.js';
import { DELETING, MARKER, recoverLink } from './output-link.js';
import { unsafeOutputPath } from '../output-path.js';

/** Name of the journal in a temporary folder of an older bantin: the changes it was applying in place. */
export const JOURNAL = `${MARKER}-journal`;

/** Files to move from the temporary folder into the output, and output files to delete. */
interface Journal {
  moves: string[];
  removes: string[];
}


/** Deletes files under `dir` (none a folder) and the folders they leave empty; a file already gone is skipped. */
export function removeFiles(dir: string, paths: readonly string[]): void {
  for (const path of paths) {
    try {
      if (!fs.lstatSync(join(dir, path)).isDirectory()) fs.unlinkSync(join(dir, path));
    } catch (e) {
      if (!['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code!)) throw e;
    }
  }
  const folders = new Set<string>();
  for (const path of paths) for (let d = dirname(path); d !== '.'; d = dirname(d)) folders.add(d);
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      fs.rmdirSync(join(dir, folder));
    } catch {
      // not empty, or already gone
    }
  }
}


/**
 * Applies the journal of an older bantin's in-place apply to the output: deletes removed files and
 * the folders they leave empty, then moves the staged files in. Safe to run again after a kill.
 */
function applyJournal(temp: string, out: string, { moves, removes }: Journal): void {
  removeFiles(out, removes);
  for (const path of moves) {
    const target = join(out, path);
    fs.mkdirSync(dirname(target), { recursive: true });
    try {
      fs.renameSync(join(temp, path), target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/** The journal in a temporary folder, or null when there is none (or it is not one of ours). */
function readJournal(dir: string): Journal | null {
  try {
    const journal = JSON.parse(fs.readFileSync(join(dir, JOURNAL), 'utf8')) as Journal;
    const valid = (list: unknown) => Array.isArray(list) && list.every((p) => typeof p === 'string' && !unsafeOutputPath(p));
    return valid(journal.moves) && valid(journal.removes) ? journal : null;
  } catch {
    return null;
  }
}

/** Removes a temporary folder with its marker or journal last, so a killed removal leaves one recovery still recognises. */
export function removeTemp(dir: string): void {
  const signs = [MARKER, JOURNAL, DELETING];
  for (const e of fs.readdirSync(dir)) if (!signs.includes(e)) fs.rmSync(join(dir, e), { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}


/**
 * Finishes or undoes what a killed build left halfway: puts in place a link a build had ready (see
 * `recoverLink`); for an older bantin's build, restores the previous output when its swap's new one
 * never arrived and rolls forward an in-place apply that passed its commit point; and removes
 * leftover temporary folders of bantin's own naming (and empty ones). Returns whether the output
 * itself was changed.
 */
export function recoverOutput(out: string): boolean {
  const parent = dirname(out);
  const name = basename(out);
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return false;
  }
  let changed = recoverLink(out);
  const olds = entries.filter((e) => e.startsWith(`.${name}.old-`)).sort();
  if (!fs.existsSync(out) && olds.length) {
    const latest = join(parent, olds.pop()!);
    if (fs.existsSync(join(latest, MARKER))) {
      fs.renameSync(latest, out);
      changed = true;
    }
  }
  for (const e of entries) {
    if (!e.startsWith(`.${name}.tmp-`) && !e.startsWith(`.${name}.old-`)) continue;
    const full = join(parent, e);
    const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(e)?.[1]);
    if (pid && isOtherLiveProcess(pid)) continue;
    try {
      const journal = readJournal(full);
      // Note: a journal whose marker was moved in belongs to a build past its commit point: finish it.
      if (journal && !fs.existsSync(join(full, MARKER)) && fs.existsSync(join(out, MARKER))) {
        applyJournal(full, out, journal);
        changed = true;
      }
      if ([MARKER, DELETING, JOURNAL].some((sign) => fs.existsSync(join(full, sign)))) removeTemp(full);
      else fs.rmdirSync(full);
    } catch {
      // another process is removing it too, or it is not empty and not ours
    }
  }
  return changed;
}
