/**
 * The theme: LiquidJS templates from `templates/`, every output HTML-escaped unless a template
 * says `| raw`, strict about unknown variables and filters, errors placed at template and line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createEngine, templateDiagnostic, type Filters, type Template } from '../liquid.js';
import { error, type Diagnostic } from '../messages.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { menuState, type MenuItem } from './menus.js';
import type { Urls } from './urls.js';

export type { Filters } from '../liquid.js';
export { TEMPLATE_LIMIT_RULES } from '../liquid.js';

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

/**
 * The folder of a site's theme: its `templates/`, or the default theme when it has none, or when its
 * `templates/` holds nothing but shortcodes (`templates/shortcodes/`: a site with the default theme
 * and shortcodes of its own).
 */
export function themeDir(root: string): string {
  const own = join(root, 'templates');
  if (!existsSync(own)) return DEFAULT_THEME;
  return listFiles(own).some((f) => !f.startsWith('shortcodes/')) ? own : DEFAULT_THEME;
}

/** Loads and parses every template; syntax errors are reported together. */
export function loadTheme(root: string, filters: Filters, shortcodes: Record<string, string> = {}): { theme: Theme; diagnostics: Diagnostic[] } {
  const dir = themeDir(root);
  const engine = createEngine(dir, filters, { strictVariables: true, partials: join(dir, 'partials'), layouts: join(dir, 'layouts') });
  const files = listFiles(dir);
  const sources = new Map<string, string>();
  const parsed = new Map<string, Template[]>();
  const diagnostics: Diagnostic[] = [];
  // Note: the shortcodes' templates are the config's (see `config.shortcodeTemplates`), checked there.
  for (const file of files.filter((f) => f.endsWith('.liquid') && !f.startsWith('shortcodes/'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    sources.set(source, `templates/${file}`);
    try {
      const templates = engine.parse(source, join(dir, file));
      if (!file.includes('/')) parsed.set(file.replace(/\.liquid$/, ''), templates);
    } catch (e) {
      diagnostics.push(templateDiagnostic(e, dir, sources, `templates/${file}`));
    }
  }
  // Note: the shortcodes' templates (the site's, or the default theme's) are checked here, once.
  const shortcodeEngine = Object.keys(shortcodes).length ? createEngine(dir, {}, { strictVariables: false }) : null;
  for (const [name, source] of Object.entries(shortcodes)) {
    const label = `templates/shortcodes/${name}.liquid`;
    try {
      shortcodeEngine!.parse(source);
    } catch (e) {
      diagnostics.push(templateDiagnostic(e, dir, new Map([[source, label]]), label));
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

