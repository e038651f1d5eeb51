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
 * The library itself is built once, as CommonJS (dist/multiproc.cjs), so that `require('multiproc')` works on
 * Node 20, which cannot require an ES module, and so that it can be compiled with a V8 code cache (an ES module
 * cannot be, on Node 20): dist/index.cjs loads it (scripts/cached-entry.cjs), dist/index.js re-exports it, so an
 * ES and a CommonJS importer in one process share one copy. The other entries (the Process child, the command)
 * stay ES bundles of their own: a child is started by path, and a task module it imports loads the package's copy
 * beside its own (harmless, as said). CommonJS has no `import.meta`: the CommonJS copy gets its own file URL from
 * `__filename`, so it still finds dist/child-main.js and dist/worker-main.js next to itself.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    // The pool worker's entry is not bundled, nor is the package's ES entry: see the end of this file.
    entryPoints: ['reference/src/process/child-main.ts',
      // The `multiproc` command. The task its worker's local pool runs per chunk (found next to it) is not a bundle
      // of its own: see dist/chunk-task.js below.
      'reference/src/cli.ts'],
    entryNames: '[name]',
    outdir: 'dist',
    format: 'esm',
  }),
  build({
    ...common,
    entryPoints: ['reference/src/index.ts'],
    // The library's one copy, loaded by dist/index.cjs with its code cache: see the end of this file.
    outfile: 'dist/multiproc.cjs',
    format: 'cjs',
    define: { 'import.meta.url': '__multiprocModuleUrl' },
    // Compiled through node:vm by dist/index.cjs, whose `import()` the library's dynamic imports use (given as the
    // module's parameter __multiprocImport); required as a plain CommonJS module, its own `import()`.
    plugins: [{
      name: 'import-through-the-entry',
      setup(bundle) {
        bundle.onLoad({ filter: /[\\/]reference[\\/]src[\\/]import-module\.ts$/ }, () => ({
          loader: 'js',
          contents: "export const importModule = typeof __multiprocImport === 'function' ? __multiprocImport : (url) => import(url);\n",
        }));
      },
    }],
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

// The module a cluster worker command's local children run chunks from: the package's one copy of the runner,
// registered under this file's URL (reference/src/backend/bullmq/chunk-task-hook.ts). A bundle of its own held its
// own copies of the worker's modules (the running task, progress), which replaced the worker's own in the child:
// a cluster task's currentTask().signal never fired and its progress() went nowhere.
writeFileSync('dist/chunk-task.js', "// A cluster worker command's chunk runner (reference/src/backend/bullmq/chunk-task.ts), from the package's one copy.\n" +
  "import './index.js';\n" +
  "export const { runClusterChunk, preloadModules } = await globalThis[Symbol.for('multiproc.loadClusterChunkTask')](import.meta);\n");

// Both entries load one copy of the library, dist/multiproc.cjs, compiled with a V8 code cache (issue 20, a: cold
// start; scripts/cached-entry.cjs says how and when it is used): dist/index.cjs is that loader, dist/index.js
// re-exports what it loaded, and the cache is written by the loader itself, in a plain child of this Node (V8
// refuses a cache made under other V8 flags, so none are given, as a user's process has none).
copyFileSync('scripts/cached-entry.cjs', 'dist/index.cjs');
// Code node:vm compiled cannot run a bare `import()` (it fails only there, at the call): every dynamic import of
// the library must go through import-module.ts, whose copy in this bundle holds the one allowed.
const dynamicImports = readFileSync('dist/multiproc.cjs', 'utf8').match(/(?<![\w$.])import\(/g) ?? [];
if (dynamicImports.length !== 1) {
  throw new Error(`dist/multiproc.cjs holds ${dynamicImports.length} dynamic import() calls where only import-module.ts's ` +
    'may be: import other modules at run time with importModule() from reference/src/import-module.ts');
}
const names = Object.keys(createRequire(import.meta.url)('../dist/multiproc.cjs')).filter((name) => name !== '__esModule');
writeFileSync('dist/index.js', "// The package's ES entry: the library loaded by ./index.cjs (scripts/cached-entry.cjs).\n" +
  // Required, not imported: Node's import of a CommonJS file first scans it for export names (cjs-module-lexer,
  // ~3 ms of CPU to set up), and the names are known here.
  "import { createRequire } from 'node:module';\n" +
  `export const { ${names.join(', ')} } = createRequire(import.meta.url)('./index.cjs');\n`);
const env = { ...process.env };
delete env.NODE_OPTIONS;
execFileSync(process.execPath, ['dist/index.cjs', '--write-code-cache'], { env, stdio: 'inherit' });
