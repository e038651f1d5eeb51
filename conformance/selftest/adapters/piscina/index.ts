/**
 * piscina (https://github.com/piscinajs/piscina), a pool of worker threads, seen through the conformance interface.
 * Threads, not processes: it claims `pool` but no `process`, and the rules that expect a worker to be a process of
 * its own (its pid, its death by a signal) meet a thread of the suite's process.
 *
 * How it maps (the glue is in ../node-pool-glue/pool-handle.ts): run() per task, Promise.all for map,
 * minThreads = maxThreads = processes (Python starts every worker with the pool; piscina's own defaults when
 * processes is not given), close() is piscina's close() (running and queued work finishes, then the threads end),
 * terminate() is destroy(), and the pool as a scope is piscina's own Symbol.asyncDispose. Errors keep what piscina
 * gives: a task's error comes back through structured clone, which keeps the message and the worker's stack but
 * only the built-in classes (a ValueError arrives as an Error). A thread that exits while running a task rejects
 * that task with piscina's Error "worker exited with code: N": the adapter names it WorkerCrashedError, keeping the
 * message. piscina's 'error' events (a thread that fails with no task running) are listened to, as a user must, or
 * they would end the process.
 */
import { Piscina } from 'piscina';
import type { Capability, Implementation, PoolHandle, PoolOptions } from '../../../harness/index.js';
import { modulePath } from '../../../harness/index.js';
import { PoolOnlySession, poolHandle } from '../node-pool-glue/pool-handle.js';
import { POOL_TASKS, workerEnv } from '../node-pool-glue/tasks.js';
import { poolOnlyReasons } from '../node-pool-glue/unsupported.js';

const WORKER = modulePath(import.meta.url, './worker');

/** piscina's words for a task whose thread exited, in the contract's name. */
function translate(error: unknown): unknown {
  if (error instanceof Error) {
    if (/^worker exited with code/.test(error.message)) Object.defineProperty(error, 'name', { value: 'WorkerCrashedError', configurable: true, writable: true });
    // piscina's structured clone keeps the worker's stack: that is the remote traceback.
    if (error.stack !== undefined) Object.assign(error, { remoteTraceback: error.stack });
  }
  return error;
}

function createPool(options: PoolOptions): { pool: Piscina; handle: PoolHandle } {
  const threads = options.processes === undefined ? {} : { minThreads: options.processes, maxThreads: options.processes };
  const pool = new Piscina({ filename: WORKER, ...threads, env: workerEnv(options.initializer, options.initargs) });
  pool.on('error', () => undefined);
  let scoped: Promise<unknown> | undefined;
  const handle = poolHandle({
    submit: (task, args) => pool.run({ task, args: [...args] }),
    close: () => pool.close(),
    terminate: () => pool.destroy(),
    translate,
  });
  return {
    pool,
    handle: {
      ...handle,
      // Leaving the scope is piscina's own Symbol.asyncDispose; join() then waits for it as for close().
      scope: async () => ({
        enteredIsPool: true,
        leave: async () => {
          scoped = pool[Symbol.asyncDispose]();
          await scoped;
        },
      }),
      join: async () => {
        await scoped;
        await handle.join();
      },
    },
  };
}

const CAPABILITIES: readonly Capability[] = ['pool', 'pool.workers-here', 'pool.callbacks', 'pool.initializer', 'pool.kwds', 'pool.scope', 'pool.remote-traceback'];

export const implementation: Implementation = {
  name: 'piscina',
  description: `piscina ${Piscina.version} (worker threads), a popular Node pool we did not write`,
  capabilities: new Set(CAPABILITIES),
  tasks: POOL_TASKS,
  unsupported: {
    ...poolOnlyReasons('piscina'),
    'pool.maxtasks': 'piscina has no maxTasksPerChild: a thread lives until it idles out, fails, or the pool ends',
    'pool.recycle':
      'piscina\'s resourceLimits end a thread whose heap passes a bound in the middle of its task (the task fails): no limit checked after a task',
    'pool.cancel':
      'piscina\'s run(task, { signal }) drops a queued task or ends the thread running it, but the task is never told: the rules need the abort seen inside the task, then a grace period',
  },
  open: async () => new PoolOnlySession('piscina', createPool, (pool) => pool.destroy()),
};

export default implementation;
