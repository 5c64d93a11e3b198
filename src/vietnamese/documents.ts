/**
 * Official documents as Decree 30/2020/NĐ-CP writes them: the types (`data/document-types.json`),
 * the number and symbol (số, ký hiệu: `215/QĐ-UBND`, `15/2024/QĐ-UBND`, `1234/UBND-KT`) and the
 * date of the document's header ("ngày 24 tháng 02 năm 2020").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { foldDiacritics } from './slugs.js';

/** A type of document and the abbreviation its numbers carry (none for Công văn, Luật, Thư công). */
export interface DocumentType {
  name: string;
  abbr: string | null;
  /** Abbreviations of the rules before Decree 30 (documents issued before 5 March 2020). */
  older: string[];
  /** A legal normative type, whose number carries its year (`15/2024/QĐ-UBND`). */
  normative: boolean;
}

/** A number and symbol read into its parts. */
export interface DocumentNumber {
  /** As written, spaces removed and NFC: `215/QĐ-UBND`. */
  text: string;
  /** The serial number, as written (`05`, `215`). */
  serial: string;
  /** The year of a legal normative document's number, or null. */
  year: number | null;
  /** The parts of the ký hiệu: `['QĐ', 'UBND']`, `['UBND', 'KT']`. */
  symbol: string[];
}

let builtIn: DocumentType[] | null = null;

/** The types of Decree 30/2020 and of the law on legal documents, in the data file's order. */
export function documentTypes(): DocumentType[] {
  if (!builtIn) {
    const raw = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'document-types.json'), 'utf8')) as {
      types: { name: string; abbr: string | null; older?: string[]; normative?: boolean }[];
    };
    builtIn = raw.types.map((t) => ({ name: t.name.normalize('NFC'), abbr: t.abbr?.normalize('NFC') ?? null, older: (t.older ?? []).map((a) => a.normalize('NFC')), normative: t.normative === true }));
  }
  return builtIn;
}

// Note: a serial of digits, an optional four-digit year, then the ký hiệu: letters and digits in
// parts joined by `-` (`QĐ-UBND`, `UBND-KT`, `QH15`, `NQ-HĐND`, `TTLT-BTC-BNV`).
const NUMBER = /^(\d{1,6})(?:\/(\d{4}))?\/([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)$/u;

/** Reads a number and symbol; null when it is not one (`215`, `QĐ-215`, `215/QĐ UBND`). */
export function parseDocumentNumber(value: string): DocumentNumber | null {
  const text = numberKey(value);
  const m = NUMBER.exec(text);
  if (!m) return null;
  return { text, serial: m[1]!, year: m[2] ? Number(m[2]) : null, symbol: m[3]!.split('-') };
}

/** The key two spellings of one number share for lookups: NFC, dashes as `-`, no spaces around `/` and `-` (`215 / QĐ – UBND` → `215/QĐ-UBND`). */
export function numberKey(value: string): string {
  return value.normalize('NFC').replace(/[‐‑–—]/g, '-').replace(/\s*([/-])\s*/g, '$1').replace(/\s+/g, ' ').trim();
}

/** A number folded as a visitor types it: no diacritics, case or punctuation (`215qdubnd`). */
export function foldedNumber(value: string): string {
  return foldDiacritics(value.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The type whose abbreviation (or older abbreviation) is `abbr`, exactly as written; undefined when none. */
export function typeByAbbr(types: readonly DocumentType[], abbr: string): DocumentType | undefined {
  return types.find((t) => t.abbr === abbr) ?? types.find((t) => t.older.includes(abbr));
}

/** The type named `name` (case and spacing aside); undefined when none. */
export function typeByName(types: readonly DocumentType[], name: string): DocumentType | undefined {
  const key = name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
  return types.find((t) => t.name.toLocaleLowerCase('vi') === key);
}

/**
 * What is wrong with a number for a document of type `type`, in words with the fix, or null: a
 * typed document's ký hiệu starts with its type's abbreviation (`215/QĐ-UBND`); a Công văn's is
 * the issuer's and the unit's, without one (`1234/UBND-KT`).
 */
export function numberTypeProblem(number: DocumentNumber, type: DocumentType, types: readonly DocumentType[]): string | null {
  const [first, ...rest] = number.symbol;
  const written = typeByAbbr(types, first!);
  const loose = written ? undefined : types.find((t) => t.abbr !== null && foldedNumber(t.abbr) === foldedNumber(first!));
  if (type.abbr === null) {
    if (type.name === 'Luật') return null;
    if (written && rest.length) return `the number ${number.text} is that of a ${written.name} (${first}), but type is ${type.name}, whose number has no type abbreviation (e.g. 1234/UBND-VP); correct the number or the type`;
    return null;
  }
  if (written === type) return null;
  const expected = `${number.serial}${number.year ? `/${number.year}` : ''}/${[type.abbr, ...(written || loose ? rest : number.symbol)].join('-')}`;
  if (loose === type) return `the number ${number.text} writes the abbreviation of ${type.name} as ${first}; Decree 30/2020 writes it ${type.abbr}: ${expected}`;
  if (written) return `the number ${number.text} is that of a ${written.name} (${first}), but type is ${type.name} (${type.abbr}); correct the number (${expected}) or the type`;
  return `the number ${number.text} has no type abbreviation; a ${type.name}'s number is written ${expected}`;
}

/** A date as a document's header writes it: "ngày 05 tháng 02 năm 2020" (day below 10, months 1–2 with a zero). */
export function administrativeDate(date: { year: number; month: number; day: number }): string {
  const day = String(date.day).padStart(2, '0');
  const month = date.month <= 2 ? String(date.month).padStart(2, '0') : String(date.month);
  return `ngày ${day} tháng ${month} năm ${date.year}`;
}
