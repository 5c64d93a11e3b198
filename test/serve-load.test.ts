/**
 * `serve` under load (issue 8): a rebuild of every page (a template change) gives the event loop a
 * turn every few milliseconds, so pages keep being answered — with the previous build's files —
 * until the new build is complete. The speed of that on 10,000 articles is `bench/serve-load.mjs`.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { get, nextRebuild, serve } from './helpers/serve-client.js';
import { makeSite } from './helpers/site.js';

const article = (i: number) => `---
title: "Bản tin số ${i}"
date: 2024-0${(i % 9) + 1}-1${i % 10}
province: ${['Bắc Ninh', 'Đắk Lắk', 'TP.HCM'][i % 3]}
source: example.gov.vn
tags: [Chủ đề ${i % 12}]
---

${`Đoạn văn của bản tin số ${i}, có [liên kết](https://example.gov.vn/${i}) và **chữ đậm**.\n\n`.repeat(12)}
| Cột | Số |
|---|---:|
| Hàng | ${i} |
`;

describe('serve while rebuilding', () => {
  it('answers requests with the previous build until a rebuild of every page is complete', async () => {
    const files: Record<string, string> = { 'bantin.config.yaml': 'title: Cổng một\nsearch: { enabled: false }\n' };
    for (let i = 0; i < 500; i++) files[`content/2024/bai-${i}.md`] = article(i);
    const root = makeSite(files);
    const { session, port } = await serve(root);
    const rebuilt = nextRebuild(session, 120_000);
    let done = false;
    void rebuilt.then(() => (done = true));
    // Note: a partial every page uses: every page is rendered again (no article is parsed again).
    appendFileSync(join(root, 'templates/partials/footer.liquid'), '<p>Cổng hai</p>\n');
    while (!session.site.building && !done) await new Promise((r) => setTimeout(r, 2));

    const answered: { status: number; old: boolean }[] = [];
    while (!done) {
      const page = await get(port, answered.length % 2 ? '/' : '/2024/03/ban-tin-so-2/');
      if (session.site.building) answered.push({ status: page.status, old: page.body.includes('Cổng một') && !page.body.includes('Cổng hai') });
    }
    const { result } = await rebuilt;
    expect(result.ok).toBe(true);
    expect(result.stats.pagesReused).toBe(0);
    // Note: each answer above completed while the rebuild was still running (none do without the pauses).
    expect(answered.length).toBeGreaterThanOrEqual(3);
    expect(answered.every((a) => a.status === 200 && a.old)).toBe(true);
    expect((await get(port, '/')).body).toContain('Cổng hai');
  }, 180_000);
});
