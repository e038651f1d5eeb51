import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { seesTaskErrors } from './lib/trace-view.js';

/**
 * What a pool gives that sends errors across as data and never revives them (jest-worker's `{ name, message,
 * stack }`): a plain object with the right fields, which prints as `Name: message` but is no Error.
 */
const asData = (error: unknown): never => {
  if (!fromWorker(error)) throw error;
  const { name, message, stack } = error as Error;
  throw { name, message, stack, toString: () => `${name}: ${message}` };
};

export default defineMutant({
  name: 'pool-errors-not-error-instances',
  area: 'pool',
  violation: "a task's error reaches the parent as a plain { name, message, stack } object, not as an Error",
  aims: ['pool.task.errors-are-error-instances', 'pool.asyncresult.get-reraises-the-error-each-time'],
  reaches: seesTaskErrors,
  pool: {
    map: (base) => (task, items, chunksize) => base.map(task, items, chunksize).catch(asData),
    starmap: (base) => (task, argLists, chunksize) => base.starmap(task, argLists, chunksize).catch(asData),
    apply: (base) => (task, args) => base.apply(task, args).catch(asData),
  },
  result: {
    get: (base) => (timeoutMs) => base.get(timeoutMs).catch(asData),
  },
});
