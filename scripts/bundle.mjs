/**
 * The second half of `npm run build` (tsc writes the .d.ts files): one JavaScript file per entry point of the
 * package — the index, the pool worker, the Process child — instead of a file per module. On Node 20 each ES
 * module costs about a millisecond to load, and the package is ~36 of them: the parent paid ~40 ms to import
 * it, and every worker paid its own modules plus the package again when the task module imported it. Bundled,
 * a cold start (create a pool, one task, shut down) went from 1.42× to 1.08× the bare-fork floor in paired
 * runs. The entries sit side by side in dist/ because the pool and Process find their child entry next to the
 * module that forks it (reference/src/process/child-entry.ts). State that must be one per process (identity,
 * task registry, queue host) lives on globalThis, so a worker holding two copies of a module is harmless.
 *
 * The index is built twice: dist/index.js (ESM) and dist/index.cjs, so that `require('multiproc')` works on
 * Node 20, which cannot require an ES module. The children's entries stay ESM only: a child is started by path,
 * whichever copy started it, and a CommonJS task module it imports loads the CommonJS copy beside its ESM one
 * (harmless, as said). CommonJS has no `import.meta`: the CommonJS copy gets its own file URL from `__filename`,
 * so it still finds dist/child-main.js and dist/worker-main.js next to itself.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Every process parses the bundle (the parent, each pool worker, each Process child): without its indentation and
  // line breaks it is ~30% smaller and its import ~2 ms of CPU cheaper here (~21 → ~19 ms, 41 paired imports;
  // issue 20, a: cold start). Names are kept (no identifier minification), and the source map maps stack traces.
  minifyWhitespace: true,
  logLevel: 'warning',
  // Optional dependencies of the cluster pool, imported only when it is used: never bundled.
  external: ['bullmq', 'ioredis'],
};

await Promise.all([
  build({
    ...common,
    // The pool worker's entry is not bundled: see the end of this file.
    entryPoints: ['reference/src/index.ts', 'reference/src/process/child-main.ts',
      // The `multiproc` command, and the task its worker's local pool runs per chunk (found next to it).
      'reference/src/cli.ts', 'reference/src/backend/bullmq/chunk-task.ts'],
    entryNames: '[name]',
    outdir: 'dist',
    format: 'esm',
  }),
  build({
    ...common,
    entryPoints: ['reference/src/index.ts'],
    outfile: 'dist/index.cjs',
    format: 'cjs',
    define: { 'import.meta.url': '__multiprocModuleUrl' },
    banner: { js: 'const __multiprocModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
]);

// TypeScript reads every .d.ts of this "type": "module" package as ESM, and under `module: node16` refuses a
// CommonJS importer's `require` of it (TS1479). The `require` condition's types are therefore a copy of the
// declarations in dist/cjs/, whose package.json says CommonJS: the same text, read as CommonJS.
for (const file of readdirSync('dist', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
  mkdirSync(dirname(join('dist/cjs', file)), { recursive: true });
  copyFileSync(join('dist', file), join('dist/cjs', file));
}
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');

// A pool worker's entry loads the package's own bundle, which starts the worker code when it runs as this file
// (reference/src/backend/child-process/worker-boot.ts): a worker whose task module imports multiproc, as nearly
// every one does, then parses and runs the library once instead of twice.
writeFileSync('dist/worker-main.js', "// A pool worker: the package's bundle starts it (see reference/src/backend/child-process/worker-boot.ts).\nimport './index.js';\n");
