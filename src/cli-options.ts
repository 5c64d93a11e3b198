/**
 * The options of each command (`parseArgs`'s table): what the command line accepts, and what the
 * documentation must name (test/docs-site.test.ts compares them with the command pages).
 */
import type { ParseArgsConfig } from 'node:util';

export const OPTIONS = {
  init: {
    lang: { type: 'string' },
    from: { type: 'string' },
    force: { type: 'boolean' },
  },
  build: {
    root: { type: 'string' },
    out: { type: 'string' },
    'base-url': { type: 'string' },
    drafts: { type: 'boolean' },
    future: { type: 'boolean' },
    expired: { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
    'keep-going': { type: 'boolean' },
  },
  serve: {
    root: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'base-url': { type: 'string' },
    drafts: { type: 'boolean' },
    future: { type: 'boolean' },
    expired: { type: 'boolean' },
    open: { type: 'boolean' },
    poll: { type: 'boolean' },
  },
  check: {
    root: { type: 'string' },
    format: { type: 'string' },
    strict: { type: 'boolean' },
    'base-url': { type: 'string' },
    drafts: { type: 'boolean' },
    future: { type: 'boolean' },
    expired: { type: 'boolean' },
  },
  new: {
    root: { type: 'string' },
    lang: { type: 'string' },
    section: { type: 'string' },
    province: { type: 'string' },
    source: { type: 'string' },
    tags: { type: 'string' },
    date: { type: 'string' },
    page: { type: 'boolean' },
    parent: { type: 'string' },
    document: { type: 'boolean' },
    summary: { type: 'string' },
    type: { type: 'string' },
    issuer: { type: 'string' },
  },
  import: {
    root: { type: 'string' },
    out: { type: 'string' },
    province: { type: 'string' },
    from: { type: 'string' },
    force: { type: 'boolean' },
    document: { type: 'boolean' },
    photos: { type: 'string' },
  },
} satisfies Record<string, NonNullable<ParseArgsConfig['options']>>;
