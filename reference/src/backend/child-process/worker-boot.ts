/**
 * A pool worker loads the package once. A worker's task module almost always imports multiproc (to register
 * its tasks), so a worker built as its own bundle parsed and ran the library twice: its own copy (dist/
 * worker-main.js, ~100 KB) and the package's (dist/index.js, ~216 KB) for the task module, about 20 ms of CPU
 * before the first task could start (issue 20, a: cold start). In the build, dist/worker-main.js is only
 * `import './index.js'` (scripts/bundle.mjs), and this module, part of the package's bundle, starts the worker
 * code when the process it runs in is that entry. The bundle holds the worker code behind a dynamic import,
 * evaluated only then: a parent pays for parsing it, never for running it.
 *
 * From the sources (tsx, or the compiled .tmp/js tree), the worker's entry is worker-main itself, and this is
 * the module that is already running: importing it again is a no-op. Once per process, on globalThis, because
 * a CommonJS task module loads the CommonJS copy of the package beside the ES one.
 */
import { childEntry } from '../../process/child-entry.js';

const STARTED = Symbol.for('multiproc.poolWorkerStarted');
const shared = globalThis as { [STARTED]?: boolean };

if (process.send !== undefined && process.argv[1] === childEntry(import.meta.url, 'worker-main') && shared[STARTED] !== true) {
  shared[STARTED] = true;
  // Nothing to wait for: a failure to load ends the process with the error, as a failing entry does.
  void import('./worker-main.js');
}
