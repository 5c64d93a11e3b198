/**
 * `serve` over HTTP, sent as raw bytes: content types, clean URLs, 404, HEAD, ETags, base paths,
 * and every hostile request of issues #5 and #8 (traversal, Host, Origin, malformed requests).
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../src/serve/session.js';
import { makeSite, runCli } from './helpers/site.js';
import { get, rawRequest, serve } from './helpers/serve-client.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const SECRET = 'TOP SECRET, NEVER SERVED';

const article = (title: string, extra = '') => `---
title: "${title}"
date: 2024-03-01
province: Bắc Ninh
source: bacninh.gov.vn
${extra}
---

Nội dung của ${title}.
`;

function makeServedSite(config = '') {
  const root = makeSite({
    'bantin.config.yaml': `title: Bản tin thử\n${config}`,
    'content/2024/a.md': article('Bài A'),
    'content/2024/nhap.md': article('Bài nháp', 'draft: true'),
    'content/2024/tuong-lai.md': article('Bài tương lai').replace('2024-03-01', '2099-01-01'),
    'static/doc.pdf': '%PDF-1.4 test',
    'static/font.woff2': 'wOF2',
    'static/data.json': '{"a":1}',
    'static/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'static/anh.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    'static/ghi-chu.txt': 'ghi chú\n',
    'secret.txt': SECRET,
    'dist-secret/secret.txt': SECRET,
  });
  // Note: outside files the site must never reach, by name or through a link.
  writeFileSync(join(dirname(root), 'bantin-outside-secret.txt'), SECRET);
  symlinkSync(join(dirname(root), 'bantin-outside-secret.txt'), join(root, 'static/link.txt'));
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist/secret.txt'), SECRET);
  return root;
}

describe('serving the site', () => {
  let port = 0;
  beforeAll(async () => {
    ({ port } = await serve(makeServedSite(), { now: NOW }));
  });

  it('serves pages with clean URLs, the live-reload script, and redirects folders to a slash', async () => {
    const home = await get(port, '/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body).toContain('<script src="/__bantin/live-reload.js"');
    const page = await get(port, '/2024/03/bai-a/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nội dung của Bài A.');
    expect((await get(port, '/2024/03/bai-a/index.html')).status).toBe(200);
    const folder = await get(port, '/2024/03/bai-a?x=1');
    expect(folder.status).toBe(301);
    expect(folder.headers.location).toBe('/2024/03/bai-a/?x=1');
  });

  it('sends the right Content-Type, charset on text only', async () => {
    const types: [string, string][] = [
      ['/assets/style.css', 'text/css; charset=utf-8'],
      ['/doc.pdf', 'application/pdf'],
      ['/font.woff2', 'font/woff2'],
      ['/data.json', 'application/json; charset=utf-8'],
      ['/logo.svg', 'image/svg+xml; charset=utf-8'],
      ['/anh.png', 'image/png'],
      ['/ghi-chu.txt', 'text/plain; charset=utf-8'],
    ];
    for (const [path, type] of types) {
      const r = await get(port, path);
      expect([path, r.status, r.headers['content-type']]).toEqual([path, 200, type]);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await get(port, '/assets/style.css')).body).not.toContain('live-reload');
  });

  it("answers an unknown path with the theme's 404 page and status 404", async () => {
    const r = await get(port, '/khong-co/');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<html');
  });

  it('answers HEAD with headers only, and If-None-Match with 304', async () => {
    const full = await get(port, '/2024/03/bai-a/');
    const head = await get(port, '/2024/03/bai-a/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.body).toBe('');
    const etag = full.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const cached = await get(port, '/2024/03/bai-a/', { 'If-None-Match': etag });
    expect(cached.status).toBe(304);
    expect(cached.body).toBe('');
    expect((await get(port, '/2024/03/bai-a/', { 'If-None-Match': '"other"' })).status).toBe(200);
    expect((await get(port, '/', {}, 'POST')).status).toBe(405);
  });

  it('leaves drafts and future articles out unless asked', async () => {
    expect((await get(port, '/2024/03/bai-nhap/')).status).toBe(404);
    const { port: p2 } = await serve(makeServedSite(), { now: NOW, drafts: true, future: true });
    expect((await get(p2, '/2024/03/bai-nhap/')).status).toBe(200);
    expect((await get(p2, '/2099/01/bai-tuong-lai/')).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '/%252e%252e%252fsecret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%c0%af..%c0%afsecret.txt',
    '/%e0%80%ae%e0%80%ae/secret.txt',
    '/secret.txt%00.html',
    '/a\u0000b',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/etc/passwd',
    '/secret.txt',
    '/dist/secret.txt',
    '/dist-secret/secret.txt',
    '/link.txt',
    '/./assets/style.css',
    'http://127.0.0.1/etc/passwd',
    '*',
  ])('refuses %j with 400 or 404 and keeps serving', async (target) => {
    const r = await rawRequest(port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, 'latin1'));
    expect([400, 404]).toContain(r.status);
    expect(r.text).not.toContain(SECRET);
    expect(r.text).not.toContain('root:');
    expect((await get(port, '/')).status).toBe(200);
  });

  it.each([
    ['evil.example', 403],
    [`evil.example:PORT`, 403],
    ['127.0.0.1.nip.io:PORT', 403],
    ['localhost:1', 403],
    ['localhost:PORT', 200],
    ['LOCALHOST:PORT', 200],
    ['127.0.0.1:PORT', 200],
    ['[::1]:PORT', 200],
  ])('answers Host %s with %i (DNS rebinding)', async (host, status) => {
    const r = await get(port, '/', { Host: host.replace('PORT', String(port)) });
    expect(r.status).toBe(status);
    if (status !== 200) expect(r.body).not.toContain('<html');
  });

  it('refuses a request without Host', async () => {
    const r = await rawRequest(port, 'GET / HTTP/1.0\r\n\r\n');
    expect([400, 403]).toContain(r.status);
  });

  it('opens the event stream only for its own origin', async () => {
    const events = (origin: string | null) => rawRequest(
      port,
      `GET /__bantin/events?file=index.html HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${origin === null ? '' : `Origin: ${origin}\r\n`}\r\n`,
      { firstChunkOnly: true },
    );
    expect((await events('http://evil.example')).status).toBe(403);
    expect((await events(`http://evil.example:${port}`)).status).toBe(403);
    expect((await events('null')).status).toBe(403);
    expect((await events(`https://127.0.0.1:${port}`)).status).toBe(403);
    const own = await events(`http://localhost:${port}`);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect((await events(null)).status).toBe(200);
  });

  it.each([
    'GARBAGE\r\n\r\n',
    'GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n',
    `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ${'a'.repeat(70_000)}\r\n\r\n`,
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n',
    '\u0000\u0001\u0002\r\n\r\n',
  ])('answers a malformed request %# with 4xx and keeps serving', async (request) => {
    const r = await rawRequest(port, Buffer.from(request, 'latin1')).catch(() => ({ status: 0, text: '' }));
    expect(r.status === 0 || (r.status >= 400 && r.status < 500)).toBe(true);
    expect((await get(port, '/')).status).toBe(200);
  });
});

describe('a base URL with a path', () => {
  it('serves the site under its path', async () => {
    const { port, session } = await serve(makeServedSite('baseUrl: https://example.gov.vn/ban-tin/\n'), { now: NOW });
    expect(session.url).toBe(`http://127.0.0.1:${port}/ban-tin/`);
    const page = await get(port, '/ban-tin/2024/03/bai-a/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('href="/ban-tin/assets/style.css"');
    expect((await get(port, '/ban-tin/assets/style.css')).status).toBe(200);
    expect((await get(port, '/')).headers.location).toBe('/ban-tin/');
    expect((await get(port, '/ban-tin')).headers.location).toBe('/ban-tin/');
    expect((await get(port, '/2024/03/bai-a/')).status).toBe(404);
  });
});

describe('ports', () => {
  let busy: Server;
  let taken = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    taken = (busy.address() as { port: number }).port;
    return () => new Promise<void>((resolve) => busy.close(() => resolve()));
  });

  it('moves to the next free port with a message when the default one is taken', async () => {
    const { port, err } = await serve(makeServedSite(), { port: taken, now: NOW });
    expect(port).toBeGreaterThan(taken);
    expect(err.join('\n')).toContain(`port ${taken} is in use; trying ${taken + 1}`);
  });

  it('fails with a clear message when a port given with --port is taken', async () => {
    await expect(startServe({ root: makeServedSite(), host: '127.0.0.1', port: taken, strictPort: true }, { out() {}, err() {} })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const r = runCli(['serve', '--root', makeServedSite(), '--port', String(taken)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`port ${taken} is already in use; stop the other server or choose another --port`);
  });

  it('rejects a port that is not a number as wrong usage', () => {
    const r = runCli(['serve', '--port', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port must be a number');
  });
});
