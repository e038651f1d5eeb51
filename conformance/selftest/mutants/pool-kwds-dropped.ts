import { defineMutant } from './lib/mutant.js';

const hasKwds = (value: unknown) => typeof value === 'object' && value !== null && Object.keys(value).length > 0;

export default defineMutant({
  name: 'pool-kwds-dropped',
  area: 'pool',
  violation: 'apply and applyAsync do not pass the keyword arguments on: the task runs with its defaults',
  aims: ['pool.apply.kwds-reach-the-task', 'pool.applyasync.kwds-reach-the-task'],
  reaches: (t) =>
    t.some('pool', 'apply', (e) => hasKwds(e.args[2])) ||
    t.some('pool', 'applyAsync', (e) => hasKwds((e.args[2] as { kwds?: unknown } | undefined)?.kwds)),
  pool: {
    apply: (base) => (task, args) => base.apply(task, args),
    applyAsync: (base) => (task, args, options) => {
      const { kwds: _dropped, ...rest } = options ?? {};
      return base.applyAsync(task, args, rest);
    },
  },
});
