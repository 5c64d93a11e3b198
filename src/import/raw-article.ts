/**
 * Raw scraped bulletin text → the parts of an article: date line, title (with its `Tỉnh: …`
 * prefix naming the province), lead, body paragraphs, photo captions and `Nguồn: …`, with the
 * page furniture left out. Pure: text in, parts or the reason it cannot be read out.
 */
import type { Place } from '../messages.js';
import { parseDateLine, type DateLine } from './date-line.js';
import { isFurniture } from './furniture.js';

/** A paragraph of the body, in the order written. */
export type Block = { kind: 'text'; lines: string[] } | { kind: 'caption'; text: string; place: Place };

/** What the raw text says, before it becomes Markdown. */
export interface RawArticle {
  date: DateLine;
  title: string;
  /** The text before `:` in the title when it may name a province, e.g. `Bắc Giang`. */
  titlePrefix: string | null;
  /** Where the title is in the raw text. */
  titlePlace: Place;
  summary: string | null;
  source: string | null;
  blocks: Block[];
  /** Number of furniture lines left out. */
  furniture: number;
}

/** Why a raw text could not be read, and where. */
export interface RawProblem {
  rule: string;
  message: string;
  place: Place;
}

const MAX_TITLE = 300;
const MAX_CAPTION = 600;
const SOURCE = /^nguồn(?:\s+tin)?\s*:\s*(.+?)\s*\.?$/iu;
// Note: portals caption photos with "(phải ảnh)", "(ảnh)", "(Ảnh: TTXVN)", "Ảnh: …", "Ảnh minh họa".
const CAPTION = /\((?:[^()]*\s)?ảnh(?:\s*(?:trái|phải|giữa))?\)|\(ảnh\s*:[^)]*\)|^ảnh\s*(?:\d+\s*)?:|^ảnh minh h[ọo]a/iu;
const BULLET = /^(?:[-+•●▪◦*]|\d{1,3}[.)])\s+/u;

/** Cleans one raw line: no-break and zero-width spaces become spaces; runs of spaces shrink. */
function cleanLine(line: string): string {
  return line.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Splits raw text (NFC, `\n` endings) into the parts of an article. */
export function readRawArticle(text: string): { article: RawArticle } | { problem: RawProblem } {
  const lines = text.split('\n').map(cleanLine);
  const at = (index: number): Place => ({ line: index + 1, column: 1 });

  let dateIndex = -1;
  let date: DateLine | null = null;
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 8; i++) {
    if (!lines[i]) continue;
    seen++;
    const parsed = parseDateLine(lines[i]!);
    if (parsed === null) continue;
    if ('error' in parsed) return { problem: { rule: 'invalid-date', message: parsed.error, place: at(i) } };
    date = parsed;
    dateIndex = i;
    break;
  }
  if (!date) {
    return {
      problem: {
        rule: 'missing-date',
        message: 'no date line among the first lines; the text should start with a line such as "Thứ Hai, 24/2/2020" or "24/02/2020 08:30"',
        place: at(0),
      },
    };
  }

  let titleIndex = -1;
  for (let i = dateIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line || isFurniture(line) || parseDateLine(line) !== null) continue;
    if (line.length <= MAX_TITLE && !/[.;,]$/.test(line.replace(/\.\.\.$|…$/, ''))) titleIndex = i;
    break;
  }
  if (titleIndex < 0) {
    return {
      problem: {
        rule: 'missing-title',
        message: 'no title after the date line; put the title on its own line right after the date',
        place: at(dateIndex + 1),
      },
    };
  }
  const title = lines[titleIndex]!;
  const prefix = /^([^:]{2,40}):\s+\S/u.exec(title);

  const paragraphs: { lines: string[]; start: number }[] = [];
  let current: { lines: string[]; start: number } | null = null;
  for (let i = titleIndex + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) {
      current = null;
      continue;
    }
    if (!current) paragraphs.push((current = { lines: [], start: i }));
    current.lines.push(line);
  }

  let furniture = 0;
  let source: string | null = null;
  const kept: { content: string[]; start: number }[] = [];
  for (const p of paragraphs) {
    const content = p.lines.filter((l) => !isFurniture(l));
    furniture += p.lines.length - content.length;
    if (!content.length) continue;
    const joined = content.join(' ');
    const sourceMatch = SOURCE.exec(joined);
    if (sourceMatch) {
      source = sourceMatch[1]!;
      continue;
    }
    kept.push({ content, start: p.start });
  }

  const blocks: Block[] = [];
  let summary: string | null = null;
  kept.forEach(({ content, start }, index) => {
    const joined = content.join(' ');
    if (CAPTION.test(joined) && joined.length <= MAX_CAPTION) blocks.push({ kind: 'caption', text: joined, place: at(start) });
    else if (index === 0 && !BULLET.test(content[0]!)) summary = joined;
    else blocks.push({ kind: 'text', lines: content });
  });

  return {
    article: {
      date,
      title,
      titlePrefix: prefix ? prefix[1]!.trim() : null,
      titlePlace: at(titleIndex),
      summary,
      source,
      blocks,
      furniture,
    },
  };
}
