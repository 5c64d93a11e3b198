/**
 * The photo codec: sharp (libvips) on a worker thread of its own, asked to read a photo's header
 * (`probe`) or to encode it to several outputs (`encode`). A build that awaits its steps (`build`,
 * `serve`) sends the work and goes on; one that runs them at once (`check`, the library's
 * `buildSite`) waits for each answer, blocked on a shared counter the worker bumps (as `synckit`
 * does). Note: the worker is a script made here, not a file of `lib/`, so it runs the same from
 * the sources (under the test runner) and from the bundle; all it does is call sharp with the
 * options the photo stage chose.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** A photo's header, as sharp reads it (no pixel is decoded). */
export interface PhotoProbe {
  /** sharp's name of the decoder: `jpeg`, `png`, `webp`, `gif`, `heif`, `tiff`, `svg`… */
  format: string;
  /** Pixels after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** Frames of an animated image (1 for a still one). */
  pages: number;
  /** Colour space (`srgb`, `cmyk`, `b-w`…) and pixel depth (`uchar`, `ushort`). */
  space: string;
  depth: string;
  /** Bytes of EXIF and XMP it carries (what publishing would leak). */
  metadata: boolean;
}

/** One file to make of a photo. */
export interface EncodeOutput {
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';
  /** Width to resize to; with `height`, a crop to exactly that box (`position` says where). */
  width?: number;
  height?: number;
  /** sharp's `position` of a crop: `centre`, `top`, `left bottom`, `attention`… */
  position?: string;
  quality: number;
}

/** What the codec answers: a value, or a failure in sharp's words (the photo stage words it for people). */
export type CodecAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

/** An encoded file with its size in pixels. */
export interface Encoded {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A photo's size in pixels, upright. */
export interface Size {
  width: number;
  height: number;
}

/** Limits every decode obeys. */
export interface DecodeLimits {
  /** Most pixels (width × height) a photo may have: a decompression bomb is refused before it is decoded. */
  maxPixels: number;
  /** Seconds one encoding may take before it is stopped. */
  seconds: number;
}

type Request = { id: number; op: 'probe'; bytes: Uint8Array } | { id: number; op: 'encode'; path: string; size: Size; outputs: EncodeOutput[]; limits: DecodeLimits };

/**
 * Photos the worker encodes at once, each on all of libvips's threads; the rest wait in its queue.
 * Note: the worker reads each photo's file when its turn comes, so the queue holds no photo's bytes.
 */
const ENCODES_AT_ONCE = 2;

// Note: kept to what sharp is asked; every choice (sizes, formats, quality, crops) is the photo stage's.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { port, signal, sharpUrl, encodesAtOnce } = workerData;
const counter = new Int32Array(signal);
const ready = import(sharpUrl).then((m) => m.default);
async function answer(request) {
  const sharp = await ready;
  if (request.op === 'probe') {
    const m = await sharp(request.bytes, { limitInputPixels: false }).metadata();
    const oriented = m.autoOrient || { width: m.width, height: m.height };
    return { format: m.format, width: oriented.width, height: oriented.height, pages: m.pages || 1, space: m.space || '', depth: m.depth || '', metadata: !!(m.exif || m.xmp || m.iptc) };
  }
  const { maxPixels, seconds } = request.limits;
  const bytes = await readFile(request.path);
  // Note: the photo is decoded once (shrunk on load to the widest size an output needs), and every
  // output is made from those pixels: decoding a 12 MP JPEG for each output cost half the time.
  const source = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' }).autoOrient().toColourspace('srgb').timeout({ seconds });
  const upright = request.size;
  const needs = request.outputs.map((o) => (o.width && o.height ? Math.max(o.width, Math.ceil((o.height * upright.width) / upright.height)) : o.width || upright.width));
  const widest = Math.min(upright.width, Math.max(...needs));
  const { data: pixels, info } = await (widest < upright.width ? source.resize({ width: widest }) : source).raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  return Promise.all(request.outputs.map(async (o) => {
    let image = sharp(pixels, raw).timeout({ seconds });
    if (o.width && o.height) image = image.resize({ width: o.width, height: o.height, fit: 'cover', position: o.position || 'centre' });
    else if (o.width && o.width < info.width) image = image.resize({ width: o.width });
    const options = o.format === 'png' ? { compressionLevel: 9, palette: false } : o.format === 'jpeg' ? { quality: o.quality, mozjpeg: true } : o.format === 'avif' ? { quality: o.quality, effort: 4 } : { quality: o.quality };
    const { data, info: made } = await image.toFormat(o.format, options).toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: made.width, height: made.height };
  }));
}
const queue = [];
let running = 0;
function next() {
  while (running < encodesAtOnce && queue.length) {
    running++;
    const request = queue.shift();
    reply(request).finally(() => {
      running--;
      next();
    });
  }
}
port.on('message', (request) => {
  if (request.op === 'probe') reply(request);
  else {
    queue.push(request);
    next();
  }
});
function reply(request) {
  return answer(request).then(
    (value) => ({ id: request.id, ok: true, value }),
    (error) => ({ id: request.id, ok: false, message: String((error && error.message) || error) }),
  ).then((reply) => {
    port.postMessage(reply, reply.ok && Array.isArray(reply.value) ? reply.value.map((e) => e.data.buffer) : []);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  });
}
`;

/** Where sharp's entry file is, as this module resolves it. */
function sharpEntry(): string {
  return createRequire(import.meta.url).resolve('sharp');
}

/**
 * sharp's version (its package file, beside its entry), read without loading sharp: a part of the
 * photos' key, as another libvips may encode other bytes.
 */
export function sharpVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(dirname(sharpEntry()), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** How long a build waits, blocked, for one answer before it gives up on the codec (ms). */
const SYNC_WAIT_MS = 10 * 60_000;

/** sharp on a worker thread, for one build. */
export class PhotoCodec {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counter: Int32Array;
  private readonly waiting = new Map<number, (answer: CodecAnswer<unknown>) => void>();
  private nextId = 0;
  private seen = 0;
  /** Whether calls return promises (a build that awaits its steps) or answers (one that runs them at once). */
  readonly waits: boolean;

  /** `sync`: every call waits for its answer (`probeSync`, `encodeSync`); otherwise calls return promises. */
  constructor(sync: boolean) {
    this.waits = !sync;
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    this.counter = new Int32Array(signal);
    this.port = port1;
    const sharpUrl = pathToFileURL(sharpEntry()).href;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal, sharpUrl, encodesAtOnce: ENCODES_AT_ONCE }, transferList: [port2] });
    this.worker.unref();
    if (!sync) {
      this.port.on('message', (reply: { id: number } & CodecAnswer<unknown>) => {
        const done = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        done?.(reply);
      });
      // Note: a worker that dies (sharp's binary missing) fails what waits, in words the stage reports.
      this.worker.on('error', (e) => this.failAll(e.message));
      this.worker.on('exit', () => this.failAll('the photo worker stopped'));
    }
  }

  probe(bytes: Uint8Array): Promise<CodecAnswer<PhotoProbe>> {
    return this.ask({ id: this.nextId++, op: 'probe', bytes }) as Promise<CodecAnswer<PhotoProbe>>;
  }

  /** Encodes the photo at `path` (absolute; `size` upright, as its probe read it), which the worker reads when its turn comes. */
  encode(path: string, size: Size, outputs: EncodeOutput[], limits: DecodeLimits): Promise<CodecAnswer<Encoded[]>> {
    return this.ask({ id: this.nextId++, op: 'encode', path, size, outputs, limits }) as Promise<CodecAnswer<Encoded[]>>;
  }

  probeSync(bytes: Uint8Array): CodecAnswer<PhotoProbe> {
    return this.askSync({ id: this.nextId++, op: 'probe', bytes }) as CodecAnswer<PhotoProbe>;
  }

  encodeSync(path: string, size: Size, outputs: EncodeOutput[], limits: DecodeLimits): CodecAnswer<Encoded[]> {
    return this.askSync({ id: this.nextId++, op: 'encode', path, size, outputs, limits }) as CodecAnswer<Encoded[]>;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }

  private ask(request: Request): Promise<CodecAnswer<unknown>> {
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      this.port.postMessage(request);
    });
  }

  private askSync(request: Request): CodecAnswer<unknown> {
    this.port.postMessage(request);
    const deadline = Date.now() + SYNC_WAIT_MS;
    for (;;) {
      const reply = receiveMessageOnPort(this.port)?.message as ({ id: number } & CodecAnswer<unknown>) | undefined;
      if (reply) {
        this.seen++;
        if (reply.id === request.id) return reply;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return { ok: false, message: `no answer from the photo worker in ${SYNC_WAIT_MS / 1000} s` };
      Atomics.wait(this.counter, 0, this.seen, Math.min(left, 1000));
    }
  }

  private failAll(message: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const done of waiting) done({ ok: false, message });
  }
}
