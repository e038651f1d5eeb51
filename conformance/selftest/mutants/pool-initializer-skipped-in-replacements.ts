import type { PoolHandle, PoolOptions, TaskName } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';

/**
 * A pool that runs the initializer only in the workers it starts with: the workers that replace them after
 * maxTasksPerChild start bare. Emulated with a second reference pool, without the initializer, that runs what the
 * first workers' task allowance does not cover.
 */
const replacing = (options: PoolOptions) => options.initializer !== undefined && (options.maxTasksPerChild ?? 0) >= 1;

async function split(base: PoolHandle, context: PoolContext, task: TaskName, items: readonly unknown[], chunksize?: number): Promise<unknown[]> {
  const { options, state, session } = context;
  const allowance = (options.processes ?? 1) * options.maxTasksPerChild! * (chunksize ?? 1);
  if (items.length <= allowance) return base.map(task, items, chunksize);
  const bare = (state.bare ??= session.base.createPool!({ ...options, initializer: undefined, initargs: undefined })) as Promise<PoolHandle>;
  const first = await base.map(task, items.slice(0, allowance), chunksize);
  return [...first, ...(await (await bare).map(task, items.slice(allowance), chunksize))];
}

export default defineMutant({
  name: 'pool-initializer-skipped-in-replacements',
  area: 'pool',
  violation: 'workers started to replace those that reached maxTasksPerChild do not run the initializer',
  aims: ['pool.initializer.runs-in-every-replacement-worker'],
  reaches: (t) => t.some('session', 'createPool', (e) => replacing(e.args[0] as PoolOptions)),
  pool: {
    map: (base, context) => (task, items, chunksize) =>
      replacing(context.options) ? split(base, context, task, items, chunksize) : base.map(task, items, chunksize),
  },
});
