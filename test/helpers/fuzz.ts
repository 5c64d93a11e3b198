/**
 * Shared pieces of the property tests (test/fuzz-*.test.ts): run counts, the fixed seed and
 * generators of hostile bulletin text. `FUZZ_RUNS` scales every property (`npm run fuzz` sets 2000).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

/** The seed every property starts from, so a failure replays; `FUZZ_SEED` overrides it. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20260108);

/** Runs of a property: `FUZZ_RUNS` (default `base`) times `scale`, at least 1. */
export function runs(base: number, scale = 1): number {
  const n = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : base;
  return Math.max(1, Math.round(n * scale));
}

/** Parameters for `fc.assert`: fixed seed, the given number of runs, no time-based shrinking limit. */
export const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: false });

/** Pieces that have broken generators before: Vietnamese, combining marks, RTL, emoji, controls, markup, YAML and Markdown syntax. */
export const TOKENS = [
  'đ', 'Đ', 'Đắk Lắk', 'Khánh Hoà', 'a\u0301', '\u0300', '\u0323', 'ư\u031b', 'עברית', 'العربية', '\u202e', '\u200f', '\u200b',
  '🎉', '👨‍👩‍👧', '𝔘', '\ud800', '\udfff', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\ufeff', '\ufffe',
  '\r', '\n', '\r\n', '\t', ' ', '  ', '---', '...', '#', '|', '>', '- ', '* ', '1. ', '```', '`', '~~~', '[', ']', '(', ')',
  '*', '_', '!', '<', '>', '&', '"', "'", '\\', '/', '..', '%', '%2e%2e', '%22', ':', '{', '}', '{{', '}}', '{%', '%}',
  '<script>alert(1)</script>', '</script>', '<!--', '<img src=x onerror=alert(1)>', '<iframe src=//x>', '<style>', 'javascript:',
  'JaVaScRiPt:alert(1)', 'vbscript:', 'data:text/html,', 'bantin-ref:root:%22%3E', 'bantin-ref:article:', '!!js/function',
  '&a', '*a', '? ', '@', 'CON', 'nul', 'LPT1', 'aux.txt', 'x.', 'x ', '2020-02-24', '012345', '0x1F', 'yes', 'null', '~',
];

/** Text made of hostile pieces and arbitrary characters. */
export const hostileText = (maxLength = 12): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }), { maxLength })
    .map((parts) => parts.join(''));

/** A YAML value built from hostile text: scalars, lists and mappings. */
const yamlValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText(4),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileText(2), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const FIELDS = ['title', 'date', 'province', 'source', 'summary', 'tags', 'author', 'category', 'updated', 'slug', 'image', 'image_caption', 'attachments', 'aliases', 'draft'];

/** A plausible value for a known field, sometimes right, often hostile. */
const fieldValue = (field: string): fc.Arbitrary<unknown> => {
  const good: Record<string, unknown[]> = {
    title: ['Bài một', 'Đắk Lắk: tin mới'],
    date: ['2020-02-24', '2021-12-31 08:30', '2019-03-26 12:38:00 -0500'],
    province: ['Bắc Giang', 'TP.HCM', 'Khánh Hoà'],
    source: ['bacgiang.gov.vn', 'https://example.gov.vn/tin/1'],
    image: ['anh.jpg', 'https://example.gov.vn/a.jpg'],
    attachments: [[{ title: 'QĐ', file: 'qd.pdf', number: '012345' }]],
    aliases: [['/tin-tuc/1.html']],
    draft: [false],
  };
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...(good[field] ?? ['Văn bản'])) },
    { weight: 2, arbitrary: hostileText(6) },
    { weight: 1, arbitrary: yamlValue },
  );
};

/** Front matter as a mapping of known and unknown fields with hostile values. */
export const frontMatterData: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(Object.fromEntries(FIELDS.map((f) => [f, fieldValue(f)])), { requiredKeys: ['title', 'date', 'province', 'source'] }),
    fc.dictionary(hostileText(2), yamlValue, { maxKeys: 2 }),
  )
  .map(([known, extra]) => ({ ...extra, ...known }));

/** YAML text of a front-matter mapping (the `yaml` package quotes what needs quoting). */
export const yamlOf = (data: unknown): string => stringify(data, { lineWidth: 0 });

/** A Markdown body of hostile pieces, including block syntax at line starts. */
export const markdownBody: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      hostileText(10),
      fc.constantFrom('> ', '- ', '1. ', '## ', '    ', '| a | b |\n|---|---|\n| c | d |', '![ảnh](anh.jpg "chú thích")', '[liên kết](../khac.md#muc)', '<details>'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join('\n'));

/** A whole article file: front matter (valid YAML, raw hostile text, or another language) and body. */
export const articleFile: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(frontMatterData, markdownBody).map(([data, body]) => `---\n${yamlOf(data)}---\n${body}\n`) },
  { weight: 1, arbitrary: fc.tuple(hostileText(20), markdownBody).map(([front, body]) => `---\n${front}\n---\n${body}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('js', 'javascript', 'coffee', 'json', 'toml', 'yaml', ' yaml'), hostileText(8)).map(([lang, front]) => `---${lang}\n${front}\n---\n`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** Front matter that is valid in structure, with hostile text in every field a page prints. */
export const printedFrontMatter: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    title: hostileText(8),
    summary: hostileText(8),
    author: hostileText(4),
    category: hostileText(4),
    image_caption: hostileText(4),
    source: fc.oneof(hostileText(4), fc.constantFrom('bacgiang.gov.vn', 'https://example.gov.vn/a?b=<c>&d="e"')),
    tags: fc.array(hostileText(3), { maxLength: 3 }),
    attachmentTitle: hostileText(4),
    number: hostileText(3),
  })
  .map(({ attachmentTitle, number, title, ...rest }) => ({
    title: `Bài ${title}`,
    slug: 'bai-viet',
    date: '2020-02-24',
    province: 'Bắc Giang',
    image: 'anh.jpg',
    attachments: [{ title: attachmentTitle || 'Văn bản', file: 'qd.pdf', number }],
    ...rest,
  }));
