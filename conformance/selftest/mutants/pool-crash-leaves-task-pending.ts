import { getPendingForEver } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';
import { ASYNC_SUBMIT, CRASHING_TASKS } from './lib/trace-view.js';

const isCrash = (error: unknown) => error instanceof Error && error.name === 'WorkerCrashedError';

export default defineMutant({
  name: 'pool-crash-leaves-task-pending',
  area: 'pool',
  violation: 'a task whose worker died stays pending for ever (as in CPython): map and apply never return, get(timeout) times out',
  aims: [
    'pool.crash.exit-in-task-rejects-that-task',
    'pool.crash.map-rejects-instead-of-hanging',
    'pool.crash.sigkill-rejects-only-the-lost-task',
  ],
  // A crashed task only stays pending where the rule waits for it: a blocking call, or a get() of its result.
  reaches: (t) =>
    t.submissions().some((e) => {
      if (!CRASHING_TASKS.has(String(e.args[0]))) return false;
      if (!(ASYNC_SUBMIT as readonly string[]).includes(e.op)) return true;
      return t.some('result', 'get', (g) => g.handle === e.creates);
    }),
  pool: {
    map: (base, { session }) => (task, items, chunksize) =>
      base.map(task, items, chunksize).catch((error: unknown) => (isCrash(error) ? session.hang<unknown[]>() : Promise.reject(error))),
    starmap: (base, { session }) => (task, argLists, chunksize) =>
      base.starmap(task, argLists, chunksize).catch((error: unknown) => (isCrash(error) ? session.hang<unknown[]>() : Promise.reject(error))),
    apply: (base, { session }) => (task, args) =>
      base.apply(task, args).catch((error: unknown) => (isCrash(error) ? session.hang() : Promise.reject(error))),
  },
  result: {
    get: getPendingForEver(isCrash),
  },
});
