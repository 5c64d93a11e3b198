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
const PLACEHOLDER = /bantin-ref:(article|asset|root|document|ref):([\w.!~*'()%-]*)(#[^"\s]*)?/g;

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

/** The scheme of a link to an article by its path or file name, as Hugo's `ref` shortcode names it: `ref:2019-05-15-hoi-nghi.md`. */
export const REF_SCHEME = 'ref:';

/**
 * A body link by `ref:` (what `{{< ref "…" >}}`, `{% post_url %}` and `{% link %}` become); null for
 * any other URL. Its target is the linking file's folder and the path, a line apart: the path is
 * looked up from there (see `refCandidates`) once every article is known.
 */
export function refReference(url: string, sourcePath: string, place: Place): Reference | null {
  if (url.slice(0, REF_SCHEME.length).toLowerCase() !== REF_SCHEME) return null;
  let written: string;
  try {
    written = decodeURIComponent(url.slice(REF_SCHEME.length));
  } catch {
    written = url.slice(REF_SCHEME.length);
  }
  written = written.normalize('NFC').trim();
  const hashAt = written.indexOf('#');
  const fragment = hashAt >= 0 ? written.slice(hashAt) : '';
  const path = hashAt >= 0 ? written.slice(0, hashAt) : written;
  const target = `${posix.dirname(sourcePath)}\n${path}`;
  return { kind: 'ref', target, fragment, placeholder: `bantin-ref:ref:${encodeURIComponent(target)}${fragment}`, url: path, place };
}

/** Articles by file name, for `refCandidates`. */
export type RefIndex = Map<string, string[]>;

/** Indexes source paths (`content/2019/05/a.md`) by file name. */
export function refIndex(paths: Iterable<string>): RefIndex {
  const index: RefIndex = new Map();
  for (const path of paths) {
    const name = posix.basename(path);
    const list = index.get(name);
    if (list) list.push(path);
    else index.set(name, [path]);
  }
  return index;
}

/**
 * The articles a `ref` target names, as Hugo looks them up: the path beside the linking file, then
 * from the content folder (a path starting with `/` only from there), each as written, with `.md`,
 * or as a folder's `index.md` / `_index.md`; then any article whose path ends with it (a file name
 * alone names the one article of that name). Several: the path is ambiguous.
 */
export function refCandidates(target: string, index: RefIndex, contentDir: string): string[] {
  const [dir, written] = target.split('\n') as [string, string];
  const path = written.replace(/^\.\//, '');
  if (!path) return [];
  const forms = (p: string) => (p.endsWith('/') ? [`${p}index.md`, `${p}_index.md`] : /\.md$/i.test(p) ? [p] : [`${p}.md`, `${p}/index.md`, `${p}/_index.md`]);
  const has = (p: string) => index.get(posix.basename(p))?.includes(p) ?? false;
  const bases = path.startsWith('/') ? [`${contentDir}${path.slice(1)}`] : [posix.join(dir, path), `${contentDir}${path}`];
  for (const base of bases) {
    for (const form of forms(posix.normalize(base))) if (has(form)) return [form];
  }
  const tail = path.replace(/^\/+/, '');
  const found = new Set<string>();
  for (const form of forms(tail)) {
    for (const candidate of index.get(posix.basename(form)) ?? []) if (candidate === form || candidate.endsWith(`/${form}`)) found.add(candidate);
  }
  return [...found].sort();
}

/** The file a reference names, if it may name one: a path beside the article, or a site path not ending in `/`. */
export function fileLinkOf(ref: Reference): FileLink | null {
  if (!(ref.kind === 'asset' || (ref.kind === 'root' && !ref.target.endsWith('/')))) return null;
  return ref.shortcode ? { target: ref.target, place: ref.place, shortcode: true } : { target: ref.target, place: ref.place };
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
