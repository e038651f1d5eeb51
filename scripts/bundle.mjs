/**
 * The second half of `npm run build` (tsc writes the .d.ts files): one JavaScript file per entry point of the
 * package — the index, the pool worker, the Process child — instead of a file per module. On Node 20 each ES
 * module costs about a millisecond to load, and the package is ~36 of them: the parent paid ~40 ms to import
 * it, and every worker paid its own modules plus the package again when the task module imported it. Bundled,
 * a cold start (create a pool, one task, shut down) went from 1.42× to 1.08× the bare-fork floor in paired
 * runs. The entries sit side by side in dist/ because the pool and Process find their child entry next to the
 * module that forks it (reference/src/process/child-entry.ts). State that must be one per process (identity,
 * task registry, queue host) lives on globalThis, so a worker holding two copies of a module is harmless.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['reference/src/index.ts', 'reference/src/pool/worker-main.ts', 'reference/src/process/child-main.ts'],
  entryNames: '[name]',
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
