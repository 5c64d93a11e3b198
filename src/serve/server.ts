/**
 * The preview HTTP server: the in-memory site with clean URLs, the theme's 404 page, ETags and
 * HEAD; refuses other hosts, foreign event-stream origins and any path that tries to leave the site.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatDiagnostic } from '../messages.js';
import { allowedHosts, isOwnHost, isOwnOrigin, parseRequestPath } from './guard.js';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH, injectClient, type BuildMessage, type LiveReload } from './live-reload.js';
import { contentType, isHtml } from '../media-types.js';
import type { PreviewSite } from './preview.js';

/** Serves a preview site over HTTP. */
export class PreviewServer {
  private readonly server: Server;
  private hosts = new Set<string>();
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly site: PreviewSite,
    private readonly live: LiveReload,
  ) {
    this.server = createServer({ requireHostHeader: false }, (req, res) => this.respond(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // Note: a malformed request gets a 400 and only its own connection is closed.
    this.server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
  }

  /**
   * Listens on `host:port`; when the port is taken and `strict` is off, tries the next ones,
   * calling `busy` for each port skipped. Returns the port listened on.
   */
  async listen(host: string, port: number, strict: boolean, busy: (port: number) => void = () => {}): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const candidate = port === 0 ? 0 : port + attempt;
      try {
        await new Promise<void>((resolve, reject) => {
          const fail = (e: Error) => reject(e);
          this.server.once('error', fail);
          this.server.listen(candidate, host, () => {
            this.server.off('error', fail);
            resolve();
          });
        });
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' || strict || attempt >= 50 || candidate >= 65535) throw e;
        busy(candidate);
      }
    }
    const actual = (this.server.address() as AddressInfo).port;
    this.hosts = allowedHosts(host, actual);
    return actual;
  }

  /** Stops listening and ends every connection, event streams included. */
  async close(): Promise<void> {
    this.live.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private respond(req: IncomingMessage, res: ServerResponse): void {
    try {
      this.route(req, res);
    } catch (e) {
      if (!res.headersSent) plain(res, 500, `internal error: ${(e as Error).message}`);
      else res.destroy();
    }
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    if (!isOwnHost(req.headers.host, this.hosts)) {
      plain(res, 403, 'this preview server answers only to its own address (localhost); the Host header names another');
      return;
    }
    const target = parseRequestPath(req.url ?? '');
    if ('status' in target) {
      plain(res, 400, `bad request: ${target.reason}`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      plain(res, 405, 'only GET and HEAD are served');
      return;
    }
    const { path, query } = target;
    if (path === EVENTS_PATH) {
      if (!isOwnOrigin(req.headers.origin, this.hosts)) {
        plain(res, 403, 'the live-reload stream is only for pages of this server');
        return;
      }
      this.live.connect(res, this.firstMessage(new URLSearchParams(query.slice(1))));
      return;
    }
    if (path === CLIENT_PATH) {
      send(req, res, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
      return;
    }
    const { site } = this;
    if (!site.ready) {
      const lines = site.diagnostics.map(formatDiagnostic).join('\n');
      const html = `<!doctype html><meta charset="utf-8"><title>bantin: the site has errors</title><pre>${escapeHtml(lines)}</pre>`;
      send(req, res, 503, 'text/html; charset=utf-8', injectClient(html, { file: '', hash: '', base: site.base }));
      return;
    }
    const base = site.base;
    if (!path.startsWith(base)) {
      if (`${path}/` === base || path === '/') redirect(res, `${base}${query}`, 302);
      else this.notFound(req, res);
      return;
    }
    const rel = path.slice(base.length);
    const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    if (site.files.has(file)) {
      this.serveFile(req, res, 200, file);
    } else if (site.files.has(`${rel}/index.html`)) {
      const raw = (req.url ?? '').replace(/[?#].*$/, '');
      redirect(res, `${raw}/${query}`, 301);
    } else {
      this.notFound(req, res);
    }
  }

  private notFound(req: IncomingMessage, res: ServerResponse): void {
    if (this.site.files.has('404.html')) {
      this.serveFile(req, res, 404, '404.html');
      return;
    }
    const html = '<!doctype html><meta charset="utf-8"><title>404 Not Found</title><h1>404 Not Found</h1><p>No page at this address.</p>';
    send(req, res, 404, 'text/html; charset=utf-8', injectClient(html, { file: '404.html', hash: '', base: this.site.base }));
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, status: number, file: string): void {
    const content = this.site.files.get(file)!;
    const etag = this.site.etag(file)!;
    res.setHeader('ETag', etag);
    if (status === 200 && matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, { 'Cache-Control': 'no-cache' });
      res.end();
      return;
    }
    const body = isHtml(file)
      ? injectClient(Buffer.from(content).toString('utf8'), { file, hash: etag, base: this.site.base })
      : content;
    send(req, res, status, contentType(file), body);
  }

  private firstMessage(params: URLSearchParams): BuildMessage {
    const { site } = this;
    const errors = site.ok ? [] : site.diagnostics.map(formatDiagnostic);
    const file = params.get('file') ?? '';
    const hash = params.get('hash') ?? '';
    // Note: a page served before the latest rebuild finished would otherwise miss its reload.
    const stale = site.ready && (file === '' ? true : hash !== '' && hash !== (site.etag(file) ?? ''));
    return { changed: [], errors, reload: stale };
  }
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) + 1, 'X-Content-Type-Options': 'nosniff' });
  res.end(`${text}\n`);
}

function redirect(res: ServerResponse, location: string, status: number): void {
  res.writeHead(status, { Location: location, 'Content-Length': 0 });
  res.end();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
