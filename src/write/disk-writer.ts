/**
 * The disk writer: stages the files a build changed in a temporary folder beside the output and
 * publishes them only when the whole build succeeded, by turning the output's link to the other of
 * its two folders (see `output-link.ts`). Nothing outside the output, its two folders and its
 * temporary folders is written or deleted.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { withPath } from '../messages.js';
import { discardTree, dropNote, lockOutput, MARKER, outputLayout, publishTree, readNote, stopAt, writeNote, type OutputLayout } from './output-link.js';
import { unsafeOutputPath } from '../output-path.js';
import { MARKER_TEXT } from './output-paths.js';
import { recoverOutput, removeFiles, removeTemp } from './recovery.js';
import type { Writer } from './writer.js';

/**
 * Stages the files a build changed in a fresh folder beside the output; unchanged files stay
 * where they are, so their mtimes do. At commit, the staged files go into the folder the output's
 * link does not point at (see `output-link.ts`), which is brought up to date by changing only the
 * paths its note names, or made again with hard links to the unchanged files when it has none;
 * then the link is turned to it with one rename. One build at a time changes an output (see
 * `lockOutput`).
 */
export class DiskWriter implements Writer {
  private readonly temp: string;
  /** The previous output's files (links included), each with whether it is a plain file. */
  private readonly before: Map<string, boolean>;
  private written = 0;
  private reused = 0;
  /** Every path of the new output. */
  private readonly paths = new Set<string>();
  /** Paths whose new bytes are in the temporary folder. */
  private readonly staged = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly layout: OutputLayout;
  /** The folder holding the previous output (the link's folder, or the output itself). */
  private readonly base: string;
  private readonly release: () => void;
  /** Whether the previous output's files were listed from its folder rather than known from the build record. */
  private readonly listed: boolean;

  /**
   * `recorded`, called once any killed build is recovered (`recovered`: the output was changed
   * doing so, or by another build this one waited for): the output's files when they are known
   * without reading its folders (see `recordedOutput`), or null.
   */
  constructor(
    private readonly out: string,
    recorded?: (recovered: boolean) => readonly string[] | null,
  ) {
    this.out = resolve(out);
    const id = outputBuildId(this.out);
    this.release = lockOutput(this.out);
    try {
      const recovered = recoverOutput(this.out) || outputBuildId(this.out) !== id;
      this.layout = outputLayout(this.out);
      this.base = this.layout.live ?? this.out;
      const known = recorded?.(recovered);
      this.listed = !known;
      this.before = known ? new Map(known.map((path) => [path, true])) : fs.existsSync(this.base) ? listFiles(this.base) : new Map();
      const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
      const temp = join(dirname(this.out), `.${basename(this.out)}.tmp-${tag}`);
      this.temp = temp;
      fs.mkdirSync(temp, { recursive: true });
      try {
        withPath(join(temp, MARKER), () => fs.writeFileSync(join(temp, MARKER), MARKER_TEXT));
      } catch (e) {
        fs.rmSync(temp, { recursive: true, force: true });
        throw e;
      }
    } catch (e) {
      this.release();
      throw e;
    }
  }

  write(path: string, content: string | Uint8Array): void {
    const problem = unsafeOutputPath(path);
    if (problem) throw new Error(`output path "${path}" ${problem}`);
    this.unstage(path);
    this.paths.add(path);
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    if (this.before.get(path) && holds(join(this.base, path), bytes)) {
      this.reused++;
      return;
    }
    const target = join(this.temp, path);
    this.ensureDir(dirname(target));
    // Note: a full disk is reported at the output file it was writing (its staged copy is beside it).
    withPath(join(this.out, path), () => fs.writeFileSync(target, bytes));
    this.staged.add(path);
    this.written++;
  }

  keep(path: string): boolean {
    if (unsafeOutputPath(path) || !this.before.get(path)) return false;
    this.unstage(path);
    this.paths.add(path);
    this.reused++;
    return true;
  }

  commit() {
    try {
      const removes = [...this.before.keys()].filter((p) => p !== MARKER && !this.paths.has(p));
      const result = { written: this.written, reused: this.reused, removed: removes.length };
      if (this.staged.size + removes.length === 0 && this.before.has(MARKER)) {
        removeTemp(this.temp);
        this.changed = [];
      } else {
        this.publish(removes);
        this.changed = null;
      }
      return result;
    } finally {
      this.release();
    }
  }

  abort(): void {
    try {
      removeTemp(this.temp);
    } finally {
      this.release();
    }
  }

  /** Every file of the output this writer committed, its marker included. */
  files(): string[] {
    return [MARKER, ...this.paths];
  }

  /** Files the commit wrote or removed in the output's folder; null when it published another folder. */
  changed: string[] | null = null;

  /**
   * The folder the commit published (see `output-link.ts`), by name, with the paths it changed
   * there (null: the folder was made anew); null when it published none.
   */
  published: { tree: string; paths: string[] | null } | null = null;

  /**
   * Makes the folder the link does not point at the new output and turns the link to it. Note:
   * until the rename that turns the link, the published folder is never touched; a kill leaves it
   * as it was, and the other folder without a note, which the next build makes again.
   */
  private publish(removes: readonly string[]): void {
    const { trees, live, folder } = this.layout;
    const target = live === trees[0] ? trees[1] : trees[0];
    const differs = [...this.staged, ...removes];
    const behind = live ? readNote(target, (p) => !unsafeOutputPath(p)) : null;
    stopAt('staged');
    if (live && behind) {
      dropNote(target);
      const paths = new Set([...behind, ...differs]);
      // Note: an output not as the build record says was changed by hand (`rm -rf dist/` empties
      // it): files of the other folder that the output did not list may linger there; drop them.
      if (this.listed) for (const path of listFiles(target).keys()) if (path !== MARKER && !this.paths.has(path)) paths.add(path);
      this.update(target, live, paths);
      this.published = { tree: basename(target), paths: [...paths] };
      // Note: a new marker (a new build id); the temporary folder keeps its own until it is removed, so a killed removal is still recognised.
      fs.writeFileSync(join(target, `${MARKER}.tmp`), MARKER_TEXT);
      fs.renameSync(join(target, `${MARKER}.tmp`), join(target, MARKER));
      removeTemp(this.temp);
    } else {
      discardTree(target);
      for (const path of this.paths) {
        if (this.staged.has(path)) continue;
        const to = join(this.temp, path);
        this.ensureDir(dirname(to));
        fs.linkSync(join(this.base, path), to);
        stopAt('first-file');
      }
      fs.renameSync(this.temp, target);
      this.published = { tree: basename(target), paths: null };
    }
    stopAt('before-swap');
    const previous = live ?? (folder ? (target === trees[0] ? trees[1] : trees[0]) : null);
    if (folder && previous) discardTree(previous);
    publishTree(this.layout, target, previous);
    stopAt('swapped');
    if (previous && fs.existsSync(join(previous, MARKER))) writeNote(previous, differs);
    // Note: an empty folder, the only unmarked one `checkOutputFolder` accepts; rmdir refuses others.
    else if (previous && folder) fs.rmdirSync(previous);
  }

  /**
   * Brings the unpublished folder `target` to the new output at `paths` (everywhere else it is the
   * output already): removes what the output no longer has and the folders left empty, then moves
   * each staged file in and links each unchanged one from the published folder.
   */
  private update(target: string, live: string, paths: ReadonlySet<string>): void {
    removeFiles(target, [...paths].filter((p) => !this.paths.has(p)));
    for (const path of [...paths].filter((p) => this.paths.has(p)).sort()) {
      const to = join(target, path);
      fs.mkdirSync(dirname(to), { recursive: true });
      if (this.staged.has(path)) {
        fs.renameSync(join(this.temp, path), to);
      } else {
        fs.rmSync(to, { recursive: true, force: true });
        fs.linkSync(join(live, path), to);
      }
      stopAt('first-file');
    }
  }

  /** Drops a staged file that a later write or keep of the same path replaces. */
  private unstage(path: string): void {
    if (this.staged.delete(path)) fs.rmSync(join(this.temp, path), { force: true });
  }

  private ensureDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
}

/** Whether the file at `path` holds exactly `bytes`. */
function holds(path: string, bytes: Uint8Array): boolean {
  try {
    return fs.statSync(path).size === bytes.length && fs.readFileSync(path).equals(bytes);
  } catch {
    return false;
  }
}

/**
 * Identifies one build's output folder: its marker file's inode and modification time, new with
 * every build (the marker's bytes stay the same, so output stays byte-identical). Null when none.
 */
export function outputBuildId(out: string): string | null {
  try {
    const stat = fs.statSync(join(out, MARKER), { bigint: true });
    return `${stat.ino}:${stat.mtimeNs}`;
  } catch {
    return null;
  }
}

/** Every file and link under `dir` by `/`-separated path, each with whether it is a plain file. */
function listFiles(dir: string, prefix = '', into = new Map<string, boolean>()): Map<string, boolean> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) listFiles(join(dir, e.name), rel, into);
    else into.set(rel, e.isFile());
  }
  return into;
}
