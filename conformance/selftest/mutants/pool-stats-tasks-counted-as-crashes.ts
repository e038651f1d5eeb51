import { defineMutant } from './lib/mutant.js';

/** Emulates stats that tell a worker's exit only by whether the pool asked for it: a maxTasksPerChild exit is a crash. */
export default defineMutant({
  name: 'pool-stats-tasks-counted-as-crashes',
  area: 'pool',
  violation: 'pool.stats() counts a worker that left after maxTasksPerChild tasks as a crash',
  aims: ['pool.stats.counts-tasks-and-recycles'],
  reaches: (t) => t.some('pool', 'stats'),
  pool: {
    stats: (base) => async () => {
      const stats = await base.stats!();
      const { tasks, crash } = stats.recycled;
      return { ...stats, recycled: { ...stats.recycled, tasks: 0, crash: crash + tasks } };
    },
  },
});
