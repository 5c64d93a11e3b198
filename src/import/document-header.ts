/**
 * An official document's header as copied from a PDF or a portal (the agency, "Số: 215/QĐ-UBND",
 * "Bắc Ninh, ngày 24 tháng 02 năm 2024", the type line, the trích yếu) → the fields of its record
 * (the record file is written by `document-file.ts`). Pure: text in, the fields or what is wrong and where out.
 */
import { issuerAbbr } from '../content/document.js';
import type { Place } from '../messages.js';
import { isCalendarDate } from '../vietnamese/dates.js';
import { numberTypeProblem, parseDocumentNumber, typeByAbbr, typeByName, type DocumentNumber, type DocumentType } from '../vietnamese/documents.js';
import { agencyName, kindAt, phraseAt, PLACES } from '../vietnamese/agencies.js';

/** What a document's header says: the fields of its record, and the text after the header. */
export interface DocumentHeader {
  number: DocumentNumber;
  type: DocumentType;
  issuer: string;
  /** The header's date, `YYYY-MM-DD`. */
  issued: string;
  year: number;
  /** The trích yếu, its lines joined, "V/v" written out as "Về việc". */
  summary: string;
  /** Paragraphs of the text after the header, as written (not yet escaped). */
  body: string[];
}

/** Why a header cannot be read, and where. */
export interface HeaderProblem {
  rule: string;
  message: string;
  place: Place;
}

/** What reading a header needs from the site: its types and the issuers named in its config. */
export interface HeaderOptions {
  types: readonly DocumentType[];
  issuers: Readonly<Record<string, string>>;
}

const MOTTO = /cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam|độc\s+lập\s*[-–—]\s*tự\s+do\s*[-–—]\s*hạnh\s+phúc/giu;
const RULE = /(?<=^|\s)[-–—_=*~]{3,}(?=\s|$)/gu;
const NUMBER_LABEL = /(?<![\p{L}\p{N}])(?:Số|SỐ)(?:\s*:\s*|\s+(?=\d))/u;
const NUMBER = /^\d{1,6}\s*\/\s*(?:\d{4}\s*\/\s*)?[\p{L}\p{N}]+(?:\s*[-–—‐‑]\s*[\p{L}\p{N}]+)*/u;
// Note: the header's date stands in a column of its own ("Bắc Ninh, ngày 24 tháng 02 năm 2024"),
// unlike the dates inside a trích yếu or a "Căn cứ …" line, which run on in the sentence.
const PLACE_WORD = String.raw`(?:TP\.?|Tp\.?|\p{Lu}\p{Ll}+|[-–])`;
const DATE = new RegExp(
  String.raw`(?:^|\s)((?:(${PLACE_WORD}(?: (?:${PLACE_WORD}|\p{Ll}+)){0,5})\s*,\s*)?(?:[Nn]gày|NGÀY)\s*(\S*?)\s*(?:tháng|THÁNG)\s*(\S*?)\s*(?:năm|NĂM)\s*(\S*?))\s*\.?(?=\s{2,}|\s*$)`,
  'u',
);
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const VV = /^V\s*\/\s*v\b\s*[.:]?\s*/iu;
const ABOUT = /^về\s+việc(?=\s|:|$)/iu;
/** Lines that start the text after the trích yếu when no blank line comes between. */
const OPENER = /^(?:căn\s+cứ|kính\s+gửi|thực\s+hiện|theo\s+đề\s+nghị|xét\s+đề\s+nghị|điều\s+\d|nơi\s+nhận)/iu;
/** Urgency and secrecy marks (độ khẩn, độ mật) and the draft mark, stamped near the number. */
const MARK = /^\(?(?:thượng\s+khẩn|khẩn|hỏa\s+tốc(?:\s+hẹn\s+giờ)?|hoả\s+tốc(?:\s+hẹn\s+giờ)?|tối\s+mật|tuyệt\s+mật|mật|dự\s+thảo)\)?$/iu;

type Event =
  | { kind: 'text'; text: string; place: Place }
  | { kind: 'number'; value: string | null; written: string; place: Place }
  | { kind: 'date'; day: string; month: string; year: string; written: string; place: Place }
  | { kind: 'rule'; place: Place };

// Note: capitals are told by the letters without marks: text converted from TCVN3 has its marked
// capitals in lower case ("QUYếT ĐịNH"), as the capitals font used the lower-case codes.
const isUpper = (text: string) => /\p{L}/u.test(text) && !/[a-z]/.test(text);
const blankOut = (line: string, start: number, end: number) => line.slice(0, start) + ' '.repeat(end - start) + line.slice(end);

/** One line's events in the order of their columns: the motto is dropped, the number and date taken out when wanted. */
function lineEvents(raw: string, index: number, want: { number: boolean; date: boolean }): Event[] {
  let line = raw.replace(/\s/g, ' ').replace(MOTTO, (m) => ' '.repeat(m.length));
  const at = (i: number): Place => ({ line: index + 1, column: i + 1 });
  const events: Event[] = [];
  const label = want.number ? NUMBER_LABEL.exec(line) : null;
  if (label) {
    const start = label.index + label[0].length;
    const number = NUMBER.exec(line.slice(start));
    const token = number ?? /^\s*(\S*)/u.exec(line.slice(start))!;
    events.push({ kind: 'number', value: number ? number[0] : null, written: number ? number[0] : token[1]!, place: at(number ? start : label.index) });
    line = blankOut(line, label.index, start + token[0].length);
  }
  const date = want.date ? DATE.exec(line) : null;
  const start = date ? date.index + date[0].indexOf(date[1]!) : 0;
  // Note: without a place before it, a date must start a column: "… ngày 19 tháng 6 năm 2015" is a sentence's.
  if (date && (date[2] !== undefined || /(?:^\s*|\s{2,})$/.test(line.slice(0, start)))) {
    const words = date[1]!.slice(date[1]!.search(/ngày/iu));
    const column = start + date[1]!.length - words.length;
    events.push({ kind: 'date', day: date[3]!, month: date[4]!, year: date[5]!, written: words.replace(/\s+/g, ' '), place: at(column) });
    line = blankOut(line, start, date.index + date[0].length);
  }
  for (const m of line.matchAll(RULE)) {
    events.push({ kind: 'rule', place: at(m.index) });
    line = blankOut(line, m.index, m.index + m[0].length);
  }
  for (const m of line.matchAll(/\S+(?:\s\S+)*/gu)) events.push({ kind: 'text', text: m[0].replace(/\s/g, ' '), place: at(m.index) });
  return events.sort((a, b) => a.place.column - b.place.column);
}

/** What the scan of a header has found so far. */
interface Scan {
  state: 'agency' | 'number' | 'type' | 'summary' | 'after';
  agency: string[][];
  number: Extract<Event, { kind: 'number' }> | null;
  date: Extract<Event, { kind: 'date' }> | null;
  typeLine: { type: DocumentType; place: Place } | null;
  badTypeLine: boolean;
  /** Whether the trích yếu starts with "V/v", as a công văn's does. */
  vv: boolean;
  summary: string[];
  summaryPlace: Place | null;
  bodyStart: Place | null;
  missingNumberAt: Place | null;
}

/** Reads a document's header (NFC text); returns its record's fields, or every problem found with its place. */
export function readDocumentHeader(text: string, options: HeaderOptions): { header: DocumentHeader } | { problems: HeaderProblem[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const problems: HeaderProblem[] = [];
  const problem = (rule: string, place: Place, message: string) => problems.push({ rule, place, message });
  const scan: Scan = { state: 'agency', agency: [], number: null, date: null, typeLine: null, badTypeLine: false, vv: false, summary: [], summaryPlace: null, bodyStart: null, missingNumberAt: null };
  for (let i = 0; i < lines.length && !scan.bodyStart; i++) {
    const raw = lines[i]!.replace(INVISIBLE, '');
    if (!raw.trim() && scan.state === 'summary') scan.state = 'after';
    for (const e of lineEvents(raw, i, { number: scan.state === 'agency', date: scan.date === null })) {
      if (e.kind === 'text') readText(scan, e.text, e.place, options.types, problem);
      else if (e.kind === 'number') {
        scan.number = e;
        scan.state = 'number';
      } else if (e.kind === 'date') scan.date ??= e;
      else if (scan.state === 'summary') scan.state = 'after';
      if (scan.bodyStart) break;
    }
  }

  const firstLine = { line: 1, column: 1 };
  const numberEvent = scan.number;
  let number: DocumentNumber | null = null;
  if (!numberEvent) {
    problem('missing-number', scan.missingNumberAt ?? firstLine, `no "Số: …" line in the header; the document's number and symbol stand below the agency's name, as in "Số: 215/QĐ-UBND"; add it`);
  } else {
    number = numberEvent.value === null ? null : parseDocumentNumber(numberEvent.value);
    if (!number) problem('document-number', numberEvent.place, `"Số: ${numberEvent.written}" is not a number and symbol (số, ký hiệu) as Decree 30/2020 writes them; write e.g. "Số: 215/QĐ-UBND", "Số: 15/2024/QĐ-UBND" or "Số: 1234/UBND-VP"`);
  }

  let issued: { value: string; year: number } | null = null;
  // Note: without a number there is no header to say more about, so no missing date or trích yếu either.
  if (!scan.date) {
    if (numberEvent) problem('missing-date', { line: numberEvent.place.line, column: 1 }, 'no date in the header; the line of the number, or the one after it, gives the place and date, e.g. "Bắc Ninh, ngày 24 tháng 02 năm 2024"; add it');
  } else {
    const { day, month, year, written, place } = scan.date;
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
      problem('invalid-date', place, `date "${written}" lacks its day, month or year in digits; write it as in "ngày 24 tháng 02 năm 2024"`);
    } else if (!isCalendarDate(Number(year), Number(month), Number(day))) {
      problem('invalid-date', place, `date "${written}" is not a calendar date (there is no day ${Number(day)} in month ${Number(month)} of ${year}); correct the day or the month`);
    } else {
      issued = { value: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`, year: Number(year) };
    }
  }

  const where = scan.summaryPlace ?? scan.bodyStart ?? (numberEvent ? { line: numberEvent.place.line + 1, column: 1 } : firstLine);
  if (!scan.summary.length && !scan.badTypeLine && numberEvent) {
    const after = scan.typeLine ? `the type line "${lines[scan.typeLine.place.line - 1]!.trim()}"` : 'the number';
    problem('missing-summary', where, `no trích yếu after ${after}; the next line says what the document is about, e.g. "Về việc ban hành Quy chế làm việc" (or "V/v …" in a công văn); add it`);
  }

  // Note: only a công văn's trích yếu starts with "V/v"; its number may still look like a type's
  // (Cục Thuế's 123/CT-TTHT is no Chỉ thị), which the build warns about.
  const found = scan.typeLine ?? (scan.vv ? { type: typeByName(options.types, 'Công văn'), place: where } : null);
  const type = found?.type ?? (number ? typeByAbbr(options.types, number.symbol[0]!) : undefined);
  if (!type && number && !scan.badTypeLine) {
    problem('missing-type', where, `the type of document cannot be told: no type line in capitals (e.g. "QUYẾT ĐỊNH") comes after the number, and ${number.text} carries no type's abbreviation; add the type line, or begin a công văn's trích yếu with "V/v"`);
  }
  if (type && number && type.abbr !== null) {
    const mismatch = numberTypeProblem(number, type, options.types);
    if (mismatch) problem('document-type', found?.place ?? numberEvent!.place, mismatch);
  }

  let issuer = scan.agency.length ? agencyName(scan.agency[scan.agency.length - 1]!) : null;
  if (!issuer && number && numberEvent) {
    const abbr = issuerAbbr(number, options.types);
    issuer = (abbr && options.issuers[abbr]?.normalize('NFC').replace(/\s+/g, ' ').trim()) || null;
    if (!issuer) {
      const configured = abbr ? ` and documents.issuers in the config names none for ${abbr}` : '';
      problem('missing-issuer', { line: numberEvent.place.line, column: 1 }, `no issuing body: no agency's name in capitals above the number${configured}; add it above the number (e.g. "ỦY BAN NHÂN DÂN TỈNH BẮC NINH")${abbr ? ` or name ${abbr} under documents.issuers` : ''}`);
    }
  }

  if (problems.length || !number || !type || !issuer || !issued) return { problems: problems.sort((a, b) => a.place.line - b.place.line || a.place.column - b.place.column) };
  const start = scan.bodyStart;
  const rest = start ? [lines[start.line - 1]!.replace(INVISIBLE, '').slice(start.column - 1), ...lines.slice(start.line)] : [];
  return { header: { number, type, issuer, issued: issued.value, year: issued.year, summary: scan.summary.join(' '), body: paragraphs(rest) } };
}

/** Takes one run of text of the header (a line, or a column of one) as the scan's state expects it. */
function readText(scan: Scan, text: string, place: Place, types: readonly DocumentType[], problem: (rule: string, place: Place, message: string) => void): void {
  const startSummary = (line: string, at: Place) => {
    scan.vv = VV.test(line);
    scan.summary.push(scan.vv ? line.replace(VV, 'Về việc ') : line);
    scan.summaryPlace = at;
    scan.state = 'summary';
  };
  if (scan.state === 'agency') {
    if (!(isUpper(text) && typeByName(types, text)) && !VV.test(text) && !ABOUT.test(text) && !OPENER.test(text)) {
      joinAgency(scan.agency, text);
      return;
    }
    scan.missingNumberAt = place;
    scan.state = 'number';
  }
  if (scan.state === 'number') {
    if (MARK.test(text)) return;
    if (VV.test(text) || ABOUT.test(text)) {
      startSummary(text, place);
      return;
    }
    const type = typeByName(types, text);
    if (type || isUpper(text)) {
      if (type) scan.typeLine = { type, place };
      else {
        problem('document-type', place, `"${text}" after the number is in capitals but names no type of document; write the type line as Decree 30/2020 does (QUYẾT ĐỊNH, KẾ HOẠCH, THÔNG BÁO, …), or add the type to documents.types in the config`);
        scan.badTypeLine = true;
      }
      scan.state = 'type';
      return;
    }
    // Note: a copy that lost the line break after the type line: "QUYẾT ĐỊNH Về việc …".
    const words = text.split(' ');
    const head = [4, 3, 2, 1].map((n) => words.slice(0, n).join(' ')).find((h) => h.length < text.length && isUpper(h) && typeByName(types, h));
    const joinedType = head ? typeByName(types, head) : undefined;
    if (head && joinedType) {
      scan.typeLine = { type: joinedType, place };
      startSummary(text.slice(head.length + 1), { line: place.line, column: place.column + head.length + 1 });
    } else scan.bodyStart = place;
    return;
  }
  if (scan.state === 'type') {
    if (isUpper(text)) scan.bodyStart = place;
    else startSummary(text, place);
    return;
  }
  if (scan.state === 'summary' && !isUpper(text) && !OPENER.test(text)) scan.summary.push(text);
  else scan.bodyStart = place;
}

/**
 * Adds a line above the number to the agency when it is one: in capitals, or (converted from TCVN3,
 * or from a portal) starting with an agency's kind or continuing one with its place. A line naming
 * a body of its own (`SỞ …` under `UBND TỈNH …`) starts a new agency.
 */
function joinAgency(agency: string[][], line: string): void {
  const words = line.split(' ');
  const current = agency[agency.length - 1];
  const kind = kindAt(words, 0);
  // Note: other text in lower case above the number is a portal's, not the header's.
  if (!isUpper(line) && !kind && !(current && phraseAt(words, 0, PLACES))) return;
  if (!current || (kind && kindAt(current, 0)?.length !== current.length)) agency.push(words);
  else current.push(...words);
}


/** Where a paragraph starts in text copied from a PDF, whose lines break where the page did. */
const PARAGRAPH = /^(?:(?:Điều|ĐIỀU)\s+\d|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s|[-+•]\s)/u;

/** The lines after the header as paragraphs: a line joins the one before unless that one ends a sentence or this one starts an item. */
function paragraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  let previous = '';
  for (const raw of lines) {
    const line = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
    if (line && previous && !/[.;:!?…]$/.test(previous) && !PARAGRAPH.test(line) && !isUpper(line) && !isUpper(previous)) out[out.length - 1] += ` ${line}`;
    else if (line) out.push(line);
    previous = line;
  }
  return out;
}
