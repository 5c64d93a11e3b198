/** Text of a source file: bytes checked as UTF-8, BOM dropped, line endings unified, NFC. */
import type { Place } from '../messages.js';

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
