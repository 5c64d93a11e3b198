/** The search page: a form that works as a link without JavaScript, and the data its script reads. */
import { FOLD_MODULE, FOLDED_MARKER, INDEX_FOLDER } from '../search/records.js';
import { singlePage, type PagePlan } from './pages.js';
import type { RenderContext } from './views.js';

/** Site path of the search page, e.g. `/tim-kiem/`; null when search is off. */
export function searchPath(ctx: Pick<RenderContext, 'config'>): string | null {
  return ctx.config.search.enabled ? `/${ctx.config.search.path}/` : null;
}

/** The search page's plan, when search is on and the theme has a `search` template. */
export function planSearch(ctx: RenderContext, has: (template: string) => boolean): PagePlan[] {
  const path = searchPath(ctx);
  if (!path || !has('search')) return [];
  const { urls, strings } = ctx;
  const texts = {
    results: strings.searchResults,
    resultOne: strings.searchResultOne,
    none: strings.searchNone,
    loading: strings.searchLoading,
    more: strings.searchMore,
    unavailable: strings.searchUnavailable,
    filters: strings.searchFilters,
    all: strings.allTerms,
    province: strings.province,
    tag: strings.tag,
    year: strings.searchYear,
  };
  return [
    singlePage(
      { path, title: strings.search, template: 'search', owner: 'templates/search.liquid', kind: 'search' },
      () => ({
        search: {
          action: urls.relative(path),
          bundle: urls.relative(`/${INDEX_FOLDER}/`),
          base: urls.relative('/'),
          script: urls.shared('/assets/search.js'),
          stylesheet: urls.shared('/assets/search.css'),
          fold: urls.relative(`/${FOLD_MODULE}`),
          marker: FOLDED_MARKER,
          strings: JSON.stringify(texts),
          lang: strings.lang,
        },
      }),
      ctx,
    ),
  ];
}
