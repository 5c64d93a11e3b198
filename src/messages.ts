/** Diagnostics: every problem a build finds, with its place and a stable rule id. */

export type Severity = 'error' | 'warning';

/** One problem found in one file, printed as `file:line:col: message [rule]`. */
export interface Diagnostic {
  /**
   * Path relative to the site root, with `/` separators; or what else the problem is in: a
   * command-line flag (`--out`), a folder, an absolute path outside the site.
   */
  file: string;
  /** 1-based; 0 (with column 0) when the problem has no place inside a file (a flag, a folder). */
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
}

/** Where a diagnostic points inside a file (1-based). */
export interface Place {
  line: number;
  column: number;
}

/** Creates an error diagnostic. */
export function error(file: string, place: Place | undefined, rule: string, message: string): Diagnostic {
  return { file, line: place?.line ?? 1, column: place?.column ?? 1, severity: 'error', rule, message };
}

/** Creates a warning diagnostic. */
export function warning(file: string, place: Place | undefined, rule: string, message: string): Diagnostic {
  return { ...error(file, place, rule, message), severity: 'warning' };
}

/** Creates an error about something with no line: a command-line flag (`--base-url`), a folder, a path. */
export function flagError(what: string, rule: string, message: string): Diagnostic {
  return { file: what, line: 0, column: 0, severity: 'error', rule, message };
}

/** Formats a diagnostic as one line for a terminal (`file:line:col: …`, or `file: …` with no place). */
export function formatDiagnostic(d: Diagnostic): string {
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  const place = d.line > 0 ? `:${d.line}:${d.column}` : '';
  return `${d.file}${place}: ${prefix}${oneLine(d.message)} [${d.rule}]`;
}

// Note: messages quote what authors wrote; a newline or escape sequence in it must not start a
// new diagnostic line or drive the terminal.
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Sorts diagnostics by file, line, column and rule, so output never depends on discovery order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/** Code-point comparison: stable across machines and locales (for paths and ids, not for display). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether any diagnostic in the list is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Thrown by a stage that cannot go on; carries every diagnostic found so far. */
export class BuildFailure extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem(s) found`);
  }
}

/** What an environment fault means, how to fix it, and its rule id, by error code. */
const FAULTS: Record<string, [cause: string, fix: string, rule: string]> = {
  ENOSPC: ['the disk is full', 'free some space, then run it again', 'disk-full'],
  EDQUOT: ['the disk quota is used up', 'free some space or ask for a larger quota, then run it again', 'disk-full'],
  EROFS: ['the file system is read-only', 'use a folder on a writable disk (see --out and cacheDir), or mount it writable', 'read-only'],
  EACCES: ['permission denied', 'give this user write access to it (chmod, chown), or use another folder', 'permission-denied'],
  EPERM: ['the operation is not permitted', 'give this user access to it (chmod, chown, chattr -i), or use another folder', 'permission-denied'],
  ELOOP: ['its symbolic links form a loop', 'fix or remove the link', 'symlink-loop'],
  EISDIR: ['a folder is where a file belongs', 'remove or rename that folder', 'folder-in-the-way'],
  ENOTDIR: ['a file is where a folder belongs', 'remove or rename that file', 'file-in-the-way'],
  EEXIST: ['something is already there', 'remove or rename it', 'file-in-the-way'],
  ENOTEMPTY: ['a folder that is not empty is in the way', 'remove or rename it', 'folder-in-the-way'],
  EMFILE: ['too many files are open', 'raise the limit (ulimit -n), then run it again', 'too-many-files'],
  ENFILE: ['too many files are open on this machine', 'close other programs or raise the limit, then run it again', 'too-many-files'],
  ENAMETOOLONG: ['the path is too long for the file system', 'use a shorter path', 'path-too-long'],
  EIO: ['the disk reported an input/output error', 'check the disk, then run it again', 'disk-error'],
};

const ACTIONS: Record<string, string> = {
  open: 'cannot open it', write: 'cannot write it', mkdir: 'cannot create this folder', rename: 'cannot move it', unlink: 'cannot delete it',
  rmdir: 'cannot delete this folder', rm: 'cannot delete it', scandir: 'cannot read this folder', stat: 'cannot read it', lstat: 'cannot read it',
  read: 'cannot read it', link: 'cannot link it', copyfile: 'cannot copy it', realpath: 'cannot follow it', close: 'cannot finish writing it',
  fsync: 'cannot finish writing it', utime: 'cannot set the time of it', chmod: 'cannot change it', access: 'cannot use it',
};

/**
 * An environment fault (disk full, read-only, a symbolic link loop, a folder in a file's place …)
 * as one diagnostic naming the path, the cause and a fix; null for anything else (a bug).
 */
export function faultDiagnostic(e: unknown): Diagnostic | null {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const fault = typeof err?.code === 'string' ? FAULTS[err.code] : undefined;
  if (!fault) return null;
  const [cause, fix, rule] = fault;
  // Note: a rename refused because of what is at its destination names the destination.
  if (err.dest && ['EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY'].includes(err.code!)) {
    return flagError(err.dest, rule, `cannot replace it: ${cause} (${err.code}); ${fix}`);
  }
  const action = ACTIONS[err.syscall ?? ''] ?? 'cannot use it';
  const dest = err.dest ? ` to ${err.dest}` : '';
  // Note: an error of a call on an open file names no path; the caller adds one where it can (`withPath`).
  if (err.path === undefined) return flagError('bantin', rule, `${action.replace(/ it$/, ' a file')}${dest}: ${cause} (${err.code}); ${fix}`);
  return flagError(err.path, rule, `${action}${dest}: ${cause} (${err.code}); ${fix}`);
}

/** Runs `f`; a file-system error it throws with no path (a write to an open file: ENOSPC) is given `path`. */
export function withPath<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.path === undefined) err.path = path;
    throw e;
  }
}

/** An error in words for a warning: the fault's path, cause and fix (see `faultDiagnostic`), else its message. */
export function describeError(e: unknown): string {
  const fault = faultDiagnostic(e);
  return fault ? `${fault.file}: ${fault.message}` : String((e as Error)?.message ?? e);
}

/** Where a command prints: `out` for results, `err` for diagnostics and warnings (one line each). */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
