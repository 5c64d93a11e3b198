/**
 * `bantin init --from hugo|jekyll|eleventy DIR`: the config of a site another generator builds,
 * read without running anything (Hugo's `hugo.toml`/`config.*`, Jekyll's `_config.yml`, Eleventy's
 * data files), mapped to a `bantin.config.yaml` written into that folder, with what could not be mapped.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { PACKAGE_ROOT } from '../package-root.js';
import { isTimeZone } from '../vietnamese/dates.js';
import type { Io } from '../messages.js';
import { parseYaml } from '../yaml.js';

/** Generators whose site config `init --from` reads. */
export const FROM_GENERATORS = ['hugo', 'jekyll', 'eleventy'] as const;
export type FromGenerator = (typeof FROM_GENERATORS)[number];

/** What `bantin init --from` is asked to do. */
export interface InitFromOptions {
  /** The folder of the site to move over; its `bantin.config.yaml` is written there. */
  dir: string;
  from: FromGenerator;
  /** Replace a `bantin.config.yaml` that is there. */
  force: boolean;
}

/** What was read of the other generator's config, as bantin's keys, and what could not be mapped. */
interface Mapped {
  source: string | null;
  values: { key: string; value: unknown; comment?: string }[];
  unmapped: string[];
}

const HUGO_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];
const ELEVENTY_DATA = ['_data/metadata.json', '_data/site.json', 'src/_data/metadata.json', 'src/_data/site.json'];

/** Writes the mapped config; returns the exit code (0 written, 1 nothing to read or a config already there). */
export function runInitFrom(options: InitFromOptions, io: Io): number {
  const dir = resolve(options.dir);
  const shown = relative(process.cwd(), dir) || '.';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    io.err(`bantin init: ${shown} is not a folder; name the folder of the ${options.from} site to move over`);
    return 1;
  }
  const target = join(dir, 'bantin.config.yaml');
  if (existsSync(target) && !options.force) {
    io.err(`bantin init: ${relative(process.cwd(), target) || target} already exists; remove it, or run again with --force to replace it`);
    return 1;
  }
  const mapped = options.from === 'hugo' ? fromHugo(dir) : options.from === 'jekyll' ? fromJekyll(dir) : fromEleventy(dir);
  if (mapped === null) return fail(io, options.from, shown);
  if ('error' in mapped) {
    io.err(`bantin init: ${mapped.error}`);
    return 1;
  }
  writeFileSync(target, configText(options.from, mapped));
  io.out(`wrote ${relative(process.cwd(), target) || target} from ${mapped.source ?? `the ${options.from} defaults`}: ${mapped.values.map((v) => v.key).join(', ')}`);
  for (const what of mapped.unmapped) io.err(`not mapped: ${what}`);
  io.out(`next: move the posts into ${shown === '.' ? '' : `${shown}/`}content/ if they are elsewhere, then run bantin build --keep-going`);
  return 0;
}

function fail(io: Io, from: FromGenerator, shown: string): number {
  const where = from === 'hugo' ? HUGO_FILES.join(', ') : from === 'jekyll' ? '_config.yml' : ELEVENTY_DATA.join(', ');
  io.err(`bantin init: ${shown} has no ${from} config to read (looked for ${where})`);
  return 1;
}

/**
 * The values every moved site gets: its generator, and front matter that need name no province; a
 * site not in Vietnamese names none of Vietnam's (a Vietnamese one keeps the check of the names it gives).
 */
function common(from: FromGenerator, values: Mapped['values']): Mapped['values'] {
  const vietnamese = values.some((v) => v.key === 'language' && v.value === 'vi');
  return [
    ...values,
    { key: 'compatibility', value: from, comment: `front matter read as ${from} reads it` },
    ...(vietnamese ? [] : [{ key: 'provinces', value: 'off', comment: 'provinces are names as written, not checked against Vietnam\'s' }]),
    { key: 'required', value: ['title', 'date'] },
  ];
}

function fromHugo(dir: string): Mapped | { error: string } | null {
  const file = HUGO_FILES.find((f) => existsSync(join(dir, f)));
  if (!file) return null;
  const text = readFileSync(join(dir, file), 'utf8');
  let raw: Record<string, unknown>;
  try {
    raw = (file.endsWith('.toml') ? parseToml(text) : file.endsWith('.json') ? JSON.parse(text) : parseYaml(text).value ?? {}) as Record<string, unknown>;
  } catch (e) {
    return { error: `${file} could not be read (${(e as Error).message.split('\n')[0]}); fix it, or write bantin.config.yaml by hand` };
  }
  const lower = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const values: Mapped['values'] = [];
  const unmapped: string[] = [];
  const title = lower.get('title');
  if (typeof title === 'string') values.push({ key: 'title', value: title });
  const params = lower.get('params') as Record<string, unknown> | undefined;
  if (typeof params?.description === 'string') values.push({ key: 'description', value: params.description });
  const baseUrl = lower.get('baseurl');
  if (typeof baseUrl === 'string' && /^https?:\/\//.test(baseUrl)) values.push({ key: 'baseUrl', value: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/` });
  else if (baseUrl !== undefined) unmapped.push(`baseURL ${JSON.stringify(baseUrl)} (bantin needs an http(s) address; set baseUrl)`);
  const code = lower.get('languagecode') ?? lower.get('defaultcontentlanguage');
  language(code, values, unmapped, 'languageCode');
  zone(lower.get('timezone'), values, unmapped, 'timeZone');
  const permalinks = lower.get('permalinks') as Record<string, unknown> | undefined;
  const pattern = permalinks && (permalinks.posts ?? permalinks.post ?? Object.values(permalinks)[0]);
  if (pattern !== undefined) permalink(String(pattern), values, unmapped, 'permalinks');
  const taxonomies = lower.get('taxonomies') as Record<string, unknown> | undefined;
  if (taxonomies && typeof taxonomies === 'object') values.push({ key: 'taxonomies', value: Object.values(taxonomies).map(String), comment: 'the front-matter keys of Hugo\'s taxonomies' });
  for (const key of ['menu', 'menus']) if (lower.has(key)) unmapped.push('menus (write menus: by hand, with the pages they name)');
  const markup = lower.get('markup') as Record<string, any> | undefined;
  // Note: Hugo's goldmark renders raw HTML only with unsafe = true; bantin keeps it (sanitised) with allowHtml.
  if (markup?.goldmark?.renderer?.unsafe === true) values.push({ key: 'allowHtml', value: true, comment: "Hugo's markup.goldmark.renderer.unsafe: the posts' HTML is kept, sanitised" });
  const refLevel = lower.get('reflinkserrorlevel');
  if (typeof refLevel === 'string' && refLevel.toLowerCase() === 'warning') values.push({ key: 'shortcodes', value: { missingRef: 'warning' }, comment: "Hugo's refLinksErrorLevel" });
  for (const key of ['languages', 'theme', 'outputs']) if (lower.has(key)) unmapped.push(`${key} (no bantin key says the same)`);
  if (markup && Object.keys(markup).some((k) => k !== 'goldmark')) unmapped.push('markup (no bantin key says the same)');
  const theme = typeof lower.get('theme') === 'string' ? [join('themes', String(lower.get('theme')), 'layouts', 'shortcodes')] : [];
  shortcodesToPort(dir, [join('layouts', 'shortcodes'), ...theme], '.html', unmapped);
  return { source: file, values: common('hugo', values), unmapped };
}

function fromJekyll(dir: string): Mapped | { error: string } | null {
  const file = ['_config.yml', '_config.yaml'].find((f) => existsSync(join(dir, f)));
  if (!file) return null;
  const parsed = parseYaml(readFileSync(join(dir, file), 'utf8'));
  if (parsed.problems.length) return { error: `${file}:${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}; fix it, or write bantin.config.yaml by hand` };
  const raw = (parsed.value ?? {}) as Record<string, unknown>;
  const values: Mapped['values'] = [];
  const unmapped: string[] = [];
  if (typeof raw.title === 'string') values.push({ key: 'title', value: raw.title });
  if (typeof raw.description === 'string') values.push({ key: 'description', value: raw.description.trim() });
  if (typeof raw.url === 'string' && /^https?:\/\//.test(raw.url)) {
    const base = `${raw.url.replace(/\/+$/, '')}${typeof raw.baseurl === 'string' ? raw.baseurl.replace(/\/+$/, '') : ''}/`;
    values.push({ key: 'baseUrl', value: base });
  }
  language(raw.lang ?? raw.locale, values, unmapped, 'lang');
  zone(raw.timezone, values, unmapped, 'timezone');
  if (raw.permalink !== undefined) {
    const named: Record<string, string> = { pretty: '/:categories/:year/:month/:day/:title/', date: '/:categories/:year/:month/:day/:title.html', ordinal: '/:categories/:year/:y_day/:title.html', none: '/:categories/:title.html' };
    permalink(named[String(raw.permalink)] ?? String(raw.permalink), values, unmapped, 'permalink');
  }
  for (const key of ['collections', 'defaults', 'plugins', 'theme']) if (raw[key] !== undefined) unmapped.push(`${key} (no bantin key says the same)`);
  shortcodesToPort(dir, ['_includes'], '.html', unmapped);
  return { source: file, values: common('jekyll', values), unmapped };
}

function fromEleventy(dir: string): Mapped | { error: string } | null {
  const file = ELEVENTY_DATA.find((f) => existsSync(join(dir, f)));
  const config = ['eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs', '.eleventy.js'].find((f) => existsSync(join(dir, f)));
  if (!file && !config) return null;
  const values: Mapped['values'] = [];
  const unmapped: string[] = [];
  if (file) {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    } catch (e) {
      return { error: `${file} could not be read (${(e as Error).message}); fix it, or write bantin.config.yaml by hand` };
    }
    if (typeof raw.title === 'string') values.push({ key: 'title', value: raw.title });
    if (typeof raw.description === 'string') values.push({ key: 'description', value: raw.description });
    if (typeof raw.url === 'string' && /^https?:\/\//.test(raw.url)) values.push({ key: 'baseUrl', value: raw.url.endsWith('/') ? raw.url : `${raw.url}/` });
    language(raw.language, values, unmapped, 'language');
  }
  if (config) unmapped.push(`${config} (read, never run: its collections, filters and permalinks are code; set permalink: by hand)`);
  return { source: file ?? config!, values: common('eleventy', values), unmapped };
}

/**
 * Names the site's own shortcode templates (Hugo's `layouts/shortcodes/`, Jekyll's `_includes/`),
 * which are code to port by hand: each becomes `templates/shortcodes/<name>.liquid`, unless the
 * theme ships one of that name.
 */
function shortcodesToPort(dir: string, folders: string[], ext: string, unmapped: string[]): void {
  const names = new Set<string>();
  for (const folder of folders) {
    let files: string[];
    try {
      files = readdirSync(join(dir, folder));
    } catch {
      continue;
    }
    for (const f of files) if (f.endsWith(ext)) names.add(f.slice(0, -ext.length));
  }
  const shipped = new Set(readdirSync(join(PACKAGE_ROOT, 'templates', 'shortcodes')).map((f) => f.replace(/\.liquid$/, '')));
  const own = [...names].filter((n) => !shipped.has(n)).sort();
  if (own.length) unmapped.push(`shortcodes ${own.join(', ')} (templates are code: write templates/shortcodes/<name>.liquid for each the posts use; the theme has ${[...shipped].sort().join(', ')})`);
}

function language(code: unknown, values: Mapped['values'], unmapped: string[], key: string): void {
  if (code === undefined) return;
  const tag = String(code).toLowerCase().split(/[-_]/)[0];
  if (tag === 'en' || tag === 'vi') values.push({ key: 'language', value: tag });
  else unmapped.push(`${key} ${JSON.stringify(code)} (the theme has strings for vi and en)`);
}

function zone(name: unknown, values: Mapped['values'], unmapped: string[], key: string): void {
  if (name === undefined) return;
  if (typeof name === 'string' && isTimeZone(name)) values.push({ key: 'timeZone', value: name });
  else unmapped.push(`${key} ${JSON.stringify(name)} (not an IANA time zone)`);
}

/** A permalink pattern in bantin's tokens (`:year`, `:month`, `:day`, `:slug`, `:section`), or why not. */
function permalink(pattern: string, values: Mapped['values'], unmapped: string[], key: string): void {
  const tokens: Record<string, string> = { ':year': ':year', ':month': ':month', ':day': ':day', ':slug': ':slug', ':title': ':slug', ':filename': ':slug', ':section': ':section' };
  const other = [...pattern.matchAll(/:[a-z_]+/g)].map((m) => m[0]).filter((t) => !(t in tokens));
  let mapped = pattern.replace(/:[a-z_]+/g, (t) => tokens[t] ?? t).replace(/\.html$/, '/');
  if (!mapped.startsWith('/')) mapped = `/${mapped}`;
  if (!mapped.endsWith('/')) mapped += '/';
  if (other.length || !mapped.includes(':slug') || mapped.includes(':section')) {
    unmapped.push(`${key} ${JSON.stringify(pattern)} (${other.length ? `bantin has no ${other.join(', ')}` : 'it needs the title\'s slug'}; the default /:year/:month/:slug/ is used)`);
    return;
  }
  values.push({ key: 'permalink', value: mapped.replace(/\/+/g, '/') });
}

/** The config file: a comment on where it comes from, then a line per key. */
function configText(from: FromGenerator, mapped: Mapped): string {
  const lines = [`# Made by bantin init --from ${from}${mapped.source ? ` from ${mapped.source}` : ''}. Every key is in the docs' Config reference.`];
  for (const { key, value, comment } of mapped.values) {
    lines.push(`${key}: ${JSON.stringify(value)}${comment ? `   # ${comment}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
