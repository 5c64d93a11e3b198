/**
 * Dates: front-matter values to calendar dates in the site's time zone. Never reads the
 * process time zone, so output does not move by a day under another `TZ`.
 */

/** A publication date, resolved in the site's time zone. */
export interface SiteDate {
  /** Calendar date in the site's time zone, `YYYY-MM-DD`. */
  date: string;
  year: number;
  month: number;
  day: number;
  /** ISO 8601 with the site's offset, e.g. `2020-02-24T00:00:00+07:00`. */
  iso: string;
  /** Milliseconds since the epoch, for ordering and the `--future` cut-off. */
  epoch: number;
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** The earliest year a date may have (the pattern allows four digits, so at most 9999). */
const MIN_YEAR = 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone this Node knows (e.g. `Asia/Ho_Chi_Minh`). */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the time zone from UTC at an instant, in minutes (east positive). */
export function zoneOffset(timeZone: string, epoch: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epoch))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(epoch / 1000) * 1000) / 60000);
}

/** Whether year-month-day names a real calendar day (no 31 February). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]`, optionally with an offset (`-0500`, `+07:00`, `Z`).
 * A value without offset is wall-clock time in `timeZone`. Returns an error text when invalid.
 */
export function parseDate(value: string, timeZone: string): SiteDate | { error: string } {
  const m = PATTERN.exec(value.trim());
  if (!m) return { error: `date "${value}" is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:mm` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  // Note: `Date.UTC` reads years 0–99 as 1900–1999, so such a date would move silently by centuries.
  if (year < MIN_YEAR) {
    return { error: `date "${value}" has the year ${m[1]}, outside ${MIN_YEAR}–9999; write the year with four digits, such as 2024` };
  }
  if (!isCalendarDate(year, month, day)) {
    return { error: `date "${value}" is not a calendar date; write YYYY-MM-DD` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { error: `date "${value}" has an impossible time; write HH:mm between 00:00 and 23:59` };
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let epoch: number;
  if (m[7]) {
    epoch = wall - parseOffset(m[7]) * 60000;
  } else {
    // Note: two passes settle the offset across a daylight-saving change.
    epoch = wall - zoneOffset(timeZone, wall) * 60000;
    epoch = wall - zoneOffset(timeZone, epoch) * 60000;
  }
  return fromEpoch(epoch, timeZone);
}

function parseOffset(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** Resolves an instant to its calendar date and ISO text in the time zone. */
export function fromEpoch(epoch: number, timeZone: string): SiteDate {
  const offset = zoneOffset(timeZone, epoch);
  const local = new Date(epoch + offset * 60000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return { date, year, month, day, iso: `${date}T${time}${formatOffset(offset)}`, epoch };
}

/** Formats minutes east of UTC as `+07:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Day of the week of a calendar date, 0 = Sunday. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
