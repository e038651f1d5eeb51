import type { PoolHandle, TaskName } from '../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/**
 * Emulates a pool that runs tasks in the calling process (a thread pool, or a serial fallback) for the tasks
 * that show where they ran: their answers are the parent's.
 */
const IN_PARENT: Partial<Record<TaskName, () => unknown>> = {
  getPid: () => process.pid,
  workerIdentity: () => ({ name: 'MainProcess', pid: process.pid, daemon: false }),
};

const inParent = (task: TaskName) => IN_PARENT[task];

export default defineMutant({
  name: 'pool-identity-tasks-in-parent',
  area: 'pool',
  violation: 'tasks run in the parent process, not in worker processes (emulated for getPid and workerIdentity)',
  aims: ['pool.pids.workers-differ-from-parent', 'pool.worker.is-daemonic'],
  reaches: (t) => t.submissions().some((e) => String(e.args[0]) in IN_PARENT),
  pool: {
    map: (base: PoolHandle) => async (task, items, chunksize) => {
      const run = inParent(task);
      return run === undefined ? base.map(task, items, chunksize) : items.map(() => run());
    },
    starmap: (base: PoolHandle) => async (task, argLists, chunksize) => {
      const run = inParent(task);
      return run === undefined ? base.starmap(task, argLists, chunksize) : argLists.map(() => run());
    },
    apply: (base: PoolHandle) => async (task, args) => {
      const run = inParent(task);
      return run === undefined ? base.apply(task, args) : run();
    },
  },
});
