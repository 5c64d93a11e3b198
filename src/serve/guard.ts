/**
 * What the preview server refuses before it looks anything up: request targets that try to leave
 * the site (encoded `..`, backslashes, NUL, double encoding, overlong UTF-8), and requests whose
 * `Host` or `Origin` is not the server itself (DNS rebinding, other sites' pages).
 */
import { hostname, networkInterfaces } from 'node:os';

/** A request target split into a decoded site path and its query, or why it is refused. */
export type RequestPath = { path: string; query: string } | { status: 400; reason: string };

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Decodes a request target (`/x/y?q`) into a clean path starting with `/`, or refuses it. */
export function parseRequestPath(target: string): RequestPath {
  const refuse = (reason: string): RequestPath => ({ status: 400, reason });
  if (!target.startsWith('/') || target.startsWith('//')) return refuse('the request target must be a path starting with one /');
  const q = target.indexOf('?');
  const raw = (q >= 0 ? target.slice(0, q) : target).replace(/#.*$/, '');
  const query = q >= 0 ? target.slice(q) : '';
  if (raw.includes('\\') || CONTROL.test(raw)) return refuse('backslashes and control characters are not allowed in paths');
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return refuse('the path is not valid percent-encoded UTF-8');
  }
  if (path.includes('\\') || CONTROL.test(path)) return refuse('encoded backslashes, NUL and control characters are not allowed in paths');
  if (/%[0-9a-f]{2}/i.test(path)) return refuse('the path is encoded twice');
  const segments = path.split('/').slice(1);
  if (segments.some((s, i) => s === '.' || s === '..' || (s === '' && i < segments.length - 1))) {
    return refuse('".", ".." and empty path segments are not allowed');
  }
  return { path: path.normalize('NFC'), query };
}

/** The `Host` values under which the server may be reached: its own names and addresses, with its port. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', bracket(bindHost.toLowerCase())]);
  if (bindHost === '0.0.0.0' || bindHost === '::') {
    // Note: bound to every interface, the server is reached by the machine's own addresses and name.
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(bracket(a.address.toLowerCase()));
    }
  }
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) hosts.add(name);
  }
  return hosts;
}

function bracket(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host.replace(/%.*$/, '')}]` : host;
}

/** Whether a request's `Host` header names this server. */
export function isOwnHost(header: string | undefined, hosts: Set<string>): boolean {
  return header !== undefined && hosts.has(header.trim().toLowerCase());
}

/** Whether an `Origin` header is absent or this server's own (`http://` + an allowed host). */
export function isOwnOrigin(header: string | undefined, hosts: Set<string>): boolean {
  if (header === undefined) return true;
  const m = /^http:\/\/([^/]+)$/i.exec(header.trim());
  return m !== null && hosts.has(m[1]!.toLowerCase());
}
