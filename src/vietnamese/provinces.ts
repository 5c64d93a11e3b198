/**
 * Provinces: the 34 provincial units in force since 1 July 2025 and the 63 former ones, with
 * spelling variants resolved and "did you mean" suggestions for unknown names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { foldDiacritics, slugify } from './slugs.js';

/** A province as a page of the site: current, or former and merged into a current one. */
export interface Province {
  name: string;
  slug: string;
  current: boolean;
  /** For a former province: the slug of the current unit it is now part of. */
  mergedInto: string | null;
  /** For a former province: the date it stopped existing, `YYYY-MM-DD`. */
  mergedOn: string | null;
  /** For a current unit: slugs of the former provinces it absorbed (its own name excluded). */
  formers: string[];
}

interface RawUnit {
  name: string;
  slug: string;
  former_provinces: string[];
}

/** The date Resolution 202/2025/QH15 took effect. */
export const MERGER_DATE = '2025-07-01';

// Note: names people write that folding and prefix-stripping alone do not reach.
const ALIASES: Record<string, string> = {
  hcm: 'Hồ Chí Minh',
  tphcm: 'Hồ Chí Minh',
  saigon: 'Hồ Chí Minh',
  thanhphohochiminh: 'Hồ Chí Minh',
  thuathienhue: 'Huế',
  brvt: 'Bà Rịa - Vũng Tàu',
  bariavungtau: 'Bà Rịa - Vũng Tàu',
  hn: 'Hà Nội',
  daklak: 'Đắk Lắk',
  daknong: 'Đắk Nông',
};

/** Folds a written province name to a lookup key: `Tp. Hồ Chí Minh` → `hochiminh`. */
export function provinceKey(text: string): string {
  const folded = foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const stripped = folded.replace(/^(tinh|thanh pho|tp)\s+/, '');
  return stripped.replace(/\s+/g, '');
}

/** Looks up provinces by any common spelling. */
export interface ProvinceIndex {
  /** Every province (current and former), by slug. */
  bySlug: ReadonlyMap<string, Province>;
  /** Resolves a written name to a province, or null. */
  resolve(name: string): Province | null;
  /** Up to three names close to an unknown one. */
  suggest(name: string): string[];
}

/** Builds the index from the bundled data (`data/vn-provinces.json`). */
export function loadProvinces(): ProvinceIndex {
  return indexProvinces(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'vn-provinces.json'), 'utf8')) as RawUnit[]);
}

/** Builds the index from units shaped like `vn-provinces.json`. */
export function indexProvinces(units: readonly RawUnit[]): ProvinceIndex {
  const bySlug = new Map<string, Province>();
  const byKey = new Map<string, Province>();
  for (const unit of units) {
    const current: Province = {
      name: unit.name,
      slug: unit.slug,
      current: true,
      mergedInto: null,
      mergedOn: null,
      formers: [],
    };
    bySlug.set(unit.slug, current);
    byKey.set(provinceKey(unit.name), current);
  }
  for (const unit of units) {
    for (const former of unit.former_provinces) {
      const key = provinceKey(former);
      if (byKey.has(key)) continue;
      const province: Province = {
        name: former,
        slug: slugify(former),
        current: false,
        mergedInto: unit.slug,
        mergedOn: MERGER_DATE,
        formers: [],
      };
      bySlug.get(unit.slug)!.formers.push(province.slug);
      bySlug.set(province.slug, province);
      byKey.set(key, province);
    }
  }
  for (const [alias, name] of Object.entries(ALIASES)) {
    const target = byKey.get(provinceKey(name));
    if (target) byKey.set(alias, target);
  }
  const keys = [...byKey.keys()];
  return {
    bySlug,
    resolve: (name) => byKey.get(provinceKey(name)) ?? null,
    suggest(name) {
      const key = provinceKey(name);
      const ranked = keys
        .map((k) => ({ k, d: editDistance(key, k) }))
        .filter(({ k, d }) => d <= Math.max(2, Math.floor(Math.max(k.length, key.length) / 3)))
        .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1));
      const names: string[] = [];
      for (const { k, d } of ranked) {
        if (d > ranked[0]!.d) break;
        const n = byKey.get(k)!.name;
        if (!names.includes(n)) names.push(n);
        if (names.length === 3) break;
      }
      return names;
    },
  };
}

let englishNames: Record<string, string> | null = null;

/**
 * A province's name as a page in `language` shows it: the Vietnamese name for `vi`, else the
 * English one from `data/vn-provinces.en.json` (`bac-ninh` → "Bac Ninh"); null for a slug it does not know.
 */
export function provinceNameIn(slug: string, language: string): string | null {
  if (language === 'vi') return provinces().bySlug.get(slug)?.name ?? null;
  englishNames ??= JSON.parse(readFileSync(join(PACKAGE_ROOT, 'data', 'vn-provinces.en.json'), 'utf8')) as Record<string, string>;
  return englishNames[slug] ?? null;
}

/** Levenshtein distance, for suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

let provinceIndex: ProvinceIndex | null = null;

/** The bundled province data, loaded once per process. */
export function provinces(): ProvinceIndex {
  provinceIndex ??= loadProvinces();
  return provinceIndex;
}

/** The message for a province name that is not known, with "did you mean" suggestions. */
export function unknownProvinceMessage(name: string): string {
  const near = provinces().suggest(name);
  const hint = near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'write a province name such as "Bắc Ninh"';
  return `unknown province "${name}"; ${hint}`;
}
