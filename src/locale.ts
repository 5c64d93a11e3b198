/** Locales: the strings and date formats a site shows its visitors, per language. */
import type { SiteDate } from './vietnamese/dates.js';
import { weekday } from './vietnamese/dates.js';
import { en } from './locales/en.js';
import { vi, type Strings } from './locales/vi.js';

const LOCALES: Record<string, Strings> = { vi, en };

/** The strings for a language, with the site's own overrides applied. */
export function stringsFor(language: string, overrides: Record<string, string>): Strings {
  return { ...(LOCALES[language] ?? vi), ...overrides } as Strings;
}

/** A date as visitors read it: `Thứ Hai, 24/2/2020` or `Monday, 24 February 2020`. */
export function formatDate(date: Pick<SiteDate, 'year' | 'month' | 'day'>, strings: Strings): string {
  return fill(strings.dateFormat, {
    weekday: strings.weekdays[weekday(date.year, date.month, date.day)]!,
    day: String(date.day),
    month: String(date.month),
    monthName: strings.months[date.month - 1]!,
    year: String(date.year),
  });
}

/** A month as visitors read it: `Tháng 2/2020`. */
export function formatMonth(year: number, month: number, strings: Strings): string {
  return fill(strings.monthFormat, { month: String(month), monthName: strings.months[month - 1]!, year: String(year) });
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}
