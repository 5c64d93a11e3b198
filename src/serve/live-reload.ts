/**
 * Live reload over Server-Sent Events. Served HTML pages (never `build` output) get one script tag;
 * the script listens for rebuilds, reloads the page when its own file or a file it uses changed,
 * swaps stylesheets in place when only CSS changed, and shows every diagnostic in an overlay while
 * the site has errors.
 */
import type { ServerResponse } from 'node:http';

/** Where the client script and the event stream are served (outside any base path). */
export const CLIENT_PATH = '/__bantin/live-reload.js';
export const EVENTS_PATH = '/__bantin/events';

/** What a page hears after each build (and once when it connects). */
export interface BuildMessage {
  /** Output files whose bytes changed, e.g. `2020/02/x/index.html`, `assets/style.css`. */
  changed: string[];
  /** Diagnostics of the latest build, formatted; empty when it succeeded. */
  errors: string[];
  /** Reload whatever the page is (it was served from an older build than the current one). */
  reload?: boolean;
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Adds the live-reload script to an HTML page, before `</body>` (or at the end). */
export function injectClient(html: string, page: { file: string; hash: string; base: string }): string {
  const tag = `<script src="${CLIENT_PATH}" data-file="${escapeAttribute(page.file)}" data-hash="${escapeAttribute(page.hash)}" data-base="${escapeAttribute(page.base)}"></script>`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? `${html}\n${tag}\n` : `${html.slice(0, at)}${tag}\n${html.slice(at)}`;
}

/** The browser side: listens, reloads, swaps CSS, shows and hides the error overlay. */
export const CLIENT_SCRIPT = `(() => {
  const me = document.currentScript;
  const file = me.dataset.file, base = me.dataset.base;
  const url = ${JSON.stringify(EVENTS_PATH)} + '?file=' + encodeURIComponent(file) + '&hash=' + encodeURIComponent(me.dataset.hash);
  const source = new EventSource(url);
  const fileOf = (href) => {
    try {
      const u = new URL(href, location.href);
      const p = decodeURIComponent(u.pathname);
      return u.origin === location.origin && p.startsWith(base) ? p.slice(base.length) : null;
    } catch { return null; }
  };
  const overlay = (errors) => {
    let box = document.getElementById('bantin-overlay');
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('div');
      box.id = 'bantin-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(40,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap';
      document.documentElement.appendChild(box);
    }
    box.textContent = 'bantin: the site has errors; the last good version is shown underneath.\\n\\n' + errors.join('\\n') + '\\n\\nFix them and save: this message goes away by itself.';
  };
  const swapStylesheet = (link) => {
    const next = link.cloneNode();
    const u = new URL(link.href, location.href);
    u.searchParams.set('bantin', String(Date.now()));
    next.href = u.href;
    next.addEventListener('load', () => link.remove());
    next.addEventListener('error', () => link.remove());
    link.after(next);
  };
  source.addEventListener('build', (event) => {
    const m = JSON.parse(event.data);
    overlay(m.errors);
    if (m.reload || m.changed.includes(file)) { location.reload(); return; }
    const changed = new Set(m.changed);
    const used = [...document.querySelectorAll('link[rel~="stylesheet"][href], link[rel~="icon"][href], [src]')].filter((el) => el !== me);
    const touched = used.filter((el) => changed.has(fileOf(el.tagName === 'LINK' ? el.getAttribute('href') : el.getAttribute('src'))));
    if (touched.some((el) => !(el.tagName === 'LINK' && /stylesheet/i.test(el.rel)))) { location.reload(); return; }
    touched.forEach(swapStylesheet);
  });
})();
`;

/** The open event streams of pages in browsers. */
export class LiveReload {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n');
    }, 25_000);
    this.heartbeat.unref();
  }

  /** Turns a response into an event stream and sends the first message. */
  connect(res: ServerResponse, first: BuildMessage): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('retry: 500\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    send(res, first);
  }

  /** Tells every open page about a build. */
  broadcast(message: BuildMessage): void {
    for (const res of this.clients) send(res, message);
  }

  /** Number of pages listening. */
  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (the server is stopping). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

function send(res: ServerResponse, message: BuildMessage): void {
  res.write(`event: build\ndata: ${JSON.stringify(message)}\n\n`);
}
