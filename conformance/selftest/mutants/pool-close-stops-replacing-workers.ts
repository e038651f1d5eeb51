import type { AsyncResultHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/**
 * bpo-10332: a pool that stops starting replacement workers once it is closed. With maxTasksPerChild, the work still
 * queued behind workers that used up their allowance never runs, and join() waits for it for ever. Emulated by
 * counting the tasks each pool's first workers can take: results queued beyond that at close() stay pending.
 */
export default defineMutant({
  name: 'pool-close-stops-replacing-workers',
  area: 'pool',
  violation: 'after close(), workers that reached maxTasksPerChild are not replaced: queued tasks never run and join() never returns',
  aims: ['pool.maxtasks.early-close-still-finishes-the-work'],
  reaches: (t) =>
    t.some('session', 'createPool', (e) => ((e.args[0] as { maxTasksPerChild?: number }).maxTasksPerChild ?? 0) >= 1) && t.some('pool', 'close'),
  pool: {
    applyAsync: (base, { options, state, life, session }) => async (task, args, submit) => {
      const result = await base.applyAsync(task, args, submit);
      if ((options.maxTasksPerChild ?? 0) < 1 || life.closed) return result;
      const index = ((state.submitted as number | undefined) ?? 0) + 1;
      state.submitted = index;
      const allowance = (options.processes ?? 1) * options.maxTasksPerChild!;
      if (index <= allowance) return result;
      // Beyond the first workers' allowance: runs only if the pool is not closed before the result is ready.
      const stranded = async () => life.closed && !(await result.ready()) && !life.terminated;
      const held: AsyncResultHandle = {
        ...result,
        get: async (timeoutMs) => ((await stranded()) ? session.hang() : result.get(timeoutMs)),
        wait: async (timeoutMs) => ((await stranded()) ? session.hang() : result.wait(timeoutMs)),
      };
      (state.held as unknown[] | undefined)?.push(result) ?? (state.held = [result]);
      return held;
    },
    join: (base, { state, life, session }) => async () => {
      const held = (state.held as AsyncResultHandle[] | undefined) ?? [];
      const waiting = (await Promise.all(held.map((result) => result.ready()))).includes(false);
      if (life.closed && !life.terminated && waiting) return session.hang<void>();
      return base.join();
    },
  },
});
