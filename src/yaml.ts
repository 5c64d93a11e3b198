/**
 * Safe YAML: the one place the `yaml` package is used. YAML 1.2 core schema, so dates stay
 * strings; unique keys; no custom tags; numbers with leading zeros (`012345`) stay strings.
 */
import { isMap, isScalar, LineCounter, parseDocument, type ScalarTag, type Tags } from 'yaml';
import type { Place } from './messages.js';

/** A YAML problem with its place in the parsed text. */
export interface YamlProblem extends Place {
  code: string;
  message: string;
}

/** The result of parsing a YAML text. */
export interface ParsedYaml {
  value: unknown;
  problems: YamlProblem[];
  /** Place of a top-level key's value (or of the key when the value is empty). */
  placeOf(key: string, of?: 'key' | 'value'): Place | undefined;
  /** Place of a nested value, by keys and list indexes (`['attachments', 0, 'file']`). */
  placeIn(path: (string | number)[]): Place | undefined;
}

// Note: YAML 1.2 reads `012345` as 12345; a document number must keep its zero.
function keepLeadingZeros(tags: Tags): Tags {
  return tags.map((tag) => {
    const scalar = tag as ScalarTag;
    if (scalar.tag === 'tag:yaml.org,2002:int' && !scalar.format) {
      return { ...scalar, test: /^[-+]?(?:0|[1-9][0-9]*)$/ };
    }
    return tag;
  });
}

// Note: the YAML library's own words ("Implicit keys need to be on a single line") never say what to do.
const PROBLEM_TEXT: Record<string, string> = {
  TAG_RESOLVE_FAILED: 'YAML tags such as !!js/function are not allowed',
  BAD_ALIAS: 'a YAML alias refers to nothing',
  MULTILINE_IMPLICIT_KEY: 'this line is read as a new key, but a key and its colon must be on one line; if the line continues the value above, indent it under its key, or quote the whole value',
  BLOCK_AS_IMPLICIT_KEY: 'the indent of this line does not match the lines above it; line up the items of a list, and the keys of a mapping, at one indent',
  BAD_INDENT: 'this line is indented differently from the lines beside it; line up the keys of one mapping, and indent a value\'s lines under its key',
  TAB_AS_INDENT: 'a tab indents this line, and YAML indents with spaces only; replace the tab with spaces',
  MISSING_CHAR: 'a bracket or quote opened here is never closed; close it with the same kind: ], }, " or \'',
  BAD_SCALAR_START: 'a value cannot start with this character unless it is quoted (such as @, ` or %); put the value in quotes',
  UNEXPECTED_TOKEN: 'this is not valid YAML here; check the quotes, colons and indent of this line and the one above',
};

/** The library's problem in our words: its code's text, a quote left open said as such. */
function problemText(code: string, message: string): string {
  const quote = code === 'MISSING_CHAR' ? /closing (["'])/.exec(message)?.[1] : undefined;
  if (quote) return `a value opened with ${quote} is never closed; end it with ${quote} (a ${quote} inside it is written ${quote === '"' ? '\\"' : "''"})`;
  return PROBLEM_TEXT[code] ?? 'this is not valid YAML here; check the quotes, colons and indent of this line and the one above';
}

/**
 * Parses YAML text; never throws, never runs code. A key written twice is a problem, unless
 * `duplicates` is `later`: then the later value is read (as Hugo reads it), and no problem is told.
 */
export function parseYaml(text: string, duplicates: 'refuse' | 'later' = 'refuse'): ParsedYaml {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, {
      schema: 'core',
      customTags: keepLeadingZeros,
      uniqueKeys: duplicates === 'refuse',
      prettyErrors: false,
      lineCounter,
    });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // Note: only nesting thousands deep exhausts the stack; its deepest lines are indented past the limit.
    const deep = new RegExp(`\\n[ \\t]{${MAX_YAML_DEPTH},}\\S`).exec(text);
    const problem = { line: deep ? topKeyLine(text, deep.index + 1) : 1, column: 1, code: 'TOO_DEEP', message: TOO_DEEP };
    return { value: null, problems: [problem], placeOf: () => undefined, placeIn: () => undefined };
  }
  const place = (offset: number): Place => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems: YamlProblem[] = [...doc.errors, ...doc.warnings].map((e) => {
    // Note: the parser runs out of stack at a depth that depends on the stack left, so the place is the key's line.
    if (e.code === 'RESOURCE_EXHAUSTION') return { line: topKeyLine(text, e.pos[0]), column: 1, code: 'TOO_DEEP', message: TOO_DEEP };
    const key = e.code === 'DUPLICATE_KEY' ? /^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim() : '';
    // Note: a quote left open is told where it opens, not where the parser gave up on it.
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])/.exec(e.message)?.[1] : undefined;
    const at = quote ? Math.max(0, text.lastIndexOf(quote, e.pos[0] - 1)) : e.pos[0];
    return {
      ...place(at),
      code: e.code,
      message: key
        ? `the key "${key}" appears twice`
        : problemText(e.code, e.message),
    };
  });
  if (problems.some((p) => p.code === 'TOO_DEEP')) {
    // Note: a parser out of stack reports it at every level it unwinds, and more errors after.
    const lines = [...new Set(problems.filter((p) => p.code === 'TOO_DEEP').map((p) => p.line))];
    problems.splice(0, problems.length, ...lines.map((line) => ({ line, column: 1, code: 'TOO_DEEP', message: TOO_DEEP })));
  }
  let value: unknown = null;
  if (problems.length === 0) {
    try {
      value = wellFormed(doc.toJS({ maxAliasCount: 100 }), 0);
    } catch (e) {
      if (e instanceof TooDeep) {
        const key = (isMap(doc.contents) ? doc.contents.items : []).find((pair) => isScalar(pair.key) && pair.key.value === e.key)?.key as { range?: [number, number, number] } | undefined;
        problems.push({ ...(key?.range ? place(key.range[0]) : { line: 1, column: 1 }), code: 'TOO_DEEP', message: TOO_DEEP });
      } else {
        problems.push({ line: 1, column: 1, code: 'ALIAS_LIMIT', message: (e as Error).message });
      }
    }
  }
  return {
    value,
    problems,
    placeOf(key, of = 'value') {
      if (!isMap(doc.contents)) return undefined;
      for (const pair of doc.contents.items) {
        if (isScalar(pair.key) && pair.key.value === key) {
          const node = of === 'value' && (pair.value as { range?: [number, number, number] } | null)?.range
            ? (pair.value as { range: [number, number, number] })
            : (pair.key as { range?: [number, number, number] });
          return node.range ? place(node.range[0]) : undefined;
        }
      }
      return undefined;
    },
    placeIn(path) {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return node?.range ? place(node.range[0]) : undefined;
    },
  };
}

/** Lists and mappings nested deeper than this are refused: no front matter needs them, and later stages recurse. */
const MAX_YAML_DEPTH = 100;
const TOO_DEEP = `front matter is nested over ${MAX_YAML_DEPTH} levels deep (lists or mappings inside each other)`;

/** Thrown by `wellFormed` past `MAX_YAML_DEPTH`, with the top-level key it happened under. */
class TooDeep extends Error {
  constructor(readonly key: string) {
    super(TOO_DEEP);
  }
}

/** The line of the top-level key whose value holds `offset`: the nearest line at or above it that starts in column 1. */
function topKeyLine(text: string, offset: number): number {
  const lines = text.slice(0, offset).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (/^[^\s#]/.test(lines[i]!)) return i + 1;
  return 1;
}

// Note: escapes such as "\udfff" or "a\u0301" make text the file itself could not hold: lone
// surrogates (which crash URL encoding) and non-NFC strings. Every string is made whole and NFC.
function wellFormed(value: unknown, depth: number, key = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').normalize('NFC');
  }
  if (value && typeof value === 'object' && depth >= MAX_YAML_DEPTH) throw new TooDeep(key);
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, depth + 1, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k, depth + 1) as string, wellFormed(v, depth + 1, depth === 0 ? k : key)]));
  }
  return value;
}

/** A quoted value whose continuation lines were not indented (see `indentContinuations`). */
export interface Continuation {
  /** The key whose value it is, and the 1-based lines of the continuation that had no indent. */
  key: string;
  lines: number[];
}

/**
 * Indents the continuation lines of a quoted value that a file leaves unindented (`excerpt: "…` with
 * its next lines at column 1), as js-yaml (Eleventy's, Jekyll's and gray-matter's reader) reads
 * them: YAML folds a quoted value's lines into one with spaces, whatever their indent, but asks for
 * one. Only a value whose closing quote is found is changed; the caller keeps the change only when
 * the text then parses without a problem.
 */
export function indentContinuations(text: string): { text: string; continuations: Continuation[] } {
  const lines = text.split('\n');
  const continuations: Continuation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^( *)([^\s#'"-][^:]*?|"[^"\n]*"|'[^'\n]*'): +(["'])/.exec(lines[i]!);
    if (!start || closesAt(lines[i]!, start[0].length, start[3]!) >= 0) continue;
    const indent = start[1]!.length;
    const unindented: number[] = [];
    let end = i + 1;
    while (end < lines.length && closesAt(lines[end]!, 0, start[3]!) < 0) end++;
    if (end === lines.length) continue;
    for (let j = i + 1; j <= end; j++) {
      const line = lines[j]!;
      if (line.trim() && line.length - line.trimStart().length <= indent) {
        unindented.push(j + 1);
        lines[j] = `${' '.repeat(indent + 2)}${line.trimStart()}`;
      }
    }
    if (unindented.length) continuations.push({ key: start[2]!.replace(/^["']|["']$/g, ''), lines: unindented });
    i = end;
  }
  return { text: continuations.length ? lines.join('\n') : text, continuations };
}

/** Where a quoted value that is open at `from` closes on `line` (`"` with `\\` escapes, `'` with `''`), or -1. */
function closesAt(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
