#!/usr/bin/env node
/** The `bantin` command line: argv → command. Its help text is the documentation. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { INIT_LANGUAGES, runInit, type InitOptions } from './commands/init.js';
import { OPTIONS } from './cli-options.js';
import { editDistance } from './vietnamese/provinces.js';
import { VERSION } from './version.js';

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  allowPositionals?: boolean;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]): Promise<number> | number;
}

// Note: a reader that stops early (`bantin init | head -1`) closes the pipe; the command then
// finishes its work without printing more, instead of dying on EPIPE with a stack trace.
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => closed.add(stream));
const print = (stream: NodeJS.WriteStream, s: string) => {
  if (!closed.has(stream) && !stream.destroyed) stream.write(`${s}\n`);
};
const io = { out: (s: string) => print(process.stdout, s), err: (s: string) => print(process.stderr, s) };

// Note: a command's module (and the libraries it needs) is loaded only when that command runs.
const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'create a new site: example articles, theme, config, CI workflow',
    usage: 'bantin init [DIR] [--lang vi|en] [--force] | bantin init --from hugo|jekyll|eleventy [DIR] [--force]',
    options: OPTIONS.init,
    allowPositionals: true,
    help: `Creates a new site in DIR (default: the current folder, which must be empty; a .git folder is allowed):
content/ with two example articles, templates/ (a copy of the default theme), bantin.config.yaml,
.gitignore, package.json (scripts: build, serve, check) and .github/workflows/site.yml.

With --from hugo|jekyll|eleventy, DIR is instead the folder of a site that generator builds: its
config (hugo.toml or config.*, _config.yml, Eleventy's _data/metadata.json) is read, never run, and
DIR/bantin.config.yaml is written with the title, base URL, language, time zone, permalink,
taxonomies and compatibility it maps; what it could not map is printed.

Options:
  --lang vi|en   the site's language: theme text, dates and the example articles; default: vi
  --from NAME    write bantin.config.yaml for the hugo, jekyll or eleventy site in DIR
  --force        write into a folder that is not empty, replacing files with the same names
                 (with --from: replace its bantin.config.yaml)

Exit codes: 0 created, 1 the folder is not empty (nothing was written), 2 wrong usage.`,
    run: async (v, positionals) => {
      if (v.from !== undefined) {
        const { FROM_GENERATORS, runInitFrom } = await import('./commands/init-from.js');
        if (!(FROM_GENERATORS as readonly string[]).includes(v.from as string) || positionals.length > 1) {
          io.err(`bantin init: --from must be ${FROM_GENERATORS.join(', ')}, with at most one folder\nUsage: bantin init --from hugo|jekyll|eleventy [DIR] [--force]`);
          return 2;
        }
        return runInitFrom({ dir: positionals[0] ?? '.', from: v.from as (typeof FROM_GENERATORS)[number], force: Boolean(v.force) }, io);
      }
      const language = (v.lang as string | undefined) ?? 'vi';
      if (!(INIT_LANGUAGES as readonly string[]).includes(language)) {
        io.err(`bantin init: --lang must be ${INIT_LANGUAGES.join(' or ')}, not "${language}"\nUsage: bantin init [DIR] [--lang vi|en] [--force]`);
        return 2;
      }
      if (positionals.length > 1) {
        io.err(`bantin init: one folder at most, got ${positionals.length}\nUsage: bantin init [DIR] [--lang vi|en] [--force]`);
        return 2;
      }
      return runInit({ dir: positionals[0] ?? '.', language: language as InitOptions['language'], force: Boolean(v.force) }, io);
    },
  },
  build: {
    summary: 'build the site into the output folder',
    usage: 'bantin build [--root DIR] [--out DIR] [--base-url URL] [--drafts] [--future] [--expired] [--no-cache] [--allow-empty] [--keep-going]',
    options: OPTIONS.build,
    help: `Builds content/ with templates/ into the output folder.

Options:
  --root DIR       the site folder (holding content/, templates/ and bantin.config.yaml); default: .
                   It must exist and hold a content/ folder; it is never created
  --out DIR        the output folder; default: <root>/dist
  --base-url URL   the site's public URL, e.g. https://example.gov.vn/ban-tin/ (overrides baseUrl,
                   checked like it; an empty value is an error: leave the flag out instead)
  --drafts         include articles with draft: true
  --future         include articles dated after now
  --expired        include articles whose expires date has passed
  --no-cache       neither read nor write the build cache (<root>/.bantin-cache by default)
  --allow-empty    publish a site with no article even though the last build had some
                   (without it, that build fails, so a failed checkout never empties the site)
  --keep-going     build every article and page that has no error, leaving out those that have;
                   prints each file left out with its errors, and exits 3 (never the default)

Articles whose bytes did not change since the last build are not parsed again, and pages whose
template and data did not change are kept as they are (the build cache, see cacheDir). Many
changed articles are parsed on worker threads, one per core.
The output appears all at once when the build succeeded; on any error the previous output stays.
Exit codes: 0 built, 1 the site has errors or the disk failed (full, read-only …), 2 wrong usage,
3 built with --keep-going, with files left out for their errors.`,
    run: async (v) =>
      (await import('./commands/build.js')).runBuild(
        {
          root: (v.root as string) ?? '.',
          out: v.out as string | undefined,
          baseUrl: v['base-url'] as string | undefined,
          drafts: Boolean(v.drafts),
          future: Boolean(v.future),
          expired: Boolean(v.expired),
          noCache: Boolean(v['no-cache']),
          allowEmpty: Boolean(v['allow-empty']),
          keepGoing: Boolean(v['keep-going']),
        },
        io,
      ),
  },
  serve: {
    summary: 'preview the site on a local address, rebuilt and reloaded on every save',
    usage: 'bantin serve [--root DIR] [--port 8080] [--host 127.0.0.1] [--base-url URL] [--drafts] [--future] [--expired] [--open] [--poll]',
    options: OPTIONS.serve,
    help: `Builds the site in memory, serves it and rebuilds what changed whenever a file in content/,
templates/, static/ or the config is saved. Open pages reload by themselves; a stylesheet change
is swapped in without a reload. While the site has errors the last good version stays served and
open pages show every error in an overlay, until the file is fixed. Nothing is written to disk.

Options:
  --root DIR       the site folder; default: .
  --port N         the port; default 8080, or the next free one (a port given here must be free)
  --host ADDR      the address to listen on; default 127.0.0.1 (this machine only). Another
                   address, e.g. 0.0.0.0, shows the preview to the network
  --base-url URL   the site's public URL; its path (e.g. /ban-tin/) is served as such
  --drafts         include articles with draft: true
  --future         include articles dated after now
  --expired        include articles whose expires date has passed
  --open           open the site in the default browser
  --poll           poll for changes (network drives, containers) instead of file-system events

Only this server's own names are answered (localhost, 127.0.0.1, [::1], --host): pages of other
sites cannot reach it through DNS tricks. Ctrl-C stops it.
Exit codes: 0 stopped by Ctrl-C, 1 could not listen, 2 wrong usage.`,
    run: async (v) => {
      const port = v.port === undefined ? 8080 : Number(v.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535 || !/^\d+$/.test(String(v.port ?? '8080'))) {
        io.err(`bantin serve: --port must be a number from 0 to 65535, not "${String(v.port)}"`);
        return 2;
      }
      return (await import('./commands/serve.js')).runServe(
        {
          root: (v.root as string) ?? '.',
          port,
          strictPort: v.port !== undefined,
          host: (v.host as string | undefined) ?? '127.0.0.1',
          baseUrl: v['base-url'] as string | undefined,
          drafts: Boolean(v.drafts),
          future: Boolean(v.future),
          expired: Boolean(v.expired),
          open: Boolean(v.open),
          polling: Boolean(v.poll),
        },
        io,
      );
    },
  },
  check: {
    summary: 'check the site without writing: build errors, links, furniture, encodings, spellings',
    usage: 'bantin check [--root DIR] [--format text|json] [--strict] [--base-url URL] [--drafts] [--future] [--expired]',
    options: OPTIONS.check,
    help: `Runs everything build checks, in memory (nothing is written), and also:
  broken-link       internal links and images that reach no page or file of the site,
                    at the Markdown file and line that wrote them
  page-furniture    lines such as "Gửi cho bạn bè", "Phản hồi", "In bài viết", "Lượt xem: 123"
                    left in an article (warning)
  legacy-encoding   text that looks like TCVN3/ABC ("B¾c Giang") or VNI ("Baéc Giang") (warning)
  mixed-spelling    one tag or province written several ways (warning)
  missing-photo     a photo placeholder ![ảnh]() left by import with no file yet (warning)

Options:
  --root DIR          the site folder; default: .
  --format text|json  text: one diagnostic a line on stderr (default); json: an array of
                      {file, line, column, severity, rule, message} on stdout
  --strict            warnings fail the check too
  --base-url URL, --drafts, --future, --expired   as for build

Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 wrong usage.`,
    run: async (v) =>
      (await import('./commands/check.js')).runCheck(
        {
          root: (v.root as string) ?? '.',
          format: v.format as string | undefined,
          strict: Boolean(v.strict),
          baseUrl: v['base-url'] as string | undefined,
          drafts: Boolean(v.drafts),
          future: Boolean(v.future),
          expired: Boolean(v.expired),
        },
        io,
      ),
  },
  new: {
    summary: 'create a new article with its front matter',
    usage: 'bantin new "Tiêu đề bài viết" [--root DIR] [--lang CODE] [--section ID] [--province NAME] [--source TEXT] [--tags a,b] [--date YYYY-MM-DD] | bantin new --page "Tiêu đề trang" [--parent FOLDER] | bantin new --document "215/QĐ-UBND" --summary "Về việc …" [--type TYPE] [--issuer NAME] [--date YYYY-MM-DD]',
    allowPositionals: true,
    options: OPTIONS.new,
    help: `Creates content/YYYY/<slug>.md (content/<section>/YYYY/<slug>.md in a site with sections) with
every required front-matter field filled in, so that it builds as written, and prints its path. A
required field with no value given is refused, naming the flag to give it with. Never overwrites a file.
With --page, creates an undated page content/pages/[FOLDER/]<slug>.md instead.
With --document, the argument is a document's number (số, ký hiệu), and it creates its record in
the registry's folder, content/<registry>/YYYY/<number>.md: type and issuer are read from the number
(215/QĐ-UBND is a Quyết định of UBND, named under documents.issuers in the config), dates default to today.

Options:
  --root DIR          the site folder; default: .
  --lang CODE         on a site of several languages: the language it is in (its files go in
                      content/CODE/, e.g. --lang en); default: the site's default language
  --section ID        the section of the article (required when the config declares sections)
  --province NAME     the province, checked like build does (e.g. "Bắc Giang", "TP.HCM")
  --source TEXT       the source (e.g. bacninh.gov.vn); default: the config's agency.name
  --tags a,b          comma-separated tags
  --date YYYY-MM-DD   publication date; default: today in the site's time zone
  --page              make a page (Giới thiệu, Liên hệ) in content/pages/ instead of an article
  --parent FOLDER     with --page: the folder under content/pages/ (e.g. gioi-thieu)
  --document          make a record of the document registry; the argument is its number
  --summary TEXT      with --document: its trích yếu (required)
  --type TYPE         with --document: its type, when the number does not say it (a công văn's)
  --issuer NAME       with --document: its issuing body, when documents.issuers does not name it

Exit codes: 0 created, 1 the file exists, the province is unknown or a required field has no flag,
2 wrong usage (a required field not given included).`,
    run: async (v, positionals) => {
      if (positionals.length !== 1) {
        io.err(`bantin new: give the title as one argument, in quotes\nUsage: bantin new "Tiêu đề bài viết" [--province NAME] [--source TEXT] [--tags a,b] [--date YYYY-MM-DD]`);
        return 2;
      }
      return (await import('./commands/new.js')).runNew(
        {
          root: (v.root as string) ?? '.',
          language: v.lang as string | undefined,
          title: positionals[0]!,
          province: v.province as string | undefined,
          source: v.source as string | undefined,
          tags: v.tags as string | undefined,
          date: v.date as string | undefined,
          section: v.section as string | undefined,
          page: v.page === true,
          parent: v.parent as string | undefined,
          document: v.document === true,
          summary: v.summary as string | undefined,
          type: v.type as string | undefined,
          issuer: v.issuer as string | undefined,
        },
        io,
      );
    },
  },
  import: {
    summary: 'convert raw scraped bulletin text into Markdown articles, or documents\' headers into records',
    usage: 'bantin import FILE... [--root DIR] [--out DIR] [--province NAME] [--from tcvn3|vni] [--photos DIR] [--force] | bantin import --document FILE... [--root DIR] [--out DIR] [--from tcvn3|vni] [--force]',
    allowPositionals: true,
    options: OPTIONS.import,
    help: `Reads each FILE (text copied from a portal: date line, title, lead, body, "Nguồn: …") and
writes content/YYYY/<slug>.md with title, date, province, source and summary. The date line may
be "Thứ Hai, 24/2/2020", "T2, 24/2/2020", "24/02/2020 08:30", "08:30 24/02/2020",
"24/02/2020, 08h30", "ngày 24 tháng 2 năm 2020" or "2020-02-24" (always day/month/year).
The province comes from a "Tỉnh: …" title prefix, else --province. Photo captions ("(phải ảnh)",
"Ảnh: …") become figure captions; page furniture ("Gửi cho bạn bè", "Phản hồi", …) is dropped.
The photos beside FILE, named like it (bai.txt: bai.jpg, bai-1.jpg, bai_2.png, or the folder bai/),
or those in --photos DIR, fill the captions' figures in name order: each is copied beside the
article as <slug>-1.jpg, <slug>-2.jpg …; a photo more than the captions is reported, not copied.

With --document, each FILE is an official document's header as copied from its PDF or a portal
(the agency, "Số: 215/QĐ-UBND", "Bắc Ninh, ngày 24 tháng 02 năm 2024", the type line such as
"QUYẾT ĐỊNH", the trích yếu "Về việc …", or a công văn's "V/v …"), and import writes its record
content/<registry>/YYYY/<number>.md (e.g. content/van-ban/2024/215-qd-ubnd.md) with number, type,
issuer (the agency's name above the number, else documents.issuers), issued and effective (the
header's date) and summary (the trích yếu, "V/v" written "Về việc"). The text after the header is
kept as the record's body, paragraphs rejoined across a PDF's line breaks: compare it with the
signed file, and put that file beside the record under files:. Each record is checked as build
checks it; a header that cannot be read is reported at its line, and nothing is written for it.

Options:
  --root DIR          the site folder; default: .
  --out DIR           write the articles into DIR instead of <root>/content/YYYY/
  --province NAME     province for files whose title names none
  --from tcvn3|vni    convert from a legacy encoding (without it, such text is reported)
  --photos DIR        the photos of the one FILE, from this folder (default: those beside FILE)
  --force             replace existing files
  --document          read each FILE as a document's header and write its record into the registry

Prints each file created and anything it could not determine.
Exit codes: 0 all imported, 1 some input failed (the others are still written), 2 wrong usage
(with --document: also a site without a section of kind documents).`,
    run: async (v, positionals) =>
      (await import('./commands/import.js')).runImport(
        {
          root: (v.root as string) ?? '.',
          files: positionals,
          out: v.out as string | undefined,
          province: v.province as string | undefined,
          from: v.from as string | undefined,
          force: Boolean(v.force),
          photos: v.photos as string | undefined,
          document: v.document === true,
        },
        io,
      ),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `bantin ${VERSION}: static sites for official bulletins

Usage: bantin <command> [options]

Commands:
${lines.join('\n')}

Run "bantin <command> --help" for a command's options; "bantin --version" for the version.`;
}

function didYouMean(word: string, options: string[]): string {
  const near = options.filter((o) => editDistance(o, word) <= 2);
  return near.length ? `; did you mean "${near[0]}"?` : '';
}

/** Runs the CLI with arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`bantin: unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.help}`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
  } catch (e) {
    // Note: with positionals allowed, node adds advice about `--` that does not help here.
    const message = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    const flag = /'(--?[^']+)'/.exec(message)?.[1] ?? '';
    const hint = flag ? didYouMean(flag.replace(/^--?/, ''), Object.keys(command.options)).replace(/"([^"]+)"/, '"--$1"') : '';
    io.err(`bantin ${name}: ${message}${hint}\nUsage: ${command.usage}`);
    return 2;
  }
  return command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (e: unknown) => {
    // Note: a fault of the machine (disk full, read-only, a link loop) is the user's to fix, not a bug.
    const { faultDiagnostic, formatDiagnostic } = await import('./messages.js');
    const fault = faultDiagnostic(e);
    if (fault) {
      io.err(formatDiagnostic(fault));
      process.exitCode = 1;
      return;
    }
    io.err(`bantin: internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this with the command you ran.`);
    process.exitCode = 70;
  },
);
