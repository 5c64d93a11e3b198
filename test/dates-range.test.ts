/**
 * Dates outside the years a bulletin can have: a year below 1000 is an error (it used to move by
 * centuries), a date before 1945 or more than a year after the build a warning naming it, and an
 * `updated` before `date` a warning at the `updated` line.
 */
import { describe, expect, it } from 'vitest';
import { parseDate } from '../src/vietnamese/dates.js';
import { build } from './helpers/site.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const article = (dates: string) => `---
title: Bài
${dates}
province: Bắc Giang
source: bacgiang.gov.vn
---
Nội dung.
`;

describe('dates out of range', () => {
  it('refuses years outside 1000–9999 at the key, instead of moving them', () => {
    const { errors, result } = build(
      {
        'content/a.md': article('date: 0024-02-24'),
        'content/b.md': article('date: 0100-01-01'),
        'content/c.md': article('date: 2020-01-01\nupdated: 0999-12-31 10:00'),
      },
      { now: NOW },
    );
    expect(errors).toEqual([
      'content/a.md:3:7: date "0024-02-24" has the year 0024, outside 1000–9999; write the year with four digits, such as 2024 [invalid-date]',
      'content/b.md:3:7: date "0100-01-01" has the year 0100, outside 1000–9999; write the year with four digits, such as 2024 [invalid-date]',
      'content/c.md:4:10: date "0999-12-31 10:00" has the year 0999, outside 1000–9999; write the year with four digits, such as 2024 [invalid-date]',
    ]);
    expect(result.ok).toBe(false);
    expect(parseDate('1000-01-01', 'Asia/Ho_Chi_Minh')).toMatchObject({ date: '1000-01-01', year: 1000 });
    expect(parseDate('9999-12-31', 'Asia/Ho_Chi_Minh')).toMatchObject({ date: '9999-12-31', year: 9999 });
  });

  it('warns of a date before 1945 or more than a year after the build time, naming it', () => {
    const { messages, result } = build(
      {
        'content/old.md': article('date: 1944-12-31'),
        'content/ok-old.md': article('date: 1945-01-01\nslug: ok-old'),
        'content/far.md': article('date: 2027-01-02\nslug: far'),
        'content/near.md': article('date: 2026-12-31\nslug: near'),
        'content/upd.md': article('date: 2025-01-01\nupdated: 2062-01-01\nslug: upd'),
      },
      { now: NOW, future: true },
    );
    expect(messages).toEqual([
      'content/far.md:3:7: warning: date 2027-01-02 is more than a year after the build (2026-01-01); check the year [date-out-of-range]',
      "content/old.md:3:7: warning: date 1944-12-31 is before 1945, far from the site's other dates; check the year [date-out-of-range]",
      'content/upd.md:4:10: warning: updated 2062-01-01 is more than a year after the build (2026-01-01); check the year [date-out-of-range]',
    ]);
    expect(result.ok).toBe(true);
  });

  it('follows the injected build time', () => {
    const { messages } = build({ 'content/far.md': article('date: 2021-06-01') }, { now: Date.parse('2020-01-01T00:00:00Z'), future: true });
    expect(messages).toEqual([
      'content/far.md:3:7: warning: date 2021-06-01 is more than a year after the build (2020-01-01); check the year [date-out-of-range]',
    ]);
  });

  it('warns of an updated earlier than date at the updated line, and still publishes', () => {
    const { messages, result, page } = build({ 'content/a.md': article('date: 2024-03-01\nupdated: 2024-02-28') }, { now: NOW });
    expect(messages).toEqual([
      'content/a.md:4:10: warning: updated 2024-02-28 is before date 2024-03-01; an article is updated after it is published, so check both [updated-before-date]',
    ]);
    expect(result.ok).toBe(true);
    expect(page('2024/03/bai/index.html')).toContain('Bài');
  });
});
