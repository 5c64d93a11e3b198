/**
 * Agencies' names as Decree 30/2020 writes them (Annex II): a header's capitals ("ỦY BAN NHÂN DÂN
 * TỈNH BẮC NINH") in normal case ("Ủy ban nhân dân tỉnh Bắc Ninh"), and the words that name an
 * agency's kind (Sở, Ủy ban nhân dân) and its place (tỉnh, xã).
 */
import { foldDiacritics } from './slugs.js';

// Note: Decree 30/2020 (Annex II) writes an agency's name with capitals on the words naming its
// kind and the first word of each field it works in: "Sở Kế hoạch và Đầu tư", "Bộ Tài chính".
const KINDS = [
  'Ủy ban nhân dân', 'Hội đồng nhân dân', 'Kho bạc Nhà nước', 'Ngân hàng Nhà nước', 'Bộ Chỉ huy Quân sự', 'Thủ tướng Chính phủ', 'Văn phòng', 'Tổng cục', 'Chi cục',
  'Cục', 'Sở', 'Bộ', 'Ban', 'Trung tâm', 'Phòng', 'Thanh tra', 'Công an', 'Trường', 'Bệnh viện', 'Viện', 'Chính phủ', 'Quốc hội',
].map((k) => k.split(' '));
export const PLACES = ['thành phố', 'thị xã', 'thị trấn', 'đặc khu', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'].map((k) => k.split(' '));
const wordKey = (word: string) => word.toLocaleLowerCase('vi').replace(/uỷ/g, 'ủy');
export const phraseAt = (words: readonly string[], i: number, phrases: readonly string[][]) =>
  phrases.find((p) => p.every((w, k) => words[i + k] !== undefined && wordKey(words[i + k]!) === wordKey(w)));
export const kindAt = (words: readonly string[], i: number) => phraseAt(words, i, KINDS);
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
/** Whether a word is an abbreviation (`UBND`, `HĐND`, `TP.`), which no Vietnamese syllable spells. */
const isAbbreviation = (word: string) => !SYLLABLE.test(foldDiacritics(word).toLowerCase().replace(/[^a-z]/g, '')) || /\d/.test(word);
const capitalized = (word: string) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1).toLocaleLowerCase('vi');

/** An agency's name in capitals written in normal case: "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh". */
export function agencyName(words: readonly string[]): string {
  const out: string[] = [];
  let capitalNext = true;
  let inPlace = false;
  for (let i = 0; i < words.length; ) {
    const kind = inPlace ? undefined : kindAt(words, i);
    const place = inPlace ? undefined : phraseAt(words, i, PLACES);
    const word = words[i]!;
    if (kind) {
      kind.forEach((w, k) => out.push(w[0] === w[0]!.toLocaleUpperCase('vi') ? capitalized(words[i + k]!) : words[i + k]!.toLocaleLowerCase('vi')));
      i += kind.length;
      capitalNext = true;
    } else if (place && !(wordKey(word) === 'xã' && wordKey(words[i + 1] ?? '') === 'hội')) {
      // Note: Decree 30/2020 writes "Thành phố Hồ Chí Minh" with a capital, other units in lower case.
      const hcm = words.slice(i + place.length).map(wordKey).join(' ') === 'hồ chí minh';
      place.forEach((_, k) => out.push(hcm && k === 0 ? capitalized(words[i + k]!) : words[i + k]!.toLocaleLowerCase('vi')));
      i += place.length;
      inPlace = true;
    } else {
      if (isAbbreviation(word) || /^[-–&]$/.test(word)) out.push(word);
      else if (wordKey(word) === 'và') out.push('và');
      else {
        const vietNam = `${wordKey(words[i - 1] ?? '')} ${wordKey(word)} ${wordKey(words[i + 1] ?? '')}`;
        const proper = inPlace || capitalNext || / việt nam$|^việt nam /.test(vietNam);
        out.push(proper ? capitalized(word) : word.toLocaleLowerCase('vi'));
      }
      capitalNext = !inPlace && /^(?:và|[-–&])$/.test(wordKey(word));
      i++;
    }
  }
  return out.join(' ');
}
