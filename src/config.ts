/** Site config: `bantin.config.yaml` (or `.yml` / `.json`) parsed, checked and given defaults. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { folderOverlap } from './folders.js';
import { PACKAGE_ROOT } from './package-root.js';
import { isTimeZone } from './vietnamese/dates.js';
import { editDistance } from './vietnamese/provinces.js';
import { en } from './locales/en.js';
import { vi } from './locales/vi.js';
import { error, flagError, type Diagnostic, type Place } from './messages.js';
import { parseYaml } from './yaml.js';

/** The issuing agency, shown in the header, footer and structured data. */
export interface Agency {
  name: string;
  address: string;
  phone: string;
  email: string;
  url: string;
}

/**
 * An item of a menu (`menus:`), as the config writes it: a page (`page:`, its path below
 * `content/pages/`), a section (`section:`, its id) or an address (`url:`, a site path or an http(s) URL), with child items one level
 * deep. Checked against the site's pages and outputs when the site is rendered (see `render/menus.ts`).
 */
export interface MenuItemConfig {
  title: string | null;
  page: string | null;
  /** The id of a section (`section: thong-bao`): its listing. */
  section: string | null;
  url: string | null;
  children: MenuItemConfig[];
  /** Where the item is in the config file, for messages about its target. */
  file: string;
  place: Place | undefined;
}

/**
 * A section of the site (`sections:`): the articles under `content/<id>/`, with their own listing
 * at `/<path>/` and feeds, and fields they must have besides the site's `required`.
 */
export interface SectionConfig {
  id: string;
  /** `articles` (dated bulletins) or `documents` (the registry of official documents, see `content/document.ts`). */
  kind: 'articles' | 'documents';
  title: string;
  /** URL segment of its listing (`/tin-tuc/`); default: the id. */
  path: string;
  /** How many of its newest articles the front page shows (0: none). */
  home: number;
  /** Articles per listing page; default: the site's `pageSize`. */
  pageSize: number | null;
  /** Template of its listing pages; default `section`. */
  template: string;
  /** Fields its articles must have besides the site's `required`. */
  required: string[];
  /** Whether it has Atom and JSON feeds of its own. */
  feed: boolean;
  /** Where the section is in the config file, for messages about it. */
  file: string;
  place: Place | undefined;
}

/** Everything that shapes a build, with defaults filled in. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute URL ending in `/`; its path is the subpath every link starts with. */
  baseUrl: string;
  /** This language's code (`vi`, `en`): the theme's strings, dates and sorting are this language's. */
  language: string;
  /**
   * The site's languages, the default first; one for a site without `languages:`. Each has its URL
   * prefix and the keys it sets itself (see `configForLanguage`).
   */
  languages: SiteLanguage[];
  /** Where this language's content is: `content/`, or `content/en/` for a language other than the default. */
  contentDir: string;
  timeZone: string;
  permalink: string;
  pageSize: number;
  required: string[];
  taxonomies: string[];
  /** `strict`: a province must be known (did-you-mean otherwise); `off`: any text. */
  provinces: 'strict' | 'off';
  /** Front-matter key to read for each standard field, e.g. `{ tags: topics }`. */
  fields: Record<string, string>;
  agency: Agency;
  allowHtml: boolean;
  maxArticleBytes: number;
  segments: { tags: string; provinces: string; page: string };
  strings: Record<string, string>;
  /** The search page and its index: `path` is the page's URL segment (`/tim-kiem/`). */
  search: { enabled: boolean; path: string };
  /** Folder of the build cache, relative to the root. */
  cacheDir: string;
  /** File types (extensions, lower case) that a published article may link to under `content/`. */
  assetTypes: string[];
  /** Menus by name (`main`, `footer`, any a template asks for). */
  menus: Record<string, MenuItemConfig[]>;
  /** The site's sections, in their order; none: one stream of articles, as before sections. */
  sections: SectionConfig[];
  /** The document registry's settings (a section of kind `documents`). */
  documents: DocumentsConfig;
  /** How photos are published (see `src/photos/`). */
  images: ImagesConfig;
  /**
   * The generator whose content this site was written for (`hugo`, `jekyll`, `eleventy`), read as
   * that generator reads it where the meaning is clear (see `content/compatibility.ts`); null: bantin's own.
   */
  compatibility: Compatibility;
  /** What bodies' shortcodes and template tags do that no template renders, or whose `ref` reaches nothing (see `shortcodes.ts`). */
  shortcodes: ShortcodesConfig;
  /**
   * The shortcodes' templates by name (`figure`: the text of `templates/shortcodes/figure.liquid`,
   * the site's or else the default theme's), loaded with the config: articles render with them.
   */
  shortcodeTemplates: Record<string, string>;
}

/** `shortcodes:` in the config. */
export interface ShortcodesConfig {
  /** A shortcode with no template: an `error`, or `drop`: a warning, and the page shows what it encloses only. */
  unknown: 'error' | 'drop';
  /** A `ref` (or `relref`, `post_url`, `link`) to no article: an `error`, or a `warning` and a link to nothing. */
  missingRef: 'error' | 'warning';
}

/** Generators whose content bantin reads as they do (`compatibility:`). */
export const COMPATIBILITIES = ['hugo', 'jekyll', 'eleventy'] as const;
export type Compatibility = (typeof COMPATIBILITIES)[number] | null;

/** A language of a multilingual site (`languages:`), as the config gives it. */
export interface SiteLanguage {
  /** A language the theme has strings for (`vi`, `en`). */
  code: string;
  /** The URL segment its pages are under (`en`: `/en/`); empty for the default language. */
  prefix: string;
  /** The keys this language sets itself (`title`, `menus`, `sections`, …), checked like the top-level ones. */
  own: Partial<SiteConfig>;
  file: string;
  place: Place | undefined;
}

/** Keys a language of `languages:` may set for itself; the others are the site's. */
export const LANGUAGE_KEYS = ['title', 'description', 'timeZone', 'permalink', 'pageSize', 'required', 'taxonomies', 'menus', 'sections', 'strings', 'agency', 'search', 'segments'] as const;

/** `images:` in the config: the sizes and formats every published photo is made in. */
export interface ImagesConfig {
  /** Widths in pixels each photo is made in (never wider than the photo), ascending. */
  widths: number[];
  /** Whether AVIF is made too, beside WebP and the photo's own format (slow to encode: off by default). */
  avif: boolean;
  /** Encoder quality, 1–100 (JPEG, WebP, AVIF). */
  quality: number;
  /** The `sizes` attribute of a photo in an article's body: how wide the theme shows it. */
  sizes: string;
  /** Whether the original file is published too (its metadata removed, as every output's). */
  publishOriginal: boolean;
  /** Most pixels (width × height) a photo may have; a larger one is refused before it is decoded. */
  maxPixels: number;
}

/** What the default theme's reading column shows a body photo at: 46rem less its padding, or the phone's width. */
export const DEFAULT_IMAGE_SIZES = '(min-width: 48rem) 44rem, calc(100vw - 2rem)';

/** `documents:` in the config: what the registry adds to Decree 30/2020's types. */
export interface DocumentsConfig {
  /** Types besides the built-in ones (`data/document-types.json`), e.g. `{ name: Công báo, abbr: CB }`. */
  types: { name: string; abbr: string | null }[];
  /** Issuing bodies by the abbreviation their numbers carry (`UBND: Ủy ban nhân dân tỉnh Bắc Ninh`): the issuer of a document that names none. */
  issuers: Record<string, string>;
  /** File types a document's `files` may be (extensions, lower case). */
  fileTypes: string[];
  /** How many of the newest documents the front page lists ("Văn bản mới"; 0: none). */
  home: number;
  /** Whether the registry is published as open data (`documents.json`, `documents.csv`). */
  openData: boolean;
}

/** What a document's `files` may be: PDF, Word, Excel and OpenDocument text and sheets. */
export const DEFAULT_DOCUMENT_FILE_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'odt', 'ods'];

/** Names the config file may have, in the order they are looked for. */
export const CONFIG_FILES = ['bantin.config.yaml', 'bantin.config.yml', 'bantin.config.json'];

/** Standard front-matter fields an article may have. */
export const ARTICLE_FIELDS = [
  'title', 'date', 'updated', 'province', 'source', 'summary', 'tags', 'author', 'category', 'slug',
  'draft', 'image', 'image_caption', 'image_alt', 'image_focus', 'attachments', 'aliases', 'documents', 'translation', 'expires',
];

/** Photos and office documents: what a bulletin links to from an article. */
export const DEFAULT_ASSET_TYPES = [
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'avif',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'txt', 'csv', 'zip',
] as const;

/**
 * Types a browser runs as a page or script on the site's own origin (markup, SVG, scripts): never
 * published from `content/`, even when listed in `assetTypes` (a trusted one goes in `static/`).
 */
const ACTIVE_TYPES = ['htm', 'html', 'shtml', 'xht', 'xhtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'xslt', 'js', 'mjs', 'cjs', 'wasm', 'swf'];

/** Defaults suited to a Vietnamese provincial bulletin. */
export function defaultConfig(): SiteConfig {
  return {
    title: 'Bản tin',
    description: '',
    baseUrl: 'https://example.gov.vn/',
    language: 'vi',
    languages: [{ code: 'vi', prefix: '', own: {}, file: '', place: undefined }],
    contentDir: 'content/',
    timeZone: 'Asia/Ho_Chi_Minh',
    permalink: '/:year/:month/:slug/',
    pageSize: 20,
    required: ['title', 'date', 'province', 'source'],
    taxonomies: ['tags', 'province'],
    provinces: 'strict',
    fields: {},
    agency: { name: '', address: '', phone: '', email: '', url: '' },
    allowHtml: false,
    maxArticleBytes: 1_000_000,
    segments: { tags: 'tags', provinces: 'provinces', page: 'page' },
    strings: {},
    search: { enabled: true, path: 'tim-kiem' },
    cacheDir: '.bantin-cache',
    assetTypes: [...DEFAULT_ASSET_TYPES],
    menus: {},
    sections: [],
    documents: { types: [], issuers: {}, fileTypes: [...DEFAULT_DOCUMENT_FILE_TYPES], home: 5, openData: true },
    images: { widths: [480, 960, 1600], avif: false, quality: 78, sizes: DEFAULT_IMAGE_SIZES, publishOriginal: false, maxPixels: 50_000_000 },
    compatibility: null,
    shortcodes: { unknown: 'error', missingRef: 'error' },
    shortcodeTemplates: {},
  };
}

type Check = (value: unknown) => string | null;

const isString: Check = (v) => (typeof v === 'string' ? null : 'must be text');
const isBool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const isPositiveInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? null : 'must be a whole number above 0');
const isStringList: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'must be a list of text values';
const oneOf =
  (...options: string[]): Check =>
  (v) => (typeof v === 'string' && options.includes(v) ? null : `must be one of ${options.join(', ')}`);
const isSegment: Check = (v) =>
  typeof v === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(v) ? null : 'must be a URL segment of a-z, 0-9 and -';
const isUrl: Check = (v) => {
  if (typeof v !== 'string') return 'must be text';
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must start with http:// or https://';
  } catch {
    return 'must be an absolute URL such as https://example.gov.vn/';
  }
};
const isPermalink: Check = (v) =>
  typeof v === 'string' && v.startsWith('/') && v.includes(':slug') && !/\.\.|\\/.test(v)
    ? null
    : 'must start with / and contain :slug (tokens: :year :month :day :slug :province :section)';
const isTimeZoneName: Check = (v) =>
  typeof v === 'string' && isTimeZone(v) ? null : 'must be an IANA time zone such as Asia/Ho_Chi_Minh';

function recordOf(keys: Record<string, Check> | null, valueCheck: Check): Check {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be a mapping of keys to values';
    for (const [k, x] of Object.entries(v)) {
      if (keys && !(k in keys)) return `has an unknown key "${k}" (known: ${Object.keys(keys).join(', ')})`;
      const problem = (keys?.[k] ?? valueCheck)(x);
      if (problem) return `.${k} ${problem}`;
    }
    return null;
  };
}

/** The languages the theme has strings for (`src/locales/`). */
export const THEME_LANGUAGES = ['vi', 'en'];

/** Config keys a site owner writes (`contentDir` is made from `languages`). */
type ConfigKey = Exclude<keyof SiteConfig, 'contentDir' | 'shortcodeTemplates'>;

const SCHEMA: Record<ConfigKey, Check> = {
  title: isString,
  description: isString,
  baseUrl: isUrl,
  language: oneOf(...THEME_LANGUAGES),
  languages: (v) => (Array.isArray(v) && v.length > 0 ? null : 'must be a list of languages, the default first, e.g. - { code: vi } - { code: en, title: … }'),
  timeZone: isTimeZoneName,
  permalink: isPermalink,
  pageSize: isPositiveInt,
  required: isStringList,
  taxonomies: isStringList,
  provinces: oneOf('strict', 'off'),
  fields: recordOf(
    Object.fromEntries(ARTICLE_FIELDS.map((f) => [f, isString])),
    isString,
  ),
  agency: recordOf({ name: isString, address: isString, phone: isString, email: isString, url: isString }, isString),
  allowHtml: isBool,
  maxArticleBytes: isPositiveInt,
  segments: recordOf({ tags: isSegment, provinces: isSegment, page: isSegment }, isSegment),
  strings: recordOf(null, isString),
  cacheDir: (v) => (typeof v === 'string' && v && !v.startsWith('/') && !v.split('/').includes('..') && v !== '.' ? null : 'must be a folder inside the site, such as .bantin-cache'),
  search: recordOf({ enabled: isBool, path: isSegment }, isString),
  sections: (v) => (Array.isArray(v) ? null : 'must be a list of sections, e.g. - { id: tin-tuc, title: Tin tức }'),
  documents: recordOf(
    {
      types: (v) =>
        Array.isArray(v) && v.every((t) => isPlainObject(t) && typeof t.name === 'string' && t.name.trim() && (t.abbr === undefined || t.abbr === null || (typeof t.abbr === 'string' && /^[\p{L}\p{N}]+$/u.test(t.abbr))) && Object.keys(t).every((k) => k === 'name' || k === 'abbr'))
          ? null
          : 'must be a list of { name, abbr } (abbr: the letters its numbers carry, e.g. { name: Công báo, abbr: CB })',
      issuers: recordOf(null, (v) => (typeof v === 'string' && v.trim() ? null : 'must be the issuing body\'s name')),
      fileTypes: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[a-z0-9]+$/.test(x)) ? null : 'must be a list of file types in lower case without the dot, such as [pdf, docx]'),
      home: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be a whole number, 0 or more'),
      openData: isBool,
    },
    isString,
  ),
  images: recordOf(
    {
      widths: (v) => (Array.isArray(v) && v.length > 0 && v.length <= 8 && v.every((x) => Number.isInteger(x) && x >= 16 && x <= 8192) ? null : 'must be a list of 1 to 8 widths in pixels, each from 16 to 8192, such as [480, 960, 1600]'),
      avif: isBool,
      quality: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100 ? null : 'must be a whole number from 1 to 100'),
      sizes: (v) => (typeof v === 'string' && v.trim() && !/[<>"]/.test(v) ? null : 'must be a sizes attribute such as "(min-width: 48rem) 44rem, 100vw"'),
      publishOriginal: isBool,
      maxPixels: (v) => (Number.isInteger(v) && (v as number) >= 1_000_000 && (v as number) <= 1_000_000_000 ? null : 'must be a whole number of pixels from 1000000 to 1000000000'),
    },
    isString,
  ),
  shortcodes: recordOf({ unknown: oneOf('error', 'drop'), missingRef: oneOf('error', 'warning') }, isString),
  compatibility: (v) => (v === null || (typeof v === 'string' && (COMPATIBILITIES as readonly string[]).includes(v)) ? null : `must be one of ${COMPATIBILITIES.join(', ')}: the generator the content was written for`),
  menus: (v) => {
    if (!isPlainObject(v)) return 'must be a mapping of menu names to lists of items, e.g. main: [{ title: Liên hệ, page: lien-he.md }]';
    for (const name of Object.keys(v)) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) return `has a menu named "${name}"; name menus with a-z, 0-9 and _, such as main or footer`;
    }
    return null;
  },
  assetTypes: (v) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && /^[a-z0-9]+$/.test(x))) {
      return 'must be a list of file types in lower case without the dot, such as [jpg, png, pdf]';
    }
    const active = v.find((x) => ACTIVE_TYPES.includes(x as string));
    return active ? `may not list "${active}": such a file can run scripts on the site; put a file you trust in static/ instead` : null;
  },
};

/**
 * Every key a config may have, as the docs name them: `title`, `images.widths`, `sections[].id`,
 * `menus.<name>[].page`, `languages[].prefix` (test/docs-site.test.ts checks the Config page names each).
 */
export function configKeyPaths(): string[] {
  const defaults = defaultConfig() as unknown as Record<string, unknown>;
  const nested = ['agency', 'segments', 'search', 'documents', 'images', 'shortcodes'];
  return [
    ...Object.keys(SCHEMA).flatMap((key) => [key, ...(nested.includes(key) ? Object.keys(defaults[key] as object).map((k) => `${key}.${k}`) : [])]),
    ...Object.keys(SECTION_KEYS).map((k) => `sections[].${k}`),
    ...MENU_ITEM_KEYS.map((k) => `menus.<name>[].${k}`),
    ...LANGUAGE_ENTRY_KEYS.map((k) => `languages[].${k}`),
  ];
}

/**
 * Config values given by command-line flags, by key, each with the flag that gave it: checked by
 * the same rules as the file's values, and named by the flag in diagnostics (`--base-url: …`).
 */
export type ConfigOverrides = Partial<Record<ConfigKey, { value: unknown; flag: string }>>;

/** Parses config text (pure), then applies `overrides`. `file` is the name used in diagnostics. */
export function parseConfig(text: string, file: string, overrides: ConfigOverrides = {}): { config: SiteConfig; diagnostics: Diagnostic[] } {
  const { config, diagnostics } = parseConfigText(text, file, overrides);
  return { config, diagnostics };
}

/** `parseConfig`, with the place of each top-level key's value (none when the text does not parse). */
function parseConfigText(text: string, file: string, overrides: ConfigOverrides) {
  const config = defaultConfig();
  const parsed = parseYaml(text.replace(/^\uFEFF/, ''));
  const diagnostics = parsed.problems.map((p) =>
    error(file, p, 'config-syntax', `${p.message}; fix the config file's syntax`),
  );
  const placeOf = (key: string) => (diagnostics.length ? undefined : parsed.placeOf(key));
  if (diagnostics.length) return { config, diagnostics, placeOf };
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { config, diagnostics: [error(file, undefined, 'config-type', 'the config must be a mapping of keys to values')], placeOf };
  }
  const known = Object.keys(SCHEMA);
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const place = parsed.placeOf(key);
    const check = SCHEMA[key as ConfigKey];
    if (!check || key === 'contentDir') {
      const keyPlace = parsed.placeOf(key, 'key');
      const near = known.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
      const hint = near.length ? `did you mean "${near[0]}"?` : `known keys: ${known.join(', ')}`;
      diagnostics.push(error(file, keyPlace, 'config-unknown-key', `unknown key "${key}"; ${hint}`));
      continue;
    }
    const problem = check(v);
    if (problem) {
      diagnostics.push(error(file, place, 'config-type', `${key}${problem.startsWith('.') ? '' : ' '}${problem}`));
      continue;
    }
    if (key === 'sections') {
      const sections = readSections(v as unknown[], file, parsed.placeIn);
      config.sections = sections.sections;
      diagnostics.push(...sections.diagnostics);
      continue;
    }
    if (key === 'menus') {
      const menus = readMenus(v as Record<string, unknown>, file, parsed.placeIn);
      config.menus = menus.menus;
      diagnostics.push(...menus.diagnostics);
      continue;
    }
    if (key === 'languages') continue;
    setValue(config, key as keyof SiteConfig, v);
  }
  diagnostics.push(...applyOverrides(config, overrides));
  if (!config.baseUrl.endsWith('/')) config.baseUrl += '/';
  config.images.widths = [...new Set(config.images.widths)].sort((a, b) => a - b);
  const top = value as Record<string, unknown>;
  if (Array.isArray(top.languages)) {
    const languages = readLanguages(top.languages, config, file, parsed.placeIn, 'language' in top ? parsed.placeOf('language') : null);
    diagnostics.push(...languages.diagnostics);
    if (languages.languages.length) {
      config.languages = languages.languages;
      config.language = languages.languages[0]!.code;
    }
  } else {
    config.languages = [{ code: config.language, prefix: '', own: {}, file, place: undefined }];
  }
  if (!('title' in value)) config.title = (config.language === 'en' ? en : vi).siteTitle;
  diagnostics.push(...checkStrings(config, file, parsed.placeOf('strings')));
  diagnostics.push(...checkSectionPaths(config, file, parsed.placeOf('permalink')));
  for (const language of config.languages.slice(1)) {
    const derived = configForLanguage(config, language.code);
    if (language.own.strings) diagnostics.push(...checkStrings(derived, file, language.place));
    if (language.own.sections || language.own.segments || language.own.search || language.own.permalink) diagnostics.push(...checkSectionPaths(derived, file, language.place));
  }
  return { config, diagnostics, placeOf };
}

const LANGUAGE_ENTRY_KEYS = ['code', 'prefix', ...LANGUAGE_KEYS];

/**
 * The languages of `languages:`, each with the keys it sets itself, checked as the top-level keys
 * are (at their own lines); a language the theme has no strings for, a code or prefix given twice,
 * or a prefix that a section or index of the site uses, is an error at its line.
 */
function readLanguages(value: unknown[], config: SiteConfig, file: string, placeIn: (path: (string | number)[]) => Place | undefined, languagePlace: Place | undefined | null) {
  const diagnostics: Diagnostic[] = [];
  const languages: SiteLanguage[] = [];
  value.forEach((raw, i): void => {
    const place = placeIn(['languages', i]);
    const bad = (message: string, at = place): void => void diagnostics.push(error(file, at, 'config-type', `languages[${i}]${message.startsWith('.') ? '' : ' '}${message}`));
    if (!isPlainObject(raw)) return bad('must be a mapping such as { code: en, title: … }');
    const code = raw.code;
    if (typeof code !== 'string') return bad('needs a code: a language the theme has strings for, e.g. code: en');
    if (!THEME_LANGUAGES.includes(code)) return bad(`.code "${code}" is not a language the theme has strings for (${THEME_LANGUAGES.join(', ')}); use one of them`);
    if (languages.some((l) => l.code === code)) return bad(`.code "${code}" is given twice; list each language once`);
    const own: Partial<SiteConfig> = {};
    for (const [k, v] of Object.entries(raw)) {
      const at = placeIn(['languages', i, k]);
      if (k === 'code' || k === 'prefix') continue;
      if (!LANGUAGE_ENTRY_KEYS.includes(k)) {
        bad(k in SCHEMA ? `.${k} is a key of the whole site, not of a language; set it at the top of the config` : `has an unknown key "${k}" (known: ${LANGUAGE_ENTRY_KEYS.join(', ')})`, at);
        continue;
      }
      const problem = SCHEMA[k as ConfigKey](v);
      if (problem) {
        bad(`.${k}${problem.startsWith('.') ? '' : ' '}${problem}`, at);
        continue;
      }
      const nested = (path: (string | number)[]) => placeIn(['languages', i, ...path]);
      if (k === 'sections') {
        const sections = readSections(v as unknown[], file, nested);
        own.sections = sections.sections;
        diagnostics.push(...sections.diagnostics);
      } else if (k === 'menus') {
        const menus = readMenus(v as Record<string, unknown>, file, nested);
        own.menus = menus.menus;
        diagnostics.push(...menus.diagnostics);
      } else {
        const base = config[k as keyof SiteConfig];
        (own as Record<string, unknown>)[k] = isPlainObject(v) && isPlainObject(base) ? { ...base, ...v } : v;
      }
    }
    const prefix = raw.prefix === undefined ? (languages.length ? code : '') : raw.prefix;
    if (languages.length === 0) {
      if (prefix !== '') return bad('.prefix must be left out: the first language is the default, at the root of the site', placeIn(['languages', i, 'prefix']));
      if (Object.keys(own).length) return bad(`sets ${Object.keys(own).join(', ')}; the first language is the default, whose keys are the top-level ones: move them there`);
      if (languagePlace !== null && config.language !== code) diagnostics.push(error(file, languagePlace, 'config-type', `language is ${config.language}, but the first of languages (the default) is ${code}; leave language out, or make them the same`));
    } else {
      if (isSegment(prefix)) return bad(`.prefix ${isSegment(prefix)}`, placeIn(['languages', i, 'prefix']));
      if (languages.some((l) => l.prefix === prefix)) return bad(`.prefix "${prefix}" is given twice; give each language its own`, placeIn(['languages', i, 'prefix']));
      const section = config.sections.find((x) => x.path === prefix || x.id === prefix || x.id === code);
      if (section) return bad(`would put its pages in /${prefix}/ and its content in content/${code}/, which section "${section.id}" uses; give the language another prefix or the section another id and path`);
    }
    languages.push({ code, prefix: prefix as string, own, file, place });
  });
  return { languages, diagnostics };
}

/**
 * The config of one of the site's languages: the site's, with the keys the language sets itself,
 * its URL prefix in the base URL and its content folder (`content/en/`). The default language's
 * is the config itself.
 */
export function configForLanguage(config: SiteConfig, code: string): SiteConfig {
  const index = config.languages.findIndex((l) => l.code === code);
  if (index <= 0) return config;
  const language = config.languages[index]!;
  return { ...config, ...language.own, language: code, contentDir: `content/${code}/`, baseUrl: `${config.baseUrl}${language.prefix}/` };
}

/** The configs of every language of the site, the default first (see `configForLanguage`). */
export function languageConfigs(config: SiteConfig): SiteConfig[] {
  return config.languages.map((l) => configForLanguage(config, l.code));
}

/** A path below the language's content folder: `content/en/pages/a.md` → `pages/a.md` (`content/a.md` → `a.md` for the default). */
export function contentRelative(config: Pick<SiteConfig, 'contentDir'>, path: string): string {
  return path.startsWith(config.contentDir) ? path.slice(config.contentDir.length) : path.replace(/^content\//, '');
}

const SECTION_KEYS: Record<string, Check> = {
  id: isSegment,
  kind: oneOf('articles', 'documents'),
  title: (v) => (typeof v === 'string' && v.trim() ? null : 'must be text'),
  path: isSegment,
  home: (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be a whole number, 0 or more'),
  pageSize: isPositiveInt,
  template: (v) => (typeof v === 'string' && /^[a-z0-9_-]+$/.test(v) ? null : 'must be a template name such as section (templates/section.liquid)'),
  required: isStringList,
  feed: isBool,
};

/** The sections, each with its place; a malformed one, or one whose id or path another has, is an error at its line. */
function readSections(value: unknown[], file: string, placeIn: (path: (string | number)[]) => Place | undefined) {
  const diagnostics: Diagnostic[] = [];
  const sections: SectionConfig[] = [];
  value.forEach((raw, i): void => {
    const place = placeIn(['sections', i]);
    const bad = (message: string): void => void diagnostics.push(error(file, place, 'config-type', `sections[${i}]${message.startsWith('.') ? '' : ' '}${message}`));
    if (!isPlainObject(raw)) return bad('must be a mapping such as { id: tin-tuc, title: Tin tức }');
    for (const [k, v] of Object.entries(raw)) {
      const check = SECTION_KEYS[k];
      if (!check) return bad(`has an unknown key "${k}" (known: ${Object.keys(SECTION_KEYS).join(', ')})`);
      const problem = check(v);
      if (problem) return bad(`.${k} ${problem}`);
    }
    if (raw.id === undefined) return bad('needs an id: the folder of its articles in content/, e.g. id: tin-tuc');
    if (raw.title === undefined) return bad('needs a title, e.g. title: Tin tức – Sự kiện');
    const id = raw.id as string;
    const path = (raw.path as string | undefined) ?? id;
    const same = sections.find((x) => x.id === id || x.path === path);
    if (same) return bad(`has the ${same.id === id ? `id "${id}"` : `path "${path}"`} of sections[${sections.indexOf(same)}]; give each section its own`);
    const kind = (raw.kind as SectionConfig['kind'] | undefined) ?? 'articles';
    if (kind === 'documents' && sections.some((x) => x.kind === 'documents')) return bad('is a second section of kind documents; a site has one registry of documents');
    sections.push({
      id,
      kind,
      title: (raw.title as string).replace(/\s+/g, ' ').trim().normalize('NFC'),
      path,
      home: (raw.home as number | undefined) ?? 0,
      pageSize: (raw.pageSize as number | undefined) ?? null,
      template: (raw.template as string | undefined) ?? (kind === 'documents' ? 'documents' : 'section'),
      required: (raw.required as string[] | undefined) ?? [],
      feed: (raw.feed as boolean | undefined) ?? true,
      file,
      place,
    });
  });
  return { sections, diagnostics };
}

/**
 * Errors for section paths that other pages of the site use (the taxonomy indexes, the archives,
 * the search page, the theme's assets, a year's archive) and for `:section` in a permalink of a
 * site without sections.
 */
function checkSectionPaths(config: SiteConfig, file: string, permalinkPlace: Place | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const taken = new Map<string, string>([
    [config.segments.tags, 'the tags index (segments.tags)'],
    [config.segments.provinces, 'the provinces index (segments.provinces)'],
    [config.segments.page, 'the pages of the front page (segments.page)'],
    ['archives', 'the archives'],
    ['assets', "the theme's assets"],
    ['pagefind', 'the search index'],
    ...(config.search.enabled ? [[config.search.path, 'the search page (search.path)'] as [string, string]] : []),
    ...config.taxonomies.filter((t) => t !== 'tags' && t !== 'province').map((t): [string, string] => [t, `the ${t} index (taxonomies)`]),
  ]);
  for (const section of config.sections) {
    const other = /^\d+$/.test(section.path) ? 'the archive of a year' : taken.get(section.path);
    if (other) out.push(error(section.file, section.place, 'section-path', `section "${section.id}" would be at /${section.path}/, which is ${other}; give it another path, e.g. path: ${section.path}-${section.id === section.path ? 'tin' : section.id}`));
  }
  if (!config.sections.length && config.permalink.includes(':section')) {
    out.push(error(file, permalinkPlace, 'config-type', 'permalink uses :section, but the config declares no sections; declare sections: or remove :section'));
  }
  return out;
}

const MENU_ITEM_KEYS = ['title', 'page', 'section', 'url', 'children'];

/** The items of each menu, each with its place; an item that is not well formed is an error at its line. */
function readMenus(value: Record<string, unknown>, file: string, placeIn: (path: (string | number)[]) => Place | undefined) {
  const diagnostics: Diagnostic[] = [];
  const menus: Record<string, MenuItemConfig[]> = {};
  const item = (raw: unknown, path: (string | number)[], depth: number): MenuItemConfig | null => {
    const place = placeIn(path);
    const name = `menus.${path.slice(1).map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}`;
    const bad = (message: string) => (diagnostics.push(error(file, place, 'config-type', `${name}${message.startsWith('.') ? '' : ' '}${message}`)), null);
    if (!isPlainObject(raw)) return bad('must be a mapping such as { title: Liên hệ, page: lien-he.md }');
    const unknown = Object.keys(raw).find((k) => !MENU_ITEM_KEYS.includes(k));
    if (unknown) return bad(`has an unknown key "${unknown}" (known: ${MENU_ITEM_KEYS.join(', ')})`);
    for (const k of ['title', 'page', 'section', 'url']) {
      if (raw[k] !== undefined && (typeof raw[k] !== 'string' || !raw[k].trim())) return bad(`.${k} must be text`);
    }
    const text = (k: string) => (typeof raw[k] === 'string' ? raw[k].replace(/\s+/g, ' ').trim().normalize('NFC') : null);
    const [title, page, section, url] = [text('title'), text('page'), text('section'), text('url')];
    const targets = (['page', 'section', 'url'] as const).filter((k) => text(k));
    if (targets.length > 1) return bad(`has both ${targets[0]} and ${targets[1]}; an item points at one of them`);
    const children: MenuItemConfig[] = [];
    if (raw.children !== undefined) {
      if (depth > 0) return bad('has children, but menus nest one level only; move them up to the top level');
      if (!Array.isArray(raw.children)) return bad('.children must be a list of items');
      raw.children.forEach((c, i) => {
        const child = item(c, [...path, 'children', i], depth + 1);
        if (child) children.push(child);
      });
    }
    if (!targets.length && !children.length) return bad('points at nothing; give page: (a file in content/pages/), section: (a section\'s id) or url: (a site path such as /tags/, or an https:// address)');
    if (!title && !page && !section) return bad('needs a title (an item pointing at a page or a section may leave it out to use its title)');
    if (url && !url.startsWith('/') && !/^https?:\/\/[^\s"'<>\\`]+$/i.test(url)) return bad(`.url "${url}" is neither a site path (starting with /) nor an http(s) address`);
    return { title, page, section, url, children, file, place };
  };
  for (const [menu, items] of Object.entries(value)) {
    if (!Array.isArray(items)) {
      diagnostics.push(error(file, placeIn(['menus', menu]), 'config-type', `menus.${menu} must be a list of items, e.g. - { title: Liên hệ, page: lien-he.md }`));
      continue;
    }
    menus[menu] = items.flatMap((raw, i) => item(raw, ['menus', menu, i], 0) ?? []);
  }
  return { menus, diagnostics };
}

function setValue(config: SiteConfig, key: keyof SiteConfig, v: unknown): void {
  const merged = isPlainObject(v) && isPlainObject(config[key]) ? { ...(config[key] as object), ...v } : v;
  (config as unknown as Record<string, unknown>)[key] = merged;
}

// Note: a flag's value passes the same check as the key's; an empty one (a CI variable that is not
// set) is refused rather than read as "no flag", so a build never publishes with a URL nobody chose.
function applyOverrides(config: SiteConfig, overrides: ConfigOverrides): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [key, given] of Object.entries(overrides)) {
    if (!given) continue;
    const check = SCHEMA[key as ConfigKey];
    if (given.value === '') {
      diagnostics.push(flagError(given.flag, 'config-type', `the value is empty (an unset environment variable?); give one, or leave ${given.flag} out to use ${key} from the config`));
      continue;
    }
    const problem = check(given.value);
    if (problem) diagnostics.push(flagError(given.flag, 'config-type', `${JSON.stringify(given.value)} ${problem}`));
    else setValue(config, key as ConfigKey, given.value);
  }
  return diagnostics;
}

// Note: `strings` may override any text of the theme and name a taxonomy (`topics: Chủ đề`); a
// misspelt key would otherwise be ignored without a word.
function checkStrings(config: SiteConfig, file: string, place: Parameters<typeof error>[1]): Diagnostic[] {
  const texts = Object.keys(vi).filter((k) => typeof vi[k as keyof typeof vi] === 'string');
  return Object.keys(config.strings)
    .filter((key) => !texts.includes(key) && !config.taxonomies.includes(key))
    .map((key) => {
      const near = texts.filter((t) => editDistance(t.toLowerCase(), key.toLowerCase()) <= 2);
      const hint = near.length ? `did you mean "${near[0]}"?` : 'the keys are in src/locales/vi.ts, or name a taxonomy';
      return error(file, place, 'config-unknown-string', `strings.${key} is not a text of the theme; ${hint}`);
    });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a build puts what it makes, to check the cache folder against. */
export interface OutputFolder {
  /** The output folder, absolute. */
  path: string;
  /** The flag that named it (`--out`), absent for the default `<root>/dist`. */
  flag?: string;
}

/**
 * Finds and parses the site's config file (defaults when there is none), applies `overrides`,
 * and checks the cache folder against the sources and the output `out` (default `<root>/dist`).
 */
export function loadConfig(root: string, overrides: ConfigOverrides = {}, out?: OutputFolder): { config: SiteConfig; file: string | null; diagnostics: Diagnostic[] } {
  const present = CONFIG_FILES.filter((name) => existsSync(join(root, name)));
  const file = present[0] ?? null;
  const result = file
    ? parseConfigText(readFileSync(join(root, file), 'utf8'), file, overrides)
    : { config: defaultConfig(), diagnostics: [] as Diagnostic[], placeOf: () => undefined };
  if (!file) {
    result.diagnostics.push(...applyOverrides(result.config, overrides));
    if (!result.config.baseUrl.endsWith('/')) result.config.baseUrl += '/';
  }
  if (present.length > 1) {
    result.diagnostics.push(
      error(present[1]!, undefined, 'config-duplicate', `two config files (${present.join(', ')}); keep only one`),
    );
  }
  const { config, diagnostics, placeOf } = result;
  config.shortcodeTemplates = loadShortcodeTemplates(root);
  diagnostics.push(...checkCacheFolder(root, config.cacheDir, out ?? { path: join(resolve(root), 'dist') }, file, placeOf('cacheDir')));
  return { config, diagnostics, file };
}

/**
 * The shortcodes' templates: `templates/shortcodes/*.liquid` of the site, and the default theme's
 * for the names the site has none of. Note: read here, parsed where they are used (their syntax
 * is checked with the theme's, once for the whole build, see `loadTheme`).
 */
function loadShortcodeTemplates(root: string): Record<string, string> {
  const templates: Record<string, string> = {};
  for (const dir of [join(root, 'templates', 'shortcodes'), join(PACKAGE_ROOT, 'templates', 'shortcodes')]) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.liquid')).sort();
    } catch {
      continue;
    }
    for (const file of names) {
      const name = file.slice(0, -'.liquid'.length);
      if (name in templates) continue;
      templates[name] = readFileSync(join(dir, file), 'utf8');
    }
  }
  return templates;
}

// Note: a cache inside a source folder or the output would be published (draft bodies included), and
// one holding them would be swept by the output's or the cache's own clean-ups.
function checkCacheFolder(root: string, cacheDir: string, out: OutputFolder, file: string | null, place: Place | undefined): Diagnostic[] {
  const r = resolve(root);
  const cache = join(r, cacheDir);
  const at = (message: string) =>
    file ? error(file, place, 'unsafe-cache', message) : flagError('cacheDir', 'unsafe-cache', message);
  const hint = 'choose a folder of its own such as .bantin-cache';
  for (const name of ['content', 'templates', 'static']) {
    const overlap = folderOverlap(cache, join(r, name));
    if (overlap) return [at(`cacheDir ${cacheDir} ${overlap} ${name}/, so the cache would be read as a source or published; ${hint}`)];
  }
  const overlap = folderOverlap(cache, out.path);
  if (!overlap) return [];
  // Note: --out naming a folder in (or the same as) the cache is the flag's fault; the default output is the key's.
  if (out.flag && overlap !== 'is inside') {
    return [flagError(out.flag, 'unsafe-output', `the output folder ${out.path} ${overlap === 'is' ? 'is' : 'is inside'} the cache folder ${cache} (cacheDir); choose an output folder outside it, such as ${join(r, 'dist')}`)];
  }
  return [at(`cacheDir ${cacheDir} ${overlap} the output folder ${out.path}, so the cache would be published or deleted with it; ${hint}`)];
}

/**
 * Loads the config of the site at `root` with the command-line flags that override or constrain it
 * (`--base-url`, `--out`), each checked like the config's own keys.
 */
export function loadConfigWithFlags(options: { root: string; baseUrl?: string; out?: string }): { config: SiteConfig; diagnostics: Diagnostic[] } {
  const overrides = flagOverrides(options);
  const out = options.out === undefined ? undefined : { path: resolve(options.out), flag: '--out' };
  const { config, diagnostics } = loadConfig(options.root, overrides, out);
  return { config, diagnostics };
}

/** Problems of the config values given by flags alone (`serve` stops on them: no save can fix a flag). */
export function flagProblems(options: { baseUrl?: string }): Diagnostic[] {
  return applyOverrides(defaultConfig(), flagOverrides(options));
}

function flagOverrides(options: { baseUrl?: string }): ConfigOverrides {
  return options.baseUrl === undefined ? {} : { baseUrl: { value: options.baseUrl, flag: '--base-url' } };
}

/** The path part of the base URL, e.g. `/ban-tin/` (always starts and ends with `/`). */
export function basePath(config: SiteConfig): string {
  return new URL(config.baseUrl).pathname;
}
