/**
 * The date line of a scraped bulletin: `Thứ Hai, 24/2/2020`, `T2, 24/2/2020`, `24/02/2020 08:30`,
 * `08:30 24/02/2020`, `24/02/2020, 08h30`, `ngày 24 tháng 2 năm 2020`, `2020-02-24`. Day and month
 * are always read day first, as Vietnamese portals write them.
 */
import { isCalendarDate, weekday } from '../vietnamese/dates.js';
import { vi } from '../locales/vi.js';

/** A date read from a date line, with the time when the line gives one. */
export interface DateLine {
  year: number;
  month: number;
  day: number;
  /** `HH:mm`, or null. */
  time: string | null;
  /** Front-matter value: `YYYY-MM-DD` or `YYYY-MM-DD HH:mm`. */
  value: string;
}

const WEEKDAY = String.raw`(?<weekday>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|t[2-7]|cn)`;
const TIME = String.raw`(?<hour>\d{1,2})\s*(?::|h|g|giờ)\s*(?<minute>\d{2})(?:\s*(?:phút|'))?(?:\s*(?<ampm>am|pm|sa|ch))?`;
const TIME2 = TIME.replace(/\?<(\w+)>/g, '?<$12>');
const DMY = String.raw`(?<day>\d{1,2})\s*[/.-]\s*(?<month>\d{1,2})\s*[/.-]\s*(?<year>\d{4})`;
const WORDS = String.raw`ngày\s+(?<wday>\d{1,2})\s+tháng\s+(?<wmonth>\d{1,2})\s+năm\s+(?<wyear>\d{4})`;
const ISO = String.raw`(?<iyear>\d{4})-(?<imonth>\d{1,2})-(?<iday>\d{1,2})`;
const LABEL = String.raw`(?:(?:ngày\s+)?(?:đăng|cập\s+nhật|xuất\s+bản|đăng\s+ngày)(?:\s+lúc)?\s*:?\s*)?`;
const SEP = String.raw`\s*(?:[,|–—-]\s*|\s)`;
const ZONE = String.raw`(?:\s*\(?\s*(?:gmt|utc)\s*[+-]\s*\d{1,2}\s*\)?)?`;

const LINE = new RegExp(
  String.raw`^${LABEL}(?:${WEEKDAY}${SEP}?)?(?:${TIME}${SEP}?)?(?:${DMY}|${WORDS}|${ISO})(?:${SEP}?(?:lúc\s+)?${TIME2})?${ZONE}\s*\.?$`,
  'iu',
);

const WEEKDAY_NUMBER: Record<string, number> = { hai: 1, ba: 2, 'tư': 3, 'năm': 4, 'sáu': 5, 'bảy': 6, 'bẩy': 6 };

function weekdayOf(text: string): number {
  const t = text.toLocaleLowerCase('vi').replace(/\s+/g, ' ');
  if (t === 'cn' || t.startsWith('chủ')) return 0;
  const digit = /[2-7]$/.exec(t);
  if (digit) return Number(digit[0]) - 1;
  return WEEKDAY_NUMBER[t.replace(/^thứ /, '')] ?? -1;
}

/**
 * Reads a date line. Returns null when the line is not one, the date when it is, and an error
 * quoting the line when it names an impossible date or a weekday the date does not fall on.
 */
export function parseDateLine(line: string): DateLine | { error: string } | null {
  const text = line.replace(/\s+/g, ' ').trim();
  const m = LINE.exec(text);
  if (!m?.groups) return null;
  const g = m.groups;
  const day = Number(g.day ?? g.wday ?? g.iday);
  const month = Number(g.month ?? g.wmonth ?? g.imonth);
  const year = Number(g.year ?? g.wyear ?? g.iyear);
  if (!isCalendarDate(year, month, day)) {
    return { error: `date line "${text}" names day ${day} of month ${month} in ${year}, which does not exist (dates are read day/month/year); correct the line` };
  }
  if (g.weekday) {
    const said = weekdayOf(g.weekday);
    const actual = weekday(year, month, day);
    if (said !== actual) {
      return {
        error: `date line "${text}" says ${vi.weekdays[said] ?? g.weekday}, but ${day}/${month}/${year} is a ${vi.weekdays[actual]}; correct the weekday or the date`,
      };
    }
  }
  let time: string | null = null;
  const hourText = g.hour ?? g.hour2;
  if (hourText !== undefined) {
    let hour = Number(hourText);
    const minute = Number(g.minute ?? g.minute2);
    const ampm = (g.ampm ?? g.ampm2 ?? '').toLowerCase();
    if ((ampm === 'pm' || ampm === 'ch') && hour < 12) hour += 12;
    if ((ampm === 'am' || ampm === 'sa') && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return { error: `date line "${text}" has an impossible time; correct the line` };
    time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  }
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { year, month, day, time, value: time ? `${date} ${time}` : date };
}
