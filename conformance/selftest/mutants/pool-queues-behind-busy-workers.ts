import type { AsyncResultHandle, PoolHandle } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';

/**
 * A pool that hands a call's tasks out at once to the workers free when it arrives, the rest queued behind those on
 * the same workers, and never takes them back: a task then waits behind a running one while the busy worker frees
 * up. Seen from outside: a map submitted while applyAsync results are outstanding runs in chunks of
 * ceil(items / free workers), one after another on each.
 */
const busy = (pool: PoolContext) => (pool.state.busy as number | undefined) ?? 0;

function aheadOfTime(pool: PoolContext, length: number, chunksize: number | undefined): number | undefined {
  const processes = pool.options.processes ?? 2;
  if (busy(pool) === 0 || length < 2) return chunksize;
  const free = Math.max(1, processes - busy(pool));
  return Math.max(chunksize ?? 1, Math.ceil(length / free));
}

/** An applyAsync result counts as a busy worker until the rule sees it done (its get returned or raised the task's error). */
function settled(pool: PoolContext, state: Record<string, unknown>): void {
  if (state.done === true) return;
  state.done = true;
  pool.state.busy = busy(pool) - 1;
}

export default defineMutant({
  name: 'pool-queues-behind-busy-workers',
  area: 'pool',
  violation: 'tasks submitted while a worker is busy are queued behind running tasks on the free workers, never handed to the busy worker once it frees up',
  aims: ['pool.schedule.no-task-waits-behind-a-running-one'],
  // A map submitted while an applyAsync result is still out (its get not yet returned): only there does it change.
  reaches: (t) => t.calls('pool', ['map', 'starmap', 'mapAsync', 'starmapAsync']).some((map) => {
    const at = t.indexOf(map);
    return t.calls('pool', 'applyAsync').some((applied) => t.indexOf(applied) < at &&
      !t.events.some((e) => e.kind === 'result' && e.handle === applied.creates && e.op === 'get' && e.end <= at && e.threw !== true));
  }),
  pool: {
    applyAsync: (base: PoolHandle, pool) => async (task, args, options) => {
      const result = await base.applyAsync(task, args, options);
      pool.state.busy = busy(pool) + 1;
      return result;
    },
    map: (base, pool) => (task, items, chunksize) => base.map(task, items, aheadOfTime(pool, items.length, chunksize)),
    starmap: (base, pool) => (task, argLists, chunksize) => base.starmap(task, argLists, aheadOfTime(pool, argLists.length, chunksize)),
    mapAsync: (base, pool) => (task, items, chunksize) => base.mapAsync(task, items, aheadOfTime(pool, items.length, chunksize)),
    starmapAsync: (base, pool) => (task, argLists, chunksize) => base.starmapAsync(task, argLists, aheadOfTime(pool, argLists.length, chunksize)),
  },
  result: {
    get: (base: AsyncResultHandle, { pool, submitted, state }) => async (timeoutMs) => {
      if (submitted.op !== 'applyAsync') return base.get(timeoutMs);
      try {
        const value = await base.get(timeoutMs);
        settled(pool, state);
        return value;
      } catch (error) {
        if ((error as Error | undefined)?.name !== 'TimeoutError') settled(pool, state);
        throw error;
      }
    },
  },
});
