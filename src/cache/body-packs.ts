/**
 * Article bodies of the build cache, packed: a build that parses articles appends their HTML, plain
 * text to one pack file of its own (`bodies/<pid>-<random>.pack`), and each cached article says where its body
 * is. One file a build instead of one an article: creating ten thousand small files took a cold
 * build seconds of system time, and reading them back as many again. Packs no cache entry refers to
 * are deleted; small packs are merged, and a pack mostly of dead bodies is rewritten, so the folder
 * holds a few files whatever the number of builds.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { isOtherLiveProcess } from '../processes.js';
import { withPath } from '../messages.js';

/** Where a body is: its pack, offset, and each part's byte length and CRC-32, in the order of `PARTS`. */
export type BodyLocation = readonly [pack: string, offset: number, htmlBytes: number, htmlCrc: number, textBytes: number, textCrc: number];

/** The parts of a body, in the order they lie in a pack. */
export type BodyPart = 'html' | 'text';
const PARTS: readonly BodyPart[] = ['html', 'text'];

/** A body's bytes in its pack: the sum of its parts' lengths. */
function sizeOf(location: BodyLocation): number {
  return location[2] + location[4];
}

/** Bodies buffered before they are written to the pack. */
const FLUSH_BYTES = 4 << 20;
/** More packs than this are merged into one (all but the largest). */
const MAX_PACKS = 8;
/** A pack at least this large is rewritten when less than half of it is still referred to. */
const REWRITE_MIN_BYTES = 1 << 20;
/** An unreferenced pack of a process that looks alive is still deleted once this old (ms): its pid was reused. */
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

/** A pack's file name: the pid of the process that wrote it, a random part. */
const PACK_NAME = /^(\d+)-[0-9a-f]+\.pack$/;

interface PackWriter {
  name: string;
  fd: number;
  /** Bytes appended so far, buffered ones included. */
  size: number;
  chunks: Uint8Array[];
  buffered: number;
}

/** The pack files of one cache folder. */
export class BodyPacks {
  private readonly readers = new Map<string, number | null>();
  private writer: PackWriter | null = null;

  constructor(private readonly dir: string) {}

  /** Appends a body to this process's pack and returns where it is. */
  add(html: string, text: string): BodyLocation {
    const htmlBytes = Buffer.from(html);
    const textBytes = Buffer.from(text);
    const writer = this.append(htmlBytes, textBytes);
    const offset = writer.size - htmlBytes.length - textBytes.length;
    return [writer.name, offset, htmlBytes.length, crc32(htmlBytes), textBytes.length, crc32(textBytes)];
  }

  /** The body's HTML or text; null when its pack is gone, short or damaged there. */
  read(location: BodyLocation, part: BodyPart): string | null {
    return this.part(location, part)?.toString('utf8') ?? null;
  }

  /** The bytes of a part of the body; null when its pack is gone, short or damaged there. */
  part(location: BodyLocation, part: BodyPart): Buffer | null {
    const [pack, start, ...sizes] = location;
    const index = PARTS.indexOf(part);
    let offset = start;
    for (let i = 0; i < index; i++) offset += sizes[2 * i]!;
    const buffer = this.bytes(pack, offset, sizes[2 * index]!);
    return buffer && crc32(buffer) === sizes[2 * index + 1] ? buffer : null;
  }

  /** Whether a pack file is there (asked once a pack for a process). */
  has(pack: string): boolean {
    return this.fd(pack) !== null;
  }

  /** Writes out what is buffered and closes every file. */
  close(): void {
    this.flush();
    if (this.writer) fs.closeSync(this.writer.fd);
    this.writer = null;
    for (const fd of this.readers.values()) if (fd !== null) fs.closeSync(fd);
    this.readers.clear();
  }

  /**
   * Before a save: merges the packs worth merging among those `live` (the bodies the saved cache
   * refers to) lie in, into a new pack, and returns the new location of each body moved.
   */
  compact(live: readonly BodyLocation[]): Map<BodyLocation, BodyLocation> {
    this.close();
    const used = new Map<string, number>();
    for (const location of live) used.set(location[0], (used.get(location[0]) ?? 0) + sizeOf(location));
    const sizes = new Map([...used.keys()].map((pack) => [pack, fs.statSync(join(this.dir, pack), { throwIfNoEntry: false })?.size ?? 0]));
    const largest = [...sizes].reduce<[string, number] | null>((a, b) => (a === null || b[1] > a[1] ? b : a), null)?.[0];
    const merged = new Set<string>();
    for (const [pack, size] of sizes) {
      const sparse = size >= REWRITE_MIN_BYTES && used.get(pack)! * 2 < size;
      if (sparse || (sizes.size > MAX_PACKS && pack !== largest)) merged.add(pack);
    }
    const moved = new Map<BodyLocation, BodyLocation>();
    if (merged.size === 0) return moved;
    const order = live.filter((l) => merged.has(l[0])).sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    for (const location of order) {
      const [pack, offset, ...parts] = location;
      const bytes = this.bytes(pack, offset, sizeOf(location));
      // Note: a body that cannot be read stays where it was; reading it later redoes its article.
      if (!bytes) continue;
      const writer = this.append(bytes);
      moved.set(location, [writer.name, writer.size - bytes.length, ...parts]);
    }
    this.close();
    return moved;
  }

  /**
   * After a save: deletes the packs `live` does not refer to, except those a build still running
   * may be writing (its own pack is referred to only once it saves), and anything else in the
   * folder (bodies as an older bantin kept them).
   */
  sweep(live: readonly BodyLocation[]): void {
    const referred = new Set(live.map((location) => location[0]));
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (referred.has(name)) continue;
      const file = join(this.dir, name);
      const pid = PACK_NAME.exec(name)?.[1];
      if (pid && isOtherLiveProcess(Number(pid))) {
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        if (!stat || Date.now() - stat.mtimeMs < ORPHAN_AGE_MS) continue;
      }
      fs.rmSync(file, { recursive: true, force: true });
    }
  }

  private append(...parts: Uint8Array[]): PackWriter {
    if (!this.writer) {
      fs.mkdirSync(this.dir, { recursive: true });
      const name = `${process.pid}-${randomBytes(4).toString('hex')}.pack`;
      this.writer = { name, fd: fs.openSync(join(this.dir, name), 'wx'), size: 0, chunks: [], buffered: 0 };
    }
    const writer = this.writer;
    for (const bytes of parts) {
      writer.chunks.push(bytes);
      writer.buffered += bytes.length;
      writer.size += bytes.length;
    }
    if (writer.buffered >= FLUSH_BYTES) this.flush();
    return writer;
  }

  private flush(): void {
    const writer = this.writer;
    if (!writer || writer.buffered === 0) return;
    const data = Buffer.concat(writer.chunks, writer.buffered);
    let written = 0;
    withPath(join(this.dir, writer.name), () => {
      while (written < data.length) written += fs.writeSync(writer.fd, data, written);
    });
    writer.chunks = [];
    writer.buffered = 0;
  }

  private bytes(pack: string, offset: number, length: number): Buffer | null {
    if (pack === this.writer?.name) this.flush();
    const fd = this.fd(pack);
    if (fd === null) return null;
    const buffer = Buffer.allocUnsafe(length);
    try {
      return fs.readSync(fd, buffer, 0, length, offset) === length ? buffer : null;
    } catch {
      return null;
    }
  }

  private fd(pack: string): number | null {
    let fd = this.readers.get(pack);
    if (fd === undefined && !PACK_NAME.test(pack)) fd = null;
    if (fd === undefined) {
      try {
        fd = fs.openSync(join(this.dir, pack), 'r');
      } catch {
        fd = null;
      }
      this.readers.set(pack, fd);
    }
    return fd;
  }
}
