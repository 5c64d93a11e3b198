/** Slugs: Vietnamese text folded to safe ASCII URL segments. */

const MAX_SLUG = 80;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

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
  const words = foldDiacritics(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) {
      if (!slug) slug = word.slice(0, MAX_SLUG);
      break;
    }
    slug = next;
  }
  // Note: a segment named like a Windows device (`con`, `nul`) cannot be created there.
  return WINDOWS_RESERVED.test(slug) ? `${slug}-1` : slug;
}
