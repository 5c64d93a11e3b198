/** The version of this bantin package, read from its package.json. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CODE_DIR, PACKAGE_ROOT } from './package-root.js';

/** bantin's version, e.g. `0.1.0`. */
export const VERSION = (JSON.parse(fs.readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The tool's identity for the build cache and record: its version plus the size and time of each
 * of its own code files, so a changed bantin (also between releases, while developing it) never
 * trusts old results.
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
      else {
        const stat = fs.statSync(full);
        hash.update(`${prefix}${e.name}\0${stat.size}\0${stat.mtimeMs}\0`);
      }
    }
  };
  // Note: the CLI's bundle (lib/bundle/) hashes all of lib/ as the compiled modules do, so both
  // have one fingerprint and read each other's caches.
  walk(basename(CODE_DIR) === 'bundle' ? dirname(CODE_DIR) : CODE_DIR, '');
  return `${VERSION}+${hash.digest('hex').slice(0, 12)}`;
}
