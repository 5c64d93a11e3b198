/**
 * The photo stage: every photo a published article, page or document names is read (its header
 * only), checked, and made into the files the pages show: each width of the config in WebP (and
 * AVIF when asked) and in the photo's own format, upright, in sRGB, with no metadata (EXIF, GPS,
 * XMP, IPTC); a 1200×630 card of each lead photo for Open Graph; the original only when the config
 * asks. Output names carry a hash of the bytes and of the encoding, so a replaced photo never
 * shows a stale copy. Encoding runs on sharp's worker (see `codec.ts`) while the pages render.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { contentRelative, type ImagesConfig, type SiteConfig } from '../config.js';
import { linkedFile } from '../content/assets.js';
import { contentHash } from '../content-hash.js';
import { error, warning, type Diagnostic, type Place } from '../messages.js';
import { awaited, type Step } from '../steps.js';
import { slugify } from '../vietnamese/slugs.js';
import { FOCUS_POSITIONS } from '../content/photo-focus.js';
import type { ArticleMeta } from '../types.js';
import type { Writer } from '../write/writer.js';
import { PhotoCodec, sharpVersion, type CodecAnswer, type EncodeOutput, type Encoded, type PhotoProbe } from './codec.js';

/** Bump when what is asked of the encoder changes: every output name changes with it. */
const ENCODING = 1;

/** The size of an Open Graph card (Facebook, Zalo and X show 1.91:1). */
export const CARD = { width: 1200, height: 630 };

/** File types treated as photos, with the decoder sharp names for each. */
const PHOTO_FORMATS: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', avif: 'heif', tif: 'tiff', tiff: 'tiff' };

/** What each decoder's photos fall back to, for browsers without WebP (and what a browser shows at all). */
const FALLBACK: Record<string, Photo['fallback']> = { jpeg: 'jpeg', png: 'png', gif: 'png', webp: 'webp', heif: 'jpeg', tiff: 'jpeg' };

const EXTENSIONS: Record<PhotoFile['format'], string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

/** A file made of a photo. */
export interface PhotoFile {
  /** Path below the output folder. */
  output: string;
  format: 'jpeg' | 'png' | 'webp' | 'avif';
  width: number;
  height: number;
}

/** A published photo: its size upright and the files made of it. */
export interface Photo {
  /** `content/…` path of the source. */
  source: string;
  /** Hash of the source bytes and the encoding (hex); its start is in every output name. */
  key: string;
  width: number;
  height: number;
  /** The format of the `<img>` itself (the browser's fallback). */
  fallback: 'jpeg' | 'png' | 'webp';
  /** Each format's files, widths ascending: AVIF, WebP, then the fallback (when not WebP). */
  files: PhotoFile[];
  /** The Open Graph card, for a photo some published item leads with, cropped around `position` (sharp's). */
  card: (PhotoFile & { position: string }) | null;
  /** The original (its metadata removed), when `images.publishOriginal`. */
  original: PhotoFile | null;
}

/** The photos of a build, by `content/…` path, with a digest of them all (a page cache's shared key). */
export interface PhotoSet {
  photos: ReadonlyMap<string, Photo>;
  digest: string;
}

/** What a photo's header said, as a store keeps it by the photo's key. */
export interface PhotoInfo {
  probe: PhotoProbe | null;
  /** sharp's words when the header could not be read. */
  unreadable?: string;
}

/** What the photo stage asks of a store of earlier builds (the build cache); declared here, by the stage. */
export interface PhotoStore {
  /** The content hash of a photo, and its bytes when they had to be read to make it. */
  hashPhoto(root: string, path: string): { hash: string; bytes?: Buffer };
  /** What an earlier build read of the photo with this key. */
  photoInfo(key: string): PhotoInfo | undefined;
  keepPhotoInfo(key: string, info: PhotoInfo): void;
  /** The bytes an earlier build made of an output file (by its name, which holds the photo's key). */
  photoFile(name: string): Uint8Array | undefined;
  keepPhotoFile(name: string, data: Uint8Array): void;
  /** Tells the store which output files this build uses (the rest may go). */
  usePhotoFile(name: string): void;
}

/** An item that names files: an article, a page, a document. */
type PhotoUser = Pick<ArticleMeta, 'sourcePath' | 'fileLinks'> & { image?: ArticleMeta['image'] };

/**
 * How the stage runs: with which codec and store; `verify`: decode each photo once, make no file
 * (`check`); `firstWidth`: make each photo's smallest width now and the rest later (`serve`, which
 * shows a new photo at once and the larger sizes a moment after).
 */
export interface PhotoRun {
  root: string;
  config: SiteConfig;
  codec: PhotoCodec;
  store?: PhotoStore | undefined;
  verify?: boolean;
  firstWidth?: boolean;
}

/** Where a photo is first named, for its messages, and how many more items name it. */
export interface Referrer {
  file: string;
  place: Place;
  others: number;
}

/**
 * Reads and checks the photos among `assets` (the published files) that `items` name; returns the
 * set the pages show and the diagnostics.
 */
export function* preparePhotos(run: PhotoRun, assets: readonly string[], items: readonly PhotoUser[]): Generator<Step, PreparedPhotos> {
  const present = new Set(assets);
  const referrers = new Map<string, Referrer>();
  const leads = new Map<string, string>();
  for (const item of items) {
    for (const link of item.fileLinks) {
      const file = linkedFile(link.target, present);
      if (!file || !isPhotoPath(file)) continue;
      const known = referrers.get(file);
      if (known) known.others++;
      else referrers.set(file, { file: item.sourcePath, place: link.place, others: 0 });
    }
    const lead = item.image && linkedFile(item.image.target, present);
    if (lead && isPhotoPath(lead) && !leads.has(lead)) leads.set(lead, FOCUS_POSITIONS[item.image!.focus ?? 'center'] ?? 'centre');
  }
  const diagnostics: Diagnostic[] = [];
  const photos = new Map<string, Photo>();
  const sources = [...referrers.keys()].sort();
  const encoding = encodingKey(run.config.images);
  const keys = new Map<string, string>();
  const infos = new Map<string, PhotoInfo>();
  // Note: photos are hashed and their headers read a few at a time, so a site's photos are never
  // all in memory at once; a photo the store knows (by its hash) is not read again.
  for (let i = 0; i < sources.length; i += PROBES_AT_ONCE) {
    const unknown: { source: string; bytes: Buffer }[] = [];
    for (const source of sources.slice(i, i + PROBES_AT_ONCE)) {
      const hashed = run.store ? run.store.hashPhoto(run.root, source) : hashFile(run.root, source);
      const key = createHash('sha256').update(`${hashed.hash}\0${encoding}`).digest('hex');
      keys.set(source, key);
      const known = run.store?.photoInfo(key);
      if (known) infos.set(source, known);
      else unknown.push({ source, bytes: hashed.bytes ?? readFileSync(join(run.root, source)) });
    }
    const answers = run.codec.waits ? yield* awaited(Promise.all(unknown.map((u) => run.codec.probe(u.bytes)))) : unknown.map((u) => run.codec.probeSync(u.bytes));
    unknown.forEach((u, j) => {
      const info = infoOf(answers[j]!);
      infos.set(u.source, info);
      run.store?.keepPhotoInfo(keys.get(u.source)!, info);
    });
  }
  for (const source of sources) {
    const key = keys.get(source)!;
    const info = infos.get(source)!;
    const at = referrers.get(source)!;
    const problem = photoProblem(source, info, run.config.images);
    if (problem) {
      diagnostics.push(problem.severity === 'error' ? error(at.file, at.place, problem.rule, problem.message + also(at)) : warning(at.file, at.place, problem.rule, problem.message + also(at)));
      if (problem.severity === 'error') continue;
    }
    photos.set(source, planPhoto(source, key, info.probe!, run.config, leads.get(source) ?? null));
  }
  const digest = createHash('sha1').update([...photos.values()].map((p) => `${p.source}\0${p.key}\0${p.card?.position ?? ''}`).join('\n')).digest('base64');
  return { set: { photos, digest }, diagnostics, places: referrers };
}

/** What `preparePhotos` found. */
export interface PreparedPhotos {
  /** The photos to publish (one with an error is not among them). */
  set: PhotoSet;
  diagnostics: Diagnostic[];
  /** Where each photo is first named (for `startPhotos`'s messages). */
  places: ReadonlyMap<string, Referrer>;
}

/** Headers read at once: enough to keep the codec busy, few enough that their bytes stay small. */
const PROBES_AT_ONCE = 8;

function also(at: Referrer): string {
  return at.others ? ` (also named by ${at.others} more item${at.others === 1 ? '' : 's'})` : '';
}

function infoOf(answer: CodecAnswer<PhotoProbe>): PhotoInfo {
  return answer.ok ? { probe: answer.value } : { probe: null, unreadable: answer.message };
}

function hashFile(root: string, path: string): { hash: string; bytes: Buffer } {
  const bytes = readFileSync(join(root, path));
  return { hash: contentHash(bytes), bytes };
}

/** Whether a `content/…` path is of a type the photo stage makes files of. */
export function isPhotoPath(path: string): boolean {
  return posix.extname(path).slice(1).toLowerCase() in PHOTO_FORMATS;
}

/** What makes the encoded bytes differ besides the photo: the options, and the encoder's own version. */
function encodingKey(images: ImagesConfig): string {
  return JSON.stringify([ENCODING, images.quality, images.avif, images.publishOriginal, SHARP_VERSION]);
}

const SHARP_VERSION = sharpVersion();

const NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', gif: 'GIF', heif: 'AVIF/HEIF', tiff: 'TIFF', svg: 'SVG', pdf: 'PDF' };

/** What is wrong with a photo, in our words; null when nothing is. */
function photoProblem(source: string, info: PhotoInfo, images: ImagesConfig): { severity: 'error' | 'warning'; rule: string; message: string } | null {
  const name = posix.basename(source);
  if (!info.probe) {
    return { severity: 'error', rule: 'photo-unreadable', message: `"${source}" is not a photo bantin can read (${info.unreadable ?? 'unknown format'}); open it on a computer and save or export it again as JPEG or PNG` };
  }
  const { format, width, height, pages } = info.probe;
  const extension = posix.extname(source).slice(1).toLowerCase();
  if (PHOTO_FORMATS[extension] !== format) {
    const right = Object.entries(PHOTO_FORMATS).find(([, f]) => f === format)?.[0];
    const fix = right ? `rename it to ${name.replace(/\.[^.]+$/, `.${right}`)}` : 'save or export it again as JPEG or PNG';
    return { severity: 'error', rule: 'photo-type', message: `"${source}" holds a ${NAMES[format] ?? format.toUpperCase()} image, not what its .${extension} name says; ${fix}` };
  }
  if (width * height > images.maxPixels) {
    const mp = (n: number) => `${Math.round(n / 100_000) / 10} MP`;
    return { severity: 'error', rule: 'photo-too-large', message: `"${source}" is ${width}×${height} pixels (${mp(width * height)}), more than images.maxPixels (${mp(images.maxPixels)}); resize it to at most ${Math.max(...images.widths) * 2} pixels wide before adding it, or raise images.maxPixels` };
  }
  if (pages > 1) {
    return { severity: 'warning', rule: 'animated-photo', message: `"${source}" is animated (${pages} frames); only its first frame is published, as a still photo; to show motion, publish a video and link it` };
  }
  return null;
}

/** The files a photo is made into: each width up to its own (never wider), in each format. */
function planPhoto(source: string, key: string, probe: PhotoProbe, config: SiteConfig, lead: string | null): Photo {
  const images = config.images;
  const fallback = FALLBACK[probe.format] ?? 'jpeg';
  const widths = images.widths.filter((w) => w < probe.width);
  if (widths.length < images.widths.length) widths.push(probe.width);
  const formats: PhotoFile['format'][] = [...(images.avif ? (['avif'] as const) : []), 'webp', ...(fallback === 'webp' ? [] : [fallback])];
  const dir = posix.dirname(contentRelative(config, source));
  // Note: a slug of the name (`Ảnh hội nghị.JPG` → `anh-hoi-nghi`), so every output name is safe in a `srcset`.
  const stem = slugify(posix.basename(source).replace(/\.[^.]+$/, '')) || 'anh';
  const short = key.slice(0, 10);
  const path = (name: string) => (dir === '.' ? name : `${dir}/${name}`);
  const heightAt = (w: number) => Math.max(1, Math.round((probe.height * w) / probe.width));
  const files = formats.flatMap((format) => widths.map((w) => ({ output: path(`${stem}-${w}.${short}.${EXTENSIONS[format]}`), format, width: w, height: heightAt(w) })));
  return {
    source,
    key,
    width: probe.width,
    height: probe.height,
    fallback,
    files,
    card: lead === null ? null : { output: path(`${stem}-${CARD.width}x${CARD.height}${lead === 'centre' ? '' : `-${lead.replace(' ', '-')}`}.${short}.jpg`), format: 'jpeg', width: CARD.width, height: CARD.height, position: lead },
    original: images.publishOriginal ? { output: path(`${stem}.${short}.${EXTENSIONS[fallback]}`), format: fallback, width: probe.width, height: probe.height } : null,
  };
}

/** Every file of a photo, in order: its widths, its card, its original. */
export function filesOf(photo: Photo): PhotoFile[] {
  return [...photo.files, ...(photo.card ? [photo.card] : []), ...(photo.original ? [photo.original] : [])];
}

/** The name of an output file (what a store keeps its bytes by). */
function nameOf(file: PhotoFile): string {
  return posix.basename(file.output);
}

/**
 * Starts writing every file of the photos: kept from the last output when it is there (its name
 * holds its content's hash), else from the store, else encoded, a few photos at a time, on the
 * codec's thread while the caller goes on (rendering pages); `finish` waits for the rest. A photo
 * sharp cannot decode (cut short, damaged) is an error at the line that names it.
 */
export function startPhotos(run: PhotoRun, set: PhotoSet, writer: Writer, places: ReadonlyMap<string, Referrer>): { finish(): Generator<Step, PhotosWritten & { later: EncodeJob[] }>; stop(): void } {
  const diagnostics: Diagnostic[] = [];
  const done: PhotosWritten = { diagnostics, photos: set.photos.size, files: 0, encoded: 0, fromStore: 0 };
  const limits = { maxPixels: run.config.images.maxPixels, seconds: 120 };
  const jobs: EncodeJob[] = [];
  const later: EncodeJob[] = [];
  for (const photo of set.photos.values()) {
    const missing: PhotoFile[] = [];
    for (const file of filesOf(photo)) {
      done.files++;
      run.store?.usePhotoFile(nameOf(file));
      // Note: `check`'s writer keeps paths only (for its link check), so a path is all it is given.
      if (run.verify) {
        writer.write(file.output, new Uint8Array(0));
        continue;
      }
      if (writer.keep?.(file.output)) continue;
      const kept = run.store?.photoFile(nameOf(file));
      if (kept) {
        writer.write(file.output, kept);
        done.fromStore++;
      } else missing.push(file);
    }
    // Note: `check` decodes each photo once, at its smallest width, to find one that is damaged.
    if (run.verify) jobs.push({ photo, files: [photo.files[0]!] });
    else if (run.firstWidth) {
      const first = missing.filter((f) => photo.files.includes(f) && f.width === photo.files[0]!.width);
      const rest = missing.filter((f) => !first.includes(f));
      if (first.length) jobs.push({ photo, files: first });
      if (rest.length) later.push({ photo, files: rest });
    } else if (missing.length) jobs.push({ photo, files: missing });
  }
  let stopped = false;
  const finishJob = (job: EncodeJob, answer: CodecAnswer<Encoded[]>) => {
    if (stopped) return;
    if (run.verify && answer.ok) return;
    writeEncoded(run, job, answer, writer, places, done);
  };
  if (!run.codec.waits) {
    return {
      *finish() {
        for (const job of jobs) finishJob(job, run.codec.encodeSync(join(run.root, job.photo.source), { width: job.photo.width, height: job.photo.height }, encodeOutputs(job, run), limits));
        return { ...done, later };
      },
      stop: () => void (stopped = true),
    };
  }
  // Note: every job is sent at once (the worker takes a few at a time, reading each file when its
  // turn comes), so the codec works while this thread renders pages; files are written as they come.
  const all = Promise.all(jobs.map((job) => run.codec.encode(join(run.root, job.photo.source), { width: job.photo.width, height: job.photo.height }, encodeOutputs(job, run), limits).then((answer) => finishJob(job, answer))));
  return {
    *finish() {
      yield* awaited(all);
      return { ...done, later };
    },
    stop: () => void (stopped = true),
  };
}

/**
 * Encodes the files `startPhotos` left for later (`firstWidth`) into `writer`, on a codec of its
 * own (the build's has closed by then).
 */
export async function finishPhotos(run: Omit<PhotoRun, 'codec'>, jobs: readonly EncodeJob[], writer: Writer, places: ReadonlyMap<string, Referrer>): Promise<PhotosWritten> {
  const done: PhotosWritten = { diagnostics: [], photos: new Set(jobs.map((j) => j.photo)).size, files: jobs.reduce((n, j) => n + j.files.length, 0), encoded: 0, fromStore: 0 };
  if (!jobs.length) return done;
  const codec = new PhotoCodec(false);
  try {
    const limits = { maxPixels: run.config.images.maxPixels, seconds: 120 };
    const full = { ...run, codec };
    await Promise.all(jobs.map((job) => codec.encode(join(run.root, job.photo.source), { width: job.photo.width, height: job.photo.height }, encodeOutputs(job, full), limits).then((answer) => writeEncoded(full, job, answer, writer, places, done))));
  } finally {
    await codec.close();
  }
  return done;
}

/** Writes a job's encoded files (and keeps them in the store), or reports the photo that could not be decoded. */
function writeEncoded(run: PhotoRun, job: EncodeJob, answer: CodecAnswer<Encoded[]>, writer: Writer, places: ReadonlyMap<string, Referrer>, done: PhotosWritten): void {
  if (!answer.ok) {
    const at = places.get(job.photo.source)!;
    done.diagnostics.push(error(at.file, at.place, 'photo-damaged', `"${job.photo.source}" could not be decoded: ${damage(answer.message)}; copy it again from the camera or phone, or open it and save it again${also(at)}`));
    return;
  }
  job.files.forEach((file, i) => {
    const data = answer.value[i]!.data;
    run.store?.keepPhotoFile(nameOf(file), data);
    writer.write(file.output, data);
    done.encoded++;
  });
}

function encodeOutputs(job: EncodeJob, run: PhotoRun): EncodeOutput[] {
  return job.files.map((f) => encodeOutput(f, job.photo, run.config.images.quality));
}

/** What writing the photos did: its problems, and of their files how many were encoded or taken from the store (the rest were kept in the output). */
export interface PhotosWritten {
  diagnostics: Diagnostic[];
  photos: number;
  files: number;
  encoded: number;
  fromStore: number;
}

/** A photo and the files of it to encode. */
export interface EncodeJob {
  photo: Photo;
  files: PhotoFile[];
}

/** What the encoder is asked for one file. */
function encodeOutput(file: PhotoFile, photo: Photo, quality: number): EncodeOutput {
  if (file === photo.card) return { format: 'jpeg', width: CARD.width, height: CARD.height, position: photo.card.position, quality };
  if (file === photo.original) return { format: file.format, quality: Math.max(quality, 90) };
  return { format: file.format, width: file.width, quality };
}

/** sharp's words for a failed decode, made ours. */
function damage(message: string): string {
  if (/premature end|truncated|unexpected end|short read|not enough data/i.test(message)) return 'the file is cut short (only part of it was copied)';
  if (/pixel limit/i.test(message)) return 'it has more pixels than images.maxPixels allows';
  if (/timeout/i.test(message)) return 'decoding it took longer than 2 minutes';
  if (/ENOENT|no such file/i.test(message)) return 'the file went away while the site was built (moved or deleted); build again once it is back';
  return `the file is damaged (${message.replace(/\s+/g, ' ').trim().slice(0, 120)})`;
}
