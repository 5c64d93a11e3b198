/**
 * Markdown: the one frozen unified processor (remark-parse, GFM, remark-rehype,
 * rehype-sanitize, bulletin figures/ids/links, rehype-stringify), built once per option set.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Link, Root as MdastRoot } from 'mdast';
import { createRequire } from 'node:module';
import { toString } from 'hast-util-to-string';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Place } from './messages.js';
import { slugify } from './vietnamese/slugs.js';
import { DOCUMENT_SCHEME, documentReference, refReference, resolveReference } from './links.js';
import type { Reference } from './types.js';
import { bodyPlace, expandShortcodes, mayHoldShortcodes, prepareShortcodes, type PreparedBody, type ShortcodeProblem, type ShortcodeRenderer } from './shortcodes.js';
import type { Compatibility } from './config.js';

/** What the Markdown stage makes of one article body. */
export interface RenderedMarkdown {
  /** HTML fragment; internal references are placeholders that `resolveReferences` fills in. */
  html: string;
  references: Reference[];
  /** Plain text of the body, for search and summaries. */
  text: string;
  /** Images without alt text (`![](anh.jpg)`), each with its source as written and its place. */
  missingAlt: { src: string; place: Place }[];
  /** The shortcodes' problems (a call no template renders, one left open), at their places in the file. */
  shortcodes: ShortcodeProblem[];
}

/** How a body's shortcodes are rendered (see `shortcodes.ts`); without it, none is read. */
export interface ShortcodeOptions {
  renderer: ShortcodeRenderer;
  compatibility: Compatibility;
}

interface BodyData {
  /** The article's path relative to the site root, e.g. `content/2020/a.md`. */
  sourcePath: string;
  lineOffset: number;
  references: Reference[];
  missingAlt: { src: string; place: Place }[];
  /** The body's calls as `prepareShortcodes` found them, when it has any. */
  prepared: PreparedBody | null;
  renderer: ShortcodeRenderer | null;
  shortcodes: ShortcodeProblem[];
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  // Note: `vb:` links a document of the registry by its number (see `documentReference`), `ref:` an
  // article by its path or file name (Hugo's `ref`, see `refReference`).
  protocols: { ...defaultSchema.protocols, href: [...(defaultSchema.protocols?.href ?? []), 'tel', 'vb', 'ref'] },
};

const processors = new Map<string, Processor<any, any, any, any, any>>();

function processorFor(allowHtml: boolean, tables: boolean): Processor<any, any, any, any, any> {
  const key = `${allowHtml} ${tables}`;
  let processor = processors.get(key);
  if (!processor) {
    const base = unified().use(remarkParse).use(remarkBulletinGfm, { tables }).use(remarkRehype, { allowDangerousHtml: allowHtml });
    const withHtml = allowHtml ? base.use(loadRehypeRaw()) : base;
    processor = withHtml.use(rehypeSanitize, schema).use(rehypeShortcodes).use(rehypeBulletin).use(rehypeStringify).freeze();
    processors.set(key, processor);
  }
  return processor;
}

/**
 * A line that may be a GFM table's delimiter row: only spaces, tabs, `|`, `:` and `-` (at least
 * one), after any container prefixes (`>`, list markers). Note: a table needs no pipe at all
 * (`a` then `:-` is a one-column table), so the test is on this line alone.
 */
const DELIMITER_ROW = /^[ \t>*+\-0-9.)|:]*-[ \t>*+\-0-9.)|:]*$/m;

/**
 * Whether a body may hold a GFM table. Without such a line it holds none, and is parsed without the
 * table extension, which tries every paragraph's first line as a table's head row: 0.3–0.4 ms of
 * the ~1.2–1.4 ms micromark takes on a bulletin or a digitalgov post without a table, for the same tree.
 */
export function mayHoldTable(body: string): boolean {
  return DELIMITER_ROW.test(body);
}

/**
 * rehype-raw, loaded only for a site that allows raw HTML: it and its HTML parser (parse5) take
 * about 35 ms to load, on every build otherwise. Note: `require` of an ES module, as Node ≥ 20.19 does.
 */
function loadRehypeRaw(): typeof import('rehype-raw').default {
  return (createRequire(import.meta.url)('rehype-raw') as typeof import('rehype-raw')).default;
}

/**
 * GFM (tables, strikethrough, task lists, footnotes, autolink literals) like remark-gfm, except
 * that bare URLs and e-mail addresses are linked by a pass over the parsed text instead of by
 * micromark's character-by-character autolink-literal tokenizer, which is most of GFM's parse cost.
 */
function remarkBulletinGfm(this: Processor<any, any, any, any, any>, { tables }: { tables: boolean }) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), ...(tables ? [gfmTable()] : []), gfmTaskListItem());
  // Note: only the transform; the token handlers are for micromark's autolink extension, not used.
  const [linkLiterals] = gfmAutolinkLiteralFromMarkdown().transforms!;
  (data.fromMarkdownExtensions ??= []).push(
    gfmFootnoteFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    ...(tables ? [gfmTableFromMarkdown()] : []),
    gfmTaskListItemFromMarkdown(),
    { transforms: [(tree: MdastRoot) => linkBareAddresses(tree, linkLiterals!)] },
  );
}

type MdastParent = Extract<MdastRoot['children'][number], { children: unknown[] }> | MdastRoot;

/** Text that may hold what GFM links without brackets: `http://`, `https://`, `www.` or an `@`. */
const BARE_ADDRESS = /@|www\.|https?:\/\//i;

/**
 * Applies GFM's autolink-literal transform (`link`) to each part of the tree whose own text may
 * hold a bare address, outside links. Note: the transform walks every node it is given, which
 * for a whole article costs more than parsing its inline text; most paragraphs hold no address.
 */
function linkBareAddresses(node: MdastParent, link: (tree: any) => void): void {
  if (node.children.some((child) => child.type === 'text' && BARE_ADDRESS.test(child.value))) {
    link(node);
    trimAutolinkTails(node);
    return;
  }
  for (const child of node.children) {
    if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') linkBareAddresses(child as MdastParent, link);
  }
}

/**
 * The two GFM autolink-literal rules the text pass does not apply itself: `<` ends a link, and a
 * trailing `&name;` is an entity, not part of it. Links made by that pass have no position.
 */
function trimAutolinkTails(parent: MdastParent): void {
  const children = parent.children as MdastRoot['children'];
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'link' && !node.position) trimAutolinkTail(node, index, children);
    else if ('children' in node) trimAutolinkTails(node as MdastParent);
  }
}

function trimAutolinkTail(node: Link, index: number, siblings: MdastRoot['children']): void {
  if (node.children.length !== 1) return;
  const child = node.children[0]!;
  if (child.type !== 'text' || node.url.startsWith('mailto:')) return;
  const next = siblings[index + 1];
  const after = next?.type === 'text' ? next.value : '';
  let text = child.value;
  const lt = text.indexOf('<');
  if (lt > 0) text = text.slice(0, lt);
  const entity = /&[a-z0-9]+$/i.exec(text);
  if (entity && (text === child.value ? after : child.value.slice(text.length)).startsWith(';')) text = text.slice(0, entity.index);
  if (text === child.value) return;
  const tail = child.value.slice(text.length);
  node.url = node.url.slice(0, node.url.length - tail.length);
  child.value = text;
  if (next?.type === 'text') next.value = tail + next.value;
  else siblings.splice(index + 1, 0, { type: 'text', value: tail });
}

/** Renders a Markdown body to an HTML fragment (pure: same input, same output). */
export function renderMarkdown(
  body: string,
  options: { sourcePath: string; lineOffset: number; allowHtml: boolean; shortcodes?: ShortcodeOptions },
): RenderedMarkdown {
  const deep = deepNestingLine(body);
  if (deep) throw Object.assign(new RangeError('Markdown nested too deeply'), { line: deep + options.lineOffset });
  const prepared = options.shortcodes && mayHoldShortcodes(body) ? prepareShortcodes(body, options.shortcodes.compatibility, options.shortcodes.renderer) : null;
  const text = prepared?.text ?? body;
  const processor = processorFor(options.allowHtml, mayHoldTable(text));
  const data: BodyData = { sourcePath: options.sourcePath, lineOffset: options.lineOffset, references: [], missingAlt: [], prepared, renderer: options.shortcodes?.renderer ?? null, shortcodes: [] };
  // Note: a template's own problem is placed in the template; the body's in the file.
  for (const p of prepared?.problems ?? []) data.shortcodes.push(p.file ? p : { ...p, place: inFile(p.place, data) });
  const file = new VFile({ value: text, data: { bantin: data } });
  const tree = processor.runSync(processor.parse(file), file) as HastRoot;
  const html = processor.stringify(tree, file) as string;
  return { html, references: data.references, text: toString(tree).replace(/\s+/g, ' ').trim(), missingAlt: data.missingAlt, shortcodes: data.shortcodes };
}

/** A place in the body as a place in the file. */
function inFile(place: Place, data: BodyData): Place {
  return { line: place.line + data.lineOffset, column: place.column };
}

/** Shortcodes' tokens made what their templates print, after the body's own HTML is sanitised. */
function rehypeShortcodes() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data.bantin as BodyData;
    if (!data.prepared?.calls.length || !data.renderer) return;
    for (const p of expandShortcodes(tree, data.prepared, data.renderer)) data.shortcodes.push(p.file ? p : { ...p, place: inFile(p.place, data) });
  };
}

/**
 * Figures from images, Vietnamese-friendly heading ids, and internal links made into references,
 * in one walk of the tree in document order.
 */
function rehypeBulletin() {
  return (tree: HastRoot, file: VFile) => {
    const data = file.data.bantin as BodyData;
    walkBulletin(tree, { data, headingIds: new Map() });
  };
}

interface BulletinWalk {
  data: BodyData;
  /** How many headings so far had each id. */
  headingIds: Map<string, number>;
}

function walkBulletin(parent: HastRoot | Element, walk: BulletinWalk): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    let node = children[index]!;
    if (node.type !== 'element') continue;
    if (node.tagName === 'p') node = makeFigure(node, index, children) ?? node;
    else if (HEADING.test(node.tagName)) addHeadingId(node, walk.headingIds);
    else if (node.tagName === 'a') makeReference(node, 'href', walk.data);
    else if (node.tagName === 'img') {
      // Note: read before the source becomes a placeholder; a caption is no alt text (a screen reader reads the alt).
      const alt = node.properties.alt;
      if (typeof alt !== 'string' || !alt.trim()) walk.data.missingAlt.push({ src: String(node.properties.src ?? ''), place: placeOf(node, walk.data) });
      makeReference(node, 'src', walk.data);
    }
    walkBulletin(node, walk);
  }
}

const HEADING = /^h[1-6]$/;

/** Makes an internal link or image source a reference, replaced by its placeholder. */
function makeReference(node: Element, attribute: 'href' | 'src', data: BodyData): void {
  const value = node.properties[attribute];
  if (typeof value !== 'string') return;
  const place = placeOf(node, data);
  const reference = (attribute === 'href' ? documentReference(value, place) ?? refReference(value, data.sourcePath, place) : null) ?? resolveReference(value, data.sourcePath, place);
  if (reference?.kind === 'document') {
    // Note: an autolink (`<vb:215/QĐ-UBND>`) shows the number, not the scheme.
    const only = node.children.length === 1 ? node.children[0] : undefined;
    if (only?.type === 'text' && only.value.toLowerCase().startsWith(DOCUMENT_SCHEME)) only.value = reference.target.replace(/\s*\(\d{4}\)$/, '');
  }
  if (reference) {
    if ((node.data as { place?: Place } | undefined)?.place) reference.shortcode = true;
    data.references.push(reference);
    node.properties[attribute] = reference.placeholder;
  }
}

/**
 * Where an element starts in the article file (its body's first line when the element has no
 * position); for what a shortcode printed, the shortcode's place.
 */
function placeOf(node: Element, data: BodyData): Place {
  const printed = (node.data as { place?: Place } | undefined)?.place;
  if (printed) return inFile(printed, data);
  const start = node.position?.start;
  if (!start) return { line: data.lineOffset + 1, column: 1 };
  return data.prepared ? inFile(bodyPlace(data.prepared, start.line, start.column), data) : { line: start.line + data.lineOffset, column: start.column };
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

function onlyChild(node: Element, tagName: string): Element | null {
  const kids = node.children.filter((c) => !isBlank(c));
  const only = kids.length === 1 ? kids[0] : undefined;
  return only && only.type === 'element' && only.tagName === tagName ? only : null;
}

/**
 * A paragraph holding only an image, with a caption (its title, or an italic paragraph right
 * after it), becomes a figure in its place; returns the figure, or null when it is not one.
 */
function makeFigure(node: Element, index: number, siblings: (ElementContent | HastRoot['children'][number])[]): Element | null {
  const img = onlyChild(node, 'img');
  if (!img) return null;
  let caption: ElementContent[] | null = null;
  let removeNext = 0;
  const title = img.properties.title;
  if (typeof title === 'string' && title.trim()) {
    caption = [{ type: 'text', value: title }];
    delete img.properties.title;
  } else {
    // Note: an italic paragraph right after the image is its caption, as editors write it.
    let j = index + 1;
    while (j < siblings.length && isBlank(siblings[j] as ElementContent)) j++;
    const next = siblings[j];
    const em = next && next.type === 'element' && next.tagName === 'p' ? onlyChild(next, 'em') : null;
    if (em) {
      caption = em.children;
      removeNext = j - index;
    }
  }
  if (!caption) return null;
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: {},
    // Note: an image without a source (`![ảnh]()`, left by `bantin import`) stands for a photo not
    // yet added: the figure shows only its caption until the file name is filled in.
    children: [
      ...(img.properties.src ? [img] : []),
      { type: 'element', tagName: 'figcaption', properties: {}, children: caption },
    ],
    position: node.position,
  };
  siblings.splice(index, 1 + removeNext, figure);
  return figure;
}

function addHeadingId(node: Element, seen: Map<string, number>): void {
  const base = slugify(toString(node)) || 'muc';
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  node.properties.id = count === 0 ? base : `${base}-${count}`;
}

/** Deeper than any bulletin: quotes, lists, brackets or emphasis nested past this are refused. */
const MAX_NESTING = 200;

/**
 * The first line where a block nests past `MAX_NESTING`, or 0. A cheap scan before parsing:
 * micromark's time grows faster than linearly with nesting (5,000 nested `*a` take ~50 s), so a
 * small file could otherwise stall the build or overflow the stack.
 */
function deepNestingLine(body: string): number {
  let brackets = 0;
  let emphasis = 0;
  const ticks = new Set<number>();
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      brackets = emphasis = 0;
      ticks.clear();
      continue;
    }
    const prefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/.exec(line)![0];
    const markers = prefix.replace(/[\s\d]/g, '').length;
    // Note: lists nested by indentation alone cost more per level; a column counts as a level.
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (markers + indent > MAX_NESTING) return i + 1;
    for (const m of line.matchAll(/[[\]]|(?<=^|\s)[*_]+(?=\S)|(?<=\S)[*_]+(?=\s|$|[.,;:!?)])|`+/g)) {
      const t = m[0];
      if (t === '[') brackets++;
      else if (t === ']') brackets = Math.max(0, brackets - 1);
      else if (t[0] === '`') ticks.add(t.length);
      else if (m.index === 0 || /\s/.test(line[m.index - 1]!)) emphasis++;
      else emphasis = Math.max(0, emphasis - 1);
      if (brackets > MAX_NESTING || emphasis > MAX_NESTING || ticks.size > MAX_NESTING / 4) return i + 1;
    }
  }
  return 0;
}
