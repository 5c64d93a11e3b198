/**
 * Links to documents by number (`vb:215/QĐ-UBND`), resolved once per registry, and the few words
 * of a document that other pages show (its status, the documents an article cites).
 */
import { hash } from 'node:crypto';
import type { DocumentEntry, SiteDocuments } from '../collect-documents.js';
export { statusLabel } from '../collect-documents.js';
import { parseCitation } from '../content/fields.js';
import type { ArticleMeta } from '../types.js';
import type { Urls } from './urls.js';

// Note: made once per registry (a build's model), shared by every page that resolves a `vb:` link.
const linkers = new WeakMap<SiteDocuments, { find: (target: string) => DocumentEntry | null; key: string }>();

function linkerOf(documents: SiteDocuments) {
  let linker = linkers.get(documents);
  if (!linker) {
    const find = (target: string) => {
      const { number, year } = parseCitation(target, { line: 1, column: 1 }) ?? { number: '', year: null };
      const found = (documents.byNumber.get(number) ?? []).filter((i) => year === null || documents.list[i]!.record.issued.year === year);
      return found.length === 1 ? documents.list[found[0]!]! : null;
    };
    const key = hash('sha1', documents.list.map((e) => `${e.record.number}\0${e.record.issued.year}\0${e.meta.url}`).join('\0'), 'base64');
    linker = { find, key };
    linkers.set(documents, linker);
  }
  return linker;
}

/** The page path of the document a `vb:` link names, or null when it names none (reported by the collect stage). */
export function documentLink(documents: SiteDocuments, target: string): string | null {
  return linkerOf(documents).find(target)?.meta.url ?? null;
}

/** What `vb:` links resolve through: every number with its year and page, as a digest (part of every page's shared key). */
export function documentLinksKey(documents: SiteDocuments): string {
  return documents.list.length ? linkerOf(documents).key : '';
}


/** The documents an article cites, as its page lists them (number, type, title and page). */
export function citedDocuments(a: ArticleMeta, documents: SiteDocuments, urls: Urls): { number: string; type: string; title: string; summary: string | null; url: string }[] {
  return (documents.cited.get(a.sourcePath) ?? []).map((i) => {
    const e = documents.list[i]!;
    return { number: e.record.number, type: e.record.type, title: e.meta.title, summary: e.meta.summary, url: urls.relative(e.meta.url) };
  });
}

/** The documents an article cites (their metadata), for its page's key. */
export function citedMetas(a: ArticleMeta, documents: SiteDocuments): ArticleMeta[] {
  return (documents.cited.get(a.sourcePath) ?? []).map((i) => documents.list[i]!.meta);
}

