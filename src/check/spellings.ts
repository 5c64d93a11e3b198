/** Check rule `mixed-spelling`: one tag or province written several ways across articles. */
import type { SiteModel } from '../collect.js';
import type { SiteConfig } from '../config.js';
import { compareText, warning, type Diagnostic } from '../messages.js';
import type { ArticleSource } from './article-sources.js';

const SHOWN = 4;

function listFiles(files: readonly string[]): string {
  const shown = files.slice(0, SHOWN).join(', ');
  return files.length > SHOWN ? `${shown} and ${files.length - SHOWN} more` : shown;
}

/** Warns at each file that writes a term differently from the most common spelling. */
function warnSpellings(
  label: string,
  field: string,
  spellings: Map<string, string[]>,
  sources: ReadonlyMap<string, ArticleSource>,
): Diagnostic[] {
  if (spellings.size < 2) return [];
  const ranked = [...spellings.entries()].sort((a, b) => b[1].length - a[1].length || compareText(a[0], b[0]));
  const [main, mainFiles] = ranked[0]!;
  const out: Diagnostic[] = [];
  for (const [spelling, files] of ranked.slice(1)) {
    for (const file of files) {
      out.push(
        warning(file, sources.get(file)?.placeOf(field), 'mixed-spelling',
          `${label} "${spelling}" is written "${main}" in ${listFiles(mainFiles)}; write it one way (spellings: ${ranked.map(([s]) => `"${s}"`).join(', ')})`),
      );
    }
  }
  return out;
}

/** Finds tags (and other taxonomy values) and provinces written several ways. */
export function checkSpellings(site: SiteModel, config: SiteConfig, sources: ReadonlyMap<string, ArticleSource>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const key = (field: string) => config.fields[field] ?? field;
  for (const [taxonomy, terms] of Object.entries(site.taxonomies)) {
    if (taxonomy === 'province') continue;
    const label = taxonomy === 'tags' ? 'tag' : `${taxonomy} value`;
    for (const term of terms) {
      if (!term.variants.length) continue;
      const variantFiles = new Set(term.variants.flatMap((v) => v.files));
      const spellings = new Map<string, string[]>();
      const mainFiles = term.articles.map((i) => site.articles[i]!.sourcePath).filter((f) => !variantFiles.has(f));
      if (mainFiles.length) spellings.set(term.name, mainFiles.sort(compareText));
      for (const v of term.variants) spellings.set(v.spelling, [...(spellings.get(v.spelling) ?? []), ...v.files].sort(compareText));
      out.push(...warnSpellings(label, key(taxonomy), spellings, sources));
    }
  }
  if (config.taxonomies.includes('province') || config.required.includes('province')) {
    const bySlug = new Map<string, Map<string, string[]>>();
    for (const a of site.articles) {
      const written = sources.get(a.sourcePath)?.data[key('province')];
      if (!a.province || typeof written !== 'string') continue;
      const spelling = written.replace(/\s+/g, ' ').trim();
      let spellings = bySlug.get(a.province);
      if (!spellings) bySlug.set(a.province, (spellings = new Map()));
      spellings.set(spelling, [...(spellings.get(spelling) ?? []), a.sourcePath].sort(compareText));
    }
    for (const spellings of bySlug.values()) out.push(...warnSpellings('province', key('province'), spellings, sources));
  }
  return out;
}
