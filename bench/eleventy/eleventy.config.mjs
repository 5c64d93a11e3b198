/**
 * Eleventy peer site for the bantin benchmark. run.mjs copies ./site into a work folder, hard-links the
 * corpus's content/ into it and runs Eleventy with --input pointing there.
 */
import { slugify } from '../generate.mjs';

const PAGE_SIZE = 20;

function isArticle(item) {
  return /(^|\/)content\/\d{4}\/[^/]+\.md$/.test(item.inputPath);
}

function byNewest(a, b) {
  return b.date - a.date || (a.fileSlug < b.fileSlug ? -1 : a.fileSlug > b.fileSlug ? 1 : 0);
}

/** Pages of one listing per term: [{ term, items, pageNumber, totalPages, url }]. */
function termPages(articles, prefix, termsOf) {
  const byTerm = new Map();
  for (const item of articles) {
    for (const term of termsOf(item.data)) {
      if (!byTerm.has(term)) byTerm.set(term, []);
      byTerm.get(term).push(item);
    }
  }
  const pages = [];
  for (const [term, items] of byTerm) {
    const base = `/${prefix}/${slugify(term)}/`;
    const totalPages = Math.ceil(items.length / PAGE_SIZE);
    for (let n = 0; n < totalPages; n++) {
      pages.push({
        term,
        items: items.slice(n * PAGE_SIZE, (n + 1) * PAGE_SIZE),
        pageNumber: n + 1,
        totalPages,
        base,
        url: n === 0 ? base : `${base}page/${n + 1}/`,
      });
    }
  }
  return pages;
}

export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  // Note: Hugo's goldmark and bantin's remark-gfm both autolink bare URLs; markdown-it needs linkify for that.
  eleventyConfig.amendLibrary('md', (md) => md.set({ linkify: true }));

  // Note: not memoised; Eleventy calls collection functions more than once while templates are still loading.
  const sortedArticles = (api) => api.getAll().filter(isArticle).sort(byNewest);

  eleventyConfig.addCollection('articles', (api) => sortedArticles(api));
  eleventyConfig.addCollection('tagPages', (api) => termPages(sortedArticles(api), 'tags', (d) => d.tags ?? []));
  eleventyConfig.addCollection('provincePages', (api) =>
    termPages(sortedArticles(api), 'province', (d) => (d.province ? [d.province] : [])),
  );
  eleventyConfig.addFilter('isoDate', (date) => new Date(date).toISOString());
  eleventyConfig.addFilter('day', (date) => new Date(date).toISOString().slice(0, 10));
  eleventyConfig.addFilter('slug', (text) => slugify(String(text)));

  return {
    templateFormats: ['md', 'njk'],
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
  };
}
