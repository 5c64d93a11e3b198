/** The hash that names a source file's bytes (an article, a page, a photo), the same with a cache or without. */
import { hash } from 'node:crypto';

export function contentHash(bytes: Uint8Array): string {
  return hash('sha1', bytes, 'hex');
}
