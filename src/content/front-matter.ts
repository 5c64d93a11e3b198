/**
 * Front matter: split with gray-matter, parsed as safe YAML. No JavaScript or other engine is ever
 * run: a front-matter language other than YAML is refused.
 */
import matter from 'gray-matter';
import type { Place } from '../messages.js';
import { parseYaml } from '../yaml.js';

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

/** Splits and parses front matter from decoded text. */
export function parseFrontMatter(text: string): FrontMatter | { problems: FrontMatterProblem[] } {
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
  const parsed = parseYaml(raw.replace(/^[^\n]*\n/, ''));
  if (parsed.problems.length) {
    return {
      problems: parsed.problems.map((p) => ({
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
  };
}
