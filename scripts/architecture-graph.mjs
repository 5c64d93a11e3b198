/**
 * The import graph of a tree's src/, read by dependency-cruiser with the repo's
 * .dependency-cruiser.cjs, and the facts the architecture test and scripts/architecture-facts.mjs
 * take from it: cycles between modules and between units, and npm packages imported by more than one module.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/** The repo this script belongs to (its config is used for any tree cruised). */
export const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Cruises `root`/src with the repo's rules (tsconfig and paths taken from `root`); returns the result. */
export async function cruiseTree(root = REPO) {
  const options = await extractDepcruiseOptions(join(REPO, '.dependency-cruiser.cjs'));
  const tsConfigFile = join(root, 'tsconfig.json');
  options.baseDir = root;
  options.ruleSet.options = { ...options.ruleSet.options, tsConfig: { fileName: tsConfigFile } };
  options.tsConfig = { fileName: tsConfigFile };
  // Note: the cwd is the base for the rules' paths and the tsconfig; dependency-cruiser reads
  // process.cwd() in places its baseDir option does not reach, so it is set for the cruise only.
  const before = process.cwd();
  process.chdir(root);
  try {
    const { output } = await cruise(['src'], options, {}, { tsConfig: extractTSConfig(tsConfigFile) });
    if (typeof output === 'string') throw new Error(`dependency-cruiser returned text: ${output.slice(0, 200)}`);
    return output;
  } finally {
    process.chdir(before);
  }
}

/** The unit of a src/ path: a subfolder of src/ (`render/`) or a file directly in src/ (`config.ts`). */
export function unitOf(path) {
  const m = /^src\/([^/]+)(\/)?/.exec(path);
  if (!m) return null;
  return m[2] ? `${m[1]}/` : m[1];
}

/** Strongly connected components of more than one node (Tarjan), each sorted, the list sorted. */
export function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The graph of src/ modules, each mapped by `key` (a module, a unit); edges inside one key dropped. */
export function graphOf(modules, key = (path) => path) {
  const graph = new Map();
  for (const m of modules) {
    const a = m.source.startsWith('src/') ? key(m.source) : null;
    if (!a) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    for (const d of m.dependencies) {
      const b = d.resolved.startsWith('src/') ? key(d.resolved) : null;
      if (b && b !== a) graph.get(a).add(b);
    }
  }
  return graph;
}

/** The npm package a resolved path belongs to (`yaml`, `@types/hast`), or null outside node_modules. */
export function packageOf(resolved) {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(resolved);
  return m ? m[1] : null;
}

/** Each npm package imported by more than one module of src/, with those modules (type-only @types imports not counted). */
export function sharedPackages(modules) {
  const importers = new Map();
  for (const m of modules) {
    if (!m.source.startsWith('src/')) continue;
    for (const d of m.dependencies) {
      const name = d.coreModule ? null : packageOf(d.resolved);
      if (!name) continue;
      if (name.startsWith('@types/') && d.dependencyTypes.includes('type-only')) continue;
      if (!importers.has(name)) importers.set(name, new Set());
      importers.get(name).add(m.source);
    }
  }
  return [...importers]
    .filter(([, from]) => from.size > 1)
    .map(([name, from]) => ({ name, modules: [...from].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
