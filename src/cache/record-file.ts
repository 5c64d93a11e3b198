/**
 * The bytes of the build record (`build-record.json`, see `build-record.ts`): a line of JSON with
 * its fields but the tables and the tables' lengths in bytes, then the tables (the output's folders
 * with stamps, the other folder's, the output's files; see `tableOf`), then its CRC-32 on a line of
 * its own. Reading it decodes only the tables of a record of this format.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

// Note: bump when the record's shape changes.
export const FORMAT = 4;
/** The record's file name in the cache folder. */
export const FILE = 'build-record.json';

/** What the last build printed, to say again when nothing changed. */
export interface RecordedSummary {
  articles: number;
  /** Documents of the registry (absent in a record of a site without one). */
  documents?: number;
  pages: number;
  files: number;
  /** Articles in the search index, when there is one. */
  search: number | null;
  /** Warnings, as printed. */
  messages: string[];
}

/** See `build-record.ts`. */
export interface BuildRecord {
  format: number;
  tool: string;
  options: string;
  /** When an article now in the future gets published (ms since the epoch), or null. */
  expires: number | null;
  outputId: string;
  /** The digest of the sources' stamps (see `SourceStamps`); RACY when one of them was. */
  sources: string;
  /** Output folders, relative to the output ('' for itself), each followed by its stamp, as a table (see `tableOf`). */
  folders: string;
  /** The name of the folder the output's link pointed at (see `output-link.ts`), or null for a plain folder. */
  tree: string | null;
  /**
   * The other folder of the output, as the last build that published it left it: its name and
   * folder stamps. The next build, which updates and publishes it, stamps anew only the folders it changed.
   */
  other: { tree: string; folders: string } | null;
  /** Every file of the output, marker included, as a table (see `tableOf`). */
  files: string;
  /** The cache folder's own entries (the build cache the record goes with), with their stamps. */
  cache: [string, string][];
  summary: RecordedSummary;
}

/**
 * The record file's fields when its checksum holds (of any format and tool), or null. Note: the
 * record is a line of JSON, then its tables (see `writeRecord`), then its CRC-32 on a line of its
 * own; a record of an older bantin has no tables, or no checksum.
 */
export function readRecordFile(root: string, cacheDir: string, damaged: (why: string) => void): BuildRecord | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(join(root, cacheDir, FILE));
  } catch (e) {
    // Note: none, or something in its place (a folder), which writing the record replaces.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') damaged(`${FILE} is not a readable file`);
    return null;
  }
  // Note: the checksum is of the bytes, so that a build reading the record decodes no more of it than it needs.
  const end = bytes.lastIndexOf(0x0a, bytes.length - 2);
  if (end < 0 || bytes[bytes.length - 1] !== 0x0a || String(crc32(bytes.subarray(0, end))) !== bytes.toString('latin1', end + 1, bytes.length - 1)) {
    if (!bytes.toString('latin1', 0, 12).startsWith('{"format":1,')) damaged(`${FILE} is damaged`);
    return null;
  }
  const line = bytes.indexOf(0x0a);
  try {
    const record = JSON.parse(bytes.toString('utf8', 0, line)) as StoredRecord | null;
    // Note: a record of another format is returned for its format and summary only.
    if (typeof record?.format === 'number') return record.format === FORMAT ? withTables(record, bytes.subarray(line + 1, end)) : (record as unknown as BuildRecord);
  } catch {
    // reported below
  }
  damaged(`${FILE} is not a build record`);
  return null;
}

/** The record's line of JSON: its fields but the tables, and the tables' lengths in bytes. */
type StoredRecord = Omit<BuildRecord, 'folders' | 'files' | 'other'> & { other: { tree: string } | null; tables: number[] };

/** The tables of the record (in `bytes`) in their fields; none when their lengths in its line are not theirs (then it is not a record). */
function withTables(stored: StoredRecord, bytes: Buffer): BuildRecord {
  const { tables, ...fields } = stored;
  const record = fields as unknown as BuildRecord;
  if (!Array.isArray(tables) || tables.length !== 3 || !tables.every((n) => Number.isInteger(n) && n >= 0) || tables[0]! + tables[1]! + tables[2]! !== bytes.length) return record;
  const [folders, other] = [tables[0]!, tables[0]! + tables[1]!];
  record.folders = bytes.toString('utf8', 0, folders);
  if (stored.other !== null && typeof stored.other === 'object') record.other = { tree: stored.other.tree, folders: bytes.toString('utf8', folders, other) };
  record.files = bytes.toString('utf8', other);
  return record;
}

/** The bytes of a record file (see `readRecordFile`). */
export function recordBytes(record: BuildRecord): Buffer {
  const { folders, other, files, ...fields } = record;
  const tables = [folders, other?.folders ?? '', files];
  const lengths = tables.map((t) => Buffer.byteLength(t));
  const stored: StoredRecord = { ...fields, other: other && { tree: other.tree }, tables: lengths };
  const line = `${JSON.stringify(stored)}\n`;
  // Note: each part is written into place, and the checksum's line takes at most 12 bytes.
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(line) + lengths.reduce((a, b) => a + b, 0) + 12);
  let at = bytes.write(line, 0);
  for (const table of tables) at += bytes.write(table, at);
  at += bytes.write(`\n${crc32(bytes.subarray(0, at))}\n`, at);
  return bytes.subarray(0, at);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isPairs = (v: unknown) => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isText(p[0]) && isText(p[1]));

/** Whether a parsed record has every field of the shape this bantin writes (see `BuildRecord`). */
export function isRecord(v: unknown): v is BuildRecord {
  const r = v as BuildRecord;
  const s = r?.summary;
  return typeof r === 'object' && r !== null && isText(r.options) && isText(r.outputId) &&
    (r.expires === null || typeof r.expires === 'number') && isText(r.sources) && isText(r.folders) && isPairs(r.cache) &&
    (r.tree === null || isText(r.tree)) && (r.other === null || (typeof r.other === 'object' && isText(r.other.tree) && isText(r.other.folders))) &&
    isText(r.files) && typeof s === 'object' && s !== null &&
    [s.articles, s.pages, s.files].every((n) => typeof n === 'number') && (s.search === null || typeof s.search === 'number') &&
    Array.isArray(s.messages) && s.messages.every(isText);
}
