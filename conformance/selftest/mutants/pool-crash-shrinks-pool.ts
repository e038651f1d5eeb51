import type { AsyncResultHandle, PoolHandle, TaskName } from '../../harness/implementation.js';
import { resultOf } from './lib/async-result.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';
import { CRASHING_TASKS } from './lib/trace-view.js';

/**
 * Emulates a pool that does not replace a worker that died: once a crash was seen, the pool runs one task at a
 * time, as a two-worker pool that lost one would.
 */
interface Shrunk {
  crashed: boolean;
  /** The tail of the one-at-a-time queue. */
  tail: Promise<unknown>;
}

const stateOf = (context: PoolContext): Shrunk => (context.state.shrunk ??= { crashed: false, tail: Promise.resolve() }) as Shrunk;

function watch(result: AsyncResultHandle, shrunk: Shrunk): AsyncResultHandle {
  result.get().catch((error: unknown) => {
    if (error instanceof Error && error.name === 'WorkerCrashedError') shrunk.crashed = true;
  });
  return result;
}

/** Runs the items one after another on the queue; the promise of all their values. */
function queued(base: PoolHandle, shrunk: Shrunk, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const run = shrunk.tail.then(async () => {
    const values: unknown[] = [];
    for (const args of argLists) values.push(await base.apply(task, args));
    return values;
  });
  shrunk.tail = run.catch(() => undefined);
  return run;
}

const spread = (items: readonly unknown[]) => items.map((item) => [item]);

export default defineMutant({
  name: 'pool-crash-shrinks-pool',
  area: 'pool',
  violation: 'a worker that died is not replaced: the pool goes on with fewer workers',
  aims: ['pool.crash.pool-stays-usable-after-crash'],
  reaches: (t) => t.submissions().some((e) => CRASHING_TASKS.has(String(e.args[0])) && t.submissions(e.handle).some((later) => t.indexOf(later) > t.indexOf(e))),
  pool: {
    applyAsync: (base, context) => async (task, args) => {
      const shrunk = stateOf(context);
      if (!shrunk.crashed) return watch(await base.applyAsync(task, args), shrunk);
      return resultOf(queued(base, shrunk, task, [args]).then((values) => values[0]));
    },
    mapAsync: (base, context) => async (task, items, chunksize) => {
      const shrunk = stateOf(context);
      if (!shrunk.crashed) return watch(await base.mapAsync(task, items, chunksize), shrunk);
      return resultOf(queued(base, shrunk, task, spread(items)));
    },
    starmapAsync: (base, context) => async (task, argLists, chunksize) => {
      const shrunk = stateOf(context);
      if (!shrunk.crashed) return watch(await base.starmapAsync(task, argLists, chunksize), shrunk);
      return resultOf(queued(base, shrunk, task, argLists));
    },
    map: (base, context) => (task, items, chunksize) => {
      const shrunk = stateOf(context);
      return shrunk.crashed ? queued(base, shrunk, task, spread(items)) : base.map(task, items, chunksize);
    },
    starmap: (base, context) => (task, argLists, chunksize) => {
      const shrunk = stateOf(context);
      return shrunk.crashed ? queued(base, shrunk, task, argLists) : base.starmap(task, argLists, chunksize);
    },
    apply: (base, context) => async (task, args) => {
      const shrunk = stateOf(context);
      if (shrunk.crashed) return (await queued(base, shrunk, task, [args]))[0];
      return base.apply(task, args).catch((error: unknown) => {
        if (error instanceof Error && error.name === 'WorkerCrashedError') shrunk.crashed = true;
        throw error;
      });
    },
  },
});
