import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { raisingInitializer, seesTaskErrors } from './lib/trace-view.js';

/** The error as a plain Error: message kept, class (name) lost, as a JSON round trip of an Error does. */
const plain = (error: unknown): never => {
  if (!fromWorker(error)) throw error;
  throw new Error((error as Error).message);
};

export default defineMutant({
  name: 'pool-error-class-lost',
  area: 'pool',
  violation: "a task's error reaches the parent as a plain Error: the message is kept, the class (ValueError, TypeError, WorkerCrashedError) is lost",
  aims: ['pool.task.errors-keep-builtin-class'],
  reaches: (t) => seesTaskErrors(t) || t.some('session', 'createPool', raisingInitializer),
  pool: {
    map: (base) => (task, items, chunksize) => base.map(task, items, chunksize).catch(plain),
    starmap: (base) => (task, argLists, chunksize) => base.starmap(task, argLists, chunksize).catch(plain),
    apply: (base) => (task, args) => base.apply(task, args).catch(plain),
    imap: (base) => async (task, items, chunksize) => {
      const outcome = await base.imap(task, items, chunksize);
      return outcome.error === undefined ? outcome : { ...outcome, error: { ...outcome.error, name: 'Error' } };
    },
    imapUnordered: (base) => async (task, items, chunksize) => {
      const outcome = await base.imapUnordered(task, items, chunksize);
      return outcome.error === undefined ? outcome : { ...outcome, error: { ...outcome.error, name: 'Error' } };
    },
  },
  result: {
    get: (base) => (timeoutMs) => base.get(timeoutMs).catch(plain),
    callbacks: (base) => async () => {
      const seen = await base.callbacks();
      return { ...seen, errors: seen.errors.map((error) => ({ ...error, name: 'Error' })) };
    },
  },
});
