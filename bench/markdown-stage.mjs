import { readFileSync, readdirSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { renderMarkdown } from '/work/main/lib/markdown.js';
const dir = '/tmp/c1k/content/2020';
const files = readdirSync(dir).slice(0, 60).map((f) => readFileSync(`${dir}/${f}`, 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
for (let round = 0; round < 2; round++) {
  let t = performance.now();
  for (const f of files) renderMarkdown(f, { sourcePath: 'content/x.md', lineOffset: 0, allowHtml: false });
  const ours = (performance.now() - t) / files.length;
  t = performance.now();
  const p = unified().use(remarkParse);
  for (const f of files) p.parse(f);
  const bare = (performance.now() - t) / files.length;
  console.log(`round ${round}: bantin markdown stage ${ours.toFixed(2)} ms/article; CommonMark parse only ${bare.toFixed(2)} ms/article`);
}
