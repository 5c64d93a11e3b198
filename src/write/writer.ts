/**
 * Output: the Writer interface that the render and search stages write into, and an in-memory
 * writer (tests, `check`, the search bench). The disk writer is in `disk-writer.ts`.
 */

/** Receives a build's output files. */
export interface Writer {
  write(path: string, content: string | Uint8Array): void;
  /**
   * Keeps the previous build's file at `path` as it is, when the writer has one; returns false
   * when it has none (the caller must then write the file).
   */
  keep?(path: string): boolean;
  /** Makes everything written visible at once. */
  commit(): { written: number; reused: number; removed: number };
  /** Drops everything written; the previous output stays as it was. */
  abort(): void;
}

/**
 * What a language of a multilingual site writes into: `writer`, each path under the language's
 * prefix (`en/…`). It commits nothing itself: the build commits `writer` once, with every language.
 */
export function prefixedWriter(writer: Writer, prefix: string): Writer {
  if (!prefix) return writer;
  const keep = writer.keep;
  return {
    write: (path, content) => writer.write(`${prefix}/${path}`, content),
    ...(keep ? { keep: (path: string) => keep.call(writer, `${prefix}/${path}`) } : {}),
    commit: () => ({ written: 0, reused: 0, removed: 0 }),
    abort: () => {},
  };
}

/** A writer that keeps files in memory. */
export class MemoryWriter implements Writer {
  readonly files = new Map<string, string | Uint8Array>();
  private pending = new Map<string, string | Uint8Array>();

  write(path: string, content: string | Uint8Array): void {
    this.pending.set(path, content);
  }

  commit() {
    const removed = [...this.files.keys()].filter((k) => !this.pending.has(k)).length;
    const reused = [...this.pending].filter(([k, v]) => sameContent(this.files.get(k), v)).length;
    this.files.clear();
    for (const [k, v] of [...this.pending].sort(([a], [b]) => (a < b ? -1 : 1))) this.files.set(k, v);
    const written = this.pending.size - reused;
    this.pending = new Map();
    return { written, reused, removed };
  }

  abort(): void {
    this.pending = new Map();
  }

  /** A file's content as text. */
  text(path: string): string | undefined {
    const v = this.files.get(path);
    return v === undefined ? undefined : typeof v === 'string' ? v : Buffer.from(v).toString('utf8');
  }
}

function sameContent(a: string | Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (a === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
