import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { seesTaskErrors } from './lib/trace-view.js';

/** What a worker reported, rejected as the plain `{ name, message, stack }` it arrived as, never made an Error again. */
const asObject = (error: unknown): never => {
  if (!fromWorker(error)) throw error;
  const { name, message, stack } = error as Error;
  throw { name, message, stack }; // eslint-disable-line no-throw-literal -- the fault itself
};

export default defineMutant({
  name: 'pool-task-errors-plain-objects',
  area: 'pool',
  violation: "a task's error rejects as the plain { name, message, stack } object the worker sent, not as an Error",
  aims: ['pool.task.errors-keep-builtin-class', 'pool.map.reraises-task-error', 'pool.applyasync.get-reraises-task-error'],
  reaches: seesTaskErrors,
  pool: {
    map: (base) => (task, items, chunksize) => base.map(task, items, chunksize).catch(asObject),
    starmap: (base) => (task, argLists, chunksize) => base.starmap(task, argLists, chunksize).catch(asObject),
    apply: (base) => (task, args) => base.apply(task, args).catch(asObject),
  },
  result: {
    get: (base) => (timeoutMs) => base.get(timeoutMs).catch(asObject),
  },
});
