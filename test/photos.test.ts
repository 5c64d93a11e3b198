/**
 * Photos (issue 24): every photo a published item names is published as the files made of it:
 * each configured width (never wider than the photo) in WebP and in its own format, upright, in
 * sRGB, with no EXIF, GPS, XMP, IPTC or colour profile left; a `<picture>` with `srcset`, `sizes`,
 * real `width`/`height` and lazy loading (the lead photo loads first); a 1200×630 card for Open
 * Graph; names that carry a hash of the bytes. Bad photos are diagnostics at the line naming them.
 * Photos are made by the tests themselves (sharp), with a phone's EXIF and GPS written in.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSite } from '../src/commands/check.js';
import { formatDiagnostic } from '../src/messages.js';
import { buildSiteWithSearch } from '../src/pipeline.js';
import { PreviewSite } from '../src/serve/preview.js';
import { MemoryWriter } from '../src/write/writer.js';
import { assertLines, build, buildInMemory, coldOutput, makeSite, runCli, snapshotDir } from './helpers/site.js';
import { makePhoto, readBack, TINY } from './helpers/photos.js';
import { get, nextRebuild, serve } from './helpers/serve-client.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

const CONFIG = 'title: Ảnh\nbaseUrl: https://example.gov.vn/\nrequired: [title, date]\nsearch: { enabled: false }\n';

const article = (front: string, body: string) => `---\ntitle: Hội nghị tổng kết\ndate: 2024-03-05\n${front}\n---\n\n${body}\n`;

let landscape: Buffer;
let portrait: Buffer;
let small: Buffer;

beforeAll(async () => {
  // Note: 2000×1500 like a camera's (smaller, for speed); the portrait one is stored sideways with EXIF orientation 6.
  [landscape, portrait, small] = await Promise.all([makePhoto(2000, 1500), makePhoto(1200, 900, { orientation: 6, shade: 1 }), makePhoto(300, 200, { shade: 2 })]);
});

/** The photo files of a build, by path. */
function photoFiles(files: Map<string, string | Uint8Array>): string[] {
  return [...files.keys()].filter((p) => /\.(jpe?g|png|webp|avif|gif)$/i.test(p)).sort();
}

describe('photos on pages', () => {
  it('makes each width in WebP and the photo\'s format, never wider than the photo, and a <picture> with its real size', () => {
    const { errors, page, writer, messages } = build({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('image: toan-canh.jpg\nimage_alt: Toàn cảnh hội nghị\nimage_caption: Quang cảnh hội nghị', '![Đại biểu phát biểu](<Ảnh phát biểu.jpg>)\n\n*Đại biểu phát biểu*\n\nVà ![Sơ đồ nhỏ](so-do.jpg).'),
      'content/2024/toan-canh.jpg': landscape,
      'content/2024/Ảnh phát biểu.jpg': portrait,
      'content/2024/so-do.jpg': small,
    }, { now: NOW });
    expect(errors).toEqual([]);
    expect(messages).toEqual([]);
    const files = photoFiles(writer.files);
    const hash = (stem: string) => files.find((f) => f.startsWith(`2024/${stem}-`))!.split('.').at(-2);
    const [lead, speech, plan] = [hash('toan-canh'), hash('anh-phat-bieu'), hash('so-do')];
    expect(files).toEqual([
      `2024/anh-phat-bieu-480.${speech}.jpg`, `2024/anh-phat-bieu-480.${speech}.webp`, `2024/anh-phat-bieu-900.${speech}.jpg`, `2024/anh-phat-bieu-900.${speech}.webp`,
      `2024/so-do-300.${plan}.jpg`, `2024/so-do-300.${plan}.webp`,
      `2024/toan-canh-1200x630.${lead}.jpg`,
      `2024/toan-canh-1600.${lead}.jpg`, `2024/toan-canh-1600.${lead}.webp`, `2024/toan-canh-480.${lead}.jpg`, `2024/toan-canh-480.${lead}.webp`, `2024/toan-canh-960.${lead}.jpg`, `2024/toan-canh-960.${lead}.webp`,
    ].sort());
    expect(lead).toMatch(/^[0-9a-f]{10}$/);
    const sizes = 'sizes="(min-width: 48rem) 44rem, calc(100vw - 2rem)"';
    const html = page('2024/03/hoi-nghi-tong-ket/index.html');
    assertLines(html, `
      <picture><source type="image/webp" srcset="/2024/toan-canh-480.${lead}.webp 480w, /2024/toan-canh-960.${lead}.webp 960w, /2024/toan-canh-1600.${lead}.webp 1600w" ${sizes}><img src="/2024/toan-canh-1600.${lead}.jpg" srcset="/2024/toan-canh-480.${lead}.jpg 480w, /2024/toan-canh-960.${lead}.jpg 960w, /2024/toan-canh-1600.${lead}.jpg 1600w" ${sizes} width="1600" height="1200" alt="Toàn cảnh hội nghị" fetchpriority="high"></picture>
      <figcaption>Quang cảnh hội nghị</figcaption>
      <figure><picture><source type="image/webp" srcset="/2024/anh-phat-bieu-480.${speech}.webp 480w, /2024/anh-phat-bieu-900.${speech}.webp 900w" ${sizes}><img src="/2024/anh-phat-bieu-900.${speech}.jpg" srcset="/2024/anh-phat-bieu-480.${speech}.jpg 480w, /2024/anh-phat-bieu-900.${speech}.jpg 900w" ${sizes} width="900" height="1200" alt="Đại biểu phát biểu" loading="lazy" decoding="async"></picture><figcaption>Đại biểu phát biểu</figcaption></figure>
      <p>Và <picture><source type="image/webp" srcset="/2024/so-do-300.${plan}.webp 300w" ${sizes}><img src="/2024/so-do-300.${plan}.jpg" srcset="/2024/so-do-300.${plan}.jpg 300w" ${sizes} width="300" height="200" alt="Sơ đồ nhỏ" loading="lazy" decoding="async"></picture>.</p>
      <meta property="og:image" content="https://example.gov.vn/2024/toan-canh-1200x630.${lead}.jpg">
      <meta property="og:image:width" content="1200">
      <meta property="og:image:height" content="630">
      <meta property="og:image:alt" content="Toàn cảnh hội nghị">
    `);
    expect(html).toContain(`"image":{"@type":"ImageObject","url":"https://example.gov.vn/2024/toan-canh-1200x630.${lead}.jpg","width":1200,"height":630}`);
    // Note: the front page leads with the newest article's photo, loaded first too.
    expect(page('index.html')).toContain(`<figure class="lead-image"><picture><source type="image/webp" srcset="/2024/toan-canh-480.${lead}.webp 480w`);
    // Note: the original is not published, and no file keeps the name it was given.
    expect(files.some((f) => f.endsWith('toan-canh.jpg') || f.includes('Ảnh'))).toBe(false);
  });

  it('leaves nothing private in any published file: no EXIF, GPS, XMP, IPTC or profile; upright; sRGB at 8 bits', async () => {
    const cmyk = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 40 } } }).toColourspace('cmyk').jpeg().withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 0/1' } }).toBuffer();
    const deep = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 140, b: 40 } } }).toColourspace('rgb16').png().withIccProfile('p3').toBuffer();
    const tagged = await sharp(await makePhoto(800, 600, { shade: 3 })).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Nguyễn Văn A"/></rdf:RDF></x:xmpmeta>').keepExif().jpeg().toBuffer();
    expect((await readBack(cmyk)).space).toBe('cmyk');
    expect(await readBack(deep)).toMatchObject({ depth: 'ushort', icc: true });
    expect(await readBack(portrait)).toMatchObject({ exif: true, orientation: 6, width: 1200, height: 900 });
    expect(await readBack(tagged)).toMatchObject({ exif: true, xmp: true });
    const { errors, writer } = build({
      'bantin.config.yaml': `${CONFIG}images: { publishOriginal: true }\n`,
      'content/2024/a.md': article('image: dung.jpg\nimage_alt: Ảnh dựng', '![In](in.jpg) ![Sâu](sau.png) ![Gắn](gan.jpg)'),
      'content/2024/dung.jpg': portrait,
      'content/2024/in.jpg': cmyk,
      'content/2024/sau.png': deep,
      'content/2024/gan.jpg': tagged,
    }, { now: NOW });
    expect(errors).toEqual([]);
    const files = photoFiles(writer.files);
    // Note: the originals are published (publishOriginal), each once, under a name with its hash.
    expect(files.filter((f) => /^2024\/(dung|in|sau|gan)\.[0-9a-f]{10}\.(jpg|png)$/.test(f))).toHaveLength(4);
    for (const file of files) {
      const back = await readBack(writer.files.get(file) as Uint8Array);
      expect({ file, ...back }).toMatchObject({ file, exif: false, xmp: false, iptc: false, icc: false, orientation: null, space: 'srgb', depth: 'uchar', channels: 3 });
      if (file.startsWith('2024/dung-') && !file.includes('1200x630')) expect(back.height! > back.width!).toBe(true);
    }
    expect(await readBack(writer.files.get(files.find((f) => /^2024\/dung\.[0-9a-f]+\.jpg$/.test(f))!) as Uint8Array)).toMatchObject({ width: 900, height: 1200 });
  });

  it('cuts the Open Graph card around image_focus, and refuses a focus that is no place', async () => {
    const { errors, writer, page } = build({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('image: doc.jpg\nimage_alt: Tháp\nimage_focus: top', 'Nội dung.'),
      'content/2024/doc.jpg': portrait,
    }, { now: NOW });
    expect(errors).toEqual([]);
    const card = photoFiles(writer.files).find((f) => f.includes('1200x630'))!;
    expect(card).toMatch(/^2024\/doc-1200x630-top\.[0-9a-f]{10}\.jpg$/);
    expect(await readBack(writer.files.get(card) as Uint8Array)).toMatchObject({ width: 1200, height: 630 });
    expect(page('2024/03/hoi-nghi-tong-ket/index.html')).toContain(`content="https://example.gov.vn/${card}"`);
    const bad = build({ 'bantin.config.yaml': CONFIG, 'content/2024/a.md': article('image: doc.jpg\nimage_alt: Tháp\nimage_focus: giữa', 'x'), 'content/2024/doc.jpg': TINY.jpg }, { now: NOW });
    expect(bad.errors).toEqual(['content/2024/a.md:6:14: image_focus "giữa" is not a place in the photo; write one of center, top, bottom, left, right, top left, top right, bottom left, bottom right, attention [field-type]']);
  });

  it('warns of a lead photo without alt text at its line: a caption is no alt text', () => {
    const { messages, page } = build({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('image: anh.jpg\nimage_caption: Quang cảnh', 'x'),
      'content/2024/anh.jpg': TINY.jpg,
    }, { now: NOW });
    expect(messages).toEqual(['content/2024/a.md:4:8: warning: the lead photo "anh.jpg" has no alt text; add image_alt: with what it shows, e.g. image_alt: Lễ khởi công cầu Kênh Vàng (Thông tư 32/2017/TT-BTTTT asks for it; image_caption does not stand for it) [missing-alt]']);
    expect(page('2024/03/hoi-nghi-tong-ket/index.html')).toMatch(/ width="8" height="6" alt="" fetchpriority="high">/);
  });

  it('gives feeds one <img> of the fallback file at an absolute URL, and links to the photo open its largest file', () => {
    const { errors, page, writer } = build({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('', '![Toàn cảnh](toan-canh.jpg)\n\n[Tải ảnh](toan-canh.jpg) · [Từ gốc](/2024/toan-canh.jpg)'),
      'content/2024/toan-canh.jpg': landscape,
    }, { now: NOW });
    expect(errors).toEqual([]);
    const big = photoFiles(writer.files).find((f) => f.endsWith('.jpg') && f.includes('-1600.'))!;
    expect(page('atom.xml')).toContain(`&lt;img src=&quot;https://example.gov.vn/${big}&quot; width=&quot;1600&quot; height=&quot;1200&quot; alt=&quot;Toàn cảnh&quot;&gt;`);
    expect(page('2024/03/hoi-nghi-tong-ket/index.html')).toContain(`<a href="/${big}">Tải ảnh</a> · <a href="/${big}">Từ gốc</a>`);
  });

  it('makes AVIF too when asked, first among the sources', () => {
    const { errors, page } = build({
      'bantin.config.yaml': `${CONFIG}images: { avif: true, widths: [240] }\n`,
      'content/2024/a.md': article('', '![Sơ đồ](so-do.jpg)'),
      'content/2024/so-do.jpg': small,
    }, { now: NOW });
    expect(errors).toEqual([]);
    expect(page('2024/03/hoi-nghi-tong-ket/index.html')).toMatch(/<picture><source type="image\/avif" srcset="\/2024\/so-do-240\.[0-9a-f]{10}\.avif 240w" [^>]+><source type="image\/webp" srcset="\/2024\/so-do-240\.[0-9a-f]{10}\.webp 240w"/);
  });

  it('checks images: at its line', () => {
    const { errors } = build({ 'bantin.config.yaml': `${CONFIG}images:\n  widths: [480, 99999]\n  quality: 0\n`, 'content/2024/a.md': article('', 'x') }, { now: NOW });
    expect(errors).toEqual(['bantin.config.yaml:6:3: images.widths must be a list of 1 to 8 widths in pixels, each from 16 to 8192, such as [480, 960, 1600] [config-type]']);
  });
});

describe('bad photos are diagnostics at the line that names them', () => {
  let bomb: Buffer;
  let truncated: Buffer;
  let animated: Buffer;
  beforeAll(async () => {
    // Note: 20,000 × 20,000 white pixels compress to a few hundred kilobytes of PNG.
    bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: 'white' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    truncated = landscape.subarray(0, Math.floor(landscape.length / 2));
    const frame = (r: number) => sharp({ create: { width: 40, height: 30, channels: 3, background: { r, g: 0, b: 0 } } }).png().toBuffer();
    const frames = await Promise.all([frame(0), frame(255)]);
    animated = await sharp(Array.from({ length: 1000 }, (_, i) => frames[i % 2]!), { join: { animated: true } }).gif().toBuffer();
  });

  const SITE = () => ({
    'bantin.config.yaml': CONFIG,
    'content/2024/a.md': article('', '![Bom](bom.png)\n\n![Cắt](cat.jpg)\n\n![Chữ](chu.jpg)\n\n![Sai](sai.jpg)\n\n![Động](dong.gif)'),
    'content/2024/b.md': article('slug: bai-b', 'Lại ![Cắt](cat.jpg).'),
    'content/2024/bom.png': bomb,
    'content/2024/cat.jpg': truncated,
    'content/2024/chu.jpg': 'đây là chữ, không phải ảnh',
    'content/2024/sai.jpg': TINY.png,
    'content/2024/dong.gif': animated,
  });

  it('names each, all in one build, and publishes nothing', async () => {
    const root = makeSite(SITE());
    const started = performance.now();
    const writer = new MemoryWriter();
    const result = await buildSiteWithSearch({ root, now: NOW }, writer);
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'content/2024/a.md:7:1: "content/2024/bom.png" is 20000×20000 pixels (400 MP), more than images.maxPixels (50 MP); resize it to at most 3200 pixels wide before adding it, or raise images.maxPixels [photo-too-large]',
      'content/2024/a.md:9:1: "content/2024/cat.jpg" could not be decoded: the file is cut short (only part of it was copied); copy it again from the camera or phone, or open it and save it again (also named by 1 more item) [photo-damaged]',
      'content/2024/a.md:11:1: "content/2024/chu.jpg" is not a photo bantin can read (Input buffer contains unsupported image format); open it on a computer and save or export it again as JPEG or PNG [photo-unreadable]',
      'content/2024/a.md:13:1: "content/2024/sai.jpg" holds a PNG image, not what its .jpg name says; rename it to sai.png [photo-type]',
      'content/2024/a.md:15:1: warning: "content/2024/dong.gif" is animated (1000 frames); only its first frame is published, as a still photo; to show motion, publish a video and link it [animated-photo]',
    ]);
    expect(writer.files.size).toBe(0);
  });

  it('reports a photo cut short at the first line naming it, and publishes the first frame of an animation', () => {
    const site = SITE();
    const root = makeSite({ ...site, 'content/2024/a.md': article('', '![Cắt](cat.jpg)\n\n![Động](dong.gif)') });
    const { errors, messages, result } = buildInMemory(root, { now: NOW });
    expect(errors).toEqual(['content/2024/a.md:7:1: "content/2024/cat.jpg" could not be decoded: the file is cut short (only part of it was copied); copy it again from the camera or phone, or open it and save it again (also named by 1 more item) [photo-damaged]']);
    expect(messages).toContain('content/2024/a.md:9:1: warning: "content/2024/dong.gif" is animated (1000 frames); only its first frame is published, as a still photo; to show motion, publish a video and link it [animated-photo]');
    expect(result.ok).toBe(false);
    writeFileSync(join(root, 'content/2024/cat.jpg'), TINY.jpg);
    const fixed = buildInMemory(root, { now: NOW });
    expect(fixed.errors).toEqual([]);
    const gif = photoFiles(fixed.writer.files).filter((f) => f.startsWith('2024/dong-'));
    expect(gif.map((f) => f.replace(/\.[0-9a-f]{10}\./, '.H.'))).toEqual(['2024/dong-40.H.png', '2024/dong-40.H.webp']);
  });

  it('check reports them too, without making any file', () => {
    const root = makeSite(SITE());
    const rules = checkSite({ root, now: NOW }).diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`);
    expect(rules).toEqual(expect.arrayContaining(['content/2024/a.md:7 photo-too-large', 'content/2024/a.md:9 photo-damaged', 'content/2024/a.md:11 photo-unreadable', 'content/2024/a.md:13 photo-type', 'content/2024/a.md:15 animated-photo']));
    const damaged = makeSite({ ...SITE(), 'content/2024/a.md': article('', '![Cắt](cat.jpg)') });
    expect(checkSite({ root: damaged, now: NOW }).diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toContain('content/2024/a.md:7 photo-damaged');
    expect(readdirSync(damaged)).not.toContain('dist');
  });
});

describe('photo files among the other outputs', () => {
  it('refuses a static file that writes where a photo\'s file goes, naming both', () => {
    const site = { 'bantin.config.yaml': CONFIG, 'content/2024/a.md': article('', '![Sơ đồ](so-do.jpg)'), 'content/2024/so-do.jpg': small };
    const webp = photoFiles(build(site, { now: NOW }).writer.files).find((f) => f.endsWith('.webp'))!;
    const { errors } = build({ ...site, [`static/${webp}`]: 'x' }, { now: NOW });
    expect(errors).toEqual([`static/${webp}:1:1: writes ${webp}, as does content/2024/so-do.jpg; rename or move one of them [duplicate-output]`]);
  });

  it('serves a new photo\'s smallest width with the rebuild that names it, and its larger files just after', async () => {
    const root = makeSite({ 'bantin.config.yaml': CONFIG, 'content/2024/a.md': article('', 'Chưa có ảnh.'), 'content/2024/toan-canh.jpg': landscape });
    const { session, port } = await serve(root);
    const rebuilt = nextRebuild(session);
    const larger = new Promise<string[]>((done) => session.onPhotos(done));
    writeFileSync(join(root, 'content/2024/a.md'), article('image: toan-canh.jpg\nimage_alt: Toàn cảnh', 'Nội dung.'));
    const { result } = await rebuilt;
    expect(result.ok).toBe(true);
    const small480 = result.changed.filter((p) => p.startsWith('2024/toan-canh-')).map((p) => p.replace(/\.[0-9a-f]{10}\./, '.H.'));
    expect(small480).toEqual(['2024/toan-canh-480.H.jpg', '2024/toan-canh-480.H.webp']);
    const html = (await get(port, '/2024/03/hoi-nghi-tong-ket/')).body;
    const src = (w: number, ext: string) => new RegExp(`/2024/toan-canh-${w}\\.[0-9a-f]{10}\\.${ext}`).exec(html)![0];
    expect((await get(port, src(480, 'webp'))).status).toBe(200);
    expect((await larger).map((p) => p.replace(/\.[0-9a-f]{10}\./, '.H.'))).toEqual(['2024/toan-canh-1200x630.H.jpg', '2024/toan-canh-1600.H.jpg', '2024/toan-canh-1600.H.webp', '2024/toan-canh-960.H.jpg', '2024/toan-canh-960.H.webp']);
    for (const file of [src(960, 'webp'), src(1600, 'jpg')]) expect((await get(port, file)).status, file).toBe(200);
    // Note: once they are there, the served site is what a build makes.
    const fresh = buildInMemory(root, { now: NOW });
    const served = [...session.site.files.keys()].filter((p) => !p.startsWith('pagefind/')).sort();
    expect(served).toEqual([...fresh.writer.files.keys()].filter((p) => !p.startsWith('pagefind/')).sort());
  });

  it('serves a photo as soon as an article names it, with the page that shows it', async () => {
    // Note: the photo is there before serve starts (no article names it yet), so the one rebuild is the article's edit.
    const root = makeSite({ 'bantin.config.yaml': CONFIG, 'content/2024/a.md': article('', 'Chưa có ảnh.'), 'content/2024/so-do.jpg': small });
    const { session, port } = await serve(root);
    expect((await get(port, '/2024/03/hoi-nghi-tong-ket/')).body).not.toContain('<img');
    const rebuilt = nextRebuild(session);
    writeFileSync(join(root, 'content/2024/a.md'), article('', '![Sơ đồ](so-do.jpg)'));
    expect((await rebuilt).result.ok).toBe(true);
    const html = (await get(port, '/2024/03/hoi-nghi-tong-ket/')).body;
    const src = /<img src="([^"]+)"/.exec(html)![1]!;
    expect(src).toMatch(/^\/2024\/so-do-300\.[0-9a-f]{10}\.jpg$/);
    const photo = await get(port, src);
    expect([photo.status, photo.headers['content-type']]).toEqual([200, 'image/jpeg']);
  });
});

describe('photos and the build cache', () => {
  it('serves what a fresh build makes as a lead photo is replaced under its name, and as an article stops naming it', async () => {
    const root = makeSite({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('image: toan-canh.jpg\nimage_alt: Toàn cảnh', 'Nội dung.'),
      'content/2024/b.md': article('slug: bai-b', 'Bài khác.'),
      'content/2024/toan-canh.jpg': small,
    });
    const preview = new PreviewSite({ root, now: NOW });
    const same = async (changed?: string[]) => {
      const rebuilt = await preview.rebuild(changed);
      expect(rebuilt.ok).toBe(true);
      const fresh = buildInMemory(root, { now: NOW });
      expect([...preview.files.keys()].filter((p) => !p.startsWith('pagefind/')).sort()).toEqual([...fresh.writer.files.keys()].sort());
      for (const [path, content] of fresh.writer.files) expect(Buffer.from(preview.files.get(path)!).equals(Buffer.from(content)), path).toBe(true);
    };
    await same();
    writeFileSync(join(root, 'content/2024/toan-canh.jpg'), portrait);
    await same(['content/2024/toan-canh.jpg']);
    writeFileSync(join(root, 'content/2024/a.md'), article('', 'Nội dung.'));
    await same(['content/2024/a.md']);
  });

  it('encodes a photo once: a rebuild with no change, or with the output gone but the cache kept, encodes none', () => {
    const root = makeSite({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('image: toan-canh.jpg\nimage_alt: Toàn cảnh', '![Phát biểu](phat-bieu.jpg)'),
      'content/2024/toan-canh.jpg': landscape,
      'content/2024/phat-bieu.jpg': portrait,
    });
    const first = runCli(['build', '--root', root]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('photos: 2 published, 11 files (11 encoded, 0 from the cache, 0 unchanged)');
    // Note: a change to the article only: its page is made again, no photo is.
    writeFileSync(join(root, 'content/2024/a.md'), article('image: toan-canh.jpg\nimage_alt: Toàn cảnh', '![Phát biểu](phat-bieu.jpg)\n\nThêm một câu.'));
    const second = runCli(['build', '--root', root]);
    expect(second.stdout).toContain('photos: 2 published, 11 files (0 encoded, 0 from the cache, 11 unchanged)');
    // Note: as in CI, where the cache folder is restored and the output is not.
    rmSync(join(root, 'dist'), { recursive: true });
    const third = runCli(['build', '--root', root]);
    expect(third.stdout).toContain('photos: 2 published, 11 files (0 encoded, 11 from the cache, 0 unchanged)');
  });

  it('a replaced photo gets new names, the old ones go, and a cached build equals a cold one', async () => {
    const root = makeSite({
      'bantin.config.yaml': CONFIG,
      'content/2024/a.md': article('image: phat-bieu.jpg\nimage_alt: Phát biểu', '![Phát biểu](phat-bieu.jpg)'),
      'content/2024/phat-bieu.jpg': portrait,
    });
    expect(runCli(['build', '--root', root]).code).toBe(0);
    const before = readdirSync(join(root, 'dist/2024')).filter((f) => f.startsWith('phat-bieu-'));
    writeFileSync(join(root, 'content/2024/phat-bieu.jpg'), small);
    const rebuilt = runCli(['build', '--root', root]);
    expect(rebuilt.stdout).toContain('photos: 1 published, 3 files (3 encoded, 0 from the cache, 0 unchanged)');
    const after = readdirSync(join(root, 'dist/2024')).filter((f) => f.startsWith('phat-bieu-'));
    expect(after.some((f) => before.includes(f))).toBe(false);
    expect(readFileSync(join(root, 'dist/2024/03/hoi-nghi-tong-ket/index.html'), 'utf8')).toContain(`src="/2024/${after.find((f) => /-300\.[0-9a-f]{10}\.jpg$/.test(f))}"`);
    expect(snapshotDir(join(root, 'dist'))).toEqual(await coldOutput(root));
    // Note: the cache keeps only the files this build used.
    expect(readdirSync(join(root, '.bantin-cache/photos')).sort()).toEqual([...after].sort());
  });

  it('gives the same bytes in every build, in process and through the CLI', () => {
    const site = { 'bantin.config.yaml': CONFIG, 'content/2024/a.md': article('image: phat-bieu.jpg\nimage_alt: Phát biểu', 'x'), 'content/2024/phat-bieu.jpg': portrait };
    const a = build(site, { now: NOW }).writer.files;
    const b = build(site, { now: NOW }).writer.files;
    for (const file of photoFiles(a)) expect(Buffer.compare(Buffer.from(a.get(file) as Uint8Array), Buffer.from(b.get(file) as Uint8Array))).toBe(0);
  });
});
