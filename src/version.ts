/** The version of this bantin package, read from its package.json. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CODE_DIR, PACKAGE_ROOT } from './package-root.js';

/** bantin's version, e.g. `0.1.0`. */
export const VERSION = (JSON.parse(fs.readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The tool's identity for the build cache and record: its version plus a hash of its own code
 * files' contents, so a changed bantin (also between releases, while developing it) never trusts
 * old results, and the same code installed or copied elsewhere (other paths, other file times)
 * is the same tool.
 */
export function toolFingerprint(): string {
  return (fingerprint ??= fingerprintCode());
}

let fingerprint: string | undefined;

function fingerprintCode(): string {
  const hash = createHash('sha1').update(VERSION);
  const walk = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else if (!/\.d\.ts$|\.map$/.test(e.name)) {
        const code = fs.readFileSync(full);
        hash.update(`${prefix}${e.name}\0${code.length}\0`).update(code);
      }
    }
  };
  // Note: the CLI's bundle (lib/bundle/) hashes all of lib/ as the compiled modules do, so both
  // have one fingerprint and read each other's caches.
  walk(basename(CODE_DIR) === 'bundle' ? dirname(CODE_DIR) : CODE_DIR, '');
  return `${VERSION}+${hash.digest('hex').slice(0, 12)}`;
}

/**
 * What made a stored fingerprint (see `toolFingerprint`) differ from this bantin's, for a message:
 * `bantin 0.1.0 (this is bantin 0.2.0)`, or `another build of bantin 0.1.0 (its code differs)`.
 */
export function describeOtherTool(stored: string): string {
  const version = /^([^+]*)\+/.exec(stored)?.[1];
  if (!version) return 'another version of bantin';
  return version === VERSION ? `another build of bantin ${VERSION} (its code differs)` : `bantin ${version} (this is bantin ${VERSION})`;
}
