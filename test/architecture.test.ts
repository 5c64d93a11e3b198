/**
 * The layering of src/ (issue 21): dependency-cruiser's rules in .dependency-cruiser.cjs, no cycle
 * between the units of src/ (each subfolder, each file directly in it), and each npm package
 * imported by one module. `ARCH_ROOT` cruises another tree (a scratch copy with a planted import).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ICruiseResult } from 'dependency-cruiser';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { cruiseTree, cycles, graphOf, sharedPackages, unitOf } from '../scripts/architecture-graph.mjs';

describe('the architecture of src/', () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruiseTree(process.env.ARCH_ROOT || undefined);
  });

  it('keeps every rule of .dependency-cruiser.cjs', () => {
    expect(result.modules.filter((m) => m.source.startsWith('src/')).length).toBeGreaterThan(50);
    const broken = result.summary.violations.map((v) => {
      const cycle = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')})` : '';
      return `${v.from} → ${v.to} [${v.rule.name}]${cycle}`;
    });
    expect(broken, `rules broken:\n${broken.join('\n')}\n(the rule's comment in .dependency-cruiser.cjs says why; \`npm run deps\` shows them)`).toEqual([]);
  });

  it('has no cycle between the units of src/', () => {
    const graph = graphOf(result.modules, unitOf);
    expect(graph.size).toBeGreaterThan(10);
    const found = cycles(graph).map((units) => {
      const edges = units.flatMap((a) => [...graph.get(a)!].filter((b) => units.includes(b)).map((b) => `${a} → ${b}`));
      return `cycle of ${units.length} units: ${units.join(', ')}\n  ${edges.join('\n  ')}`;
    });
    expect(found, found.join('\n')).toEqual([]);
  });

  it('imports each npm package in one module of src/', () => {
    const shared = sharedPackages(result.modules).map((p) => `${p.name} is imported by ${p.modules.join(', ')}`);
    expect(shared, `${shared.join('\n')}\n(import it in one module and give the others what they need from there)`).toEqual([]);
  });
});

/**
 * Where data can read a file or throw behind a property read: a getter, a property defined with
 * `Object.defineProperty(ies)`, a swapped prototype or a Proxy. Note: `serve/`'s long-lived
 * objects (a watcher, a server) may have getters of their own state; no stage, cache or pipeline code may.
 */
function hiddenReads(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  for (const file of walk(join(root, 'src'))) {
    const path = relative(root, file).split('\\').join('/');
    if (path.startsWith('src/serve/')) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const at = () => `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) found.push(`${at()}: an accessor (${node.name.getText()})`);
      if (ts.isPropertyAccessExpression(node) && node.expression.getText() === 'Object' && ['defineProperty', 'defineProperties', 'setPrototypeOf', 'create'].includes(node.name.text)) found.push(`${at()}: Object.${node.name.text}`);
      if (ts.isNewExpression(node) && node.expression.getText() === 'Proxy') found.push(`${at()}: a Proxy`);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('plain data between the stages', () => {
  it('has no getter, defined property, swapped prototype or Proxy outside serve/', () => {
    const found = hiddenReads(process.env.ARCH_ROOT || join(import.meta.dirname, '..'));
    expect(found, `${found.join('\n')}\n(data that stages read must be plain: ask for what is expensive through an explicit call)`).toEqual([]);
  });
});

describe('the graph helpers', () => {
  const mod = (source: string, ...to: string[]) => ({
    source,
    dependencies: to.map((t) => ({ resolved: t.replace(/^T:/, ''), coreModule: false, dependencyTypes: t.startsWith('T:') ? ['type-only'] : ['local'] })),
  });

  it('find a cycle of units through files that form no module cycle', () => {
    const modules = [mod('src/a/x.ts', 'src/b.ts'), mod('src/b.ts', 'src/a/y.ts'), mod('src/a/y.ts'), mod('src/c.ts', 'src/b.ts')];
    expect(cycles(graphOf(modules as never))).toEqual([]);
    expect(cycles(graphOf(modules as never, unitOf))).toEqual([['a/', 'b.ts']]);
  });

  it('count a package once per importing module, @types type-only imports aside', () => {
    const modules = [
      mod('src/a.ts', 'node_modules/yaml/dist/index.js', 'T:node_modules/@types/hast/index.d.ts', 'node_modules/@scope/p/i.js'),
      mod('src/b.ts', 'node_modules/yaml/dist/other.js', 'T:node_modules/@types/hast/index.d.ts', 'T:node_modules/@scope/p/i.d.ts'),
    ];
    expect(sharedPackages(modules as never)).toEqual([
      { name: '@scope/p', modules: ['src/a.ts', 'src/b.ts'] },
      { name: 'yaml', modules: ['src/a.ts', 'src/b.ts'] },
    ]);
  });
});
