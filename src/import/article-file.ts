/**
 * Writing an article file: YAML front matter (plain where safe, double-quoted otherwise) and a
 * Markdown body with the raw text's characters escaped, so the text shows exactly as written.
 */
import { PHOTO_PLACEHOLDER } from './photos.js';
import type { Block } from './raw-article.js';

/** One front-matter entry; `null` writes the key with an empty value and the hint as a comment. */
export interface Field {
  key: string;
  value: string | string[] | null;
  hint?: string;
}

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} .,()/&+'’-]*$/u;
const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

/** A YAML scalar for a text value: plain when unambiguous, else a JSON (YAML-compatible) string. */
export function yamlScalar(value: string): string {
  const plain = PLAIN.test(value) && !YAML_WORDS.test(value) && !/^[\d.,-]+$/.test(value) && !/\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** Formats front matter between `---` lines. Dates are written unquoted (`2020-02-24`). */
export function formatFrontMatter(fields: readonly Field[]): string {
  const lines = ['---'];
  for (const { key, value, hint } of fields) {
    if (value === null) lines.push(`${key}: ""${hint ? `  # ${hint}` : ''}`);
    else if (Array.isArray(value)) lines.push(`${key}: [${value.map(yamlScalar).join(', ')}]`);
    else if (/^\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?$/.test(value)) lines.push(`${key}: ${value}`);
    else lines.push(`${key}: ${yamlScalar(value)}`);
  }
  lines.push('---');
  return `${lines.join('\n')}\n`;
}

/** Escapes text so Markdown shows it as written (no emphasis, links, HTML or headings). */
export function escapeMarkdown(text: string): string {
  const inline = text.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replace(/!(?=\\\[)/g, '\\!');
  return inline.replace(/^(#{1,6}(?=\s|$)|>|[-+](?=\s)|=+(?=\s*$)|(\d{1,9})([.)])(?=\s|$))/, (all, _m, digits?: string, mark?: string) =>
    digits !== undefined ? `${digits}\\${mark}` : `\\${all}`,
  );
}

const BULLET = /^(?:[-+•●▪◦*]|(\d{1,3})[.)])\s+/u;

/** Markdown of one text block: a paragraph, or a list when its lines start with bullets. */
function formatText(lines: readonly string[]): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(escapeMarkdown(paragraph.join(' ')));
    paragraph = [];
  };
  for (const line of lines) {
    const bullet = BULLET.exec(line);
    if (bullet) {
      flush();
      const marker = bullet[1] !== undefined ? `${bullet[1]}.` : '-';
      out.push(`${marker} ${escapeMarkdown(line.slice(bullet[0].length))}`);
    } else if (out.length && /^(?:-|\d+\.) /.test(out[out.length - 1]!) && !paragraph.length) {
      out[out.length - 1] += ` ${escapeMarkdown(line)}`;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  // Note: list items stay together; a paragraph after a list needs a blank line to end the list.
  return out.reduce((acc, part, i) => {
    if (i === 0) return part;
    const listItem = /^(?:-|\d+\.) /.test(part);
    const previousItem = /^(?:-|\d+\.) /.test(out[i - 1]!);
    return acc + (listItem && previousItem ? '\n' : '\n\n') + part;
  }, '');
}

/**
 * Markdown of the body. A photo caption becomes `![ảnh]()` followed by the caption in italics:
 * the build shows it as a figure caption, and the empty `()` is where the photo's file goes.
 */
export function formatBody(blocks: readonly Block[]): string {
  const parts = blocks.map((b) => (b.kind === 'caption' ? `${PHOTO_PLACEHOLDER}\n\n*${escapeMarkdown(b.text)}*` : formatText(b.lines)));
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}
