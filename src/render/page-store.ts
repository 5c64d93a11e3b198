/**
 * What the render stage asks of a store of earlier builds' pages (the build cache hands it one; a
 * build without a cache renders every page). Declared here, by the stage that uses it.
 */
import type { Reference } from '../types.js';

/** The template name under which files without a template (feeds, the sitemap) are keyed. */
export const FILE = '(file)';

/** Returned by `PageStore.reuse` when the previous output file is the page and can be kept as it is. */
export const KEEP = Symbol('keep');

/** Resolves an internal reference to the URL it has in this build (see `resolveReferences`). */
export type ReferenceLookup = (kind: Reference['kind'], target: string) => string | null;

/** Pages kept between builds, by output path, with the keys that say whether they still hold. */
export interface PageStore {
  /**
   * Starts the render stage: `templatesDir` is fingerprinted with what each template includes;
   * `shared` is the key of what all pages share.
   */
  beginRender(templatesDir: string, shared: string): void;
  /**
   * The HTML of a page whose template and data are unchanged since it was last rendered, `KEEP`
   * when the previous output file is that page, or undefined (render it, then `store` it). `key`
   * is the page's data, made only when `parts` (or `sameParts`: its parts are known to be the
   * last build's) do not show the page unchanged.
   */
  reuse(output: string, template: string, key: () => unknown, lookup: ReferenceLookup, parts?: () => string, sameParts?: boolean): string | typeof KEEP | undefined;
  /** Remembers a freshly rendered page under the key `reuse` made for it. */
  store(output: string, html: string): void;
  /**
   * A digest of every output path the last render claimed, when none of them collided (set by the
   * render stage): a render whose paths have the same digest need not claim them one by one. Null
   * when unknown or when the last render refused one.
   */
  claimed: string | null;
}
