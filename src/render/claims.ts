/**
 * Output claims: every output path of a build (pages, aliases, listings, feeds, the sitemap, search
 * files, theme assets, `static/` and content files) is claimed once, and no output is a folder of
 * another (`atom.xml` as a file and `atom.xml/x.html` cannot both be written). A collision is one
 * `[duplicate-output]` error, at an alias's line when one of the two is an alias.
 */
import { error, type Diagnostic, type Place } from '../messages.js';
import { unsafeOutputPath } from '../output-path.js';

/** Who writes an output: the file it comes from, and where in it when that is known (an alias). */
export interface Claimant {
  file: string;
  place?: Place;
  /** How to fix a collision from this side; the default suits an article page. */
  fix?: string;
}

interface Claim {
  owner: Claimant;
  path: string;
}

// Note: the marker and its journal (write.ts) tell bantin's own folders from others; an output
// named so would make a user's file look like one of them.
const MARKER_PREFIX = '.bantin-output';
const MARKERS = "bantin's own marker files (.bantin-output…)";
const DEFAULT_FIX = 'give one of them another slug or date';

/** Claims output paths, adding a diagnostic to `diagnostics` for each one refused. */
export function outputClaims(diagnostics: Diagnostic[]) {
  const files = new Map<string, Claim>();
  // Note: a folder maps to the first output written inside it.
  const folders = new Map<string, Claim>();
  const keptFolders = new Map<string, string>();

  const collide = (mine: Claim, theirs: Claim) => {
    // Note: a collision is told once, at an alias when either is one (the likely mistake), else at the later output.
    const [reporter, other] = theirs.owner.place && !mine.owner.place ? [theirs, mine] : [mine, theirs];
    const who = reporter.owner;
    const rival = other.owner.place ? `${other.owner.file}:${other.owner.place.line}` : other.owner.file;
    const [p, q] = [reporter.path, other.path];
    const how = p === q
      ? `writes ${p}, as does ${rival}`
      : q.startsWith(`${p}/`)
        ? `writes ${p} as a file, where ${rival} writes ${q} inside a folder ${p}`
        : `writes ${p}, inside ${q}, which ${rival} writes as a file`;
    diagnostics.push(error(who.file, who.place, 'duplicate-output', `${how}; ${who.fix ?? DEFAULT_FIX}`));
  };

  /** Claims `output` for `owner`; false (with a diagnostic) when it is unsafe or taken, as a file or a folder. */
  const claim = (output: string, owner: Claimant): boolean => {
    const problem = unsafeOutputPath(output);
    if (problem !== null) {
      diagnostics.push(error(owner.file, owner.place, 'unsafe-output-path', `output path "${output}" ${problem}; change the slug or permalink`));
      return false;
    }
    const mine: Claim = { owner, path: output };
    const kept = output.startsWith(MARKER_PREFIX) ? MARKERS : keptFolders.size ? keptFolderOf(output) : undefined;
    if (kept !== undefined) {
      diagnostics.push(error(owner.file, owner.place, 'duplicate-output', `writes ${output}, where only ${kept} may be written; ${owner.fix ?? DEFAULT_FIX}`));
      return false;
    }
    let taken = files.get(output) ?? folders.get(output);
    // Note: the folders `output` needs that no claim has yet, walking up to the first claimed one
    // (whose own folders are claimed too; files and folders never share a path); a file claimed
    // where one of them must be (`a/b` for `a/b/c.html`) takes the path.
    const needed: string[] = [];
    for (let end = output.lastIndexOf('/'); !taken && end > 0; end = output.lastIndexOf('/', end - 1)) {
      const folder = output.slice(0, end);
      if (folders.has(folder)) break;
      taken = files.get(folder);
      needed.push(folder);
    }
    if (taken) {
      collide(mine, taken);
      return false;
    }
    files.set(output, mine);
    for (const folder of needed) folders.set(folder, mine);
    return true;
  };

  /** What a kept folder `output` is in (or is) is kept for, if any. */
  const keptFolderOf = (output: string): string | undefined => {
    for (let end = output.indexOf('/'); ; end = output.indexOf('/', end + 1)) {
      const kept = keptFolders.get(end === -1 ? output : output.slice(0, end));
      if (kept !== undefined || end === -1) return kept;
    }
  };

  /** Keeps `path` for what bantin writes itself, described as `name`: a file, or with `folder` everything in it. */
  const reserve = (path: string, name: string, folder = false) => {
    if (folder) keptFolders.set(path, name);
    else claim(path, { file: name });
  };

  return { claim, reserve };
}
