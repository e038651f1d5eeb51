import type { PoolHandle } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';
import { fromWorker } from './lib/worker-errors.js';
import { mayRaise, SUBMIT } from './lib/trace-view.js';

class PoolStateError extends Error {
  override name = 'PoolStateError';
}

/** Once a task error was seen, the pool refuses all work, as a pool whose result handler died would. */
function guarded<K extends (typeof SUBMIT)[number]>(key: K) {
  return (base: PoolHandle, { state }: PoolContext) =>
    (async (...args: never[]) => {
      if (state.broken === true) throw new PoolStateError('Pool not running: a task error stopped it');
      const note = (error: unknown) => {
        if (fromWorker(error)) state.broken = true;
        throw error;
      };
      const value = await (base[key] as (...a: never[]) => Promise<unknown>)(...args).catch(note);
      if (value !== null && typeof value === 'object' && 'get' in value) {
        (value as { get(): Promise<unknown> }).get().catch((error: unknown) => {
          if (fromWorker(error)) state.broken = true;
        });
      }
      if (value !== null && typeof value === 'object' && 'error' in value && value.error !== undefined) state.broken = true;
      return value;
    }) as PoolHandle[K];
}

export default defineMutant({
  name: 'pool-task-error-breaks-pool',
  area: 'pool',
  violation: 'a task that raises breaks the pool: all later work is refused ("Pool not running")',
  aims: ['pool.pool.remains-usable-after-task-error'],
  reaches: (t) => t.submissions().some((e) => (mayRaise(e) || e.threw === true) && t.submissions(e.handle).some((later) => t.indexOf(later) > t.indexOf(e))),
  pool: {
    map: guarded('map'),
    starmap: guarded('starmap'),
    apply: guarded('apply'),
    applyAsync: guarded('applyAsync'),
    mapAsync: guarded('mapAsync'),
    starmapAsync: guarded('starmapAsync'),
    imap: guarded('imap'),
    imapUnordered: guarded('imapUnordered'),
  },
});
