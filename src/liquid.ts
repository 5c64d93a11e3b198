/**
 * LiquidJS, set up as bantin's templates use it: every output HTML-escaped unless a template says
 * `| raw`, limits on time, memory and nesting, and errors placed at template and line. The theme's
 * pages (`render/theme.ts`) and the shortcodes of article bodies (`shortcodes.ts`) both use it.
 */
import { relative } from 'node:path';
import { IncludeTag, LayoutTag, Liquid, RenderTag, type Context, type Emitter, type TagToken } from 'liquidjs';
import { error, type Diagnostic } from './messages.js';

export type { Template } from 'liquidjs';

/** Filters templates may use, supplied by their caller. */
export type Filters = Record<string, (...args: any[]) => unknown>;

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

/** An engine for the templates under `dir`, with bantin's escaping, limits and include-loop guard. */
export function createEngine(dir: string, filters: Filters, options: { strictVariables: boolean; partials?: string; layouts?: string; templates?: Record<string, string> }): Liquid {
  const engine = new Liquid({
    // Note: in-memory templates (the shortcodes', which travel with the config) are all an include may name.
    ...(options.templates ? { templates: options.templates } : {}),
    root: [dir],
    partials: [options.partials ?? dir],
    layouts: [options.layouts ?? dir],
    extname: '.liquid',
    strictVariables: options.strictVariables,
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
  return engine;
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

export function templateDiagnostic(e: unknown, dir: string, sources: Map<string, string>, fallback: string): Diagnostic {
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
