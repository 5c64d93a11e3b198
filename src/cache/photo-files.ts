/**
 * The files the photo stage made, kept in the cache folder (`photos/`, one file per output name,
 * which holds the photo's key): a build whose output folder lost them (a fresh CI checkout with the
 * cache restored) takes them from here instead of encoding again. Each is written to a temporary
 * name and renamed, so a concurrent build never reads half a file; a save removes the ones the
 * build did not use.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';

/** Encoded photo files kept between builds, by output name. */
export interface PhotoFiles {
  read(name: string): Uint8Array | undefined;
  write(name: string, data: Uint8Array): void;
  /** Removes every file not in `used`. */
  sweep(used: ReadonlySet<string>): void;
}

/** The encoded photos of a cache folder on disk. */
export function photoFilesIn(dir: string): PhotoFiles {
  return {
    read(name) {
      try {
        return fs.readFileSync(join(dir, name));
      } catch {
        return undefined;
      }
    },
    write(name, data) {
      // Note: a cache that cannot be written (a full disk) only costs the next build an encode.
      try {
        fs.mkdirSync(dir, { recursive: true });
        const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}`);
        fs.writeFileSync(temp, data);
        fs.renameSync(temp, join(dir, name));
      } catch {
        // kept out of the cache
      }
    },
    sweep(used) {
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) if (!used.has(name) && !name.startsWith('.')) fs.rmSync(join(dir, name), { force: true });
    },
  };
}

/** The encoded photos of a process that keeps its cache in memory (`serve`). */
export function photoFilesInMemory(): PhotoFiles {
  const files = new Map<string, Uint8Array>();
  return {
    read: (name) => files.get(name),
    write: (name, data) => void files.set(name, data),
    sweep(used) {
      for (const name of files.keys()) if (!used.has(name)) files.delete(name);
    },
  };
}
