import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { seesTaskErrors } from './lib/trace-view.js';

/**
 * A pool that sends only a task error's class and message and raises a new error of that class in the parent:
 * its traceback is the parent's, and where the task failed is lost.
 */
const rebuilt = (error: unknown): never => {
  if (!fromWorker(error)) throw error;
  const fresh = new Error((error as Error).message);
  fresh.name = (error as Error).name;
  Object.defineProperty(fresh, 'remoteTraceback', { value: fresh.stack, configurable: true, writable: true });
  throw fresh;
};

export default defineMutant({
  name: 'pool-remote-traceback-lost',
  area: 'pool',
  violation: "a task's error is raised anew in the parent with its class and message: the worker's traceback is lost",
  aims: ['pool.task.error-carries-the-remote-traceback'],
  reaches: seesTaskErrors,
  pool: {
    map: (base) => (task, items, chunksize) => base.map(task, items, chunksize).catch(rebuilt),
    starmap: (base) => (task, argLists, chunksize) => base.starmap(task, argLists, chunksize).catch(rebuilt),
    apply: (base) => (task, args) => base.apply(task, args).catch(rebuilt),
  },
  result: {
    get: (base) => (timeoutMs) => base.get(timeoutMs).catch(rebuilt),
  },
});
