/**
 * Front matter: split with gray-matter, parsed as safe YAML. No JavaScript or other engine is ever
 * run: a front-matter language other than YAML is refused.
 */
import matter from 'gray-matter';
import type { Place } from '../messages.js';
import { indentContinuations, parseYaml } from '../yaml.js';

/** Front matter of one file, with places of its keys in the file. */
export interface FrontMatter {
  data: Record<string, unknown>;
  /** The Markdown body after the front matter. */
  body: string;
  /** Lines before the body starts (to turn body lines into file lines). */
  bodyLineOffset: number;
  placeOf(key: string): Place | undefined;
  /** Place of a nested value (`['attachments', 0, 'file']`), if it is there. */
  placeIn(path: (string | number)[]): Place | undefined;
  /** Places of the items of a key's list, in order (the key's place for a value that is not a list). */
  itemPlacesOf(key: string): Place[];
  /** What was read though YAML asks otherwise (see `indentContinuations`): warnings for the file. */
  notes?: FrontMatterProblem[];
}

/** A front-matter problem: rule id, message and place in the file. */
export interface FrontMatterProblem {
  rule: string;
  message: string;
  place: Place;
}

const refuse = {
  parse() {
    throw new Error('front-matter engine refused');
  },
};

// Note: gray-matter runs `---js` with eval; every engine but a no-op YAML one is replaced.
const OPTIONS = {
  engines: { yaml: { parse: () => ({}) }, js: refuse, javascript: refuse, coffee: refuse, json: refuse },
} as unknown as Parameters<typeof matter>[1];

/** YAML problems that are causes of their own, not the follow-on of a syntax error (see `parseFrontMatter`). */
const SEPARATE = new Set(['DUPLICATE_KEY', 'TAG_RESOLVE_FAILED', 'TOO_DEEP']);

/** How front matter written for another generator is read (see `parseFrontMatter`). */
export interface FrontMatterOptions {
  /** `later`: a key written twice is read as its later value, with a warning naming both lines (Hugo's reading). */
  duplicates?: 'refuse' | 'later';
  /** Whether the site says which generator its content was written for: then what that generator reads is read without a warning. */
  compatible?: boolean;
}

/** Splits and parses front matter from decoded text. */
export function parseFrontMatter(text: string, options: FrontMatterOptions = {}): FrontMatter | { problems: FrontMatterProblem[] } {
  // Note: scraped and converted files often start with blank lines before `---`.
  const leading = /^(?:[ \t]*\n)*/.exec(text)![0];
  const lead = leading.split('\n').length - 1;
  const rest = text.slice(leading.length);
  if (!matter.test(rest)) {
    return { data: {}, body: text, bodyLineOffset: 0, placeOf: () => undefined, placeIn: () => undefined, itemPlacesOf: () => [] };
  }
  const language = matter.language(rest).name;
  if (language && language.toLowerCase() !== 'yaml' && language.toLowerCase() !== 'yml') {
    return {
      problems: [
        {
          rule: 'front-matter-language',
          message: `front matter in "${language}" is refused (only YAML is read, nothing is executed); start the file with a plain --- line`,
          place: { line: lead + 1, column: 4 },
        },
      ],
    };
  }
  const split = matter(rest, OPTIONS);
  const raw = split.matter;
  if (!/\n---[ \t]*(\n|$)/.test(rest.slice(3))) {
    return {
      problems: [
        {
          rule: 'front-matter-unclosed',
          message: 'front matter is never closed; end it with a line holding only ---',
          place: { line: lead + 1, column: 1 },
        },
      ],
    };
  }
  const yamlStart = lead + 2;
  const yaml = raw.replace(/^[^\n]*\n/, '');
  let parsed = parseYaml(yaml);
  const notes: FrontMatterProblem[] = [];
  if (parsed.problems.length) {
    // Note: a quoted value's lines left unindented, which js-yaml reads, are read too (with a warning).
    const repaired = indentContinuations(yaml);
    const again = repaired.continuations.length ? parseYaml(repaired.text) : null;
    if (again && !again.problems.length) {
      parsed = again;
      for (const c of options.compatible ? [] : repaired.continuations) {
        const lines = c.lines.length > 1 ? `lines ${c.lines[0]! + yamlStart - 1}–${c.lines.at(-1)! + yamlStart - 1}` : `line ${c.lines[0]! + yamlStart - 1}`;
        notes.push({ rule: 'yaml-indent', message: `the quoted value of ${c.key} goes on over ${lines}, which are not indented; it is read as one value, as other generators read it, but YAML asks for a value's lines to be indented under its key: indent them by two spaces`, place: { line: c.lines[0]! + yamlStart - 1, column: 1 } });
      }
    }
  }
  if (options.duplicates === 'later' && parsed.problems.length && parsed.problems.every((p) => p.code === 'DUPLICATE_KEY')) {
    for (const p of parsed.problems) {
      const key = /^the key "(.*)" appears twice$/.exec(p.message)?.[1] ?? '';
      const first = yaml.split('\n').findIndex((line) => line.startsWith(`${key}:`));
      notes.push({ rule: 'yaml-duplicate-key', message: `the key "${key}" is written twice (lines ${first + yamlStart} and ${p.line + yamlStart - 1}); the later value is read, as Hugo reads it: remove the other line`, place: { line: p.line + yamlStart - 1, column: p.column } });
    }
    parsed = parseYaml(yaml, 'later');
  }
  if (parsed.problems.length) {
    // Note: after the first syntax error the parser's further ones mostly follow from it (prose read
    // as keys, a key "twice"): that one is told; duplicate keys and refused tags before it are causes of their own.
    const first = parsed.problems.findIndex((p) => !SEPARATE.has(p.code));
    const told = first < 0 ? parsed.problems : parsed.problems.filter((p, i) => i === first || (SEPARATE.has(p.code) && p.line < parsed.problems[first]!.line));
    return {
      problems: told.map((p) => ({
        rule: p.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : p.code === 'TAG_RESOLVE_FAILED' ? 'yaml-tag' : p.code === 'TOO_DEEP' ? 'yaml-too-deep' : 'yaml-syntax',
        message: `${p.message}; fix the YAML between the --- lines`,
        place: { line: p.line + yamlStart - 1, column: p.column },
      })),
    };
  }
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      problems: [
        {
          rule: 'front-matter-not-mapping',
          message: 'front matter must be "key: value" lines, not a single value or a list',
          place: { line: yamlStart, column: 1 },
        },
      ],
    };
  }
  const inFile = (p: { line: number; column: number }) => ({ line: p.line + yamlStart - 1, column: p.column });
  const placeOf = (key: string): Place => {
    const p = parsed.placeOf(key);
    return p ? inFile(p) : { line: yamlStart, column: 1 };
  };
  const placeIn = (path: (string | number)[]): Place | undefined => {
    const p = parsed.placeIn(path);
    return p && inFile(p);
  };
  const body = split.content;
  const bodyStart = text.length - body.length;
  const bodyLineOffset = text.slice(0, bodyStart).split('\n').length - 1;
  const data = value as Record<string, unknown>;
  return {
    data,
    body,
    bodyLineOffset,
    placeOf,
    placeIn,
    itemPlacesOf(key) {
      const value = data[key];
      const count = Array.isArray(value) ? value.length : 1;
      return Array.from({ length: count }, (_, i) => placeIn([key, i]) ?? placeOf(key));
    },
    ...(notes.length ? { notes } : {}),
  };
}
