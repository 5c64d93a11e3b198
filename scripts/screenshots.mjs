#!/usr/bin/env node
/**
 * Screenshots of the default theme for README's Theme section: the example site's front page, a
 * section, a page and an article at 1280 and 375 px wide, in headless Chromium.
 *
 *   npm run screenshots            # = npm run compile && node scripts/screenshots.mjs
 *
 * Builds the example site into a temporary folder, serves it on 127.0.0.1 and writes
 * `docs/static/screenshots/<name>-<width>.jpg`. Chromium: $CHROMIUM_PATH, else /usr/bin/chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(REPO, 'docs/static/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = [
  ['front-page', '/'],
  ['section', '/thong-bao/'],
  ['page', '/gioi-thieu/'],
  ['article', '/2020/02/bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen/'],
  ['registry', '/van-ban/'],
  ['document', '/van-ban/2024/215-qd-ubnd/'],
];
const WIDTHS = [
  [1280, 900],
  [375, 812],
];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.json': 'application/json' };

if (!existsSync(CHROMIUM)) {
  console.error(`screenshots: no Chromium at ${CHROMIUM}; apt-get install chromium, or set CHROMIUM_PATH`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'bantin-shots-'));
const dist = join(work, 'dist');
const built = spawnSync(process.execPath, [join(REPO, 'lib/bundle/cli.js'), 'build', '--root', REPO, '--out', dist, '--no-cache'], { encoding: 'utf8' });
if (built.status !== 0) {
  console.error(`screenshots: the example site did not build:\n${built.stderr}`);
  process.exit(1);
}
const server = createServer((req, res) => {
  let path = join(dist, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://site').pathname)));
  if (!path.startsWith(dist)) path = join(dist, '404.html');
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  const found = existsSync(path);
  res.writeHead(found ? 200 : 404, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  res.end(found ? readFileSync(path) : '');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none'] });
try {
  mkdirSync(OUT, { recursive: true });
  for (const [width, height] of WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    for (const [name, path] of SHOTS) {
      await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      const file = join(OUT, `${name}-${width}.jpg`);
      await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
      console.log(`${file.slice(REPO.length + 1)} (${Math.round(statSync(file).size / 1024)} KB)`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
