import type { PoolHandle, TaskName } from '../../harness/implementation.js';
import { resultOf } from './lib/async-result.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';

/**
 * A pool that replaces the workers maxTasksPerChild retired by fewer (it counts the replacements wrong, or starts
 * one only when none is left): once the first workers' allowance is used, the pool runs one task at a time.
 */
interface Retiring {
  submitted: number;
  /** The tail of the one-at-a-time queue. */
  tail: Promise<unknown>;
}

const stateOf = (context: PoolContext): Retiring => (context.state.retiring ??= { submitted: 0, tail: Promise.resolve() }) as Retiring;

/** Whether these items come after the first workers' allowance; counts them. */
function shrunk(context: PoolContext, count: number): boolean {
  const { options } = context;
  if ((options.maxTasksPerChild ?? 0) < 1) return false;
  const state = stateOf(context);
  const before = state.submitted;
  state.submitted += count;
  return before >= (options.processes ?? 1) * options.maxTasksPerChild!;
}

function oneAtATime(base: PoolHandle, context: PoolContext, task: TaskName, argLists: readonly (readonly unknown[])[]): Promise<unknown[]> {
  const state = stateOf(context);
  const run = state.tail.then(async () => {
    const values: unknown[] = [];
    for (const args of argLists) values.push(await base.apply(task, args));
    return values;
  });
  state.tail = run.catch(() => undefined);
  return run;
}

export default defineMutant({
  name: 'pool-maxtasks-shrinks-pool',
  area: 'pool',
  violation: 'workers retired by maxTasksPerChild are not all replaced: the pool goes on with one worker',
  aims: ['pool.maxtasks.replacements-keep-the-pool-size'],
  reaches: (t) => t.some('session', 'createPool', (e) => ((e.args[0] as { maxTasksPerChild?: number }).maxTasksPerChild ?? 0) >= 1),
  pool: {
    starmap: (base, context) => async (task, argLists, chunksize) =>
      shrunk(context, argLists.length) ? oneAtATime(base, context, task, argLists) : base.starmap(task, argLists, chunksize),
    map: (base, context) => async (task, items, chunksize) =>
      shrunk(context, items.length) ? oneAtATime(base, context, task, items.map((item) => [item])) : base.map(task, items, chunksize),
    starmapAsync: (base, context) => async (task, argLists, chunksize) =>
      shrunk(context, argLists.length) ? resultOf(oneAtATime(base, context, task, argLists)) : base.starmapAsync(task, argLists, chunksize),
    mapAsync: (base, context) => async (task, items, chunksize) =>
      shrunk(context, items.length) ? resultOf(oneAtATime(base, context, task, items.map((item) => [item]))) : base.mapAsync(task, items, chunksize),
  },
});
