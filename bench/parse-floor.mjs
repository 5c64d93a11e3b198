#!/usr/bin/env node
/**
 * The parse floor (issue 27): every article of a corpus through `unified().use(remarkParse).parse`
 * and nothing else, spread over all cores with worker threads, nothing written. It is the limit a
 * build on this parser can approach; `bench/run.mjs` times it beside the builds, as a row of its own.
 *
 *   node bench/parse-floor.mjs CORPUS_DIR     (prints the articles and the bytes parsed)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** The Markdown files under a folder, sorted. */
function markdownFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(full));
    else if (e.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

/** A file's body: what follows its front matter (the parse floor parses Markdown, not YAML). */
function bodyOf(text) {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? text.slice(m[0].length) : text;
}

if (isMainThread) {
  const corpus = process.argv[2];
  if (!corpus) {
    console.error('usage: node bench/parse-floor.mjs CORPUS_DIR');
    process.exit(2);
  }
  const files = markdownFiles(corpus);
  const threads = Math.max(1, Math.min(availableParallelism(), files.length));
  // Note: each worker reads its own share (every threads-th file), as a build's workers would.
  const done = await Promise.all(
    Array.from({ length: threads }, (_, k) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: files.filter((_, i) => i % threads === k) });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
    ),
  );
  const total = done.reduce((sum, d) => ({ articles: sum.articles + d.articles, bytes: sum.bytes + d.bytes }), { articles: 0, bytes: 0 });
  console.log(`parsed ${total.articles} articles, ${total.bytes} bytes of Markdown, on ${threads} threads`);
} else {
  const processor = unified().use(remarkParse);
  let bytes = 0;
  for (const file of workerData) {
    const body = bodyOf(readFileSync(file, 'utf8'));
    bytes += body.length;
    processor.parse(body);
  }
  parentPort.postMessage({ articles: workerData.length, bytes });
}
