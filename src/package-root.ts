/** Where bantin's own files are: its package folder, found from the running code. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the running code: `lib/` (or a folder in it), or `src/` under a test runner. */
export const CODE_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * The package folder (package.json, `templates/`, `data/`, `scaffold/`): the nearest folder above
 * the code that has a package.json. Note: the code runs from lib/ (compiled), lib/bundle/ (the
 * CLI's bundle, see scripts/bundle.mjs) or src/ (tests), at different depths.
 */
export const PACKAGE_ROOT = findPackageRoot(CODE_DIR);

function findPackageRoot(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`bantin's package.json was not found above ${from}`);
  }
}
