/** `bantin init`: a new site folder with example articles, the default theme, config, CI and package.json. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Io } from '../messages.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { slugify } from '../vietnamese/slugs.js';
import { VERSION } from '../version.js';

/** Languages a new site can start in. */
export const INIT_LANGUAGES = ['vi', 'en'] as const;

/** What `bantin init` is asked to do. */
export interface InitOptions {
  /** The new site's folder; created when missing. */
  dir: string;
  language: (typeof INIT_LANGUAGES)[number];
  /** Write into a non-empty folder, replacing files of the same names. */
  force: boolean;
}

// Note: both folders ship in the npm package ("files").
const SCAFFOLD = join(PACKAGE_ROOT, 'scaffold');
const THEME = join(PACKAGE_ROOT, 'templates');

/** Entries that do not make a folder "non-empty" (a fresh `git init` may come first). */
const IGNORED_ENTRIES = new Set(['.git']);

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    );
}

/** The tarball `npm pack` makes in a checkout of bantin. */
export const PACKED_NAME = `bantin-${VERSION}.tgz`;

/**
 * Where a new site gets bantin from: the registry (`^0.1.0`) when bantin runs from an installed
 * package, or the tarball `npm pack` made in the checkout it runs from (`file:../bantin/bantin-0.1.0.tgz`),
 * as the package is not on the registry yet. Note: a checkout is told by its `src/`, which the
 * package does not ship.
 */
export function bantinDependency(siteDir: string, packageRoot = PACKAGE_ROOT): { spec: string; packed?: string } {
  if (!existsSync(join(packageRoot, 'src', 'cli.ts'))) return { spec: `^${VERSION}` };
  const packed = join(packageRoot, PACKED_NAME);
  const path = relative(resolve(siteDir), packed).split(sep).join('/');
  return { spec: `file:${path.startsWith('.') ? path : `./${path}`}`, packed };
}

/** The `package.json` of a new site: bantin as its dependency, scripts for the three everyday commands. */
export function sitePackageJson(name: string, dependency = `^${VERSION}`): string {
  const pkg = {
    name,
    private: true,
    description: 'A bulletin site built with bantin',
    scripts: { build: 'bantin build', serve: 'bantin serve', check: 'bantin check' },
    dependencies: { bantin: dependency },
    engines: { node: '>=20.19' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Every file of a new site: its path in the site → its contents. */
export function scaffoldFiles(options: Pick<InitOptions, 'dir' | 'language'>): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  const localized = join(SCAFFOLD, options.language);
  for (const path of listFiles(localized)) files.set(path, readFileSync(join(localized, path)));
  for (const path of listFiles(THEME)) files.set(`templates/${path}`, readFileSync(join(THEME, path)));
  // Note: stored without the leading dot: npm leaves `.gitignore` out of published packages.
  files.set('.gitignore', readFileSync(join(SCAFFOLD, 'common/gitignore')));
  files.set('.github/workflows/site.yml', readFileSync(join(SCAFFOLD, 'common/site.yml')));
  files.set('package.json', sitePackageJson(slugify(basename(resolve(options.dir))) || 'ban-tin', bantinDependency(options.dir).spec));
  return files;
}

function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Creates the site; returns the exit code (1 when the folder is not empty and `--force` was not given). */
export function runInit(options: InitOptions, io: Io): number {
  const dir = resolve(options.dir);
  const shown = relative(process.cwd(), dir) || '.';
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    io.err(`bantin init: ${shown} is a file, not a folder; name a new or empty folder`);
    return 1;
  }
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => !IGNORED_ENTRIES.has(name)).sort() : [];
  if (present.length && !options.force) {
    const some = present.slice(0, 5).join(', ') + (present.length > 5 ? `, … (${present.length} entries)` : '');
    io.err(
      `bantin init: ${shown} is not empty (${some}); choose a new or empty folder, ` +
        'or add --force to write the new site into it (files with the same names are replaced)',
    );
    return 1;
  }
  const files = scaffoldFiles({ dir, language: options.language });
  let replaced = 0;
  for (const [path, content] of files) {
    const target = join(dir, path);
    if (existsSync(target)) replaced++;
    mkdirSync(dirname(target), { recursive: true });
    // Note: 'wx' refuses to replace a file that appeared since the emptiness check.
    writeFileSync(target, content, { flag: options.force ? 'w' : 'wx' });
  }
  io.out(
    `Created a bantin site in ${shown} (${files.size} files, language: ${options.language}` +
      `${replaced ? `, ${replaced} replaced` : ''}).\n\nNext:`,
  );
  const next = shown === '.' ? ['npm install', 'npm run build', 'npm run serve'] : [`cd ${shellWord(shown)}`, 'npm install', 'npm run serve'];
  for (const command of next) io.out(`  ${command}`);
  const { spec, packed } = bantinDependency(dir);
  if (packed) {
    const made = existsSync(packed) ? '' : `; make it first: \`npm pack\` in ${relative(process.cwd(), dirname(packed)) || '.'}`;
    io.out(`\nbantin runs from a checkout, so the site depends on the tarball npm pack makes there (${spec})${made}`);
  }
  return 0;
}
