/**
 * poolifier (https://github.com/poolifier/poolifier) seen through the conformance interface, as two
 * implementations: its FixedClusterPool (worker processes, `cluster`) and its FixedThreadPool (worker threads).
 * Neither has a Process: both claim `pool` only.
 *
 * How it maps (the glue is in ../node-pool-glue/pool-handle.ts): execute(args, task) per task, poolifier's own
 * mapExecute for map and starmap, a fixed pool of `processes` workers (poolifier's own availableParallelism() when
 * not given: a fixed pool needs a number), terminate() is destroy(); poolifier has no graceful close, so close()
 * tells it nothing and join() waits for what was submitted, then destroy()s the pool. Errors keep what poolifier
 * gives: from a thread, the task's error through structured clone (message and worker stack; only built-in classes
 * survive, a ValueError arrives as an Error); from a cluster worker, a new Error with the task's message and the
 * worker's stack. Nothing is renamed: poolifier's errors name no crash. Its errorHandler is set and its emitter's
 * 'error' event listened to, as a user must, so that a worker's error does not end the process.
 */
import { FixedClusterPool, FixedThreadPool, availableParallelism } from 'poolifier';
import type { Capability, Implementation, PoolHandle, PoolOptions } from '../../../harness/index.js';
import { modulePath } from '../../../harness/index.js';
import { CLOSE_WAIT_MS, PoolOnlySession, poolHandle, settleAll } from '../node-pool-glue/pool-handle.js';
import { POOL_TASKS, workerEnv } from '../node-pool-glue/tasks.js';
import { poolOnlyReasons } from '../node-pool-glue/unsupported.js';
import { installedVersion } from '../node-pool-glue/version.js';

/** CommonJS (see worker.cts): .cts from the sources, .cjs once compiled. */
const WORKER = modulePath(import.meta.url, './worker').replace(/\.([jt])s$/, '.c$1s');
const VERSION = installedVersion('poolifier');

type Kind = 'cluster' | 'thread';
type AnyPool = FixedClusterPool<unknown[], unknown> | FixedThreadPool<unknown[], unknown>;

/** poolifier carries the worker's stack over with the error: that is the remote traceback. */
function translate(error: unknown): unknown {
  if (error instanceof Error && error.stack !== undefined) Object.assign(error, { remoteTraceback: error.stack });
  return error;
}

function createPool(kind: Kind, options: PoolOptions): { pool: AnyPool; handle: PoolHandle } {
  const size = options.processes ?? availableParallelism();
  const env = workerEnv(options.initializer, options.initargs);
  const errorHandler = () => undefined;
  const pool: AnyPool = kind === 'cluster'
    ? new FixedClusterPool<unknown[], unknown>(size, WORKER, { env, errorHandler })
    : new FixedThreadPool<unknown[], unknown>(size, WORKER, { workerOptions: { env }, errorHandler });
  // poolifier also emits a worker's error (one that fails as it starts) on its emitter: unheard, it ends the process.
  pool.emitter?.on('error', () => undefined);
  const handle = poolHandle({
    submit: (task, args) => pool.execute([...args], task),
    submitAll: (task, argLists) => pool.mapExecute(argLists.map((args) => [...args]), task),
    terminate: () => pool.destroy(),
    translate,
  });
  return { pool, handle };
}

class PoolifierSession extends PoolOnlySession<AnyPool> {
  constructor(kind: Kind) {
    super('poolifier', (options) => createPool(kind, options), (pool) => pool.destroy());
  }

  /**
   * destroy() of each pool, then, for a pool whose destroy() has not ended within the bound (poolifier's thread pool
   * sometimes never ends it, even with no task run), its workers ended by hand: the session must leave nothing
   * running, or the suite's process could not exit. workerNodes is poolifier's own list, marked internal.
   */
  override async close(): Promise<void> {
    const pools = [...this.pools];
    const destroyed = new Set<AnyPool>();
    await settleAll(pools.map((pool) => pool.destroy().then(() => destroyed.add(pool))), CLOSE_WAIT_MS);
    for (const pool of pools.filter((p) => !destroyed.has(p))) {
      for (const { worker } of pool.workerNodes) {
        if ('terminate' in worker) void worker.terminate();
        else worker.process.kill('SIGKILL');
      }
    }
  }
}

const CAPABILITIES: readonly Capability[] = ['pool', 'pool.workers-here', 'pool.callbacks', 'pool.initializer', 'pool.kwds', 'pool.remote-traceback'];

/** The implementation for one of poolifier's two pools. */
export function poolifier(kind: Kind): Implementation {
  return {
    name: `poolifier-${kind}`,
    description: `poolifier ${VERSION} ${kind === 'cluster' ? 'FixedClusterPool (worker processes, cluster)' : 'FixedThreadPool (worker threads)'}, a popular Node pool we did not write`,
    capabilities: new Set(CAPABILITIES),
    tasks: POOL_TASKS,
    unsupported: {
      ...poolOnlyReasons('poolifier'),
      'pool.maxtasks': 'poolifier has no maxTasksPerChild: a fixed pool\'s worker lives until it fails or the pool ends',
      'pool.scope': 'poolifier pools have no scope (no Symbol.asyncDispose): destroy() is called by hand',
    },
    open: async () => new PoolifierSession(kind),
  };
}
