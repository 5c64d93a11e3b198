/**
 * Whether an output path is safe to write: inside the output, portable to every file system the
 * site may be copied to. Both the render stage (as it claims paths) and the writers ask.
 */

const UNSAFE_SEGMENT = /[<>:"\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

// Note: each output path is checked as the render stage claims it and again as the writer writes
// or keeps it, build after build in `serve`: a path found safe is remembered.
const safePaths = new Set<string>();

/** Why an output path is unsafe (escapes the output, is not portable), or null when it is fine. */
export function unsafeOutputPath(path: string): string | null {
  if (safePaths.has(path)) return null;
  const problem = outputPathProblem(path);
  if (problem === null) {
    if (safePaths.size > 1_000_000) safePaths.clear();
    safePaths.add(path);
  }
  return problem;
}

/**
 * A path of word characters and hyphens, its segments joined by `/` and inner dots (no empty, `.`,
 * `..` or dot-ended segment): safe unless a segment is a reserved device name. Note: checking this
 * first took the check of 13,700 article and listing paths from ~28 to ~5 ms.
 */
const PLAIN_PATH = /^[\w-]+(?:\.[\w-]+)*(?:\/[\w-]+(?:\.[\w-]+)*)*$/;
const RESERVED_SEGMENT = /(?:^|\/)(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:[./]|$)/i;

function outputPathProblem(path: string): string | null {
  if (path.length <= 255 && PLAIN_PATH.test(path) && !RESERVED_SEGMENT.test(path)) return null;
  if (!path || path.startsWith('/') || path.includes('\\')) return 'is absolute or uses \\';
  for (const segment of path.split('/')) {
    if (!segment || segment === '.' || segment === '..') return 'has an empty, "." or ".." segment';
    if (UNSAFE_SEGMENT.test(segment)) return `has a segment "${segment}" that is not a portable file name`;
    if (Buffer.byteLength(segment) > 255) return 'has a segment over 255 bytes';
  }
  return null;
}
