/**
 * Shortcodes and template tags in article bodies, as Hugo, Jekyll and Eleventy write them:
 * `{{< name args >}}`, `{{% name %}}…{{% /name %}}`, `{% name args %}`, `{{ "/x" | url }}`.
 *
 * Two passes around the Markdown parser. Before it, `prepareShortcodes` replaces each call by a
 * token of private-use characters (as many lines as the call, so every later line keeps its
 * number) and the URL tags (`ref`, `relref`, `post_url`, `link`, `| url`) by the URL itself.
 * After it, `expandShortcodes` replaces each token in the HTML tree by its template's output
 * (`templates/shortcodes/<name>.liquid`), parsed and sanitised, so an image there is a photo of
 * the article like any other, and a paired call's content (parsed as Markdown) goes where the
 * template prints `{{ inner }}`. A pure function of the body and the config.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { createRequire } from 'node:module';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { Compatibility, SiteConfig } from './config.js';
import { createEngine, templateDiagnostic, type Template } from './liquid.js';
import type { Place } from './messages.js';

/** One call in a body, as written. */
export interface ShortcodeCall {
  name: string;
  /** `single`: no closing tag; `open` and `close`: the two tags around content. */
  role: 'single' | 'open' | 'close';
  /** How it was written: `{{< >}}`, `{{% %}}`, `{% %}`, or a Liquid output `{{ }}` (a template tag no template renders). */
  syntax: 'hugo' | 'hugo-markdown' | 'liquid' | 'output';
  positional: string[];
  named: Record<string, string>;
  /** The call's text as written. */
  text: string;
  /** Line and column in the body (the body's first line is 1). */
  place: Place;
}

/** A body with its calls made tokens, and its problems that are not the tree's to find. */
export interface PreparedBody {
  text: string;
  /** When the text has lines the body has not: the body's line of each of the text's lines (`lines[1]` for the first). */
  lines?: number[];
  calls: ShortcodeCall[];
  problems: ShortcodeProblem[];
  shifts: Shift[];
}

const TOKEN_START = '\uE000';
const TOKEN_END = '\uE001';
/** Begins each further line of a token for a call written over several lines. */
const TOKEN_LINE = '\uE002';
/** Stands for the content of a paired call where its template prints `{{ inner }}`. */
const INNER = '\uE003';
const TOKEN = /\uE000(\d+)[\n\uE002]*\uE001/g;

/** A body may hold a call: the cheap test that keeps bodies without one off both passes. */
export function mayHoldShortcodes(body: string): boolean {
  return body.includes('{{') || body.includes('{%');
}

/**
 * The most characters a call may take (its arguments included): past it, what began like one is
 * text. Note: it bounds the search for a call's end, which would otherwise make a body of many
 * unfinished calls take time as the square of its length.
 */
const MAX_CALL = 4000;

/** The URL tags: the first argument is a path, made a link to the article it names (`ref:`). */
const REF_NAMES = new Set(['ref', 'relref']);
/** Liquid filters that make a site path a URL (`{{ "/anh.png" | url }}`): the path is linked as written. */
const URL_FILTERS = new Set(['url', 'relative_url', 'absolute_url']);

/**
 * Replaces the calls of `body` by tokens (see the module's note). Hugo's forms are read always;
 * Liquid's (`{% %}`, `{{ }}`) except on a Hugo site, where Hugo shows them as written. Nothing in
 * a code block or a code span is a call, but on a Jekyll or Eleventy site Liquid's `{% raw %}`
 * tags, which those remove there too.
 */
export function prepareShortcodes(text: string, compatibility: Compatibility, renderer: ShortcodeRenderer): PreparedBody {
  // Note: the characters the tokens are made of are never the body's own (a pasted one would name a call).
  const body = text.replace(/[\uE000-\uE005]/g, '\uFFFD');
  const liquid = compatibility !== 'hugo';
  const code = codeRanges(body);
  const calls: ShortcodeCall[] = [];
  const problems: PreparedBody['problems'] = [];
  // Note: the text is kept in parts, with what the calls need to know of its end: reading the end
  // of one growing string would copy all of it again at each call.
  const parts: string[] = [];
  let tail = '';
  let column = 0;
  let blankLine = true;
  const emit = (piece: string) => {
    if (!piece) return;
    parts.push(piece);
    tail = piece.length >= 40 ? piece.slice(-40) : (tail + piece).slice(-40);
    const newline = piece.lastIndexOf('\n');
    if (newline >= 0) {
      column = piece.length - newline - 1;
      blankLine = /^[ \t]*$/.test(piece.slice(newline + 1));
    } else {
      column += piece.length;
      blankLine &&= /^[ \t]*$/.test(piece);
    }
  };
  let i = 0;
  let range = 0;
  const lineStarts = [0];
  for (let k = body.indexOf('\n'); k >= 0; k = body.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  const placeAt = (offset: number): Place => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const problem = (offset: number, rule: string, message: string, severity: 'error' | 'warning' = 'error') => problems.push({ place: placeAt(offset), rule, message, severity });
  const token = (call: ShortcodeCall) => {
    // Note: a call where an address goes (`[a]({{< x >}})`, `href="{{< x >}}"`) prints text there, as Hugo's does.
    if (ADDRESS_BEFORE.test(tail)) return inAddress(call, renderer, problems);
    calls.push(call);
    const index = calls.length - 1;
    const lines = call.text.split('\n').length - 1;
    const made = `${TOKEN_START}${index}${`\n${TOKEN_LINE}`.repeat(lines)}${TOKEN_END}`;
    // Note: a tag alone on its line may be one of a pair, which must not join the paragraph or list item before or after it.
    const alone = blankLine && /^[ \t]*(?:\n|$)/.test(body.slice(i + call.text.length));
    return alone ? `${BREAK_START}${index}${BREAK_END}${made}${BREAK_START}${index}${BREAK_END}` : made;
  };
  /** The same number of lines as `text`, with nothing on them. */
  const blank = (text: string) => '\n'.repeat(text.split('\n').length - 1);

  const unended = new Set<string>();
  const nextOpening = openings(body);
  // Note: a replacement is rarely as long as the call; where columns after one move, `shifts` says by how much.
  const shifts: Shift[] = [];
  const sync = () => {
    const place = placeAt(i);
    const delta = place.column - (column + 1);
    const last = shifts[shifts.length - 1];
    if ((last?.line === place.line ? last.delta : 0) !== delta) shifts.push({ line: place.line, from: column + 1, delta });
  };
  while (i < body.length) {
    sync();
    const next = nextOpening(i);
    if (next < 0) break;
    while (range < code.length && code[range]![1] <= next) range++;
    const inCode = range < code.length && code[range]![0] <= next;
    emit(body.slice(i, next));
    i = next;
    if (inCode) {
      // Note: Jekyll and Eleventy run Liquid on code too, so their content escapes code with raw tags there.
      const raw = compatibility === 'jekyll' || compatibility === 'eleventy' ? /^\{%-?\s*(?:end)?raw\s*-?%\}/.exec(body.slice(i, i + 40)) : null;
      emit(raw ? '' : body[i]);
      i += raw ? raw[0].length : 1;
      continue;
    }
    const two = body.slice(i, i + 3);
    if (two === '{{<' || two === '{{%') {
      const read = readHugo(body, i);
      if (!read) {
        emit(body[i]);
        i++;
        continue;
      }
      if ('problem' in read) {
        problem(i, 'shortcode-syntax', read.problem);
        emit(blank(body.slice(i, read.end)));
        i = read.end;
        continue;
      }
      const text = body.slice(i, read.end);
      if (read.literal !== undefined) emit(read.literal);
      else if (REF_NAMES.has(read.name) && read.role === 'single') emit(refUrl(read.named.path ?? read.positional[0] ?? ''));
      else emit(token({ ...read, text, place: placeAt(i) }));
      i = read.end;
      continue;
    }
    if (!liquid) {
      emit(body[i]);
      i++;
      continue;
    }
    if (body.startsWith('{%', i)) {
      const read = readLiquidTag(body, i);
      if (!read) {
        emit(body[i]);
        i++;
        continue;
      }
      const text = body.slice(i, read.end);
      const { name, args } = read;
      if (name === 'raw' || name === 'comment' || name === 'highlight') {
        const end = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g');
        end.lastIndex = read.end;
        // Note: once none is found, none is after a later one either.
        const found = unended.has(name) ? null : end.exec(body);
        if (!found) {
          unended.add(name);
          problem(i, 'shortcode-unclosed', `{% ${name} %} has no {% end${name} %}; add it where the ${name === 'comment' ? 'comment' : 'text'} ends`);
          emit(blank(text));
          i = read.end;
          continue;
        }
        const inside = body.slice(read.end, found.index);
        // Note: Jekyll's highlight block is a fenced code block; raw text is shown as written.
        if (name === 'raw') emit(inside);
        else if (name === 'comment') emit(blank(text + inside + found[0]));
        else emit(`\`\`\`${args.split(/\s/)[0] ?? ''}${inside}\`\`\``);
        i = found.index + found[0].length;
        continue;
      }
      const parsed = liquidArgs(args);
      if (name === 'post_url' || name === 'link') {
        emit(refUrl(parsed.positional[0] ?? ''));
      } else if (name === 'include') {
        const file = parsed.positional[0] ?? '';
        const base = file.replace(/^.*\//, '').replace(/\.[a-z0-9]+$/i, '');
        emit(token({ name: base || file, role: 'single', syntax: 'liquid', positional: parsed.positional.slice(1), named: parsed.named, text, place: placeAt(i) }));
      } else {
        emit(token({ name, role: name.startsWith('end') ? 'close' : 'single', syntax: 'liquid', ...parsed, text, place: placeAt(i) }));
      }
      i = read.end;
      continue;
    }
    // `{{ … }}`: a Liquid output.
    const end = body.slice(i + 2, i + MAX_CALL).indexOf('}}');
    const text = end >= 0 ? body.slice(i, i + 2 + end + 2) : '';
    if (!text || text.includes('\n\n')) {
      emit(body[i]);
      i++;
      continue;
    }
    const path = urlOutput(text);
    if (path !== null) emit(path);
    else emit(token({ name: text.slice(2, -2).trim(), role: 'single', syntax: 'output', positional: [], named: {}, text, place: placeAt(i) }));
    i += text.length;
  }
  sync();
  emit(body.slice(i));
  pairCalls(calls, problems);
  return { ...withBreaks(parts.join(''), calls), calls, problems, shifts };
}

/** From column `from` of the body's line `line` on, the text's columns are the body's less `delta`. */
interface Shift {
  line: number;
  from: number;
  delta: number;
}

const shiftsByLine = new WeakMap<PreparedBody, Map<number, Shift[]>>();

/** The body's place of a place in the prepared text (its line, from `lines`; its column, from `shifts`). */
export function bodyPlace(prepared: PreparedBody, line: number, column: number): Place {
  const original = prepared.lines?.[line] ?? line;
  let byLine = shiftsByLine.get(prepared);
  if (!byLine) {
    byLine = new Map();
    for (const shift of prepared.shifts) {
      const list = byLine.get(shift.line);
      if (list) list.push(shift);
      else byLine.set(shift.line, [shift]);
    }
    shiftsByLine.set(prepared, byLine);
  }
  let delta = 0;
  for (const shift of byLine.get(original) ?? []) if (shift.from <= column) delta = shift.delta;
  return { line: original, column: column + delta };
}

/** Where a blank line may go around a tag alone on its line: before and after its token. */
const BREAK_START = '\uE004';
const BREAK_END = '\uE005';

/**
 * The text with a blank line around each tag of a pair that stands alone on its line (so that it
 * ends the paragraph or list item before it, as in Hugo, which reads shortcodes before Markdown),
 * and the line of the body each line of the text is (`lines[n]`: the body's line of the text's line n).
 */
function withBreaks(out: string, calls: readonly ShortcodeCall[]): { text: string; lines?: number[] } {
  if (!out.includes(BREAK_START)) return { text: out };
  const lines = [0, 1];
  let original = 1;
  let text = '';
  const parts = out.split(/\uE004(\d+)\uE005/);
  parts.forEach((part, k) => {
    if (k % 2 === 0) {
      for (const c of part) if (c === '\n') lines.push(++original);
      text += part;
    } else if (calls[Number(part)]!.role !== 'single') {
      text += '\n';
      lines.push(original);
    }
  });
  return lines.length - 1 === original ? { text } : { text, lines };
}

/** Text just before a link's address or an attribute's value. */
const ADDRESS_BEFORE = /(?:\]\(\s*|=\s*["']?)$/;

/** What a call where an address goes prints there: its template's output as text; nothing when it has none. */
function inAddress(call: ShortcodeCall, renderer: ShortcodeRenderer, problems: PreparedBody['problems']): string {
  const result = call.syntax === 'output' ? null : renderer.render(call, false);
  if (result === null) {
    problems.push(unknownProblem(call, renderer.unknown, false));
    return '';
  }
  if ('problem' in result) {
    problems.push({ ...result.problem, severity: 'error' });
    return '';
  }
  return result.html.trim();
}

/** A call no template renders: an error, or with `shortcodes: { unknown: drop }` a warning. */
function unknownProblem(call: ShortcodeCall, unknown: 'error' | 'drop', inner: boolean): ShortcodeProblem {
  const what = call.syntax === 'output' ? `the template tag ${call.text}` : `the shortcode "${call.name}"`;
  const drop = unknown === 'drop';
  const fix = call.syntax === 'output' ? 'bantin does not run Liquid in articles: write the text it stands for' : `add templates/shortcodes/${call.name}.liquid (its arguments are its variables)`;
  return {
    place: call.place,
    rule: 'shortcode-unknown',
    severity: drop ? 'warning' : 'error',
    message: drop
      ? `${what} has no template, so it is left out${inner ? ' (what it encloses is kept)' : ''}; ${fix}`
      : `${what} has no template; ${fix}, or set shortcodes: { unknown: drop } to leave such calls out`,
  };
}

/**
 * Finds the next `{{` or `{%` from an offset, or -1. Note: each kind's next offset is kept until
 * passed, so a body with many of one and none of the other is not searched to its end each time.
 */
function openings(body: string): (from: number) => number {
  let a = -2;
  let b = -2;
  return (from) => {
    if (a !== -1 && a < from) a = body.indexOf('{{', from);
    if (b !== -1 && b < from) b = body.indexOf('{%', from);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  };
}

/** A link to the article a path names, resolved once every article is known (see `links.ts`). */
function refUrl(path: string): string {
  return `ref:${encodeURIComponent(path.trim())}`;
}

/** `{{ "/x" | url }}`, `{{ site.baseurl }}`: the path (or nothing) they print; null for any other output. */
function urlOutput(text: string): string | null {
  const inner = text.slice(2, -2).replace(/^-|-$/g, '').trim();
  if (/^site\.(baseurl|url)$/.test(inner)) return '';
  const m = /^(["'])(.*?)\1\s*\|\s*([a-z_]+)$/.exec(inner);
  return m && URL_FILTERS.has(m[3]!) ? m[2]! : null;
}

type HugoRead =
  | { end: number; literal: string }
  | { end: number; problem: string }
  | { end: number; literal?: undefined; name: string; role: ShortcodeCall['role']; syntax: 'hugo' | 'hugo-markdown'; positional: string[]; named: Record<string, string> };

/** Reads a Hugo shortcode at `at` (`{{<` or `{{%`); null when it is no shortcode (`{{<` then no name). */
function readHugo(body: string, at: number): HugoRead | null {
  const markdown = body[at + 2] === '%';
  const close = markdown ? '%}}' : '>}}';
  let i = at + 3;
  while (body[i] === ' ' || body[i] === '\t' || body[i] === '\n') i++;
  // Note: `{{</* ref "x" */>}}` is Hugo's way to show a shortcode as text.
  if (body.startsWith('/*', i)) {
    const found = body.slice(i, i + MAX_CALL).indexOf(`*/${close}`);
    if (found < 0) return { end: Math.min(body.length, i + 2), problem: `the shortcode shown as text has no "*/${close}"; end it with */${close}` };
    const end = i + found;
    return { end: end + 2 + close.length, literal: `${body.slice(at, at + 3)}${body.slice(i + 2, end)}${close}` };
  }
  let role: ShortcodeCall['role'] = 'single';
  if (body[i] === '/') {
    role = 'close';
    i++;
    while (body[i] === ' ') i++;
  }
  const name = /^[A-Za-z0-9_][\w.-]*(?:\/[\w.-]+)*/.exec(body.slice(i, i + 200))?.[0];
  if (!name) return null;
  i += name.length;
  const positional: string[] = [];
  const named: Record<string, string> = {};
  const window = body.slice(0, at + MAX_CALL);
  const arg = /\s*(?:([A-Za-z_][\w-]*)=)?("(?:[^"\\]|\\[\s\S])*"|`[^`]*`|[^\s"`]+?)(?=\s|\/?[>%]\}\}|$)/y;
  for (;;) {
    const space = /^\s*/.exec(body.slice(i, i + MAX_CALL))![0].length;
    if (body.startsWith(close, i + space) || body.startsWith(`/${close}`, i + space)) {
      const selfClosing = body[i + space] === '/';
      return { end: i + space + (selfClosing ? 1 : 0) + close.length, name, role: selfClosing && role === 'single' ? 'single' : role, syntax: markdown ? 'hugo-markdown' : 'hugo', positional, named };
    }
    arg.lastIndex = i;
    const m = arg.exec(window);
    if (!m || m[0].trim() === '' || m.index !== i) {
      const line = window.indexOf('\n\n', at);
      return { end: line < 0 ? window.length : line, problem: `the shortcode "${name}" does not end with ${close}, or an argument is not "quoted"; write {{${markdown ? '%' : '<'} ${name} key="value" ${close}` };
    }
    const value = unquote(m[2]!);
    if (m[1]) named[m[1]] = value;
    else positional.push(value);
    i = arg.lastIndex;
  }
}

function unquote(v: string): string {
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) return v.slice(1, -1).replace(/\\(["\\])/g, '$1');
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/\\(['\\])/g, '$1');
  if (v.startsWith('`') && v.endsWith('`') && v.length >= 2) return v.slice(1, -1);
  return v;
}

/** Reads a Liquid tag at `at` (`{% name args %}`); null when it is none. */
function readLiquidTag(body: string, at: number): { end: number; name: string; args: string } | null {
  const m = /^\{%-?\s*([A-Za-z_#][\w-]*)/.exec(body.slice(at, at + 200));
  if (!m) return null;
  let i = at + m[0].length;
  let quote = '';
  for (const stop = Math.min(body.length, at + MAX_CALL); i < stop; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '%' && body[i + 1] === '}') {
      const args = body.slice(at + m[0].length, i).replace(/-$/, '').trim();
      return { end: i + 2, name: m[1]!, args };
    } else if (c === '\n' && body[i + 1] === '\n') return null;
  }
  return null;
}

/** Liquid arguments: `"a.png", "Ảnh"`, `src="a.png" alt: "Ảnh"`. */
function liquidArgs(args: string): { positional: string[]; named: Record<string, string> } {
  const positional: string[] = [];
  const named: Record<string, string> = {};
  const arg = /\s*,?\s*(?:([A-Za-z_][\w-]*)\s*[:=]\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,"']+)/y;
  for (let m = arg.exec(args); m; m = arg.exec(args)) {
    const value = unquote(m[2]!);
    if (m[1]) named[m[1]] = value;
    else positional.push(value);
  }
  return { positional, named };
}

/**
 * Pairs each closing tag with the nearest open call of its name before it (Hugo's rule: a call is
 * paired when a closing tag follows); a closing tag with none is a problem.
 */
function pairCalls(calls: ShortcodeCall[], problems: PreparedBody['problems']): void {
  const open: number[] = [];
  for (const [index, call] of calls.entries()) {
    if (call.role !== 'close') {
      if (call.syntax !== 'output') open.push(index);
      continue;
    }
    const name = call.syntax === 'liquid' ? call.name.slice('end'.length) : call.name;
    let found = -1;
    for (let k = open.length - 1; k >= 0; k--) {
      const other = calls[open[k]!]!;
      if (other.name === name && (other.syntax === 'liquid') === (call.syntax === 'liquid')) {
        found = k;
        break;
      }
    }
    if (found < 0) {
      // Note: a Liquid tag named end… with no opening one is a call of that name (`{% endnote %}` alone is no pair).
      if (call.syntax === 'liquid') {
        call.role = 'single';
        continue;
      }
      problems.push({ place: call.place, rule: 'shortcode-unclosed', message: `{{< /${call.name} >}} closes no shortcode; remove it, or add {{< ${call.name} >}} where its content begins`, severity: 'error' });
      continue;
    }
    calls[open[found]!]!.role = 'open';
    call.name = name;
    open.splice(found);
  }
}

/**
 * Where code is in a body (fenced blocks, code spans), as sorted [start, end) offsets: no call is
 * read there. Note: close to CommonMark's rules, not exact; a fence inside a list item is found by its marker.
 */
function codeRanges(body: string): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  let fence: { char: string; length: number; start: number } | null = null;
  let prose = 0;
  /** The code spans of the prose between `from` and `to`: a run of backticks, to the next run as long in its paragraph. */
  const spans = (from: number, to: number) => {
    let paragraph = from;
    for (const part of body.slice(from, to).split(/(\n[ \t]*\n)/)) {
      const runs = [...part.matchAll(/`+/g)];
      // Note: each run's next run of the same length, found in one pass from the end (a body of many
      // lone backticks would otherwise take time as the square of their number).
      const next: number[] = new Array(runs.length).fill(-1);
      const seen = new Map<number, number>();
      for (let k = runs.length - 1; k >= 0; k--) {
        const length = runs[k]![0].length;
        next[k] = seen.get(length) ?? -1;
        seen.set(length, k);
      }
      for (let a = 0; a < runs.length; a++) {
        const b = next[a]!;
        if (b < 0) continue;
        ranges.push([paragraph + runs[a]!.index!, paragraph + runs[b]!.index! + runs[b]![0].length]);
        a = b;
      }
      paragraph += part.length;
    }
  };
  for (const line of body.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const m = /^[\s>]*(?:(?:[-*+]|\d{1,9}[.)])\s+)?(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && m[2]!.trim() === '') {
        ranges.push([fence.start, offset]);
        fence = null;
        prose = offset;
      }
      continue;
    }
    if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      spans(prose, start);
      fence = { char: m[1]![0]!, length: m[1]!.length, start };
    }
  }
  if (fence) ranges.push([fence.start, body.length]);
  else spans(prose, body.length);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** What renders shortcodes for a body: the site's templates and what to do with a call none renders. */
export interface ShortcodeRenderer {
  /** The call's HTML; null when no template has its name. */
  render(call: ShortcodeCall, inner: boolean): { html: string } | { problem: { file: string; place: Place; rule: string; message: string } } | null;
  unknown: 'error' | 'drop';
}

const renderers = new WeakMap<Record<string, string>, ShortcodeRenderer>();

/** The renderer of a config's shortcode templates, made once per config. */
export function shortcodeRenderer(config: SiteConfig): ShortcodeRenderer {
  let renderer = renderers.get(config.shortcodeTemplates);
  if (renderer && renderer.unknown === config.shortcodes.unknown) return renderer;
  // Note: the templates are text (a config travels to worker threads), parsed here on first use.
  const files = Object.fromEntries(Object.entries(config.shortcodeTemplates).map(([name, source]) => [`${name}.liquid`, source]));
  const engine = createEngine('/', {}, { strictVariables: false, templates: files });
  const parsed = new Map<string, Template[] | null>();
  /** The parsed template of a name: undefined when there is none, null when it does not parse. */
  const templateOf = (name: string): Template[] | null | undefined => {
    if (!Object.hasOwn(config.shortcodeTemplates, name)) return undefined;
    if (!parsed.has(name)) {
      try {
        parsed.set(name, engine.parse(config.shortcodeTemplates[name]!));
      } catch {
        parsed.set(name, null);
      }
    }
    return parsed.get(name)!;
  };
  renderer = {
    unknown: config.shortcodes.unknown,
    render(call, inner) {
      if (!/^[\w.-]+(?:\/[\w.-]+)*$/.test(call.name) || call.name.split('/').includes('..')) return null;
      const templates = templateOf(call.name);
      // Note: a template that does not parse is reported once, with the theme's (see `loadTheme`), and prints nothing.
      if (templates === null) return { html: '' };
      if (!templates) return null;
      const data: Record<string, unknown> = { name: call.name, args: call.positional, params: call.named, include: call.named };
      for (const [key, value] of Object.entries(call.named)) {
        data[key] = value;
        data[key.replace(/-/g, '_')] = value;
      }
      if (inner) data.inner = INNER;
      const label = `templates/shortcodes/${call.name}.liquid`;
      try {
        return { html: engine.renderSync(templates, data) as string };
      } catch (e) {
        const d = templateDiagnostic(e, '/', new Map([[config.shortcodeTemplates[call.name]!, label]]), label);
        return { problem: { file: d.file, place: { line: d.line ?? 1, column: d.column ?? 1 }, rule: d.rule, message: d.message } };
      }
    },
  };
  renderers.set(config.shortcodeTemplates, renderer);
  return renderer;
}

/** What a theme's shortcode may print: the body's HTML, plus figures, asides and a class on any element. */
const THEME_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'aside', 'cite', 'small', 'mark', 'abbr', 'time', 'footer', 'header'],
  attributes: {
    // Note: the body's schema allows only some classes on some tags (`language-*` on code); a theme's are its own.
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [tag, list.filter((a) => !(Array.isArray(a) && a[0] === 'className'))])),
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'title', 'lang', 'dir'],
    time: ['dateTime'],
  },
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'tel', 'vb', 'ref'] },
};

/** Tags whose element is a block: a call printing one is not left inside a paragraph. */
const BLOCK = new Set(['address', 'aside', 'blockquote', 'details', 'div', 'dl', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'ol', 'p', 'pre', 'section', 'table', 'ul']);

/** A problem the tree pass found, at a place in the body (or in a template). */
export interface ShortcodeProblem {
  file?: string;
  place: Place;
  rule: string;
  message: string;
  severity: 'error' | 'warning';
}

type Parent = Root | Element;
type Child = RootContent | ElementContent;

/**
 * Replaces the tokens of `prepared` in `tree` by what their templates print (see the module's
 * note); returns the problems: a call no template renders, one closed in another block, a call
 * inside a link's address or an attribute.
 */
export function expandShortcodes(tree: Root, prepared: PreparedBody, renderer: ShortcodeRenderer): ShortcodeProblem[] {
  const problems: ShortcodeProblem[] = [];
  const { calls } = prepared;
  const used = new Set<number>();
  const inAttribute = new Set<number>();
  const emptied = new WeakSet<Element>();
  const isEmptied = (node: Child | undefined) => node?.type === 'element' && emptied.has(node);
  const markerOf = (node: Child): number => (node.type === 'element' && node.tagName === 'bantin-shortcode' ? (node.properties.index as number) : -1);
  const rendered = new Map<number, Child[] | null>();

  /** The nodes a call prints, made once; null: no template (left out, or an error). */
  const output = (index: number, inner: boolean): Child[] | null => {
    if (rendered.has(index)) return rendered.get(index)!;
    const call = calls[index]!;
    const result = call.syntax === 'output' ? null : renderer.render(call, inner);
    let nodes: Child[] | null = null;
    if (result === null) {
      problems.push(unknownProblem(call, renderer.unknown, inner));
    } else if ('problem' in result) {
      problems.push({ ...result.problem, severity: 'error' });
    } else {
      const fragment = sanitize(loadFromHtml()(result.html, { fragment: true }), THEME_SCHEMA) as Root;
      nodes = trimmed(fragment.children as Child[]);
      for (const node of nodes) placeAll(node, call.place);
    }
    rendered.set(index, nodes);
    return nodes;
  };

  const isBlock = (nodes: readonly Child[] | null) => !!nodes?.some((n) => n.type === 'element' && BLOCK.has(n.tagName));

  /** A paragraph cut at the calls left in it (blocks, and tags paired outside it): the parts around them stay paragraphs. */
  const lift = (p: Element): Child[] | null => {
    const cut: number[] = [];
    p.children.forEach((child, k) => {
      if (markerOf(child) >= 0) cut.push(k);
    });
    if (!cut.length) return null;
    const parts: Child[] = [];
    let from = 0;
    for (const k of [...cut, p.children.length]) {
      const piece = trimmed(p.children.slice(from, k) as Child[]);
      if (piece.length) parts.push({ ...p, children: piece as ElementContent[] });
      if (k < p.children.length) parts.push(p.children[k]!);
      from = k + 1;
    }
    return parts;
  };

  /**
   * The list with its calls replaced: pairs, innermost first (a closing tag's open one is the
   * nearest open one of its name before it), and singles, in one pass. In a paragraph, a single
   * printing a block and a pair printing one are left for the paragraph's parent, which lifts them
   * out of it, with the paragraph's text as the pair's content.
   */
  const replaceCalls = (list: readonly Child[], inParagraph: boolean): Child[] => {
    const out: Child[] = [];
    const open: { index: number; at: number }[] = [];
    for (const node of list) {
      const index = markerOf(node);
      if (index < 0) {
        out.push(node);
        continue;
      }
      const call = calls[index]!;
      if (call.role === 'single') {
        const nodes = output(index, false);
        if (inParagraph && isBlock(nodes)) out.push(node);
        else append(out, nodes ?? []);
        continue;
      }
      if (call.role === 'open') {
        open.push({ index, at: out.length });
        out.push(node);
        continue;
      }
      let f = open.length - 1;
      while (f >= 0 && calls[open[f]!.index]!.name !== call.name) f--;
      if (f < 0) {
        out.push(node);
        continue;
      }
      const frame = open[f]!;
      open.length = f;
      const nodes = output(frame.index, true);
      if (inParagraph && isBlock(nodes)) {
        out.push(node);
        continue;
      }
      const inner = trimmed(out.slice(frame.at + 1));
      out.length = frame.at;
      append(out, nodes === null ? inner : withInner(nodes, inner));
    }
    return out;
  };

  const walk = (parent: Parent): void => {
    // Tokens in text become markers.
    const children: Child[] = [];
    for (const child of parent.children as Child[]) {
      if (child.type === 'text' && child.value.includes(TOKEN_START)) append(children, splitText(child, used));
      else children.push(child);
    }
    for (const child of children) {
      if (child.type === 'element') {
        dropTokens(child, inAttribute);
        walk(child);
      }
    }
    const paragraph = parent.type === 'element' && parent.tagName === 'p';
    const lifted: Child[] = [];
    for (const child of children) append(lifted, !paragraph && child.type === 'element' && child.tagName === 'p' ? lift(child) ?? [child] : [child]);
    // Note: a paragraph that held only calls that print nothing (left out) is left out too.
    const kept = paragraph ? lifted : lifted.filter((child, k) => !isEmptied(child) && !(child.type === 'text' && !child.value.trim() && isEmptied(lifted[k - 1])));
    let list = replaceCalls(kept, paragraph);
    if (paragraph && kept.length && !trimmed(list).length) emptied.add(parent as Element);
    if (!paragraph) {
      // An open tag whose closing one ends a later block (a list, a quote: Hugo reads the tags before
      // the Markdown) encloses the blocks up to that one; any other is an error at the open one.
      const done: Child[] = [];
      for (let k = 0; k < list.length; k++) {
        const node = list[k]!;
        const index = markerOf(node);
        if (index < 0 || calls[index]!.role !== 'open') {
          done.push(node);
          continue;
        }
        const call = calls[index]!;
        const end = closingBlock(list, k, call);
        if (end < 0) {
          problems.push({ place: call.place, rule: 'shortcode-unclosed', severity: 'error', message: `the shortcode "${call.name}" is closed in another block (a list, a quote or a table); put its closing tag in the same block as the opening one` });
          continue;
        }
        const inner = trimmed(list.slice(k + 1, end + 1));
        const nodes = output(index, true);
        append(done, nodes === null ? inner : withInner(nodes, inner));
        k = end;
      }
      list = done;
    }
    parent.children = list as never;
  };

  /**
   * The index of the block after `open` in `list` whose last node is the call's closing tag (which
   * it takes out), or -1: none, or another tag of the name comes first.
   */
  const closingBlock = (list: readonly Child[], open: number, call: ShortcodeCall): number => {
    // Note: a bound on the blocks looked at, for a body of many tags left open.
    for (let j = open + 1; j < list.length && j <= open + MAX_BLOCKS; j++) {
      const node = list[j]!;
      const index = markerOf(node);
      if (index >= 0 && calls[index]!.name === call.name) return -1;
      if (node.type !== 'element') continue;
      const last = lastMarker(node);
      if (last && calls[last.index]!.role === 'close' && calls[last.index]!.name === call.name) {
        last.parent.children.splice(last.at, 1);
        last.parent.children = trimmed(last.parent.children as Child[]) as ElementContent[];
        return j;
      }
    }
    return -1;
  };

  /** The marker that is the last node of `node` (blank text aside), with its parent and place there. */
  const lastMarker = (node: Element): { parent: Element; at: number; index: number } | null => {
    for (let at = node.children.length - 1; at >= 0; at--) {
      const child = node.children[at]!;
      if (child.type === 'text' && !child.value.trim()) continue;
      const index = markerOf(child);
      if (index >= 0) return { parent: node, at, index };
      return child.type === 'element' ? lastMarker(child) : null;
    }
    return null;
  };

  walk(tree);
  // Note: a closing tag left in a block (its open one was reported) prints nothing.
  sweepMarkers(tree, markerOf);
  for (const [index, call] of calls.entries()) {
    if (used.has(index)) continue;
    if (inAttribute.has(index)) {
      problems.push({ place: call.place, rule: 'shortcode-place', severity: 'error', message: `the shortcode "${call.name}" is inside an image's alt text or an HTML attribute, where no HTML can go; move it out, or write the text itself` });
    } else {
      // Note: only raw HTML, which a site without allowHtml drops, takes a token out of the tree.
      problems.push({ place: call.place, rule: 'shortcode-in-html', severity: 'warning', message: `the shortcode "${call.name}" is inside raw HTML, which this site leaves out, so it is left out too; set allowHtml: true to keep such HTML, or write the content in Markdown` });
    }
  }
  return problems;
}

/** The most blocks a pair may enclose when its closing tag ends the last of them (see `closingBlock`). */
const MAX_BLOCKS = 1000;

/** Appends `items` to `list` (spreading a long list into push's arguments would overflow the stack). */
function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

/** Takes every marker left out of the tree. */
function sweepMarkers(parent: Parent, markerOf: (node: Child) => number): void {
  parent.children = (parent.children as Child[]).filter((child) => markerOf(child) < 0) as never;
  for (const child of parent.children as Child[]) if (child.type === 'element') sweepMarkers(child, markerOf);
}

/** A text node cut at its tokens, each a marker element. */
function splitText(node: Text, used: Set<number>): Child[] {
  const out: Child[] = [];
  let last = 0;
  const push = (value: string) => {
    if (value) out.push({ type: 'text', value });
  };
  for (const m of node.value.matchAll(TOKEN)) {
    push(node.value.slice(last, m.index));
    const index = Number(m[1]);
    used.add(index);
    out.push({ type: 'element', tagName: 'bantin-shortcode', properties: { index }, children: [] });
    last = m.index! + m[0].length;
  }
  push(node.value.slice(last));
  return out;
}

/**
 * Takes the tokens out of an element's attributes (a link's address, an image's alt), where no HTML
 * can go; their calls, never seen in text, are reported when the walk is done.
 */
function dropTokens(node: Element, found: Set<number>): void {
  const drop = (value: string) =>
    value.replace(TOKEN, (_, index: string) => (found.add(Number(index)), '')).replace(/%EE%80%80(\d+)(?:%0A%EE%80%82)*%EE%80%81/gi, (_, index: string) => (found.add(Number(index)), ''));
  for (const [key, value] of Object.entries(node.properties)) {
    if (typeof value === 'string') node.properties[key] = drop(value);
    else if (Array.isArray(value)) node.properties[key] = value.map((v) => (typeof v === 'string' ? drop(v) : v));
  }
}

/** The template's nodes with the paired call's content where it printed `{{ inner }}`. */
function withInner(nodes: Child[], inner: Child[]): Child[] {
  let placed = false;
  const fill = (list: Child[]): Child[] =>
    list.flatMap((node): Child[] => {
      if (node.type === 'text' && node.value.includes(INNER)) {
        const parts = node.value.split(INNER);
        const out: Child[] = [];
        parts.forEach((part, k) => {
          if (part) out.push({ type: 'text', value: part });
          if (k < parts.length - 1 && !placed) {
            placed = true;
            append(out, inner);
          }
        });
        return out;
      }
      if (node.type === 'element') {
        for (const [key, value] of Object.entries(node.properties)) if (typeof value === 'string') node.properties[key] = value.split(INNER).join('');
        node.children = fill(node.children as Child[]) as ElementContent[];
      }
      return [node];
    });
  return fill(nodes);
}

/** Nodes without the blank text (and line breaks) at their two ends. */
function trimmed(nodes: readonly Child[]): Child[] {
  const out = [...nodes];
  const blank = (n: Child | undefined) => !!n && ((n.type === 'text' && n.value.trim() === '') || (n.type === 'element' && n.tagName === 'br'));
  while (blank(out[0])) out.shift();
  while (blank(out[out.length - 1])) out.pop();
  if (out[0]?.type === 'text') out[0] = { ...out[0], value: out[0].value.replace(/^\s+/, '') };
  const end = out[out.length - 1];
  if (end?.type === 'text') out[out.length - 1] = { ...end, value: end.value.replace(/\s+$/, '') };
  return out;
}

/**
 * Gives a template's nodes the call's place in the body (`data.place`, which `placeOf` in
 * `markdown.ts` reads first): a missing photo or alt text there is reported at the call.
 */
function placeAll(node: Child, place: Place): void {
  delete node.position;
  node.data = { ...node.data, place } as never;
  if (node.type === 'element') for (const child of node.children) placeAll(child, place);
}

/**
 * hast-util-from-html, loaded only for a body with a call a template renders: it and its HTML parser
 * (parse5) take about 35 ms to load. Note: `require` of an ES module, as Node ≥ 20.19 does.
 */
function loadFromHtml(): typeof import('hast-util-from-html').fromHtml {
  return (createRequire(import.meta.url)('hast-util-from-html') as typeof import('hast-util-from-html')).fromHtml;
}
