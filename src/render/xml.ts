/** Text for XML (feeds, the sitemap). */

/** Text safe inside XML elements and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  // Note: the lone-surrogate pattern is slow on long bodies; most text has no candidate at all.
  const clean = SUSPECT.test(text) ? text.replace(FORBIDDEN, '') : text;
  return clean.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

// Note: characters XML 1.0 forbids, and lone surrogates.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
