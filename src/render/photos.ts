/**
 * Photos on pages: a body image of a published photo becomes a `<picture>` with a `srcset` per
 * format, `sizes` from the config, its real `width` and `height`, lazy loading; the lead photo's
 * view gives a template the same, and the Open Graph card. Links to a photo file go to its largest
 * fallback file (or the original, when it is published).
 */
import type { Photo, PhotoFile, PhotoSet } from '../photos/photos.js';
import type { ArticleMeta } from '../types.js';
import type { Urls } from './urls.js';

const TYPES: Record<PhotoFile['format'], string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png' };

/** A photo file's URL below the base (`/2024/Ảnh/x-960.1a2b.webp` with each folder percent-encoded). */
export function photoFileUrl(urls: Urls, output: string): string {
  return urls.relative(`/${output.split('/').map(encodeURIComponent).join('/')}`);
}

/** The photo a reference names (`asset`: a `content/…` path; `root`: a site path), if it names one. */
export function photoOf(set: PhotoSet, kind: string, target: string): Photo | undefined {
  if (kind === 'asset') return set.photos.get(target);
  if (kind === 'root') return set.photos.get(`content${target}`);
  return undefined;
}

/** The photo an item leads with (its `image`), if that is a published photo. */
export function leadPhoto(a: ArticleMeta, set: PhotoSet): Photo | undefined {
  return a.image ? photoOf(set, a.image.target.startsWith('/') ? 'root' : 'asset', a.image.target) : undefined;
}

/** The file a link to the photo itself opens: the original when published, else the largest fallback. */
export function linkedPhotoFile(photo: Photo): PhotoFile {
  return photo.original ?? largest(photo, photo.fallback);
}

function largest(photo: Photo, format: PhotoFile['format']): PhotoFile {
  const files = photo.files.filter((f) => f.format === format);
  return files[files.length - 1]!;
}

/** What a template shows of a photo: the `<img>`'s own attributes and a `<source>` per other format. */
export interface PhotoView {
  src: string;
  srcset: string;
  sizes: string;
  width: number;
  height: number;
  sources: { type: string; srcset: string }[];
}

/** A photo's view with its URLs made by `url` (relative for pages). */
export function photoView(photo: Photo, sizes: string, url: (output: string) => string): PhotoView {
  const srcset = (format: PhotoFile['format']) =>
    photo.files
      .filter((f) => f.format === format)
      .map((f) => `${url(f.output)} ${f.width}w`)
      .join(', ');
  const img = largest(photo, photo.fallback);
  const formats = [...new Set(photo.files.map((f) => f.format))].filter((f) => f !== photo.fallback);
  return { src: url(img.output), srcset: srcset(photo.fallback), sizes, width: img.width, height: img.height, sources: formats.map((f) => ({ type: TYPES[f], srcset: srcset(f) })) };
}

/** The lead photo's view for templates (`article.image`): the front matter's fields, with the photo's files when it is one. */
export function leadImageView(a: ArticleMeta, set: PhotoSet, sizes: string, urls: Urls) {
  if (!a.image) return null;
  const photo = leadPhoto(a, set);
  const base = { src: a.image.src, target: a.image.target, caption: a.image.caption, alt: a.image.alt ?? '' };
  return photo ? { ...base, ...photoView(photo, sizes, (o) => photoFileUrl(urls, o)) } : { ...base, srcset: null, sizes: null, width: null, height: null, sources: [] };
}

/** The absolute URL of an item's Open Graph image (the card of its lead photo, or the image as written) and its size when known. */
export function cardOf(a: ArticleMeta, set: PhotoSet, urls: Urls): { url: string; width: number | null; height: number | null } | null {
  if (!a.image) return null;
  const photo = leadPhoto(a, set);
  if (photo?.card) return { url: absolute(urls, photo.card.output), width: photo.card.width, height: photo.card.height };
  if (photo) {
    const file = linkedPhotoFile(photo);
    return { url: absolute(urls, file.output), width: file.width, height: file.height };
  }
  return { url: urls.file(a.image.target), width: null, height: null };
}

function absolute(urls: Urls, output: string): string {
  return urls.absolute(`/${output.split('/').map(encodeURIComponent).join('/')}`);
}

// Note: rehype-stringify writes an attribute's value in double quotes with `"` as `&#x22;`, so a
// quoted value never holds one; the source is a placeholder (see `links.ts`).
const BODY_IMG = /<img src="bantin-ref:(asset|root):([\w.!~*'()%-]*)"((?:\s[a-z-]+(?:="[^"]*")?)*)>/g;
const ALT = /\salt="([^"]*)"/;

/**
 * A body's `<img>` of a published photo as a `<picture>` (`page`) or as one `<img>` of its
 * fallback file at an absolute URL (`feed`: feed readers take no `<picture>`). Other images are
 * left as they are.
 */
export function withPictures(html: string, set: PhotoSet, sizes: string, url: (output: string) => string, mode: 'page' | 'feed'): string {
  if (set.photos.size === 0 || !html.includes('<img src="bantin-ref:')) return html;
  return html.replace(BODY_IMG, (all, kind: string, encoded: string, rest: string) => {
    let target: string;
    try {
      target = decodeURIComponent(encoded);
    } catch {
      return all;
    }
    const photo = photoOf(set, kind, target);
    if (!photo) return all;
    const alt = ALT.exec(rest)?.[1] ?? '';
    const view = photoView(photo, sizes, url);
    if (mode === 'feed') return `<img src="${view.src}" width="${view.width}" height="${view.height}" alt="${alt}">`;
    const sources = view.sources.map((s) => `<source type="${s.type}" srcset="${s.srcset}" sizes="${sizes}">`).join('');
    return `<picture>${sources}<img src="${view.src}" srcset="${view.srcset}" sizes="${sizes}" width="${view.width}" height="${view.height}" alt="${alt}" loading="lazy" decoding="async"></picture>`;
  });
}
