#!/usr/bin/env node
/**
 * Benchmark (not a test) of the article stage on one thread: bantin's `processArticle` (bytes →
 * front matter → Markdown → HTML and metadata) over generated bulletins, next to a bare CommonMark
 * parse of the same files. Prints milliseconds per article and a digest of every result, so a change
 * meant to be faster can be checked to give the same output.
 *
 *   npm run compile && node bench/article-stage.mjs [--count 2000] [--seed 2025] [--rounds 3]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { defaultConfig } from '../lib/config.js';
import { processArticle } from '../lib/content/article.js';
import { generateArticles } from './generate.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '2025' },
    rounds: { type: 'string', default: '3' },
  },
});
const config = defaultConfig();
const files = [...generateArticles({ count: Number(values.count), seed: Number(values.seed) })].map((a) => ({
  path: `content/${a.path}`,
  bytes: Buffer.from(a.text),
}));
const commonmark = unified().use(remarkParse);

for (let round = 1; round <= Number(values.rounds); round++) {
  let started = performance.now();
  const results = files.map(({ path, bytes }) => processArticle(path, bytes, config));
  const stage = (performance.now() - started) / files.length;
  const digest = createHash('sha1');
  for (const result of results) digest.update(JSON.stringify(result));
  started = performance.now();
  for (const { bytes } of files) commonmark.parse(bytes.toString('utf8'));
  const bare = (performance.now() - started) / files.length;
  console.log(
    `round ${round}: article stage ${stage.toFixed(2)} ms/article (results ${digest.digest('hex').slice(0, 12)}); ` +
      `CommonMark parse alone ${bare.toFixed(2)} ms/article; ${files.length} articles`,
  );
}
