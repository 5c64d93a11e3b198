/**
 * Bundles the compiled CLI (lib/cli.js) and its worker scripts, with the packages they import,
 * into one file each in lib/bundle/, which is what the `bantin` command runs. Note: loading the
 * ~400 modules of lib/ and of unified's and LiquidJS's packages took ~250 ms of every build (most of
 * a warm one-edit build's start); one file loads in ~70 ms. lib/ stays as tsc wrote it, for the
 * library's exports and types. Run by `npm run compile`, after tsc.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));

await build({
  entryPoints: {
    cli: `${lib}cli.js`,
    // Note: the same names beside the CLI as beside their pools in lib/, so `new URL('./x-worker.js', import.meta.url)` finds both.
    'article-worker': `${lib}content/article-worker.js`,
    'page-worker': `${lib}render/page-worker.js`,
    'output-worker': `${lib}cache/output-worker.js`,
  },
  outdir: `${lib}bundle`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Note: pagefind finds its platform's binary through its own package files; rehype-raw is
  // required lazily (only for sites with `allowHtml`).
  external: ['pagefind', 'rehype-raw'],
  // Note: CommonJS packages in the bundle (gray-matter and its parsers) call `require` for Node's own modules.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
