import { describe, expect, it } from 'vitest';
import { pageWindow } from '../src/render/pages.js';
import { build } from './helpers/site.js';

describe('pagination bar', () => {
  it('shows the first, the last and two either side of the current page', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 11)).toEqual([1, 2, 3, 11]);
    expect(pageWindow(6, 11)).toEqual([1, 4, 5, 6, 7, 8, 11]);
    expect(pageWindow(11, 11)).toEqual([1, 9, 10, 11]);
  });

  it('marks gaps and keeps every page reachable by next links', () => {
    const files: Record<string, string> = { 'bantin.config.yaml': 'pageSize: 2\nsearch: { enabled: false }\n' };
    for (let i = 1; i <= 21; i++) {
      files[`content/b${i}.md`] = `---\ntitle: Bài ${i}\ndate: 2020-01-${String(i).padStart(2, '0')}\nprovince: Huế\nsource: hue.gov.vn\n---\nx\n`;
    }
    const { page, errors } = build(files);
    expect(errors).toEqual([]);
    const six = page('page/6/index.html');
    const bar = six.slice(six.indexOf('class="pagination"'));
    const numbers = [...bar.matchAll(/<li( class="gap" aria-hidden="true">…<\/li>)?|>(\d+)<\/a>/g)].map((m) => (m[1] ? '…' : m[2])).filter(Boolean);
    expect(numbers).toEqual(['1', '…', '4', '5', '6', '7', '8', '…', '11']);
    for (let n = 1; n < 11; n++) {
      const html = page(n === 1 ? 'index.html' : `page/${n}/index.html`);
      expect(html).toContain(`href="/page/${n + 1}/" rel="next"`);
    }
  });
});
