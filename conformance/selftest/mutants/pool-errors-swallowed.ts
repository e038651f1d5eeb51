import type { IterationOutcome, PoolHandle, TaskName } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { raisingInitializer, seesTaskErrors } from './lib/trace-view.js';

/** undefined in place of an error a worker reported; the parent's own refusals still raise. */
const swallow = (error: unknown) => {
  if (fromWorker(error)) return undefined;
  throw error;
};

/** Each item as its own task, so one failing item leaves the others' values in place. */
async function itemByItem(base: PoolHandle, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const results = await Promise.all(argLists.map((args) => base.applyAsync(task, args)));
  return Promise.all(results.map((result) => result.get().catch(swallow)));
}

async function iterate(base: PoolHandle, task: TaskName, items: readonly unknown[], chunksize?: number): Promise<IterationOutcome> {
  if (chunksize !== undefined && chunksize < 1) return base.imap(task, items, chunksize);
  return { values: await itemByItem(base, task, items.map((item) => [item])) };
}

export default defineMutant({
  name: 'pool-errors-swallowed',
  area: 'pool',
  violation: "a task's error is swallowed: its result is undefined (map, apply, get, imap) and nothing is raised",
  aims: [
    'pool.map.reraises-task-error',
    'pool.applyasync.get-reraises-task-error',
    'pool.asyncresult.successful-false-after-error',
  ],
  reaches: (t) => seesTaskErrors(t) || t.some('session', 'createPool', raisingInitializer),
  pool: {
    map: (base) => async (task, items) => itemByItem(base, task, items.map((item) => [item])),
    starmap: (base) => async (task, argLists) => itemByItem(base, task, argLists),
    apply: (base) => (task, args) => base.apply(task, args).catch(swallow),
    imap: (base) => (task, items, chunksize) => iterate(base, task, items, chunksize),
    imapUnordered: (base) => (task, items, chunksize) => iterate(base, task, items, chunksize),
  },
  result: {
    get: (base) => (timeoutMs) => base.get(timeoutMs).catch(swallow),
  },
});
