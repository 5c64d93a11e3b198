/** Shared shapes that stages hand to each other. */
import type { SiteDate } from './vietnamese/dates.js';
import type { Place } from './messages.js';

/** An internal link or image source found in an article body. */
export interface Reference {
  kind: 'article' | 'asset' | 'root' | 'document' | 'ref';
  /** `content/…` path for articles and assets; a site path starting with `/` for `root`; a number for `document` (`vb:215/QĐ-UBND`); for `ref`, the linking file's folder and the path written, a line apart. */
  target: string;
  fragment: string;
  placeholder: string;
  /** The URL as written. */
  url: string;
  place: Place;
  /** Made by a shortcode's template (its place is the shortcode's), not written in the body. */
  shortcode?: true;
}

/** A file an article names (a body link or image, `image`, an attachment), with where it names it. */
export interface FileLink {
  /** `content/…` for a path relative to the article, a site path (`/2020/anh.jpg`) for one from the root. */
  target: string;
  place: Place;
  /** Made by a shortcode's template: one that reaches no file is a warning of `build` (see `planAssets`). */
  shortcode?: true;
}

/** A file attached to an article (a decision, a plan), with its document number. */
export interface Attachment {
  title: string;
  /** Link placeholder, resolved when the page is rendered. */
  href: string;
  target: string;
  number: string | null;
}

/** An old site path of an article (`aliases`), where the front matter gives it. */
export interface Alias {
  path: string;
  place: Place;
}

/** Everything about one article except its body HTML: all that listings, feeds and search need. */
export interface ArticleMeta {
  /** Path relative to the site root, `/`-separated, e.g. `content/2020/a.md`. */
  sourcePath: string;
  /** SHA-256 of the source bytes. */
  hash: string;
  title: string;
  summary: string | null;
  date: SiteDate;
  updated: SiteDate | null;
  /** When the article is taken off the site (`expires`, Hugo's `expiryDate`): from then it is published no more; null: never. */
  expires: SiteDate | null;
  /** Where the front matter gives `date` and `updated`, for warnings about them. */
  datePlaces: { date: Place; updated: Place | null };
  /** Id of the article's section (the folder under `content/`), when the config declares sections. */
  section: string | null;
  /** Slug of the province (current or former), when the article names one. */
  province: string | null;
  /** Province name as resolved (or as written when provinces are not checked). */
  provinceName: string | null;
  source: string | null;
  sourceUrl: string | null;
  author: string | null;
  category: string | null;
  /** Values of each taxonomy field other than `province`, as written (NFC, spaces collapsed). */
  terms: Record<string, string[]>;
  /** Where each taxonomy field the article has (province included) is in its file, for messages about its values. */
  termPlaces: Record<string, Place>;
  slug: string;
  /** Page path below the base URL, starting and ending with `/`, e.g. `/2020/02/slug/`. */
  url: string;
  /** Output file below the output folder, e.g. `2020/02/slug/index.html`. */
  output: string;
  draft: boolean;
  /**
   * The lead photo (`image`), with its caption, its alt text (`image_alt`; a caption is no alt text)
   * and where its Open Graph card is cut (`image_focus`, a key of `FOCUS_POSITIONS`).
   */
  image: { src: string; target: string; caption: string | null; alt: string | null; focus: string | null; place: Place } | null;
  attachments: Attachment[];
  /** Old site paths that must redirect here, each starting with `/`, with its place in the front matter. */
  aliases: Alias[];
  /** The record of an official document (an item of the section of kind `documents`); null for an article. */
  document: DocumentRecord | null;
  /** The front matter's `translation` (what links it to its translations), with its place; null: its path is its key (see `linkTranslations`). */
  translation: Translation | null;
  /** The documents the front matter cites (`documents: [215/QĐ-UBND]`); body links (`vb:`) are in `references`. */
  citations: Citation[];
  references: Reference[];
  /** Every file the article names, in the body, `image` and attachments (see `planAssets`). */
  fileLinks: FileLink[];
  /** Number of words in the body, for reading time and search. */
  words: number;
}

/** An item's `translation:` front matter: a key it shares with its translations in the site's other languages. */
export interface Translation {
  key: string;
  place: Place;
}

/** A document named by its number (`215/QĐ-UBND`, or `215/QĐ-UBND (2024)` with its year), where it is named. */
export interface Citation {
  /** The number, spaces removed, NFC. */
  number: string;
  /** The year of issue, when the citation gives it. */
  year: number | null;
  place: Place;
}

/** A file of a document (the signed PDF, a Word copy, a table). */
export interface DocumentFile {
  /** The `content/…` path of the file. */
  target: string;
  /** Link placeholder, resolved when the page is rendered. */
  href: string;
  title: string | null;
  /** Its type in lower case (`pdf`, `docx`). */
  type: string;
  place: Place;
}

/** An official document's record (Decree 42/2022, Art. 4(1)(a)), as its front matter gives it. */
export interface DocumentRecord {
  /** Số, ký hiệu: `215/QĐ-UBND`. */
  number: string;
  /** Loại văn bản (a name of `data/document-types.json` or of the config's `documents.types`). */
  type: string;
  issuer: string;
  issued: SiteDate;
  effective: SiteDate;
  expires: SiteDate | null;
  signer: string | null;
  signerTitle: string | null;
  field: string | null;
  files: DocumentFile[];
  replaces: Citation[];
  amends: Citation[];
  related: Citation[];
  replacedBy: Citation | null;
  amendedBy: Citation[];
  /** Where the number is written, for messages about it (a duplicate). */
  numberPlace: Place;
}

/** An undated page of the site (`content/pages/…`), with its rendered body. */
export interface SitePage {
  /** Path relative to the site root, e.g. `content/pages/gioi-thieu/lanh-dao.md`. */
  sourcePath: string;
  title: string;
  summary: string | null;
  /** Order among its sibling pages: smaller first, pages without one after them; then by title. */
  weight: number | null;
  draft: boolean;
  updated: SiteDate | null;
  /** Whether the page shows the agency's contacts from the config (`contact: true`: the contact page). */
  contact: boolean;
  /** The front matter's `translation` (see `ArticleMeta.translation`). */
  translation: Translation | null;
  /** Page path below the base URL, from the file's path, e.g. `/gioi-thieu/lanh-dao/`. */
  url: string;
  output: string;
  references: Reference[];
  fileLinks: FileLink[];
  /** Body HTML fragment with reference placeholders, and its plain text. */
  html: string;
  text: string;
}

/** An article with its rendered body. */
export interface Article extends ArticleMeta {
  /** Body HTML fragment with reference placeholders. */
  html: string;
  /** Plain text of the body. */
  text: string;
}

/** One file of the built site. */
export interface OutputFile {
  /** Path below the output folder, `/`-separated. */
  path: string;
  content: string | Uint8Array;
}
