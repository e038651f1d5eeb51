import type { PoolHandle } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';
import { SUBMIT } from './lib/trace-view.js';

/** Work submitted once the pool was closed or terminated is run anyway, by fresh workers (no state check). */
function anyway<K extends (typeof SUBMIT)[number]>(key: K) {
  return (base: PoolHandle, { life, options, session, state }: PoolContext) =>
    (async (...args: never[]) => {
      if (!life.closed && !life.terminated) return (base[key] as (...a: never[]) => Promise<unknown>)(...args);
      state.fresh ??= session.base.createPool!(options);
      const fresh = await (state.fresh as Promise<PoolHandle>);
      return (fresh[key] as (...a: never[]) => Promise<unknown>)(...args);
    }) as PoolHandle[K];
}

export default defineMutant({
  name: 'pool-accepts-work-after-close',
  area: 'pool',
  violation: 'a closed or terminated pool still accepts work (it starts new workers for it) instead of raising "Pool not running"',
  aims: ['pool.close.then-submit-fails', 'pool.terminate.then-submit-fails'],
  reaches: (t) => t.submissions().some((e) => t.after(e, ['close', 'terminate'])),
  pool: Object.fromEntries(SUBMIT.map((key) => [key, anyway(key)])) as { [K in (typeof SUBMIT)[number]]: ReturnType<typeof anyway<K>> },
});
