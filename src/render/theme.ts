/**
 * The theme: LiquidJS templates from `templates/`, every output HTML-escaped unless a template
 * says `| raw`, strict about unknown variables and filters, errors placed at template and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { IncludeTag, LayoutTag, Liquid, RenderTag, type Context, type Emitter, type TagToken, type Template } from 'liquidjs';
import { error, type Diagnostic } from '../messages.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { menuState, type MenuItem } from './menus.js';
import type { Urls } from './urls.js';

/** Filters the theme's templates may use, supplied by the renderer. */
export type Filters = Record<string, (...args: any[]) => unknown>;

/** A loaded theme: parsed templates ready to render. */
export interface Theme {
  /** Renders a template by name (e.g. `article`), or returns the diagnostic of its failure. */
  render(name: string, data: Record<string, unknown>): string | Diagnostic;
  has(name: string): boolean;
  /** Static files shipped with the theme (`templates/assets/**`), relative to `templates/`. */
  assets: string[];
  /** The folder the templates were loaded from. */
  dir: string;
}

/** Time one page may take to render (LiquidJS `renderLimit`), a last resort after the limits below. */
const RENDER_LIMIT_MS = 10_000;
/**
 * Items and characters a page's loops and filters may make (LiquidJS `memoryLimit`, which counts
 * ranges, arrays and strings those make, not bytes): far above any real page, far below what fills
 * memory (a `(1..100000000)` loop stops before it starts).
 */
export const MEMORY_LIMIT = 20_000_000;
/** Includes, renders and layouts nested deeper than this are a loop: a partial that includes itself. */
export const MAX_NESTING = 50;

/** Thrown by an include nested past `MAX_NESTING`: the names of the includes, outermost first. */
class IncludeLoop extends Error {
  constructor(readonly chain: string[]) {
    super('include loop');
  }
}

// Note: the three share `render(ctx, emitter)`'s shape; typed as one so they can be extended alike.
type TagClass = typeof IncludeTag;

/**
 * The tag `Base` counting how deeply it is nested (in `stack`, shared by the engine's nesting tags):
 * past `MAX_NESTING` it throws at once, instead of rendering on until the time limit.
 */
function nestingGuard(Base: TagClass, stack: string[]): TagClass {
  return class extends Base {
    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const name = (this.token as TagToken).args.trim().split(/\s/)[0] ?? '';
      if (stack.length >= MAX_NESTING) throw new IncludeLoop([...stack, name]);
      stack.push(name);
      try {
        yield* super.render(ctx, emitter) as Generator<unknown, void, unknown>;
      } finally {
        stack.pop();
      }
    }
  };
}

/** The filters bantin gives every theme: `relative_url` and `absolute_url`. */
export function urlFilters(urls: Urls): Filters {
  const home = urls.relative('/');
  return {
    relative_url: (path: string) => urls.relative(String(path)),
    absolute_url: (path: string) => urls.absolute(String(path)),
    /** `{% assign state = item | menu_state: page.url %}`: `page`, `trail` or empty (see `menuState`). */
    menu_state: (item: MenuItem, current: string) => menuState(item, String(current), home),
  };
}

/** The default theme shipped with bantin, used by a site that has no `templates/` folder. */
export const DEFAULT_THEME = join(PACKAGE_ROOT, 'templates');

function listFiles(dir: string, base = dir): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full, base));
    else if (e.isFile()) out.push(relative(base, full).split('\\').join('/'));
  }
  return out.sort();
}

/** Loads and parses every template; syntax errors are reported together. */
export function loadTheme(root: string, filters: Filters): { theme: Theme; diagnostics: Diagnostic[] } {
  const dir = existsSync(join(root, 'templates')) ? join(root, 'templates') : DEFAULT_THEME;
  const engine = new Liquid({
    root: [dir],
    partials: [join(dir, 'partials')],
    layouts: [join(dir, 'layouts')],
    extname: '.liquid',
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: 'escape',
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    cache: true,
  });
  // Note: renderSync runs one page at a time on this thread, so one stack serves every page.
  const nesting: string[] = [];
  engine.registerTag('include', nestingGuard(IncludeTag, nesting));
  engine.registerTag('render', nestingGuard(RenderTag as unknown as TagClass, nesting));
  engine.registerTag('layout', nestingGuard(LayoutTag as unknown as TagClass, nesting));
  for (const [name, fn] of Object.entries(filters)) engine.registerFilter(name, fn);
  const files = listFiles(dir);
  const sources = new Map<string, string>();
  const parsed = new Map<string, Template[]>();
  const diagnostics: Diagnostic[] = [];
  for (const file of files.filter((f) => f.endsWith('.liquid'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    sources.set(source, `templates/${file}`);
    try {
      const templates = engine.parse(source, join(dir, file));
      if (!file.includes('/')) parsed.set(file.replace(/\.liquid$/, ''), templates);
    } catch (e) {
      diagnostics.push(templateDiagnostic(e, dir, sources, `templates/${file}`));
    }
  }
  const theme: Theme = {
    has: (name) => parsed.has(name),
    assets: files.filter((f) => f.startsWith('assets/')),
    dir,
    render(name, data) {
      const templates = parsed.get(name);
      if (!templates) return error(`templates/${name}.liquid`, undefined, 'template-missing', `template "${name}.liquid" is missing; add it to templates/`);
      nesting.length = 0;
      try {
        return engine.renderSync(templates, data) as string;
      } catch (e) {
        return templateDiagnostic(e, dir, sources, `templates/${name}.liquid`);
      }
    },
  };
  return { theme, diagnostics };
}

/** Rules of the template errors that stop a build's rendering at once (see `renderSite`). */
export const TEMPLATE_LIMIT_RULES: ReadonlySet<string> = new Set(['template-recursion', 'template-limit']);

/** The loop in an include chain, e.g. `"a" → "b" → "a"`: from the first name that comes again to its return. */
function loopOf(chain: readonly string[]): string {
  for (let end = 1; end < chain.length; end++) {
    const start = chain.indexOf(chain[end]!);
    if (start < end) return chain.slice(start, end + 1).join(' → ');
  }
  return chain.join(' → ');
}

function templateDiagnostic(e: unknown, dir: string, sources: Map<string, string>, fallback: string): Diagnostic {
  const err = e as { message?: string; originalError?: unknown; token?: { file?: string; input?: string; getPosition?: () => [number, number] } };
  const token = err.token;
  // Note: LiquidJS leaves `file` unset for render-time errors; the token still holds the template text.
  const file = token?.file
    ? `templates/${relative(dir, token.file).split('\\').join('/')}`
    : (token?.input !== undefined ? sources.get(token.input) : undefined) ?? fallback;
  const [line, column] = token?.getPosition?.() ?? [1, 1];
  const raw = (err.message ?? String(e)).replace(/, file:.*$/s, '').replace(/, line:\d+, col:\d+$/, '');
  const place = { line, column };
  if (err.originalError instanceof IncludeLoop) {
    const loop = loopOf(err.originalError.chain);
    return error(file, place, 'template-recursion', `includes nested over ${MAX_NESTING} deep, in a loop: ${loop}; a partial includes itself, directly or through others, so remove the include that leads back`);
  }
  if (/memory alloc limit/.test(raw)) {
    return error(file, place, 'template-limit', `a loop or filter here makes over ${MEMORY_LIMIT.toLocaleString('en')} items or characters for one page; make the loop smaller or the list shorter`);
  }
  if (/render limit/.test(raw)) {
    return error(file, place, 'template-limit', `one page takes over ${RENDER_LIMIT_MS / 1000} s to render here; make the loop smaller`);
  }
  if (/call stack/.test(raw)) {
    return error(file, place, 'template-recursion', 'templates are nested too deeply to render; check for an include or render loop');
  }
  return error(file, place, 'template-error', `${raw}; fix the template`);
}
