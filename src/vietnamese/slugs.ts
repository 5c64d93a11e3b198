/** Slugs: Vietnamese text folded to safe ASCII URL segments. */

const MAX_SLUG = 80;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A long slug cut in the middle, near 80 characters at word boundaries: its start and its end,
 * where titles that begin alike differ (`…-part-1`, `…-part-2`).
 */
export function middleSlug(full: string): string {
  if (full.length <= MAX_SLUG) return full;
  const words = full.split('-');
  const tail: string[] = [];
  let tailLength = 0;
  while (words.length > 1 && tailLength + words[words.length - 1]!.length + 1 <= MAX_SLUG / 2) {
    const word = words.pop()!;
    tail.unshift(word);
    tailLength += word.length + 1;
  }
  const head = slugWithin(words.join(' '), MAX_SLUG - tailLength);
  return [head, ...tail].filter(Boolean).join('-');
}

/**
 * Folds Vietnamese (and other Latin) diacritics to ASCII, `đ`/`Đ` included, keeping case.
 * The same folding is used for slugs, search and "did you mean" matching.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Turns a title into a URL slug: folded, lower-case, words joined by `-`, capped near 80
 * characters at a word boundary. Returns '' when nothing usable is left.
 */
export function slugify(text: string): string {
  return slugWithin(text, MAX_SLUG);
}

/** `slugify` capped at `max` characters instead (`Infinity`: the whole title's slug). */
export function slugWithin(text: string, max: number): string {
  const words = foldDiacritics(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) {
      if (!slug) slug = word.slice(0, max);
      break;
    }
    slug = next;
  }
  // Note: a segment named like a Windows device (`con`, `nul`) cannot be created there.
  return WINDOWS_RESERVED.test(slug) ? `${slug}-1` : slug;
}
