import { defineMutant } from './lib/mutant.js';
import { ASYNC_SUBMIT, CRASHING_TASKS } from './lib/trace-view.js';

const isCrash = (error: unknown) => error instanceof Error && error.name === 'WorkerCrashedError';

interface PoolCrash {
  /** When the pool first reported a crash (performance.now()), or undefined. */
  at?: number;
  error?: Error;
}

/**
 * When a worker dies, the pool fails every task outstanding at that moment with the crash, not only the lost one
 * (it cannot tell which tasks the dead worker held). Each result watches its own outcome in the background, so
 * that the moment of the crash and the moment each result settled can be compared.
 */
export default defineMutant({
  name: 'pool-crash-fails-all-pending',
  area: 'pool',
  violation: 'a worker that dies fails every task outstanding at that moment with WorkerCrashedError, not only the task it was running',
  aims: ['pool.crash.sigkill-rejects-only-the-lost-task'],
  reaches: (t) =>
    t.submissions().some((e) => CRASHING_TASKS.has(String(e.args[0])) && (ASYNC_SUBMIT as readonly string[]).includes(e.op)) &&
    t.submissions().filter((e) => (ASYNC_SUBMIT as readonly string[]).includes(e.op)).length >= 2,
  result: {
    get: (base, { pool }) => {
      const crash = ((pool.state.crash as PoolCrash | undefined) ?? (pool.state.crash = {})) as PoolCrash;
      let settledAt: number | undefined;
      // Every result watches its own outcome; a crash seen by any of them dates the crash for all.
      base.get().then(
        () => (settledAt = performance.now()),
        (error: unknown) => {
          settledAt = performance.now();
          if (isCrash(error) && crash.at === undefined) Object.assign(crash, { at: settledAt, error });
        },
      );
      return async (timeoutMs) => {
        const value = await base.get(timeoutMs);
        if (crash.at !== undefined && settledAt !== undefined && settledAt > crash.at) throw crash.error;
        return value;
      };
    },
  },
});
