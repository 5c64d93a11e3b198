/**
 * Photos in a real browser (Debian's chromium through playwright-core), served by `bantin serve`:
 * a phone 375 px wide loads the small WebP of each photo and nothing larger, a desktop the width
 * that fills the column, the lead photo first and the body photos only as they come near the view;
 * and the page does not move as photos load (each `<img>` has its size before its bytes arrive).
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto } from './helpers/photos.js';
import { serve } from './helpers/serve-client.js';
import { makeSite } from './helpers/site.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTICLE = '/2024/03/hoi-nghi-tong-ket/';

let browser: Browser;
let origin = '';

beforeAll(async () => {
  const [lead, ...body] = await Promise.all([makePhoto(2400, 1600), makePhoto(2000, 1500, { shade: 1 }), makePhoto(2000, 1500, { shade: 2 })]);
  const paragraphs = Array.from({ length: 40 }, (_, i) => `Đoạn ${i + 1} của bài, đủ dài để ảnh cuối nằm xa dưới màn hình đầu tiên của điện thoại.`).join('\n\n');
  const root = makeSite({
    'bantin.config.yaml': 'title: Ảnh\nbaseUrl: https://example.gov.vn/\nrequired: [title, date]\nsearch: { enabled: false }\n',
    'content/2024/a.md': `---\ntitle: Hội nghị tổng kết\ndate: 2024-03-05\nimage: toan-canh.jpg\nimage_alt: Toàn cảnh hội nghị\n---\n\n![Đại biểu phát biểu](phat-bieu.jpg)\n\n${paragraphs}\n\n![Trao khen thưởng](trao-thuong.jpg)\n`,
    'content/2024/toan-canh.jpg': lead,
    'content/2024/phat-bieu.jpg': body[0]!,
    'content/2024/trao-thuong.jpg': body[1]!,
  });
  const { port } = await serve(root);
  origin = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Loads the article at a viewport width; returns the photo files it requested, in order, and the page's layout shift. */
async function visit(width: number, scroll = false) {
  const page = await browser.newPage({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
  const photos: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(jpe?g|png|webp|avif)$/.test(path)) photos.push(path.replace(/\.[0-9a-f]{10}\./, '.'));
  });
  await page.goto(`${origin}${ARTICLE}`, { waitUntil: 'networkidle' });
  // Note: the shifts so far, taken at once from the observer's buffer (no wait for its callback).
  const shift = await page.evaluate(() => {
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type: 'layout-shift', buffered: true });
    const total = (observer.takeRecords() as unknown as { value: number }[]).reduce((sum, e) => sum + e.value, 0);
    observer.disconnect();
    return total;
  });
  if (scroll) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  }
  await page.close();
  return { photos, shift };
}

describe('photos in Chromium', () => {
  it('loads the 480 px WebP on a 375 px phone, and the body photo far below only when scrolled to', async () => {
    const first = await visit(375);
    expect(first.photos).toEqual(['/2024/toan-canh-480.webp', '/2024/phat-bieu-480.webp']);
    expect(first.shift).toBe(0);
    const scrolled = await visit(375, true);
    expect(scrolled.photos).toEqual(['/2024/toan-canh-480.webp', '/2024/phat-bieu-480.webp', '/2024/trao-thuong-480.webp']);
  });

  it('loads the width that fills the column on a desktop, never the largest', async () => {
    const { photos, shift } = await visit(1280);
    expect(photos).toEqual(['/2024/toan-canh-960.webp', '/2024/phat-bieu-960.webp']);
    expect(shift).toBe(0);
  });
});
