/**
 * Legacy Vietnamese encodings: TCVN3 (ABC) and VNI Windows text, as it arrives when a document
 * typed in a `.VnTime` or `VNI-Times` font is pasted or saved without its font. Converts it to
 * Unicode (NFC) and recognises text that looks like it.
 */

/** A legacy encoding bantin can convert from. */
export type LegacyEncoding = 'tcvn3' | 'vni';

/** Names of the encodings as `--from` takes them, with what users call them. */
export const LEGACY_ENCODINGS: Record<LegacyEncoding, string> = { tcvn3: 'TCVN3 (ABC)', vni: 'VNI' };

// Note: TCVN3 has one code per lower-case letter; upper-case letters with tones use the same
// codes in a capitals font (.VnTimeH), so they convert to lower case, as every converter does.
const TCVN3_CODES =
  'µ¸¶·¹' + '¨»¾¼½Æ' + '©ÇÊÈÉË' + '®' + 'ÌÐÎÏÑ' + 'ªÒÕÓÔÖ' + '×ÝØÜÞ' + 'ßãáâä' + '«åèæçé' + '¬êíëìî' +
  'ïóñòô' + '\u00adõøö÷ù' + 'úýûüþ' + '¡¢£¤¥¦§';
const TCVN3_LETTERS =
  'àáảãạ' + 'ăằắẳẵặ' + 'âầấẩẫậ' + 'đ' + 'èéẻẽẹ' + 'êềếểễệ' + 'ìíỉĩị' + 'òóỏõọ' + 'ôồốổỗộ' + 'ơờớởỡợ' +
  'ùúủũụ' + 'ưừứửữự' + 'ỳýỷỹỵ' + 'ĂÂÊÔƠƯĐ';

const TCVN3 = new Map([...TCVN3_CODES].map((code, i) => [code, [...TCVN3_LETTERS][i]!]));

/** Tone marks VNI writes after a vowel (lower-case letters; upper-case forms follow). */
const VNI_TONES: Record<string, string> = { 'ù': '\u0301', 'ø': '\u0300', 'û': '\u0309', 'õ': '\u0303', 'ï': '\u0323' };
/** After `a`, `e`, `o`: the circumflex, alone or with a tone. */
const VNI_CIRCUMFLEX: Record<string, string> = { 'â': '', 'á': '\u0301', 'à': '\u0300', 'å': '\u0309', 'ã': '\u0303', 'ä': '\u0323' };
/** After `a`: the breve, alone or with a tone. */
const VNI_BREVE: Record<string, string> = { 'ê': '', 'é': '\u0301', 'è': '\u0300', 'ú': '\u0309', 'ü': '\u0303', 'ë': '\u0323' };
/** Letters VNI writes as one character. */
const VNI_SINGLE: Record<string, string> = {
  'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
};

const VNI = new Map<string, string>();
function addVni(sequence: string, unicode: string): void {
  VNI.set(sequence, unicode.normalize('NFC'));
  VNI.set(sequence.toUpperCase(), unicode.toUpperCase().normalize('NFC'));
}
for (const [single, letter] of Object.entries(VNI_SINGLE)) addVni(single, letter);
for (const base of ['a', 'e', 'o', 'u', 'y', 'ô', 'ö']) {
  const letter = VNI_SINGLE[base] ?? base;
  for (const [mark, tone] of Object.entries(VNI_TONES)) addVni(base + mark, letter + tone);
}
for (const base of ['a', 'e', 'o']) {
  for (const [mark, tone] of Object.entries(VNI_CIRCUMFLEX)) addVni(base + mark, `${base}\u0302${tone}`);
}
for (const [mark, tone] of Object.entries(VNI_BREVE)) addVni(`a${mark}`, `a\u0306${tone}`);

/** Converts TCVN3 (ABC) text, read as Latin-1 characters, to Unicode NFC. */
export function fromTcvn3(text: string): string {
  let out = '';
  for (const ch of text) out += TCVN3.get(ch) ?? ch;
  return out.normalize('NFC');
}

/** Converts VNI Windows text, read as Latin-1 characters, to Unicode NFC. */
export function fromVni(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const pair = VNI.get(text.slice(i, i + 2));
    if (pair !== undefined) {
      out += pair;
      i += 2;
      continue;
    }
    out += VNI.get(text[i]!) ?? text[i];
    i++;
  }
  return out.normalize('NFC');
}

/** Converts text from a legacy encoding to Unicode NFC. */
export function fromLegacy(text: string, encoding: LegacyEncoding): string {
  return encoding === 'tcvn3' ? fromTcvn3(text) : fromVni(text);
}

/** What a legacy-looking text looks like, with the first word that gave it away. */
export interface LegacyGuess {
  encoding: LegacyEncoding;
  /** The first suspicious word, as written. */
  word: string;
  /** Offset of that word in the text. */
  index: number;
}

// Note: TCVN3 puts symbols (¸ µ ¶ ¾ ¨ ® ¬ …) or upper-case accented letters inside lower-case
// words ("B¾c", "TiÕng"); Unicode Vietnamese never does.
const TCVN3_WORD = /[\p{L}\u00ad]*(?:\p{Ll}[\u00a1-\u00bf\u00d7\u00f7\u00fe]|[\u00a1-\u00bf\u00d7\u00f7\u00fe]\p{Ll}|\p{Ll}[\u00c0-\u00de]\p{Ll})[\p{L}\u00a1-\u00bf\u00d7\u00f7\u00fe]*/u;
// Note: VNI writes a mark after the vowel ("Baéc", "Vieät"); these pairs never occur in Unicode
// Vietnamese (which has "oá" in "toán", so `o` counts only with marks it cannot carry there).
const VNI_WORD = /\p{L}*(?:[aA][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[eE][ùøûõïâáåãäÙØÛÕÏÂÁÅÃÄ]|[oO][øûõïâåäØÛÕÏÂÅÄ]|[uUyYôöÔÖ][ùøûõïÙØÛÕÏ]|[öÖ]\p{L}|\p{L}[ñÑ]|[ñÑ][aeiouyAEIOUY])\p{L}*/u;
/** Letters only Unicode Vietnamese has (ă, ơ, ư, đ and the precomposed U+1EA0–U+1EF9 block). */
const UNICODE_VIETNAMESE = /[ăĂơƠưƯđĐ\u1ea0-\u1ef9]/gu;

/**
 * Whether text looks like TCVN3 or VNI read as Latin-1, and where; null for Unicode text.
 * Text with four times more Unicode Vietnamese letters than suspicious words is taken as Unicode.
 */
export function detectLegacy(text: string): LegacyGuess | null {
  const unicodeLetters = (text.match(UNICODE_VIETNAMESE) ?? []).length;
  for (const [encoding, pattern] of [['tcvn3', TCVN3_WORD], ['vni', VNI_WORD]] as const) {
    const found = pattern.exec(text);
    if (!found) continue;
    const count = text.split(/\s+/).filter((w) => pattern.test(w)).length;
    if (count * 4 >= unicodeLetters) return { encoding, word: found[0], index: found.index };
  }
  return null;
}
