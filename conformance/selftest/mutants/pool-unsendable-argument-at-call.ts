import { UNSENDABLE_MARK } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

class SerializationError extends TypeError {
  override name = 'SerializationError';
}

export default defineMutant({
  name: 'pool-unsendable-argument-at-call',
  area: 'pool',
  violation: 'applyAsync checks that its arguments can be sent before it returns, and throws at the call instead of returning a result whose get() raises',
  aims: ['pool.applyasync.unsendable-argument-raised-by-get'],
  reaches: (t) => t.some('pool', 'applyAsync', (e) => JSON.stringify(e.args[1] ?? []).includes(UNSENDABLE_MARK)),
  pool: {
    applyAsync: (base) => async (task, args, options) => {
      if (JSON.stringify(args).includes(UNSENDABLE_MARK)) throw new SerializationError('an argument of applyAsync cannot be sent to a pool worker');
      return base.applyAsync(task, args, options);
    },
  },
});
