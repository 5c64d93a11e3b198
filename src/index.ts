/** bantin's programmatic API: build a site from code. */
export { buildSite, buildSiteWithSearch, resolveConfig, type BuildOptions, type BuildResult } from './pipeline.js';
export { parseConfig, loadConfig, defaultConfig, type SiteConfig } from './config.js';
export { MemoryWriter, type Writer } from './write/writer.js';
export { DiskWriter } from './write/disk-writer.js';
export { formatDiagnostic, type Diagnostic } from './messages.js';
export { slugify, foldDiacritics } from './vietnamese/slugs.js';
export { parseDate } from './vietnamese/dates.js';
