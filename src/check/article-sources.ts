/** The text of each article as `check` reads it: front matter values with places, and body lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../content/front-matter.js';
import { decodeText } from '../content/text.js';
import type { Place } from '../messages.js';

/** One article file's text, for rules that look at lines as written. */
export interface ArticleSource {
  path: string;
  /** Every line of the file (NFC, `\n` endings), 1-based through `lines[n - 1]`. */
  lines: string[];
  data: Record<string, unknown>;
  placeOf(key: string): Place | undefined;
  /** Body lines outside fenced code, with their line numbers in the file. */
  body: { line: number; text: string }[];
}

/** Reads the articles that decode and have readable front matter (the build reports the rest). */
export function readArticleSources(root: string, paths: readonly string[]): Map<string, ArticleSource> {
  const out = new Map<string, ArticleSource>();
  for (const path of paths) {
    const decoded = decodeText(readFileSync(join(root, path)));
    if ('error' in decoded) continue;
    const fm = parseFrontMatter(decoded.text);
    if ('problems' in fm) continue;
    const body: ArticleSource['body'] = [];
    let fence: string | null = null;
    fm.body.split('\n').forEach((text, i) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
      if (marker && (fence === null || marker.startsWith(fence))) {
        fence = fence === null ? marker : null;
        return;
      }
      if (fence === null) body.push({ line: fm.bodyLineOffset + i + 1, text });
    });
    out.set(path, { path, lines: decoded.text.split('\n'), data: fm.data, placeOf: fm.placeOf, body });
  }
  return out;
}
