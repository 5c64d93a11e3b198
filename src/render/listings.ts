/**
 * Listing pages: home, one per section (its template is required), one page per taxonomy term (tags, provinces, any configured field) with an
 * index per taxonomy, year and month archives with their index, and the 404 page. A page whose
 * template the theme does not have is left out, so a minimal theme still builds.
 */
import { collatorFor, type ArchiveYear, type Term } from '../collect.js';
import { provinces } from '../vietnamese/provinces.js';
import { fill, formatDate, formatMonth } from '../locale.js';
import { newestDocuments } from './documents.js';
import { atomPath } from './feeds.js';
import { lastChange, listingPages, singlePage, type PagePlan } from './pages.js';
import { searchPath } from './search.js';
import { articleView, taxonomyLabel, type RenderContext } from './views.js';

/** Plans every listing page of the site; `has` tells whether the theme has a template. */
export function planListings(ctx: RenderContext, has: (template: string) => boolean): PagePlan[] {
  const { site, config, urls, strings } = ctx;
  const pick = (indexes: readonly number[]) => indexes.map((i) => site.articles[i]!);
  // Note: each listing page's newest change (for the sitemap) is read from one array, not from the
  // twenty articles of each page: 75,000 reads of objects spread over the heap at 10,000 articles.
  const changes = site.articles.map(lastChange);
  const epochs = Float64Array.from(changes, (c) => c.epoch);
  const newestIn = (indexes: readonly number[]) => (from: number, to: number) => {
    let best = -1;
    for (let k = from; k < Math.min(to, indexes.length); k++) {
      const i = indexes[k]!;
      if (best < 0 || epochs[i]! > epochs[best]!) best = i;
    }
    return best < 0 ? null : changes[best]!.iso;
  };
  const all = site.articles.map((_, i) => i);
  const newest = newestIn(all)(0, all.length);
  // Note: the front page shows the newest articles of each section that asks for it (`home`), above the latest of all.
  const newDocs = newestDocuments(ctx, config.documents.home);
  const blocks = site.sections.flatMap(({ declared, ...section }) => {
    const articles = pick(section.articles.slice(0, declared.home));
    return articles.length ? [{ declared, articles }] : [];
  });
  const plans: PagePlan[] = listingPages(
    {
      path: '/',
      title: config.title,
      template: 'index',
      owner: 'templates/index.liquid',
      kind: 'home',
      feed: site.articles.length ? atomPath('/') : null,
      extra: {
        sections: blocks.map(({ declared, articles }) => ({ id: declared.id, title: declared.title, url: urls.relative(urls.section(declared.path)), entries: articles.map((a) => articleView(a, ctx)) })),
        documents: newDocs ? { title: newDocs.title, url: newDocs.url, entries: newDocs.entries } : null,
      },
      also: [...blocks.flatMap((b) => b.articles), ...(newDocs?.metas ?? [])],
    },
    site.articles,
    ctx,
    newestIn(all),
  );

  for (const { declared, ...section } of site.sections) {
    if (declared.kind === 'documents') continue;
    const path = urls.section(declared.path);
    plans.push(
      ...listingPages(
        {
          path,
          title: declared.title,
          template: declared.template,
          owner: declared.file,
          kind: 'section',
          feed: declared.feed && section.articles.length ? atomPath(path) : null,
          extra: { section: { id: declared.id, title: declared.title, url: urls.relative(path) } },
          ...(declared.pageSize ? { pageSize: declared.pageSize } : {}),
        },
        pick(section.articles),
        ctx,
        newestIn(section.articles),
      ),
    );
  }

  for (const [taxonomy, terms] of Object.entries(site.taxonomies)) {
    if (terms.length === 0) continue;
    const label = taxonomyLabel(taxonomy, strings);
    if (has('terms')) {
      plans.push(
        singlePage(
          { path: urls.taxonomy(taxonomy), title: label, template: 'terms', owner: 'templates/terms.liquid', kind: 'terms', lastmod: newest },
          () => ({ taxonomy: { name: taxonomy, label, terms: terms.map((t) => termEntry(taxonomy, t, ctx)) } }),
          ctx,
        ),
      );
    }
    if (!has('term')) continue;
    for (const term of terms) {
      const path = urls.term(taxonomy, term.slug);
      plans.push(
        ...listingPages(
          {
            path,
            title: term.name,
            template: 'term',
            owner: 'templates/term.liquid',
            kind: 'term',
            feed: atomPath(path),
            extra: {
              taxonomy: { name: taxonomy, label, url: urls.relative(urls.taxonomy(taxonomy)) },
              province: taxonomy === 'province' ? provinceView(term, ctx) : null,
              section_filters: sectionFilters(term.articles, SEARCH_FILTERS[taxonomy] ? { [SEARCH_FILTERS[taxonomy]]: term.name } : null, ctx),
            },
          },
          pick(term.articles),
          ctx,
          newestIn(term.articles),
        ),
      );
    }
  }

  if (site.articles.length && has('archives')) {
    plans.push(
      singlePage(
        { path: urls.archives, title: strings.archives, template: 'archives', owner: 'templates/archives.liquid', kind: 'archives', lastmod: newest },
        () => ({ archives: site.archives.map((y) => archiveEntry(y, ctx)) }),
        ctx,
      ),
    );
  }
  if (has('archive')) {
    const archive = { url: urls.relative(urls.archives), title: strings.archives };
    for (const y of site.archives) {
      const title = fill(strings.yearFormat, { year: String(y.year) });
      const extra = { archive, section_filters: sectionFilters(y.articles, { year: String(y.year) }, ctx) };
      plans.push(...listingPages({ path: urls.archive(y.year), title, template: 'archive', owner: 'templates/archive.liquid', kind: 'archive', extra }, pick(y.articles), ctx, newestIn(y.articles)));
      for (const m of y.months) {
        const monthTitle = formatMonth(y.year, m.month, strings);
        plans.push(
          ...listingPages(
            {
              path: urls.archive(y.year, m.month),
              title: monthTitle,
              template: 'archive',
              owner: 'templates/archive.liquid',
              kind: 'archive',
              extra: { archive, section_filters: sectionFilters(m.articles, { month: `${y.year}-${String(m.month).padStart(2, '0')}` }, ctx) },
            },
            pick(m.articles),
            ctx,
            newestIn(m.articles),
          ),
        );
      }
    }
  }

  if (has('404')) {
    plans.push(singlePage({ path: '/404.html', output: '404.html', title: strings.notFoundTitle, template: '404', owner: 'templates/404.liquid', kind: 'not-found' }, () => ({}), ctx));
  }
  return plans;
}

/** The search filter each taxonomy's values are in (see `searchRecords`): tags and provinces. */
const SEARCH_FILTERS: Record<string, string> = { tags: 'tag', province: 'province' };

/**
 * Links that show a listing's articles of one section (a tag's, a year's): the search page with the
 * listing's filter and the section's. None without sections, without search or without `filter`.
 */
function sectionFilters(indexes: readonly number[], filter: Record<string, string> | null, ctx: RenderContext) {
  const { site, config, urls } = ctx;
  const search = searchPath(ctx);
  if (!site.sections.length || !search || !filter) return [];
  const counts = new Map<string, number>();
  for (const i of indexes) {
    const section = site.articles[i]!.section;
    if (section !== null) counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  return config.sections.flatMap((x) => {
    const count = counts.get(x.id);
    if (!count) return [];
    const query = new URLSearchParams({ ...filter, section: x.title });
    return [{ title: x.title, count, url: `${urls.relative(search)}?${query.toString().replace(/\+/g, '%20')}` }];
  });
}

/** A term as an index lists it. */
function termEntry(taxonomy: string, term: Term, ctx: RenderContext) {
  const province = taxonomy === 'province' ? provinces().bySlug.get(term.slug) : undefined;
  const into = province?.mergedInto ? termLink('province', province.mergedInto, ctx) : null;
  return {
    name: term.name,
    url: ctx.urls.relative(ctx.urls.term(taxonomy, term.slug)),
    count: term.articles.length,
    former: province ? !province.current : false,
    merged_into: into,
  };
}

/** Name and page of a term; the page is null when the term has no articles (and so no page). */
function termLink(taxonomy: string, slug: string, ctx: RenderContext): { name: string; url: string | null } {
  const term = ctx.site.taxonomies[taxonomy]?.find((t) => t.slug === slug);
  const name = term?.name ?? provinces().bySlug.get(slug)?.name ?? slug;
  return { name, url: term ? ctx.urls.relative(ctx.urls.term(taxonomy, slug)) : null };
}

/** What a province page says about mergers: the unit a former province is now part of, or a current unit's former provinces. */
function provinceView(term: Term, ctx: RenderContext) {
  const { strings } = ctx;
  const province = provinces().bySlug.get(term.slug);
  if (!province) return { current: true, merger: null, formers: [], formers_title: '' };
  let merger = null;
  if (province.mergedInto && province.mergedOn) {
    const [year, month, day] = province.mergedOn.split('-').map(Number) as [number, number, number];
    const date = fill(strings.shortDateFormat, { day: String(day), month: String(month), year: String(year), monthName: strings.months[month - 1]! });
    const sentence = fill(strings.mergedInto, { date, name: term.name });
    const at = sentence.indexOf('{target}');
    merger = {
      before: at >= 0 ? sentence.slice(0, at) : `${sentence} `,
      target: termLink('province', province.mergedInto, ctx),
      after: at >= 0 ? sentence.slice(at + '{target}'.length) : '',
      date: province.mergedOn,
      date_display: formatDate({ year, month, day }, strings),
    };
  }
  const formers = province.formers
    .map((slug) => termLink('province', slug, ctx))
    .filter((f): f is { name: string; url: string } => f.url !== null)
    .sort((a, b) => collatorFor(ctx.config.language).compare(a.name, b.name));
  return { current: province.current, merger, formers, formers_title: fill(strings.formerProvinces, { name: term.name }) };
}

/** A year as the archive index lists it, with its months. */
function archiveEntry(y: ArchiveYear, ctx: RenderContext) {
  const { urls, strings } = ctx;
  return {
    title: fill(strings.yearFormat, { year: String(y.year) }),
    url: urls.relative(urls.archive(y.year)),
    count: y.articles.length,
    months: y.months.map((m) => ({
      title: formatMonth(y.year, m.month, strings),
      url: urls.relative(urls.archive(y.year, m.month)),
      count: m.articles.length,
    })),
  };
}

