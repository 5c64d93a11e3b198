/** How two folders of a site overlap, by their paths and by where their symbolic links lead. */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** How folder `a` lies against folder `b`: the same, inside it, holding it, or apart (null). */
export function folderOverlap(a: string, b: string): 'is' | 'is inside' | 'contains' | null {
  return relation(resolve(a), resolve(b)) ?? relation(realish(a), realish(b));
}

function relation(a: string, b: string): 'is' | 'is inside' | 'contains' | null {
  if (a === b) return 'is';
  if (a.startsWith(b + sep)) return 'is inside';
  if (b.startsWith(a + sep)) return 'contains';
  return null;
}

/** The path with the symbolic links of its longest existing part resolved. */
function realish(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    const parent = dirname(full);
    return parent === full ? full : join(realish(parent), basename(full));
  }
}
