/** Pages: which HTML files the site has, and the data each template gets. */
import type { ArticleMeta } from '../types.js';
import { articleView, siteView, type RenderContext } from './views.js';

/** A page to render: the template, its data and who asked for it (for collision messages). */
export interface PagePlan {
  /** Output path below the output folder, e.g. `2020/02/x/index.html`. */
  output: string;
  template: string;
  /** The file this page comes from (an article's path, or the template for listings). */
  owner: string;
  data: () => Record<string, unknown>;
}

/** The page of one article; `html` is its body with references already resolved. */
export function articlePage(a: ArticleMeta, html: () => string, ctx: RenderContext): PagePlan {
  return {
    output: a.output,
    template: 'article',
    owner: a.sourcePath,
    data: () => ({
      site: siteView(ctx),
      t: ctx.strings,
      page: { kind: 'article', title: a.title, description: a.summary ?? '', url: ctx.urls.relative(a.url), canonical: ctx.urls.absolute(a.url) },
      article: { ...articleView(a, ctx), body: html() },
    }),
  };
}

/** One page of a paginated listing of articles. */
export function listingPages(
  opts: { path: string; title: string; template: string; owner: string; kind: string; extra?: Record<string, unknown> },
  articles: readonly ArticleMeta[],
  ctx: RenderContext,
): PagePlan[] {
  const size = ctx.config.pageSize;
  const total = Math.max(1, Math.ceil(articles.length / size));
  const plans: PagePlan[] = [];
  for (let n = 1; n <= total; n++) {
    const path = ctx.urls.page(opts.path, n);
    plans.push({
      output: `${path.slice(1)}index.html`,
      template: opts.template,
      owner: opts.owner,
      data: () => ({
        site: siteView(ctx),
        t: ctx.strings,
        page: {
          kind: opts.kind,
          title: n > 1 ? `${opts.title} – ${ctx.strings.page} ${n}` : opts.title,
          description: ctx.config.description,
          url: ctx.urls.relative(path),
          canonical: ctx.urls.absolute(path),
        },
        listing: {
          ...opts.extra,
          title: opts.title,
          entries: articles.slice((n - 1) * size, n * size).map((a) => articleView(a, ctx)),
          count: articles.length,
          pagination: {
            current: n,
            total,
            previous: n > 1 ? ctx.urls.relative(ctx.urls.page(opts.path, n - 1)) : null,
            next: n < total ? ctx.urls.relative(ctx.urls.page(opts.path, n + 1)) : null,
            pages: Array.from({ length: total }, (_, i) => ({
              number: i + 1,
              url: ctx.urls.relative(ctx.urls.page(opts.path, i + 1)),
              current: i + 1 === n,
            })),
          },
        },
      }),
    });
  }
  return plans;
}
