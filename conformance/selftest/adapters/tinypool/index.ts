/**
 * tinypool (https://github.com/tinylibs/tinypool), piscina's small fork used by vitest, in its default runtime,
 * worker threads, seen through the conformance interface. Threads, not processes: it claims `pool` but no `process`
 * (its `runtime: 'child_process'` is another implementation, not mapped here).
 *
 * How it maps (the glue is in ../node-pool-glue/pool-handle.ts): run() per task, Promise.all for map,
 * minThreads = maxThreads = processes (tinypool's own defaults when processes is not given). tinypool has no
 * graceful close: close() tells it nothing, join() waits for what was submitted and then destroy()s the pool, and
 * terminate() is destroy(). Errors keep what tinypool gives: structured clone keeps a task error's message and the
 * worker's stack but only the built-in classes (a ValueError arrives as an Error); nothing is renamed. tinypool's
 * 'error' events are listened to, as a user must, or they would end the process.
 */
import Tinypool from 'tinypool';
import type { Capability, Implementation, PoolHandle, PoolOptions } from '../../../harness/index.js';
import { modulePath } from '../../../harness/index.js';
import { PoolOnlySession, poolHandle } from '../node-pool-glue/pool-handle.js';
import { POOL_TASKS, workerEnv } from '../node-pool-glue/tasks.js';
import { poolOnlyReasons } from '../node-pool-glue/unsupported.js';

const WORKER = modulePath(import.meta.url, './worker');

/** tinypool carries the worker's stack over with the error: that is the remote traceback. */
function translate(error: unknown): unknown {
  if (error instanceof Error && error.stack !== undefined) Object.assign(error, { remoteTraceback: error.stack });
  return error;
}

function createPool(options: PoolOptions): { pool: Tinypool; handle: PoolHandle } {
  const threads = options.processes === undefined ? {} : { minThreads: options.processes, maxThreads: options.processes };
  const pool = new Tinypool({ filename: WORKER, ...threads, env: workerEnv(options.initializer, options.initargs) });
  pool.on('error', () => undefined);
  const handle = poolHandle({
    submit: (task, args) => pool.run({ task, args: [...args] }),
    terminate: () => pool.destroy(),
    translate,
  });
  return { pool, handle };
}

const CAPABILITIES: readonly Capability[] = ['pool', 'pool.workers-here', 'pool.callbacks', 'pool.initializer', 'pool.kwds', 'pool.remote-traceback'];

export const implementation: Implementation = {
  name: 'tinypool',
  description: `tinypool ${Tinypool.version} (worker threads), a popular Node pool we did not write`,
  capabilities: new Set(CAPABILITIES),
  tasks: POOL_TASKS,
  unsupported: {
    ...poolOnlyReasons('tinypool'),
    'pool.maxtasks': 'tinypool has no maxTasksPerChild: only isolateWorkers, a fresh thread for every task (maxtasksperchild=1), no other count',
    'pool.scope': 'tinypool pools have no scope (no Symbol.asyncDispose): destroy() is called by hand',
  },
  open: async () => new PoolOnlySession('tinypool', createPool, (pool) => pool.destroy()),
};

export default implementation;
