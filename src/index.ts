/** bantin's programmatic API: build a site from code. */
export { buildSite, buildSiteWithSearch, resolveConfig, type BuildOptions, type BuildResult } from './pipeline.js';
export { parseConfig, loadConfig, defaultConfig, type SiteConfig } from './config.js';
export { MemoryWriter, DiskWriter, type Writer } from './write.js';
export { formatDiagnostic, type Diagnostic } from './messages.js';
export { slugify, foldDiacritics } from './slugs.js';
export { parseDate } from './content/dates.js';
