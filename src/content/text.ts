/** Text of a source file: bytes checked as UTF-8, BOM dropped, line endings unified, NFC. */
import { decodeHTMLStrict } from 'entities';
import type { Place } from '../messages.js';

/**
 * Front-matter text with its HTML character references decoded, once (`agencies&#46;` →
 * `agencies.`, `&amp;lt;` → `&lt;`), as pages written for another generator have them. Only
 * references ending in `;` (`AT&T` stays); the text is escaped again wherever it is printed, so a
 * `&lt;b&gt;` shows as `<b>`, never as markup.
 */
export function decodeReferences(text: string): string {
  return text.includes('&') ? decodeHTMLStrict(text).normalize('NFC') : text;
}

/** Decoded text, or why it could not be decoded and where. */
export type DecodedText = { text: string } | { error: string; place: Place };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes to NFC text with `\n` line endings. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksUtf16(bytes)) {
    return { error: 'file is UTF-16; save it as UTF-8', place: { line: 1, column: 1 } };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      error: 'file is not valid UTF-8; save it as UTF-8 (or convert it with `bantin import --from tcvn3|vni`)',
      place: placeOfInvalidByte(bytes),
    };
  }
  return { text: normalizeText(text) };
}

/** Drops a BOM, turns CRLF and lone CR into LF and normalises to NFC. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 200);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return n >= 4 && zeros > n / 4;
}

function placeOfInvalidByte(bytes: Uint8Array): Place {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) break;
    let ok = true;
    for (let k = 1; k < size; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) ok = false;
    if (!ok) break;
    try {
      decoder.decode(bytes.subarray(i, i + size));
    } catch {
      break;
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else {
      column++;
    }
    i += size;
  }
  return { line, column };
}

// Note: YAML escapes ("\0", "\x07", "\uFFFF") and text pasted from other programs carry characters
// that HTML cannot hold or that show as nothing: C0 and C1 controls (tab and newline aside), DEL, and
// noncharacters (U+FFFE, U+FDD0…). Those that separate words where they stand (a vertical tab from
// Word's line break, a form feed, NEL) become a space; the others are removed.
const UNSHOWABLE = /(?![\t\n])[\p{Cc}\p{Noncharacter_Code_Point}]/gu;
const SEPARATOR = /^[\v\f\u0085]$/;

/** Unshowable characters found in a text or a front-matter value: how many, and the first one. */
export interface Unshowable {
  count: number;
  /** The first one as `U+0000`, and its index in the text (for a text). */
  first: { code: string; index: number } | null;
}

/** Takes unshowable characters out of a text (a space where one separated words). */
export function removeUnshowable(text: string): Unshowable & { text: string } {
  let count = 0;
  let first: Unshowable['first'] = null;
  const cleaned = text.replace(UNSHOWABLE, (c: string, index: number) => {
    count++;
    first ??= { code: `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, index };
    return SEPARATOR.test(c) ? ' ' : '';
  });
  return { text: count ? cleaned : text, count, first };
}

/** A front-matter value (text, or lists and mappings of it) with unshowable characters taken out of every text. */
export function removeUnshowableFrom(value: unknown): Unshowable & { value: unknown } {
  let count = 0;
  let first: Unshowable['first'] = null;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = removeUnshowable(v);
      count += r.count;
      first ??= r.first;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const cleaned = walk(value);
  return { value: count ? cleaned : value, count, first };
}

/** "holds a control character (U+0000) …; delete it from WHERE", for messages. */
export function unshowableMessage(found: Unshowable, where: string): string {
  const what = found.count === 1 ? `a control character (${found.first!.code})` : `${found.count} control characters (the first ${found.first!.code})`;
  const it = found.count === 1 ? 'it' : 'them';
  return `holds ${what} that no page can show, so bantin leaves ${it} out; delete ${it} from ${where}`;
}
