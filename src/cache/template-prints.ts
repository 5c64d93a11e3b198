/**
 * Templates' fingerprints: a hash per top-level template of its text and of every layout and
 * partial it reaches, which page keys are made with (see `BuildCache.reuse`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const DEPENDENCY = /\{%-?\s*(?:layout|include|render)\s+(['"])([^'"]+)\1/g;
const DYNAMIC = /\{%-?\s*(?:layout|include|render)\s+[^'"\s]/;

/**
 * A hash per top-level template covering its own text and every layout or partial it reaches.
 * A template that includes by a variable depends on every template.
 */
export function templateFingerprints(dir: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(folder, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.liquid')) sources.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  const all = [...sources.keys()].sort();
  const resolve = (name: string): string[] =>
    [name, `${name}.liquid`, `partials/${name}.liquid`, `layouts/${name}.liquid`, `partials/${name}`, `layouts/${name}`].filter((n) => sources.has(n));
  const result = new Map<string, string>();
  for (const top of all.filter((f) => !f.includes('/'))) {
    const reached = new Set<string>([top]);
    const queue = [top];
    while (queue.length) {
      const text = sources.get(queue.pop()!)!;
      const names = DYNAMIC.test(text) ? all : [...text.matchAll(DEPENDENCY)].flatMap((m) => resolve(m[2]!));
      for (const n of names) {
        if (reached.has(n)) continue;
        reached.add(n);
        queue.push(n);
      }
    }
    const hash = createHash('sha1');
    for (const file of [...reached].sort()) hash.update(`${file}\0${sources.get(file)}\0`);
    result.set(top.replace(/\.liquid$/, ''), hash.digest('hex'));
  }
  return result;
}
