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
