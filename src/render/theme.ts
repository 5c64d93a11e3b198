/**
 * The theme: LiquidJS templates from `templates/`, every output HTML-escaped unless a template
 * says `| raw`, strict about unknown variables and filters, errors placed at template and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Liquid, type Template } from 'liquidjs';
import { error, type Diagnostic } from '../messages.js';
import { PACKAGE_ROOT } from '../package-root.js';
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

const RENDER_LIMIT_MS = 10_000;

/** The filters bantin gives every theme: `relative_url` and `absolute_url`. */
export function urlFilters(urls: Urls): Filters {
  return {
    relative_url: (path: string) => urls.relative(String(path)),
    absolute_url: (path: string) => urls.absolute(String(path)),
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
    cache: true,
  });
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
      try {
        return engine.renderSync(templates, data) as string;
      } catch (e) {
        return templateDiagnostic(e, dir, sources, `templates/${name}.liquid`);
      }
    },
  };
  return { theme, diagnostics };
}

function templateDiagnostic(e: unknown, dir: string, sources: Map<string, string>, fallback: string): Diagnostic {
  const err = e as { message?: string; token?: { file?: string; input?: string; getPosition?: () => [number, number] } };
  const token = err.token;
  // Note: LiquidJS leaves `file` unset for render-time errors; the token still holds the template text.
  const file = token?.file
    ? `templates/${relative(dir, token.file).split('\\').join('/')}`
    : (token?.input !== undefined ? sources.get(token.input) : undefined) ?? fallback;
  const [line, column] = token?.getPosition?.() ?? [1, 1];
  const raw = (err.message ?? String(e)).replace(/, file:.*$/s, '').replace(/, line:\d+, col:\d+$/, '');
  const message = /render limit|call stack/.test(raw)
    ? 'template takes too long or includes itself; check for an include or render loop'
    : `${raw}; fix the template`;
  return error(file, { line, column }, 'template-error', message);
}
