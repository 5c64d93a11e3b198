// Runs under TZ=Asia/Ho_Chi_Minh and TZ=America/Los_Angeles (see package.json): the results must not move.
import { describe, expect, it } from 'vitest';
import { parseDate } from '../src/vietnamese/dates.js';
import { formatDate } from '../src/locale.js';
import { en } from '../src/locales/en.js';
import { vi } from '../src/locales/vi.js';
import { assertLines, build } from './helpers/site.js';

const HCM = 'Asia/Ho_Chi_Minh';

describe('dates in the site time zone', () => {
  it.each([
    ['2020-02-24', '2020-02-24', '2020-02-24T00:00:00+07:00'],
    ['2020-02-24 08:30', '2020-02-24', '2020-02-24T08:30:00+07:00'],
    ['2020-02-24 23:59:59', '2020-02-24', '2020-02-24T23:59:59+07:00'],
    ['2019-03-26 12:38:00 -0500', '2019-03-27', '2019-03-27T00:38:00+07:00'],
    ['2015-06-29 1:00:19 -0400', '2015-06-29', '2015-06-29T12:00:19+07:00'],
    ['2023-10-02 09:00 +07:00', '2023-10-02', '2023-10-02T09:00:00+07:00'],
    ['2020-02-29T10:00:00Z', '2020-02-29', '2020-02-29T17:00:00+07:00'],
  ])('%s is %s', (input, date, iso) => {
    const d = parseDate(input, HCM);
    expect(d).toMatchObject({ date, iso });
  });

  it('keeps daylight-saving offsets of other zones', () => {
    expect(parseDate('2024-07-04 12:00', 'America/New_York')).toMatchObject({ iso: '2024-07-04T12:00:00-04:00' });
    expect(parseDate('2024-01-04 12:00', 'America/New_York')).toMatchObject({ iso: '2024-01-04T12:00:00-05:00' });
  });

  it.each(['2020-02-31', '2021-02-29', '2020-13-01', '31/2/2020', '24/02/2020', 'hôm qua', '2020-02-24 25:00', ''])(
    'rejects %j',
    (input) => {
      expect(parseDate(input, HCM)).toHaveProperty('error');
    },
  );

  it('formats dates in Vietnamese and English', () => {
    expect(formatDate({ year: 2020, month: 2, day: 24 }, vi)).toBe('Thứ Hai, 24/2/2020');
    expect(formatDate({ year: 2020, month: 3, day: 1 }, vi)).toBe('Chủ Nhật, 1/3/2020');
    expect(formatDate({ year: 2020, month: 2, day: 24 }, en)).toBe('Monday, 24 February 2020');
  });

  it('prints the calendar date of the article, not the UTC one', () => {
    const { page } = build(`
-- content/a.md --
---
title: Nửa đêm
date: 2020-02-24
province: Bắc Giang
source: bacgiang.gov.vn
---
x
`);
    assertLines(
      page('2020/02/nua-dem/index.html'),
      `<span>Ngày đăng: <time datetime="2020-02-24">Thứ Hai, 24/2/2020</time></span>
       ! 23/2/2020`,
    );
  });
});
