/**
 * jest-worker (https://github.com/jestjs/jest/tree/main/packages/jest-worker), Jest's pool of child processes
 * (its default; worker threads are an option not mapped here), seen through the conformance interface. It has no
 * Process: it claims `pool` only.
 *
 * How it maps (the glue is in ../node-pool-glue/pool-handle.ts): one method call per task (jest-worker exposes the
 * worker module's functions as the farm's methods), Promise.all for map, numWorkers = processes (jest-worker's own
 * default, availableParallelism() - 1, when not given), the initializer is jest-worker's setup() with setupArgs,
 * terminate() is end(); jest-worker has no graceful close, so close() tells it nothing and join() waits for what was
 * submitted, then end()s the farm. jest-worker's own behaviour is kept, including its retries: a child that exits
 * with a non-zero status while running a call is restarted and the call sent again, up to maxRetries (3) times.
 *
 * Errors, from what jest-worker gives: a task's error is rebuilt in the parent with the worker's message and stack,
 * as the global class of that name when there is one, and with `type`, the class name the child reported
 * (`error.constructor.name`): the adapter takes `type` as the name (a ValueError arrives as an Error of type
 * 'ValueError'). jest-worker's errors for a child that died under a call ("was terminated by another process",
 * "crashed for an unknown reason", "exceeding retry limit") are named WorkerCrashedError, their message kept.
 */
import { Worker as JestWorker } from 'jest-worker';
import type { Capability, Implementation, PoolHandle, PoolOptions } from '../../../harness/index.js';
import { modulePath } from '../../../harness/index.js';
import { PoolOnlySession, poolHandle } from '../node-pool-glue/pool-handle.js';
import { POOL_TASKS } from '../node-pool-glue/tasks.js';
import { poolOnlyReasons } from '../node-pool-glue/unsupported.js';
import { installedVersion } from '../node-pool-glue/version.js';

/** CommonJS (see worker.cts): .cts from the sources, .cjs once compiled. */
const WORKER = modulePath(import.meta.url, './worker').replace(/\.([jt])s$/, '.c$1s');

type Farm = JestWorker & Record<string, (...args: unknown[]) => Promise<unknown>>;

const CRASHED = /was terminated by another process|crashed for an unknown reason|exceeding retry limit/;

function translate(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const type = (error as { type?: unknown }).type;
  const name = CRASHED.test(error.message) ? 'WorkerCrashedError' : typeof type === 'string' ? type : undefined;
  if (name !== undefined) Object.defineProperty(error, 'name', { value: name, configurable: true, writable: true });
  // jest-worker sets the stack to the child's: that is the remote traceback.
  if (error.stack !== undefined) Object.assign(error, { remoteTraceback: error.stack });
  return error;
}

function createPool(options: PoolOptions): { pool: JestWorker; handle: PoolHandle } {
  const farm = new JestWorker(WORKER, {
    exposedMethods: POOL_TASKS,
    ...(options.processes === undefined ? {} : { numWorkers: options.processes }),
    ...(options.initializer === undefined ? {} : { setupArgs: [options.initializer, options.initargs ?? []] }),
  }) as Farm;
  const handle = poolHandle({
    submit: (task, args) => farm[task]!(...args),
    terminate: () => farm.end(),
    translate,
  });
  return { pool: farm, handle };
}

const CAPABILITIES: readonly Capability[] = ['pool', 'pool.workers-here', 'pool.callbacks', 'pool.initializer', 'pool.kwds', 'pool.remote-traceback'];

export const implementation: Implementation = {
  name: 'jest-worker',
  description: `jest-worker ${installedVersion('jest-worker')} (child processes), a popular Node pool we did not write`,
  capabilities: new Set(CAPABILITIES),
  tasks: POOL_TASKS,
  unsupported: {
    ...poolOnlyReasons('jest-worker'),
    'pool.maxtasks': 'jest-worker has no maxTasksPerChild: only idleMemoryLimit, a child restarted when its memory passes a bound',
    'pool.recycle':
      'jest-worker\'s idleMemoryLimit restarts a child past a memory bound once it is idle; not wired in this adapter (the rules need maxMemoryPerChildMb and the tasks allocate and recordRun)',
    'pool.scope': 'jest-worker farms have no scope (no Symbol.asyncDispose): end() is called by hand',
  },
  // end() of each farm: jest-worker kills a child that has not exited 500 ms after being told to.
  open: async () => new PoolOnlySession('jest-worker', createPool, (farm) => farm.end()),
};

export default implementation;
