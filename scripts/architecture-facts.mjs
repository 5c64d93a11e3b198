#!/usr/bin/env node
/**
 * Facts about the shape of a tree's src/, measured from the code (issue 21's closing note):
 * .ts files and lines per unit (each folder of src/, each file directly in it), import cycles
 * between modules and between units, and imports from a stage into the cache.
 *
 *   node scripts/architecture-facts.mjs [tree]     (default: this repo)
 *
 * The graph is dependency-cruiser's, with this repo's .dependency-cruiser.cjs, so an older tree
 * (before the cache had a folder) is measured by the same rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cruiseTree, cycles, graphOf, REPO, unitOf } from './architecture-graph.mjs';

// Note: the stages of rule stages-not-cache; on a tree from before src/cache/ the cache was these
// loose files (content/prepare.ts among them, so it counts as cache, not as a stage).
const STAGE = /^src\/(content\/|collect\.ts$|render\/|search\/|write\/|write\.ts$|config\.ts$|markdown\.ts$|links\.ts$|vietnamese\/|check\/|import\/|locale\.ts$|locales\/)/;
const CACHE = /^src\/(cache\/|(build-cache|build-record|cache-journal|cache-store|cached-articles|body-packs|stamps|template-prints|output-worker)\.ts$|content\/prepare\.ts$)/;

/** .ts files and their lines under `root`/src, by unit, sorted by unit. */
function sizes(root) {
  const byUnit = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) {
        const unit = unitOf(relative(root, full).split('\\').join('/'));
        const text = readFileSync(full, 'utf8');
        const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        const had = byUnit.get(unit) ?? { files: 0, lines: 0 };
        byUnit.set(unit, { files: had.files + 1, lines: had.lines + lines });
      }
    }
  };
  walk(join(root, 'src'));
  return [...byUnit].sort(([a], [b]) => (a.endsWith('/') === b.endsWith('/') ? a.localeCompare(b) : a.endsWith('/') ? -1 : 1));
}

const root = resolve(process.argv[2] ?? REPO);
const result = await cruiseTree(root);
const units = sizes(root);
const total = units.reduce((sum, [, s]) => ({ files: sum.files + s.files, lines: sum.lines + s.lines }), { files: 0, lines: 0 });

const out = [`src/ of ${root}`, '', 'unit                 files   lines'];
for (const [unit, s] of units) out.push(`${unit.padEnd(20)} ${String(s.files).padStart(5)} ${String(s.lines).padStart(7)}`);
out.push(`${'total'.padEnd(20)} ${String(total.files).padStart(5)} ${String(total.lines).padStart(7)}`, '');

const moduleCycles = cycles(graphOf(result.modules));
out.push(`module cycles: ${moduleCycles.length}`, ...moduleCycles.map((c) => `  ${c.join(', ')}`));
const unitCycles = cycles(graphOf(result.modules, unitOf));
out.push(`unit cycles: ${unitCycles.length}`, ...unitCycles.map((c) => `  ${c.length} units: ${c.join(', ')}`));

const intoCache = result.modules
  .filter((m) => STAGE.test(m.source) && !CACHE.test(m.source))
  .flatMap((m) => m.dependencies.filter((d) => CACHE.test(d.resolved)).map((d) => ({ from: m.source, to: d.resolved, typeOnly: d.dependencyTypes.includes('type-only') })));
const typeOnly = intoCache.filter((d) => d.typeOnly).length;
out.push(`imports from a stage into the cache: ${intoCache.length} (${typeOnly} type-only)`, ...intoCache.map((d) => `  ${d.from} → ${d.to}${d.typeOnly ? ' (type)' : ''}`));

const broken = result.summary.violations;
out.push(`rules of .dependency-cruiser.cjs broken: ${broken.length}`, ...broken.map((v) => `  ${v.from} → ${v.to} [${v.rule.name}]`));
console.log(out.join('\n'));
