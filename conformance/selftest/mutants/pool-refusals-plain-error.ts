import type { AsyncResultHandle, PoolHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/** The pool's own refusals (wrong state, argument out of range, not ready): what the reference names by class. */
const REFUSALS = new Set(['PoolStateError', 'RangeError', 'NotReadyError']);

/** A refusal thrown as `new Error(message)`: the careless implementation's `throw new Error('Pool not running')`. */
const plain = (error: unknown): never => {
  if (error instanceof Error && REFUSALS.has(error.name)) throw new Error(error.message);
  throw error;
};

function refusingPlainly<K extends keyof PoolHandle>(key: K) {
  return (base: PoolHandle) => ((...args: unknown[]) => (base[key] as (...a: unknown[]) => Promise<unknown>)(...args).catch(plain)) as PoolHandle[K];
}

export default defineMutant({
  name: 'pool-refusals-plain-error',
  area: 'pool',
  violation: 'the pool refuses a call in the wrong state or with a bad argument with a plain Error (the message kept, no class: not ValueError)',
  aims: [
    'pool.close.then-submit-fails',
    'pool.terminate.then-submit-fails',
    'pool.join.before-close-fails',
    'pool.imap.chunksize-below-one-fails',
    'pool.asyncresult.successful-before-ready-raises',
  ],
  reaches: (t) => t.events.some((e) => (e.kind === 'pool' || e.kind === 'result') && e.threw === true),
  pool: {
    map: refusingPlainly('map'),
    starmap: refusingPlainly('starmap'),
    apply: refusingPlainly('apply'),
    applyAsync: refusingPlainly('applyAsync'),
    mapAsync: refusingPlainly('mapAsync'),
    starmapAsync: refusingPlainly('starmapAsync'),
    imap: refusingPlainly('imap'),
    imapUnordered: refusingPlainly('imapUnordered'),
    join: refusingPlainly('join'),
  },
  result: {
    successful: (base: AsyncResultHandle) => () => base.successful().catch(plain),
  },
});
