/**
 * Helpers for `serve` tests: a session on 127.0.0.1 with a system-chosen port, raw HTTP over
 * node:net (ordinary clients clean paths before sending), and waiting for the next rebuild.
 */
import { connect } from 'node:net';
import { afterAll } from 'vitest';
import type { Rebuild } from '../../src/serve/preview.js';
import { startServe, type ServeOptions, type ServeSession } from '../../src/serve/session.js';

const sessions: ServeSession[] = [];
afterAll(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

/** Starts a session on 127.0.0.1:0 that is closed after the test file; collects its output lines. */
export async function serve(root: string, options: Partial<ServeOptions> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const session = await startServe(
    { root, host: '127.0.0.1', port: 0, debounceMs: 25, ...options },
    { out: (s) => out.push(s), err: (s) => err.push(s) },
  );
  sessions.push(session);
  return { session, out, err, port: session.port };
}

/** Resolves with the next rebuild of a session (fails after `ms`). */
export function nextRebuild(session: ServeSession, ms = 10_000): Promise<{ result: Rebuild; paths: string[] }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no rebuild within ${ms} ms`)), ms);
    let done = false;
    session.onRebuild((result, paths) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ result, paths });
    });
  });
}

/** A raw HTTP response. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole response as received (empty when the server sent nothing). */
  text: string;
}

/** Sends bytes as they are to 127.0.0.1:port and reads the response until the server closes. */
export function rawRequest(port: number, request: string | Buffer, options: { firstChunkOnly?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response to ${JSON.stringify(String(request).slice(0, 80))}`));
    }, 5000);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n'), text });
    };
    socket.on('data', (c) => {
      chunks.push(c);
      if (options.firstChunkOnly && Buffer.concat(chunks).includes('\r\n\r\n')) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', finish);
    socket.on('error', (e) => {
      clearTimeout(timer);
      if (chunks.length) finish();
      else reject(e);
    });
    socket.write(request);
  });
}

/** A GET (or other method) with the given target and headers; `Host` defaults to 127.0.0.1:port. */
export function get(port: number, target: string, headers: Record<string, string | null> = {}, method = 'GET') {
  const all: Record<string, string | null> = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
  const lines = Object.entries(all).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
  return rawRequest(port, `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
}
