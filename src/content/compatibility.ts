/**
 * Front matter as another generator writes it (`compatibility: hugo | jekyll | eleventy` in the
 * config), read as that generator reads it where the meaning is clear: the keys it names a field
 * with (`lastmod`, `excerpt`), Hugo's keys in any case, Jekyll's date from the file name and its
 * short offsets (`-4`), `published: false`, tags written as one string, Eleventy's `post` tag.
 */
import { posix } from 'node:path';
import type { Compatibility } from '../config.js';

/** Keys a generator gives a field by, after bantin's own name, in the order looked for. */
const FIELD_KEYS: Record<NonNullable<Compatibility>, Record<string, string[]>> = {
  hugo: { date: ['publishDate', 'pubDate', 'published'], updated: ['lastmod', 'modified'], summary: ['description'], expires: ['expiryDate', 'unpublishDate'] },
  jekyll: { summary: ['excerpt', 'description'], updated: ['last_modified_at'] },
  eleventy: { summary: ['excerpt', 'description'], updated: ['last_modified_at'] },
};

/** Tags Eleventy's templates give every post to make a collection, not a topic. */
const COLLECTION_TAGS = new Set(['post', 'posts']);

/**
 * The front-matter key of `data` that gives `field` for this generator: bantin's own name, else
 * the generator's (Hugo's in any case, as Hugo reads them); undefined when the file has none.
 */
export function compatibleKey(field: string, data: Readonly<Record<string, unknown>>, compatibility: Compatibility): string | undefined {
  if (!compatibility) return undefined;
  const names = [field, ...(FIELD_KEYS[compatibility][field] ?? [])];
  const keys = Object.keys(data);
  for (const name of names) {
    if (name in data) return name;
    if (compatibility === 'hugo') {
      const found = keys.find((k) => k.toLowerCase() === name.toLowerCase());
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The front matter with what the generator means made explicit, as bantin's own keys: Jekyll's and
 * Eleventy's date from a file named `2016-05-19-title.md` when the file gives none, the slug from
 * the rest of its name (`title`) when it gives none, `published:
 * false` as a draft, tags and categories written as one string split at spaces (the first
 * category as the article's), and Eleventy's collection tags (`post`) dropped. The values the file writes itself are kept as they are.
 */
export function compatibleData(sourcePath: string, data: Record<string, unknown>, compatibility: Compatibility): Record<string, unknown> {
  if (compatibility !== 'jekyll' && compatibility !== 'eleventy') return data;
  const out = { ...data };
  const named = /^(\d{4}-\d{2}-\d{2})-./.exec(posix.basename(sourcePath));
  if (named && out.date === undefined) out.date = named[1];
  // Note: Jekyll's :title (and Eleventy's fileSlug) is the file's name without its date: the URL the site had.
  if (out.slug === undefined) {
    const base = posix.basename(sourcePath).replace(/\.(?:md|markdown)$/i, '');
    const name = (base === 'index' ? posix.basename(posix.dirname(sourcePath)) : base).replace(/^\d{4}-\d{2}-\d{2}-/, '');
    if (name) out.slug = name;
  }
  if (out.published === false && out.draft === undefined) out.draft = true;
  for (const key of ['tags', 'categories']) {
    const value = out[key];
    if (typeof value === 'string' && !value.includes(',')) out[key] = value.split(/\s+/).filter(Boolean);
  }
  // Note: a post of several categories is shown under its first, bantin's one category.
  if (out.category === undefined && Array.isArray(out.categories) && out.categories.length) out.category = String(out.categories[0]);
  if (compatibility === 'eleventy' && Array.isArray(out.tags)) out.tags = out.tags.filter((t) => !COLLECTION_TAGS.has(String(t).toLowerCase()));
  return out;
}

/**
 * A date as Jekyll writes it, with a short offset (`2015-03-17 14:00:00 -4`), in the form bantin
 * reads (`2015-03-17 14:00:00-04:00`); any other text as it is.
 */
export function compatibleDate(value: string, compatibility: Compatibility): string {
  if (compatibility !== 'jekyll' && compatibility !== 'eleventy') return value;
  const m = /^(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?)\s+([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(value.trim());
  return m ? `${m[1]}${m[2]}${m[3]!.padStart(2, '0')}:${m[4] ?? '00'}` : value;
}
