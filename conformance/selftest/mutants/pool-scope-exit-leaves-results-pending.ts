import { getPendingForEver } from './lib/async-result.js';
import { defineMutant } from './lib/mutant.js';

const isTerminated = (error: unknown) => error instanceof Error && error.name === 'PoolTerminatedError';

export default defineMutant({
  name: 'pool-scope-exit-leaves-results-pending',
  area: 'pool',
  violation: 'leaving the pool\'s scope stops the workers but leaves the results of the work they ran pending for ever (as CPython\'s __exit__ does)',
  aims: ['pool.scope.leaving-rejects-running-work'],
  reaches: (t) => t.some('result', 'leave'),
  pool: {
    scope: (base, { state }) => async () => {
      const scope = await base.scope!();
      return {
        ...scope,
        leave: async () => {
          state.left = true;
          await scope.leave();
        },
      };
    },
  },
  result: {
    get: (base, context) => {
      const pending = getPendingForEver(isTerminated)(base, context);
      return (timeoutMs) => (context.pool.state.left === true ? pending(timeoutMs) : base.get(timeoutMs));
    },
    ready: (base, { pool }) => async () => {
      const ready = await base.ready();
      if (!ready || pool.state.left !== true) return ready;
      return base.get(0).then(() => true, (error: unknown) => !isTerminated(error));
    },
  },
});
