// The layering of src/, checked in `npm test` by test/architecture.test.ts and by `npm run deps`.
// The pipeline is config → content → collect → render → search → write; cache/ is a side room
// that only the pipeline's wiring and the commands know. See issue 21 and docs STYLE.

/** Stages: the modules a build runs through, in pipeline order (with their shared helpers). */
const STAGES = [
  '^src/config\\.ts$',
  '^src/locale\\.ts$',
  '^src/locales/',
  '^src/content/',
  '^src/markdown\\.ts$',
  '^src/shortcodes\\.ts$',
  '^src/links\\.ts$',
  '^src/vietnamese/',
  '^src/collect(-documents|-translations)?\\.ts$',
  '^src/render/',
  '^src/search/',
  '^src/write/',
  '^src/check/',
  '^src/import/',
];

/** Leaves: modules anyone may import, which import no stage themselves (config and links excepted). */
const LEAVES = [
  '^src/types\\.ts$',
  '^src/messages\\.ts$',
  '^src/config\\.ts$',
  '^src/links\\.ts$',
  '^src/version\\.ts$',
  '^src/package-root\\.ts$',
  '^src/worker-pool\\.ts$',
  '^src/processes\\.ts$',
  '^src/folders\\.ts$',
  '^src/yaml\\.ts$',
  '^src/liquid\\.ts$',
  '^src/steps\\.ts$',
  '^src/output-path\\.ts$',
  '^src/media-types\\.ts$',
  '^src/content-hash\\.ts$',
  '^src/vietnamese/',
];

/** The interfaces stages declare for the cache to implement. */
const STORE_INTERFACES = [
  '^src/content/article-store\\.ts$',
  '^src/render/page-store\\.ts$',
  '^src/search/search-store\\.ts$',
];

/** What sits above the stages: the recipe, the commands, the preview server and the entry points. */
const WIRING = ['^src/pipeline\\.ts$', '^src/commands/', '^src/serve/', '^src/cli(-options)?\\.ts$', '^src/index\\.ts$'];

// Pipeline tiers, earliest first. A tier may import its own tier and earlier ones, never a later one.
const CONFIG = ['^src/config\\.ts$', '^src/locale\\.ts$', '^src/locales/'];
const CONTENT = ['^src/content/', '^src/markdown\\.ts$', '^src/shortcodes\\.ts$', '^src/links\\.ts$'];
const COLLECT = ['^src/collect(-documents|-translations)?\\.ts$'];
// Note: photos come after collect (they are the files the published items name) and before render (which shows them).
const PHOTOS = ['^src/photos/'];
const RENDER = ['^src/render/'];
const SEARCH = ['^src/search/'];
const WRITE = ['^src/write/'];

// Note: render plans the search pages from search/records.ts (the record shapes and index
// folder), which depends only on collect; the index itself (search/search-index.ts) comes after.
const SEARCH_AFTER_RENDER = ['^src/search/(?!records\\.ts$)'];
// Note: an emitting stage is handed a Writer; the interface's type is the one part of write/ it
// may name. Any value from write/, or any other write/ module, ties the stage to the disk code.
const WRITE_BEYOND_INTERFACE = ['^src/write/(?!writer\\.ts$)'];

/** One rule entry of stages-not-upstream: `from` may not import any of `later`. */
function upstream(from, later, why) {
  return [
    {
      name: 'stages-not-upstream',
      severity: 'error',
      comment: why,
      from: { path: from },
      to: { path: [...later, ...WIRING, ...WRITE_BEYOND_INTERFACE] },
    },
    {
      name: 'stages-not-upstream',
      severity: 'error',
      comment: `${why} Only the Writer interface's type may be named from write/.`,
      from: { path: from },
      to: { path: WRITE, dependencyTypesNot: ['type-only'] },
    },
  ];
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle of modules has no order to read, test or load it in; break it by moving the shared part to a leaf (types.ts) or to the earlier module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'stages-not-cache',
      severity: 'error',
      comment:
        'The stages do not know the cache exists: a stage declares the small interface it needs (an article source, a page store) and the pipeline hands it the cache or a plain one.',
      from: { path: STAGES },
      to: { path: '^src/cache/' },
    },
    {
      name: 'cache-not-stages',
      severity: 'error',
      comment:
        'The cache implements the interfaces stages declare for it and reads their types; it never calls a stage (or the wiring above them) back. Import the stage module as `import type`, or move the shared part to a leaf.',
      from: { path: '^src/cache/' },
      to: {
        path: '^src/',
        pathNot: ['^src/cache/', ...LEAVES, ...STORE_INTERFACES],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'leaves-import-leaves',
      severity: 'error',
      comment:
        'Leaves are what every stage may import; one that imports a stage, command, the cache or the pipeline makes everything that uses it depend on all of that.',
      from: {
        path: [
          '^src/types\\.ts$',
          '^src/messages\\.ts$',
          '^src/vietnamese/',
          '^src/yaml\\.ts$',
          '^src/folders\\.ts$',
          '^src/processes\\.ts$',
          '^src/package-root\\.ts$',
        ],
      },
      to: {
        path: [...STAGES, ...WIRING, '^src/cache/'],
        pathNot: ['^src/vietnamese/'],
      },
    },
    {
      name: 'commands-through-pipeline',
      severity: 'error',
      comment:
        'Commands and the preview server run the stages through pipeline.ts, the one route for build, serve and check; the render worker pool is started by a command and handed to the pipeline.',
      from: { path: ['^src/commands/', '^src/serve/'] },
      to: {
        path: ['^src/collect(-documents|-translations)?\\.ts$', '^src/render/', '^src/search/'],
        pathNot: ['^src/render/page-pool\\.ts$'],
      },
    },
    ...upstream(
      CONFIG,
      [...CONTENT, ...COLLECT, ...PHOTOS, ...RENDER, ...SEARCH],
      'config (with the language tables) is the first stage: it reads no content and knows no later stage.',
    ),
    ...upstream(
      CONTENT,
      [...COLLECT, ...PHOTOS, ...RENDER, ...SEARCH],
      'content turns files into articles; it must not know the site model, pages or the search index that come after it.',
    ),
    ...upstream(
      COLLECT,
      [...PHOTOS, ...RENDER, ...SEARCH],
      'collect builds the site model from articles; rendering and search read it, not the other way round.',
    ),
    ...upstream(
      PHOTOS,
      [...COLLECT, ...RENDER, ...SEARCH],
      'the photo stage makes the files of the photos published items name; it knows no page, and the site model only through the items it is handed.',
    ),
    ...upstream(
      RENDER,
      SEARCH_AFTER_RENDER,
      'render turns the site model into pages; of search it may read only the record shapes (search/records.ts), not the index built after it.',
    ),
    ...upstream(
      SEARCH,
      [],
      'search indexes what was rendered; it writes through the Writer it is handed and knows no command.',
    ),
    {
      name: 'stages-not-upstream',
      severity: 'error',
      comment:
        'write is the last stage: it puts files on disk and knows nothing of the stages that made them.',
      from: { path: WRITE },
      to: {
        path: [...CONFIG, ...CONTENT, ...COLLECT, ...PHOTOS, ...RENDER, ...SEARCH, ...WIRING],
      },
    },
  ],
  options: {
    // Note: packages stay in the graph (unfollowed) for the one-module-per-package check; the
    // pattern is not anchored, as a tree whose node_modules is a link resolves them elsewhere.
    includeOnly: ['^src/', 'node_modules/'],
    doNotFollow: { path: ['node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
