/**
 * The document registry of the site model: the published documents newest first, each with its
 * status on the build's day, the documents it replaces, amends or is related to (both ways) and
 * the articles that cite it; and the checks that need the whole registry (a number given twice, a
 * citation of no document, replacements that disagree or go round). Needs only each item's metadata.
 */
import type { SectionConfig, SiteConfig } from './config.js';
import type { Strings } from './locales/vi.js';
import { compareText, error, type Diagnostic, type Place } from './messages.js';
import type { ArticleMeta, Citation, DocumentRecord, Reference } from './types.js';
import { parseCitation } from './content/fields.js';
import { foldedNumber } from './vietnamese/documents.js';

/** A document's status on the day of the build, as the registry shows it. */
export type DocumentStatus = 'in-force' | 'not-yet' | 'expired' | 'replaced' | 'amended';

/** The words of a status. */
export function statusLabel(status: DocumentStatus, strings: Strings): string {
  return {
    'in-force': strings.statusInForce,
    'not-yet': strings.statusNotYet,
    expired: strings.statusExpired,
    replaced: strings.statusReplaced,
    amended: strings.statusAmended,
  }[status];
}
/** The statuses in the order filters list them. */

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['in-force', 'amended', 'not-yet', 'expired', 'replaced'];

/** A published document with what the registry knows of it. */
export interface DocumentEntry {
  meta: ArticleMeta;
  record: DocumentRecord;
  status: DocumentStatus;
  /** Indexes into `SiteDocuments.list`. */
  replaces: number[];
  replacedBy: number | null;
  amends: number[];
  amendedBy: number[];
  /** Documents related either way (`related` on this one or on the other), in registry order. */
  related: number[];
  /** Indexes into `SiteModel.articles` of the articles that cite it, newest first. */
  citedBy: number[];
}

/** The site's registry of documents (empty when no section is of kind `documents`). */
export interface SiteDocuments {
  /** The section of kind `documents`, or null. */
  section: SectionConfig | null;
  /** Published documents: newest issued first, then by number (Vietnamese order), then by path. */
  list: DocumentEntry[];
  /** Indexes in `list` by number (several when numbers repeat from year to year), for links by number. */
  byNumber: Map<string, number[]>;
  /** The index in `list` each article's citations name, by the article's source path (citations that name none left out). */
  cited: Map<string, number[]>;
  /** When the first status changes after the build (ms since the epoch), or null: a build then is not the same. */
  changesAt: number | null;
}

/** An empty registry. */
export function noDocuments(): SiteDocuments {
  return { section: null, list: [], byNumber: new Map(), cited: new Map(), changesAt: null };
}

/**
 * The registry of `documents` (the published ones), with the errors of citations in `articles`
 * (the published articles, in the model's order). `unpublished`: source paths of documents not
 * published (drafts, future), for messages; `anyFailed`: whether a document file failed, in which
 * case a citation of no known number is left to that file's own errors.
 */
export function collectDocuments(
  documents: readonly ArticleMeta[],
  articles: readonly ArticleMeta[],
  config: SiteConfig,
  now: number,
  unpublished: readonly ArticleMeta[],
  anyFailed: boolean,
  collator: Intl.Collator,
  pages: readonly { sourcePath: string; references: readonly Reference[] }[] = [],
): { documents: SiteDocuments; diagnostics: Diagnostic[] } {
  const section = config.sections.find((x) => x.kind === 'documents') ?? null;
  const diagnostics: Diagnostic[] = [];
  // Note: one number, issuer and year is one document; numbering starts again every year (Decree 30/2020, Art. 15).
  const seen = new Map<string, ArticleMeta>();
  const kept: ArticleMeta[] = [];
  for (const d of [...documents].sort((a, b) => compareText(a.sourcePath, b.sourcePath))) {
    const r = d.document!;
    const id = `${r.number}\0${r.issuer.toLowerCase()}\0${r.issued.year}`;
    const first = seen.get(id);
    if (first) {
      diagnostics.push(error(d.sourcePath, r.numberPlace, 'duplicate-document', `${r.number} of ${r.issuer}, issued in ${r.issued.year}, is also ${first.sourcePath}; a number is given once a year: correct the number or remove one of the files`));
      continue;
    }
    seen.set(id, d);
    kept.push(d);
  }
  kept.sort((a, b) => b.date.epoch - a.date.epoch || collator.compare(a.document!.number, b.document!.number) || compareText(a.sourcePath, b.sourcePath));
  const list: DocumentEntry[] = kept.map((meta) => ({ meta, record: meta.document!, status: 'in-force', replaces: [], replacedBy: null, amends: [], amendedBy: [], related: [], citedBy: [] }));

  const byNumber = new Map<string, number[]>();
  const byFolded = new Map<string, string>();
  list.forEach((e, i) => {
    const at = byNumber.get(e.record.number);
    if (at) at.push(i);
    else byNumber.set(e.record.number, [i]);
    byFolded.set(foldedNumber(e.record.number), e.record.number);
  });
  const drafts = new Map(unpublished.filter((d) => d.document).map((d) => [d.document!.number, d]));

  /** The document a citation names, or null with an error at its place. */
  const resolve = (from: string, c: Citation, what: string): number | null => {
    const all = byNumber.get(c.number) ?? [];
    const found = c.year === null ? all : all.filter((i) => list[i]!.record.issued.year === c.year);
    if (found.length === 1) return found[0]!;
    const named = `${c.number}${c.year ? ` (${c.year})` : ''}`;
    if (found.length > 1) {
      const years = found.map((i) => list[i]!.record.issued.year);
      const issuers = new Set(found.map((i) => list[i]!.record.issuer));
      const fix = new Set(years).size === years.length ? `write the year after it, e.g. ${c.number} (${years[0]})` : `the documents of ${[...issuers].join(' and ')} share it; correct one of their numbers`;
      const paths = found.map((i) => list[i]!.meta.sourcePath);
      const shown = paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ');
      diagnostics.push(error(from, c.place, 'unknown-document', `${what} ${named} names ${found.length} documents of the registry (${shown}); ${fix}`));
      return null;
    }
    const draft = drafts.get(c.number);
    if (draft) {
      diagnostics.push(error(from, c.place, 'unknown-document', `${what} ${named} is ${draft.sourcePath}, which is a draft or issued in the future; publish it or remove the citation`));
      return null;
    }
    if (anyFailed && all.length === 0) return null;
    const near = byFolded.get(foldedNumber(c.number));
    const hint = near ? `did you mean ${near}?` : section ? `add the document to content/${section.id}/, or correct the number` : 'the site has no registry of documents (a section of kind: documents)';
    diagnostics.push(error(from, c.place, 'unknown-document', `${what} ${named} is no document of the registry${all.length ? ` issued in ${c.year}` : ''}; ${hint}`));
    return null;
  };

  // Links between documents, from either end.
  const replacer = new Map<number, { by: number; place: Place; file: string }>();
  list.forEach((e, i) => {
    const r = e.record;
    const from = e.meta.sourcePath;
    for (const c of r.replaces) {
      const j = resolve(from, c, 'replaces');
      if (j === null || j === i) continue;
      const other = replacer.get(j);
      if (other && other.by !== i) {
        diagnostics.push(error(from, c.place, 'document-link', `replaces ${list[j]!.record.number}, which ${list[other.by]!.meta.sourcePath} replaces too; a document is replaced by one other: correct one of them`));
        continue;
      }
      replacer.set(j, { by: i, place: c.place, file: from });
    }
    for (const c of r.amends) {
      const j = resolve(from, c, 'amends');
      if (j !== null && j !== i) link(e.amends, j, list[j]!.amendedBy, i);
    }
    for (const c of r.related) {
      const j = resolve(from, c, 'related');
      if (j !== null && j !== i) link(e.related, j, list[j]!.related, i);
    }
    for (const c of r.amendedBy) {
      const j = resolve(from, c, 'amended_by');
      if (j !== null && j !== i) link(e.amendedBy, j, list[j]!.amends, i);
    }
  });
  list.forEach((e, i) => {
    const c = e.record.replacedBy;
    if (!c) return;
    const j = resolve(e.meta.sourcePath, c, 'replaced_by');
    if (j === null || j === i) return;
    const other = replacer.get(i);
    if (other && other.by !== j) {
      diagnostics.push(error(e.meta.sourcePath, c.place, 'document-link', `replaced_by names ${list[j]!.record.number}, but ${list[other.by]!.record.number} (${other.file}) says it replaces this document; name the same document in both`));
      return;
    }
    replacer.set(i, { by: j, place: c.place, file: e.meta.sourcePath });
  });
  // Note: a cycle (A replaces B, B replaces A) has no document in force; each is reported once, at its first member by path.
  const cycleOf = new Map<number, number>();
  for (const start of replacer.keys()) {
    const path: number[] = [];
    const onPath = new Set<number>();
    for (let at: number | undefined = start; at !== undefined && !cycleOf.has(at); at = replacer.get(at)?.by) {
      if (onPath.has(at)) {
        const loop = path.slice(path.indexOf(at));
        const first = loop.reduce((a, b) => (compareText(list[a]!.meta.sourcePath, list[b]!.meta.sourcePath) <= 0 ? a : b));
        const r = replacer.get(first)!;
        const names = [...loop.slice(loop.indexOf(first)), ...loop.slice(0, loop.indexOf(first)), first].map((k) => list[k]!.record.number).join(' → replaced by ');
        diagnostics.push(error(r.file, r.place, 'document-cycle', `the documents replace each other in a circle (${names}); one of them must be the newest: remove one replacement`));
        for (const k of loop) cycleOf.set(k, first);
        break;
      }
      onPath.add(at);
      path.push(at);
    }
  }
  for (const [replaced, { by }] of replacer) {
    if (cycleOf.has(replaced)) continue;
    list[replaced]!.replacedBy = by;
    list[by]!.replaces.push(replaced);
  }

  // Citations: an article's `documents:` and its body's `vb:` links; a document's body links too.
  const cited = new Map<string, number[]>();
  const citing = (a: { sourcePath: string; references: readonly Reference[]; citations?: readonly Citation[] }, index: number | null) => {
    const found: number[] = [];
    const refs = a.references.filter((ref: Reference) => ref.kind === 'document');
    for (const c of [...(a.citations ?? []), ...refs.flatMap((ref) => parseCitation(ref.target, ref.place) ?? [])]) {
      const j = resolve(a.sourcePath, c, 'cites');
      if (j !== null && !found.includes(j)) found.push(j);
    }
    if (found.length) cited.set(a.sourcePath, found);
    if (index !== null) for (const j of found) list[j]!.citedBy.push(index);
  };
  articles.forEach((a, i) => citing(a, i));
  for (const e of list) citing(e.meta, null);
  // Note: a page (Giới thiệu, Liên hệ) may link a document too; it is not listed among the citing articles.
  for (const page of pages) citing(page, null);

  // Status on the build's day, and when the next one changes.
  let changesAt: number | null = null;
  const boundary = (epoch: number) => {
    if (epoch > now && (changesAt === null || epoch < changesAt)) changesAt = epoch;
  };
  for (const e of list) {
    const r = e.record;
    for (const epoch of [r.effective.epoch, r.expires?.epoch, ...(e.replacedBy === null ? [] : [list[e.replacedBy]!.record.effective.epoch]), ...e.amendedBy.map((j) => list[j]!.record.effective.epoch)]) {
      if (epoch !== undefined) boundary(epoch);
    }
    const inEffect = (j: number) => list[j]!.record.effective.epoch <= now;
    e.status =
      e.replacedBy !== null && inEffect(e.replacedBy) ? 'replaced'
      : r.expires && r.expires.epoch <= now ? 'expired'
      : r.effective.epoch > now ? 'not-yet'
      : e.amendedBy.some(inEffect) ? 'amended'
      : 'in-force';
    for (const group of [e.replaces, e.amends, e.amendedBy, e.related]) group.sort((x, y) => x - y);
  }
  return { documents: { section, list, byNumber, cited, changesAt }, diagnostics };
}

function link(mine: number[], other: number, theirs: number[], me: number): void {
  if (!mine.includes(other)) mine.push(other);
  if (!theirs.includes(me)) theirs.push(me);
}

