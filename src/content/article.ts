/**
 * The per-article stage: bytes → text → front matter → checked fields → Markdown → article.
 * A pure function of the file's path, bytes and the config, so it can run in a worker and be
 * cached by content hash.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { contentRelative, type SectionConfig, type SiteConfig } from '../config.js';
import { fileLinkOf, isSafeExternalUrl, resolveReference } from '../links.js';
import { error, hasErrors, warning, type Diagnostic, type Place } from '../messages.js';
import { slugify } from '../vietnamese/slugs.js';
import type { Alias, Attachment, FileLink } from '../types.js';
import type { SiteDate } from '../vietnamese/dates.js';
import { provinceNameIn, provinces, unknownProvinceMessage } from '../vietnamese/provinces.js';
import { FOCUS_POSITIONS } from './photo-focus.js';
import { processDocument } from './document.js';
import { bodyParts, fieldReader, readCitations, readFrontMatter, renderBody, translationOf, type ArticleResult } from './fields.js';

export type { ArticleResult } from './fields.js';

/** Processes one article file. `sourcePath` is relative to the site root (`content/…`). */
export function processArticle(sourcePath: string, bytes: Uint8Array, config: SiteConfig): ArticleResult {
  const diagnostics: Diagnostic[] = [];
  const fail = (place: Place | undefined, rule: string, message: string): ArticleResult => {
    diagnostics.push(error(sourcePath, place, rule, message));
    return { article: null, diagnostics };
  };
  const fm = readFrontMatter(sourcePath, bytes, config, diagnostics);
  if (!fm) return { article: null, diagnostics };
  const reader = fieldReader(sourcePath, fm, config, diagnostics);
  const { data, key, placeOf, report, text, list, missingAt, dateOf } = reader;
  const section = sectionOf(sourcePath, config);
  if (section === undefined) {
    const parts = contentRelative(config, sourcePath).split('/');
    const folder = parts.length > 1 ? `${config.contentDir}${parts[0]}/` : `${config.contentDir} itself`;
    const ids = config.sections.map((x) => `${config.contentDir}${x.id}/`).join(', ');
    return fail({ line: 1, column: 1 }, 'unknown-section', `this article is in ${folder}, which is no section of the site; move it into a section's folder (${ids}) or add the section to sections: in the config`);
  }
  if (section?.kind === 'documents') return processDocument(sourcePath, bytes, fm, reader, section, config, diagnostics);
  for (const field of [...config.required, ...(section?.required ?? []).filter((f) => !config.required.includes(f))]) {
    const value = data[key(field)];
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
    if (empty) {
      diagnostics.push(error(sourcePath, missingAt(field), 'missing-field', `missing ${key(field)}; add "${key(field)}: …" to the front matter`));
    }
  }

  const title = text('title');
  if (config.compatibility === 'eleventy' && data.eleventyExcludeFromCollections === true) {
    diagnostics.push(warning(sourcePath, placeOf('eleventyExcludeFromCollections'), 'compat-unread', `eleventyExcludeFromCollections is not read: bantin lists every article; to keep this one out of the listings and feeds, make it a page (move it to ${config.contentDir}pages/)`));
  }
  if (!title && !config.required.includes('title') && !hasErrors(diagnostics)) {
    diagnostics.push(error(sourcePath, missingAt('title'), 'missing-field', `missing ${key('title')}; add "${key('title')}: …" to the front matter`));
  }
  const date = dateOf('date');
  const updated = dateOf('updated');
  const expires = dateOf('expires');
  if (date && updated && updated.epoch < date.epoch) {
    diagnostics.push(warning(sourcePath, placeOf('updated'), 'updated-before-date', `${key('updated')} ${updated.date} is before ${key('date')} ${date.date}; an article is updated after it is published, so check both`));
  }
  if (!date && !config.required.includes('date') && data[key('date')] == null) {
    diagnostics.push(error(sourcePath, missingAt('date'), 'missing-field', `missing ${key('date')}; add "${key('date')}: YYYY-MM-DD" to the front matter`));
  }

  let province: string | null = null;
  let provinceName = text('province');
  if (provinceName) {
    if (config.provinces === 'strict') {
      const found = provinces().resolve(provinceName);
      if (found) {
        province = found.slug;
        provinceName = provinceNameIn(found.slug, config.language) ?? found.name;
      } else {
        report('province', 'unknown-province', unknownProvinceMessage(provinceName));
      }
    } else {
      province = slugify(provinceName) || null;
      if (!province) diagnostics.push(warning(sourcePath, placeOf('province'), 'empty-term', `${key('province')} "${provinceName}" has no letters or digits to make a page from, so the article has no province; write the province's name`));
    }
  }

  const terms: Record<string, string[]> = {};
  const termPlaces: Record<string, Place> = {};
  for (const taxonomy of config.taxonomies) {
    const field = key(taxonomy);
    if (field in data) termPlaces[taxonomy] = fm.placeOf(field)!;
    if (taxonomy === 'province') continue;
    terms[taxonomy] = list(field).filter((value) => {
      if (slugify(value)) return true;
      diagnostics.push(warning(sourcePath, fm.placeOf(field), 'empty-term', `${field} "${value}" has no letters or digits to make a page from, so it is left out; write a word or remove it`));
      return false;
    });
  }

  const source = text('source');
  const slugText = text('slug');
  const slug = slugify(slugText ?? title ?? '');
  if (title && !slug) {
    report(slugText ? 'slug' : 'title', 'empty-slug', 'no letters or digits to make a URL from; add "slug: ten-bai-viet"');
  }

  const fileLinks: FileLink[] = [];
  const asset = (field: string, value: string | null) => {
    if (!value) return null;
    const ref = resolveReference(value, sourcePath, placeOf(field) ?? { line: 1, column: 1 });
    if (!ref && !isSafeExternalUrl(value)) {
      report(field, 'unsafe-url', `${key(field)} "${value}" is neither a file beside the article nor an http(s) URL; write a file name such as anh.jpg or an https:// address`);
      return null;
    }
    const link = ref && fileLinkOf(ref);
    if (link) fileLinks.push(link);
    return ref ? { src: ref.placeholder, target: ref.target } : { src: value, target: value };
  };
  const image = asset('image', text('image'));
  const attachments = readAttachments(data[key('attachments')], sourcePath, placeOf('attachments'), diagnostics, fileLinks, (i) => fm.placeIn([key('attachments'), i, 'file']));
  const aliases = readAliases(list(key('aliases')), data[key('aliases')], fm.itemPlacesOf(key('aliases')));
  const citations = readCitations(reader, fm, 'documents');

  const draftValue = data[key('draft')];
  if (draftValue !== undefined && typeof draftValue !== 'boolean') report('draft', 'field-type', 'draft must be true or false');

  const summary = text('summary');
  const author = text('author');
  const category = text('category');
  const caption = text('image_caption');
  const alt = text('image_alt');
  const focus = text('image_focus');
  if (focus !== null && !(focus in FOCUS_POSITIONS)) report('image_focus', 'field-type', `${key('image_focus')} "${focus}" is not a place in the photo; write one of ${Object.keys(FOCUS_POSITIONS).join(', ')}`);
  if (image && !alt) diagnostics.push(warning(sourcePath, placeOf('image') ?? { line: 1, column: 1 }, 'missing-alt', `the lead photo "${text('image')}" has no alt text; add ${key('image_alt')}: with what it shows, e.g. ${key('image_alt')}: Lễ khởi công cầu Kênh Vàng (Thông tư 32/2017/TT-BTTTT asks for it; ${key('image_caption')} does not stand for it)`));
  if (hasErrors(diagnostics) || !title || !date || !slug) return { article: null, diagnostics };

  const body = renderBody(fm, sourcePath, config, diagnostics);
  if (!body) return { article: null, diagnostics };

  const url = ownPermalink(reader, config, diagnostics, sourcePath) ?? permalink(config.permalink, { date, slug, province: province ?? 'chung', section: section?.path ?? '' });
  return {
    article: {
      sourcePath,
      hash: createHash('sha256').update(bytes).digest('hex'),
      title,
      summary,
      date,
      updated,
      expires,
      datePlaces: { date: placeOf('date') ?? { line: 1, column: 1 }, updated: updated ? placeOf('updated') ?? null : null },
      section: section?.id ?? null,
      province,
      provinceName: province ? provinceName : null,
      source,
      sourceUrl: source ? sourceLink(source) : null,
      author,
      category,
      terms,
      termPlaces,
      slug,
      url,
      output: `${url.slice(1)}index.html`,
      draft: draftValue === true,
      image: image ? { ...image, caption, alt, focus, place: placeOf('image') ?? { line: 1, column: 1 } } : null,
      attachments,
      aliases,
      document: null,
      translation: translationOf(reader.text('translation'), placeOf('translation')),
      citations,
      ...bodyParts(body, fileLinks),
    },
    diagnostics,
  };
}

/**
 * The section of an article: the one whose id is the article's first folder under `content/`; null
 * when the config declares no sections, undefined when the folder is no section's.
 */
export function sectionOf(sourcePath: string, config: SiteConfig): SectionConfig | null | undefined {
  if (!config.sections.length) return null;
  const parts = contentRelative(config, sourcePath).split('/');
  return parts.length > 1 ? config.sections.find((x) => x.id === parts[0]) : undefined;
}

/**
 * The URL a Jekyll or Eleventy post gives itself (`permalink: /about/`; `/about.html` is `/about/`);
 * null for one that gives none, or one made of Liquid or tokens, which bantin does not run (a
 * warning: the site's permalink is used).
 */
function ownPermalink(reader: ReturnType<typeof fieldReader>, config: SiteConfig, diagnostics: Diagnostic[], sourcePath: string): string | null {
  if (config.compatibility !== 'jekyll' && config.compatibility !== 'eleventy') return null;
  const value = reader.text('permalink');
  if (!value) return null;
  // Note: Jekyll reads a permalink without its first slash as one from the root.
  const path = `/${value.trim().replace(/^\/+/, '')}`.replace(/(?:\/index)?\.html?$/i, '/');
  if (/^\/[\p{L}\p{N}\/._~-]*$/u.test(path) && !path.split('/').some((part) => part === '..' || part === '.')) return posix.normalize(`${path}/`).replace(/\/+/g, '/');
  diagnostics.push(warning(sourcePath, reader.placeOf('permalink'), 'permalink-ignored', `permalink "${value}" is made of template code or tokens, which bantin does not run, so the site's permalink (${config.permalink}) is used; write the path itself, such as /about/`));
  return null;
}

/** Expands a permalink pattern such as `/:year/:month/:slug/`. */
export function permalink(pattern: string, parts: { date: SiteDate; slug: string; province: string; section?: string }): string {
  const path = pattern
    .replace(/:section/g, parts.section ?? '')
    .replace(/:year/g, String(parts.date.year))
    .replace(/:month/g, String(parts.date.month).padStart(2, '0'))
    .replace(/:day/g, String(parts.date.day).padStart(2, '0'))
    .replace(/:slug/g, parts.slug)
    .replace(/:province/g, parts.province);
  const clean = posix.normalize(`/${path}/`).replace(/\/+/g, '/');
  return clean;
}

/** A link for a source: a URL as is, a bare domain (`bacgiang.gov.vn`) as https. */
export function sourceLink(source: string): string | null {
  if (/^https?:\/\/[^\s<>"]+$/i.test(source)) return source;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/[^\s<>"]*)?$/i.test(source)) return `https://${source}`;
  return null;
}

/** The aliases of an article, each with the place of its item (the key's, for a comma-separated text). */
function readAliases(values: readonly string[], raw: unknown, places: readonly Place[]): Alias[] {
  const out: Alias[] = [];
  const itemPlaces = Array.isArray(raw) ? raw.flatMap((x, i) => (String(x).trim() ? [places[i]!] : [])) : [];
  values.forEach((value, i) => {
    const path = normalizeAlias(value);
    if (path !== null) out.push({ path, place: itemPlaces[i] ?? places[0]! });
  });
  return out;
}

function normalizeAlias(alias: string): string | null {
  let path = alias.trim();
  try {
    path = new URL(path).pathname;
  } catch {
    // a site path, not a full URL
  }
  if (!path.startsWith('/')) path = `/${path}`;
  const clean = posix.normalize(path);
  return clean === '/' || clean.includes('\0') ? null : clean;
}

function readAttachments(
  value: unknown,
  sourcePath: string,
  place: Place | undefined,
  diagnostics: Diagnostic[],
  fileLinks: FileLink[],
  fileAt: (index: number) => Place | undefined,
): Attachment[] {
  if (value === undefined || value === null) return [];
  const bad = () => {
    diagnostics.push(error(sourcePath, place, 'attachment', 'attachments must be a list of {title, file, number}; e.g. "- {title: Quyết định, file: qd.pdf}"'));
    return [];
  };
  if (!Array.isArray(value)) return bad();
  const out: Attachment[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'object' || item === null || typeof item.title !== 'string' || typeof item.file !== 'string') return bad();
    const ref = resolveReference(item.file, sourcePath, fileAt(index) ?? place ?? { line: 1, column: 1 });
    if (!ref && !isSafeExternalUrl(item.file)) {
      diagnostics.push(error(sourcePath, place, 'unsafe-url', `attachment file "${item.file}" is neither a file beside the article nor an http(s) URL; write a file name such as anh.jpg or an https:// address`));
      continue;
    }
    const link = ref && fileLinkOf(ref);
    if (link) fileLinks.push(link);
    out.push({
      title: item.title.trim(),
      href: ref ? ref.placeholder : item.file,
      target: ref ? ref.target : item.file,
      number: item.number == null ? null : String(item.number).trim(),
    });
  }
  return out;
}
