/** Check rule `legacy-encoding`: text that looks like TCVN3 (ABC) or VNI read as Unicode. */
import { detectLegacy, LEGACY_ENCODINGS } from '../import/legacy-encodings.js';
import { warning, type Diagnostic } from '../messages.js';
import type { ArticleSource } from './article-sources.js';

/** Warns once per file, at the first line that looks legacy-encoded, with how many there are. */
export function checkLegacyText(source: ArticleSource): Diagnostic[] {
  let first: { line: number; column: number; encoding: keyof typeof LEGACY_ENCODINGS; word: string } | null = null;
  let count = 0;
  for (const [i, text] of source.lines.entries()) {
    const guess = detectLegacy(text);
    if (!guess) continue;
    count++;
    first ??= { line: i + 1, column: guess.index + 1, encoding: guess.encoding, word: guess.word };
  }
  if (!first) return [];
  const { line, column, encoding, word } = first;
  const more = count > 1 ? ` (${count} lines)` : '';
  return [
    warning(source.path, { line, column }, 'legacy-encoding',
      `"${word}" looks like ${LEGACY_ENCODINGS[encoding]} text, not Unicode${more}; convert the original with "bantin import --from ${encoding}"`),
  ];
}
