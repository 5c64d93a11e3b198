/** Article pages: /YYYY/MM/slug/ from the front matter date (UTC) and slug (else the file name). */
const pad = (n) => String(n).padStart(2, '0');

export default {
  layout: 'article.njk',
  eleventyComputed: {
    permalink: (data) => {
      const date = data.page.date;
      return `/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${data.slug ?? data.page.fileSlug}/`;
    },
  },
};
