/**
 * Real photos for tests: tiny ones of each format (8×6 pixels, made once with sharp and kept here
 * as bytes, so a test that only needs a photo to exist writes one synchronously), and `makePhoto`
 * for the sizes, orientations and metadata a photo test is about.
 */
import sharp from 'sharp';

const tiny = (base64: string) => Buffer.from(base64, 'base64');

/** An 8×6 photo in each format a bulletin uses, as bytes. */
export const TINY = {
  jpg: tiny('/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AJMA9CX/2Q=='),
  png: tiny('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWOQy9uHFTEMpAQABEQ94Q1eHA4AAAAASUVORK5CYII='),
  webp: tiny('UklGRjwAAABXRUJQVlA4IDAAAADwAQCdASoIAAYAAUAmJaACdLoB+AAETAAA/u9RL/6TZ4mzxNnySP/nYNiXa8AAAAA='),
  gif: tiny('R0lGODlhCAAGAIAAAExpcR5uviH5BAUAAAAALAAAAAAIAAYAAAIGjI+py30FADs='),
  /** Another PNG (6×8, another colour): a photo replaced by a new one. */
  otherPng: tiny('iVBORw0KGgoAAAANSUhEUgAAAAYAAAAICAIAAABVpBlvAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4YSOChhgGgxAAuTk0gUKfQn4AAAAASUVORK5CYII='),
};

/** What a phone writes into a photo: its make, model and serial, the time, and where it was taken. */
export const PHONE_EXIF = {
  IFD0: { Make: 'Samsung', Model: 'SM-A546E', Software: 'A546EXXU5CXK1' },
  IFD2: { DateTimeOriginal: '2024:03:05 08:30:00', BodySerialNumber: 'R58W123ABC' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 10/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '106/1 4/1 1200/100' },
};

/**
 * A JPEG (or another format) of `width`×`height` with a phone's EXIF and GPS, a gradient (so sizes
 * encode to different bytes), turned by EXIF `orientation` when given.
 */
export async function makePhoto(width: number, height: number, options: { orientation?: number; format?: 'jpeg' | 'png' | 'webp'; shade?: number } = {}): Promise<Buffer> {
  const shade = options.shade ?? 0;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = (shade * 37) % 256;
    }
  }
  let image = sharp(raw, { raw: { width, height, channels: 3 } }).toFormat(options.format ?? 'jpeg').withExif(PHONE_EXIF);
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toBuffer();
}

/** What a published file still carries that it should not (EXIF, XMP, IPTC, an ICC profile), and its size and colour. */
export async function readBack(bytes: Uint8Array) {
  const m = await sharp(bytes).metadata();
  return { format: m.format, width: m.width, height: m.height, space: m.space, depth: m.depth, channels: m.channels, exif: !!m.exif, xmp: !!m.xmp, iptc: !!m.iptc, icc: !!m.icc, orientation: m.orientation ?? null };
}
