/** Types of scripts/architecture-graph.mjs, for the architecture test. */
import type { ICruiseResult, IModule } from 'dependency-cruiser';

/** The repo the script belongs to. */
export const REPO: string;
/** Cruises `root`/src with the repo's rules; returns the result. */
export function cruiseTree(root?: string): Promise<ICruiseResult>;
/** The unit of a src/ path: `render/` or `config.ts`; null outside src/. */
export function unitOf(path: string): string | null;
/** Strongly connected components of more than one node, each sorted. */
export function cycles(graph: Map<string, Iterable<string>>): string[][];
/** The graph of src/ modules, each mapped by `key`. */
export function graphOf(modules: IModule[], key?: (path: string) => string | null): Map<string, Set<string>>;
/** The npm package a resolved path belongs to, or null. */
export function packageOf(resolved: string): string | null;
/** Each npm package imported by more than one module of src/, with those modules. */
export function sharedPackages(modules: IModule[]): { name: string; modules: string[] }[];
