import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertLines, buildInMemory, makeSite, REPO, runCli } from './helpers/site.js';
import { TINY } from './helpers/photos.js';

const RAW = join(REPO, 'test/fixtures/raw');
const SAMPLE = join(RAW, 'bacgiang-2020-02-24.txt');
const SLUG = 'bac-giang-tiep-tuc-phat-huy-y-nghia-vai-tro-cua-cong-tac-dan-van-chinh-quyen';

describe('bantin import', () => {
  it('imports the reference sample into an article page that builds', () => {
    const root = makeSite({});
    const r = runCli(['import', SAMPLE, '--root', root]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`created ${join(root, 'content/2020', `${SLUG}.md`)} from ${SAMPLE}`);
    // Note: each photo's warning is at the caption's line in the raw file.
    expect(r.stderr).toBe(`${SAMPLE}:26:1: warning: photo caption kept as a figure without the photo; put the photo beside the article and write its file name in "![ảnh]()" [missing-photo]\n`);

    const { errors, page } = buildInMemory(root);
    expect(errors).toEqual([]);
    assertLines(
      page(`2020/02/${SLUG}/index.html`),
      `
      <h1>Bắc Giang: Tiếp tục phát huy ý nghĩa, vai trò của công tác dân vận chính quyền</h1>
      <time datetime="2020-02-24">Thứ Hai, 24/2/2020</time>
      <a href="/provinces/bac-giang/">Bắc Giang</a>
      <p class="lead">Ban Cán sự UBND tỉnh và Ban Dân vận Tỉnh ủy tiếp tục triển khai quy chế phối hợp về công tác dân vận chính quyền</p>
      <figure><figcaption>Phó Chủ tịch Thường trực UBND tỉnh Lại Thanh Sơn (phải ảnh) trao tặng Bằng khen của Thủ tướng Chính phủ cho ông Ngô Văn Thuận - Trưởng phòng Đoàn thể và các hội, Ban Dân vận Tỉnh ủy Bắc Giang</figcaption></figure>
      Nguồn: <a href="https://bacgiang.gov.vn">bacgiang.gov.vn</a>
      ! Gửi cho bạn bè
      ! Phản hồi
      ! Thông tin người gửi
      ! <img src=""
      `,
    );
  });

  it('writes the others and exits 1 when one input fails; refuses to overwrite without --force', () => {
    const root = makeSite({});
    const files = ['bac-ninh-thu-hai-thuong.txt', 'sai-thu.txt', 'khong-tinh-iso.txt', 'quang-nam-crlf-bom.txt', 'lam-dong-nfd.txt'].map((f) => join(RAW, f));
    const r = runCli(['import', ...files], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(RAW, 'sai-thu.txt')}:1:1: date line "Thứ Ba, 24/2/2020" says Thứ Ba, but 24/2/2020 is a Thứ Hai; correct the weekday or the date [invalid-date]`);
    expect(r.stderr).toContain(`${join(RAW, 'khong-tinh-iso.txt')}:2:1: no province: the title has no "Tỉnh: …" prefix naming one; pass --province NAME [missing-province]`);
    expect(r.stderr).toContain('import: 3 of 5 file(s) imported, 2 failed');
    expect(r.stdout.trim().split('\n')).toEqual([
      `created content/2020/bac-ninh-khoi-cong-xay-dung-cau-kenh-vang-noi-hai-tinh.md from ${files[0]}`,
      `created content/2019/quang-nam-chu-dong-phuong-an-phong-chong-thien-tai-mua-mua-bao.md from ${files[3]}`,
      `created content/2023/lam-dong-san-sang-cho-nam-hoc-moi.md from ${files[4]}`,
    ]);
    expect(buildInMemory(root).errors).toEqual([]);

    const again = runCli(['import', files[0]!, '--province', 'Hà Nội'], { cwd: root });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('content/2020/bac-ninh-khoi-cong-xay-dung-cau-kenh-vang-noi-hai-tinh.md already exists; pass --force to replace it [exists]');
    expect(runCli(['import', files[0]!, '--force'], { cwd: root }).code).toBe(0);

    const withProvince = runCli(['import', files[2]!, '--province', 'Ha Noi'], { cwd: root });
    expect(withProvince.code).toBe(0);
    expect(readFileSync(join(root, 'content/2024/hoi-nghi-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2024.md'), 'utf8')).toContain('\nprovince: Hà Nội\n');
  });

  it('converts TCVN3 and VNI only with --from, into --out', () => {
    const root = makeSite({});
    const tcvn3 = join(RAW, 'bac-giang-tcvn3.txt');
    const refused = runCli(['import', tcvn3, '--out', 'nhap'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${tcvn3}:2:1: text looks like TCVN3 (ABC) ("B¾c"), not Unicode; run again with --from tcvn3 to convert it [legacy-encoding]`);
    expect(existsSync(join(root, 'nhap'))).toBe(false);

    expect(runCli(['import', tcvn3, '--out', 'nhap', '--from', 'tcvn3'], { cwd: root }).code).toBe(0);
    expect(runCli(['import', join(RAW, 'da-nang-vni.txt'), '--out', 'nhap', '--from', 'vni'], { cwd: root }).code).toBe(0);
    expect(readdirSync(join(root, 'nhap')).sort()).toEqual([
      'bac-giang-tiep-tuc-phat-huy-vai-tro-cua-cong-tac-dan-van.md',
      'da-nang-tiep-tuc-phat-huy-vai-tro-cua-cong-tac-dan-van.md',
    ]);
    expect(readFileSync(join(root, 'nhap/da-nang-tiep-tuc-phat-huy-vai-tro-cua-cong-tac-dan-van.md'), 'utf8')).toContain('province: Đà Nẵng\n');
  });

  it('exits 2 on wrong usage and 1 on an unknown --province', () => {
    const root = makeSite({});
    expect(runCli(['import'], { cwd: root }).code).toBe(2);
    const from = runCli(['import', SAMPLE, '--from', 'utf16'], { cwd: root });
    expect([from.code, from.stderr.trim()]).toEqual([2, 'bantin import: --from must be tcvn3 or vni, not "utf16"']);
    const province = runCli(['import', SAMPLE, '--province', 'Bac Giangg'], { cwd: root });
    expect([province.code, province.stderr.trim()]).toEqual([1, 'bantin import: unknown province "Bac Giangg"; did you mean "Bắc Giang"? [unknown-province]']);
    const missing = runCli(['import', 'khong-co.txt'], { cwd: root });
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([1, 'khong-co.txt:1:1: cannot read the file (ENOENT) [read-failed]']);
  });

  it('copies the photos beside a raw text, named like it, into the captions\' figures in order; --photos takes a folder', () => {
    const root = makeSite({});
    const inbox = makeSite({
      'nhap/bai.txt': 'Thứ Hai, 24/2/2020\nBắc Giang: Hội nghị dân vận\n\nSapo của bài.\n\nĐoạn một.\n\nẢnh: Quang cảnh hội nghị\n\nĐoạn hai.\n\n(Ảnh: Trao bằng khen)\n\nNguồn: bacgiang.gov.vn\n',
      'nhap/bai-2.jpg': TINY.jpg,
      'nhap/bai-10.JPEG': TINY.jpg,
      'nhap/bai-3.png': TINY.png,
      'nhap/bai-khac.txt': 'not a photo',
      'nhap/baiviet.jpg': 'another article\'s photo',
    });
    const raw = join(inbox, 'nhap/bai.txt');
    const r = runCli(['import', raw, '--root', root]);
    const slug = 'bac-giang-hoi-nghi-dan-van';
    expect([r.code, r.stdout]).toEqual([0, `created ${join(root, 'content/2020', `${slug}.md`)} from ${raw}, with 2 photo(s): ${slug}-1.jpg, ${slug}-2.png\n`]);
    // Note: name order is numeric (bai-2, bai-3, bai-10); the third has no caption to fill.
    expect(r.stderr).toBe(`${raw}:1:1: warning: ${join(inbox, 'nhap/bai-10.JPEG')} is one photo more than the text has captions for (2); it is not copied: add it to the article by hand, with its caption [unused-photo]\n`);
    const text = readFileSync(join(root, 'content/2020', `${slug}.md`), 'utf8');
    expect(text).toContain(`![ảnh](${slug}-1.jpg)\n\n*Ảnh: Quang cảnh hội nghị*`);
    expect(text).toContain(`![ảnh](${slug}-2.png)\n\n*(Ảnh: Trao bằng khen)*`);
    expect(readFileSync(join(root, 'content/2020', `${slug}-1.jpg`)).equals(TINY.jpg)).toBe(true);
    expect(readdirSync(join(root, 'content/2020')).sort()).toEqual([`${slug}-1.jpg`, `${slug}-2.png`, `${slug}.md`]);
    const { errors, page } = buildInMemory(root);
    expect(errors).toEqual([]);
    expect(page(`2020/02/${slug}/index.html`)).toMatch(new RegExp(`<figure><picture><source type="image/webp" srcset="/2020/${slug}-1-8\\.[0-9a-f]{10}\\.webp 8w" [^>]+><img src="/2020/${slug}-1-8\\.[0-9a-f]{10}\\.jpg" [^>]+ alt="ảnh" loading="lazy" decoding="async"></picture><figcaption>Ảnh: Quang cảnh hội nghị</figcaption></figure>`));
    expect(runCli(['check', '--root', root]).stderr).not.toContain('missing-photo');

    // With --photos, the folder's photos; fewer photos than captions leave the rest to fill.
    const other = makeSite({});
    mkdirSync(join(inbox, 'anh'));
    writeFileSync(join(inbox, 'anh/01.webp'), 'webp');
    const withFolder = runCli(['import', raw, '--root', other, '--photos', join(inbox, 'anh')]);
    expect(withFolder.code).toBe(0);
    expect(withFolder.stderr).toBe(`${raw}:12:1: warning: photo caption kept as a figure without the photo; put the photo beside the article and write its file name in "![ảnh]()" [missing-photo]\n`);
    expect(readFileSync(join(other, 'content/2020', `${slug}.md`), 'utf8')).toContain(`![ảnh](${slug}-1.webp)`);
    expect(runCli(['import', raw, raw, '--root', other, '--photos', join(inbox, 'anh')]).code).toBe(2);
    // An existing photo is not replaced without --force, and the article is not written either.
    const again = runCli(['import', raw, '--root', root]);
    expect([again.code, again.stderr.split('\n').at(-2)]).toEqual([1, 'import: 0 of 1 file(s) imported, 1 failed']);
  });
});
