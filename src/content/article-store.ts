/**
 * What the article stage asks of a store of earlier builds' results (the build cache hands it
 * one; a build without a cache has none and parses every file). Declared here, by the stage that
 * uses it, so the stage never knows which store it is given.
 */
import type { Diagnostic } from '../messages.js';
import type { ArticleMeta } from '../types.js';
import type { ArticleResult } from './article.js';

/** An article stage result as a store keeps it: the article without its body, which `ArticleStore.body` reads. */
export interface StoredResult {
  article: ArticleMeta | null;
  diagnostics: Diagnostic[];
}

/** Results of the article stage kept between builds, by source path and content hash. */
export interface ArticleStore {
  /** The content hash of a source file, and its bytes when they had to be read to make it. */
  hashSource(root: string, path: string): { hash: string; bytes?: Buffer };
  /** The result an earlier build made of the source at `path` when its bytes hashed to `hash`. */
  find(path: string, hash: string): StoredResult | undefined;
  /** Keeps the result this build made of a source; returns it as the store holds it. */
  keep(path: string, hash: string, result: ArticleResult): StoredResult;
  /** The body HTML (with reference placeholders) or plain text of an article this store returned. */
  body(article: ArticleMeta, part: 'html' | 'text'): string;
}
