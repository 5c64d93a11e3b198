/** The version of this bantin package, read from its package.json. */
import { readFileSync } from 'node:fs';

/** bantin's version, e.g. `0.1.0`. */
export const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
