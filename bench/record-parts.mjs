/**
 * The build record's parts of a build, timed on a large site without building it again.
 *
 *   node bench/record-parts.mjs convert LIB SITE OLD-RECORD   # writes SITE's record with LIB's code from a format-3 record
 *   node bench/record-parts.mjs time LIB SITE RECORD          # CPU of stamping the sources and of writing the record
 *
 * LIB is a compiled `lib/` (this tree's, or a checkout of main's). `convert` makes the record a
 * build with LIB would have left, from the data of a record that main's code left (the output's
 * files and folder stamps, summary): a build with other code would render every page again, which
 * takes minutes at 100,000 articles. `time` times what a one-edit build does around the pipeline:
 * stamping the sources (and making the stats the cache gets) and writing the record after
 * publishing the output's other folder with one page changed; it puts RECORD back afterwards.
 */
import fs from 'node:fs';
import { resolve } from 'node:path';

const [command, lib, siteArg, recordFile] = process.argv.slice(2);
const site = resolve(siteArg);
const live = `${site}/.bantin-cache/build-record.json`;
const { readRecord, sourceStats, stampSources, writeRecord } = await import(`${resolve(lib)}/cache/build-record.js`);
const cpu = (f) => {
  const before = process.cpuUsage();
  const result = f();
  const used = process.cpuUsage(before);
  return [result, Math.round((used.user + used.system) / 1000)];
};

if (command === 'convert') {
  const { tableOf } = await import(`${resolve(lib)}/cache/stamps.js`);
  const text = fs.readFileSync(recordFile, 'utf8');
  const old = JSON.parse(text.slice(0, text.lastIndexOf('\n', text.length - 2)));
  const table = (pairs) => tableOf(pairs.flat());
  const checked = { ...old, sources: '', folders: table(old.folders), files: tableOf(old.files), other: old.other && { tree: old.other.tree, folders: table(old.other.folders) } };
  const [out] = JSON.parse(old.options);
  const sources = stampSources(site, '.bantin-cache');
  writeRecord(site, '.bantin-cache', { options: { out }, sources, outputId: old.outputId, files: old.files, checked, changed: [], published: null, expires: old.expires, summary: old.summary });
} else if (command === 'time') {
  fs.copyFileSync(recordFile, live);
  const out = `${site}/dist`;
  const record = readRecord(site, '.bantin-cache', { out });
  if (!record) throw new Error(`${recordFile} is not a record of ${lib}'s code for ${out}`);
  const [sources, stamping] = cpu(() => {
    const stamps = stampSources(site, '.bantin-cache');
    if (sourceStats) sourceStats(stamps);
    return stamps;
  });
  const files = typeof record.files === 'string' ? record.files.split('\0').slice(0, -1) : record.files;
  const page = files.find((f) => /^[^/]+\/[^/]+\/[^/]+\/index\.html$/.test(f));
  // Note: as after a build that published the output's other folder, last published the build before, with one page changed.
  record.other = { tree: '.dist.other', folders: record.folders };
  const [, writing] = cpu(() => writeRecord(site, '.bantin-cache', { options: { out }, sources, outputId: record.outputId, files, checked: record, changed: null, published: { tree: '.dist.other', paths: [page] }, expires: record.expires, summary: record.summary }));
  console.log(`${lib}: stamping the sources ${stamping} ms CPU, writing the record ${writing} ms CPU, RSS ${process.memoryUsage().rss >> 20} MiB`);
  fs.copyFileSync(recordFile, live);
} else {
  throw new Error('usage: record-parts.mjs convert|time LIB SITE RECORD');
}
