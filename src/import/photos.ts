/**
 * The photos of an imported bulletin: the image files beside its raw text (`bai.txt` with
 * `bai.jpg`, `bai-2.jpg`, or the folder `bai/`), or a folder given with `--photos`, in name order;
 * each fills the next empty photo placeholder (`![ảnh]()`) the article's Markdown has, in order.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** Image types a photo may be (those `assetTypes` allows are kept). */
const IMAGE_TYPES = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'avif'];

/** The placeholder `bantin import` writes for a photo whose file is not known yet. */
export const PHOTO_PLACEHOLDER = '![ảnh]()';

const collator = new Intl.Collator('vi', { numeric: true });

/** Image files of the allowed types in a folder, in name order (`anh-2` before `anh-10`); none when it cannot be read. */
function imagesIn(dir: string, allowed: readonly string[], keep: (name: string) => boolean = () => true): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => !name.startsWith('.') && keep(name) && isImage(name, allowed) && isFile(join(dir, name)))
    .sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(dir, name));
}

function isImage(name: string, allowed: readonly string[]): boolean {
  const type = extname(name).slice(1).toLowerCase();
  return IMAGE_TYPES.includes(type) && allowed.includes(type);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The photos of the raw text at `rawFile`: those in `folder` when given, else the images beside it
 * whose names start with its own (`bai.jpg`, `bai-1.jpg`, `bai_2.png`) and those in the folder named
 * like it (`bai/`), in name order.
 */
export function photosFor(rawFile: string, allowed: readonly string[], folder?: string): string[] {
  if (folder !== undefined) return imagesIn(folder, allowed);
  const dir = dirname(rawFile);
  const stem = basename(rawFile, extname(rawFile));
  const beside = imagesIn(dir, allowed, (name) => {
    const own = basename(name, extname(name));
    return own === stem || (own.startsWith(stem) && /^[-_ .]/.test(own.slice(stem.length)));
  });
  return [...beside, ...imagesIn(join(dir, stem), allowed)];
}

/** The file name a photo gets beside its article: `<slug>-<n>.<type>`, the type in lower case (`jpeg` as `jpg`). */
export function photoName(slug: string, index: number, source: string): string {
  const type = extname(source).slice(1).toLowerCase().replace(/^jpeg$/, 'jpg');
  return `${slug}-${index + 1}.${type}`;
}

/**
 * Fills the article's empty photo placeholders in order with `names`; how many it filled. Note: the
 * text of a bulletin cannot spell a placeholder itself, its brackets being escaped (`escapeMarkdown`).
 */
export function fillPhotos(text: string, names: readonly string[]): { text: string; filled: number } {
  const [head, ...rest] = text.split(PHOTO_PLACEHOLDER);
  const filled = Math.min(names.length, rest.length);
  const out = rest.map((piece, i) => `${i < filled ? `![ảnh](${names[i]})` : PHOTO_PLACEHOLDER}${piece}`).join('');
  return { text: `${head}${out}`, filled };
}
