import { getPendingForEver } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';
import { SUBMIT } from './lib/trace-view.js';

const isTerminated = (error: unknown) => error instanceof Error && error.name === 'PoolTerminatedError';

export default defineMutant({
  name: 'pool-terminate-leaves-results-pending',
  area: 'pool',
  violation: 'terminate() leaves unfinished results pending for ever (as CPython does): get(timeout) times out, get() never returns',
  aims: ['pool.terminate.rejects-pending-results'],
  reaches: (t) =>
    t.some('pool', 'terminate', (e) => t.submissions(e.handle).some((s) => t.pendingAt(s, t.indexOf(e)))) ||
    t.some('result', ['get', 'wait', 'ready'], (e) => {
      const pool = t.poolOf(e.handle);
      return t.calls('pool', 'terminate').some((term) => term.handle === pool && t.indexOf(term) < t.indexOf(e));
    }),
  pool: Object.fromEntries(
    SUBMIT.filter((key) => !key.endsWith('Async')).map((key) => [
      key,
      (base: Record<string, (...a: unknown[]) => Promise<unknown>>, { session }: { session: { hang<T>(): Promise<T> } }) =>
        (...args: unknown[]) => base[key]!(...args).catch((error: unknown) => (isTerminated(error) ? session.hang() : Promise.reject(error))),
    ]),
  ),
  result: {
    get: getPendingForEver(isTerminated),
    ready: (base) => async () => {
      const ready = await base.ready();
      if (!ready) return false;
      return base.get(0).then(() => true, (error: unknown) => !isTerminated(error));
    },
  },
});
