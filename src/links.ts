/**
 * Internal references in article bodies: links to other articles' `.md` files, to files beside
 * an article, and to site-root paths. They are kept as placeholders in the cached HTML and
 * resolved when pages are rendered, once every article's URL is known.
 */
import { posix } from 'node:path';
import type { Place } from './messages.js';
import type { FileLink, Reference } from './types.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// Note: the target is `encodeURIComponent` output, so the match stops where real markup starts.
const PLACEHOLDER = /bantin-ref:(article|asset|root|document):([\w.!~*'()%-]*)(#[^"\s]*)?/g;

/** Classifies a URL written in `sourcePath`; null for external URLs and bare fragments. */
export function resolveReference(url: string, sourcePath: string, place: Place): Reference | null {
  if (url === '' || url.startsWith('#') || url.startsWith('//') || SCHEME.test(url)) return null;
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt) : '';
  const path = (hashAt >= 0 ? url.slice(0, hashAt) : url).replace(/\?.*$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  let kind: Reference['kind'];
  let target: string;
  if (decoded.startsWith('/')) {
    kind = 'root';
    target = posix.normalize(decoded);
  } else {
    target = posix.normalize(posix.join(posix.dirname(sourcePath), decoded.normalize('NFC')));
    kind = /\.md$/i.test(target) ? 'article' : 'asset';
  }
  const placeholder = `bantin-ref:${kind}:${encodeURIComponent(target)}${fragment}`;
  return { kind, target, fragment, placeholder, url, place };
}

/** The scheme of a body link to a document of the registry by its number: `[Quyết định 215](vb:215/QĐ-UBND)`. */
export const DOCUMENT_SCHEME = 'vb:';

/** A body link to a document by number (`vb:215/QĐ-UBND`, `vb:215/QĐ-UBND (2024)`); null for any other URL. */
export function documentReference(url: string, place: Place): Reference | null {
  if (url.slice(0, DOCUMENT_SCHEME.length).toLowerCase() !== DOCUMENT_SCHEME) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.slice(DOCUMENT_SCHEME.length));
  } catch {
    decoded = url.slice(DOCUMENT_SCHEME.length);
  }
  const target = decoded.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!target) return null;
  return { kind: 'document', target, fragment: '', placeholder: `bantin-ref:document:${encodeURIComponent(target)}`, url, place };
}

/** The file a reference names, if it may name one: a path beside the article, or a site path not ending in `/`. */
export function fileLinkOf(ref: Reference): FileLink | null {
  return ref.kind === 'asset' || (ref.kind === 'root' && !ref.target.endsWith('/')) ? { target: ref.target, place: ref.place } : null;
}

/** Resolves placeholders in HTML; `lookup` maps a reference to its final URL. */
export function resolveReferences(
  html: string,
  lookup: (kind: Reference['kind'], target: string) => string | null,
): string {
  if (!html.includes('bantin-ref:')) return html;
  return html.replace(PLACEHOLDER, (all, kind: Reference['kind'], target: string, fragment = '') => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(target);
    } catch {
      return all;
    }
    const url = lookup(kind, decoded);
    return url === null ? `#${fragment.slice(1)}` : `${attributeSafe(url)}${fragment}`;
  });
}

/** Safe external URLs for front-matter fields such as `image` and attachment `file`: http(s) only. */
export function isSafeExternalUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>\\`]+$/i.test(url);
}

// Note: a placeholder can also be typed into any text (a title), and a target holds whatever the
// author wrote (`a%22onmouseover=…`), so a resolved URL must not be able to end an attribute, a
// JSON string or an element.
function attributeSafe(url: string): string {
  return url.replace(/[\u0000-\u0020"'<>\\`&]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
