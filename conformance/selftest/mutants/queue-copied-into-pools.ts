import type { PoolHandle, QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type PoolContext } from './lib/mutant.js';
import { SUBMIT } from './lib/trace-view.js';

/**
 * A queue sent to a pool (in initargs or a task's arguments) arrives as a copy: the workers put on another queue,
 * and the parent never sees their items. Emulated by handing the pool a second queue of the same session.
 */
const isQueue = (value: unknown): value is QueueHandle =>
  typeof value === 'object' && value !== null && typeof (value as QueueHandle).put === 'function' && typeof (value as QueueHandle).getNowait === 'function';

function copied(value: unknown, decoy: QueueHandle): unknown {
  if (isQueue(value)) return decoy;
  if (Array.isArray(value)) return value.map((item) => copied(item, decoy));
  return value;
}

const holdsHandle = (value: unknown): boolean => JSON.stringify(value ?? null).includes('"handle"');

function rerouted<K extends (typeof SUBMIT)[number]>(key: K) {
  return (base: PoolHandle, { session }: PoolContext) =>
    ((task: never, payload: unknown, chunksize?: number) =>
      (base[key] as (t: never, p: unknown, c?: number) => Promise<unknown>)(task, copied(payload, session.shared.get('decoy') as QueueHandle), chunksize)) as PoolHandle[K];
}

export default defineMutant({
  name: 'queue-copied-into-pools',
  area: 'queue',
  violation: 'a queue passed to a pool (initargs or task arguments) reaches the workers as a copy: their items never reach the parent',
  aims: ['queue.pool.initializer-queue-reaches-the-workers', 'queue.pool.task-argument-queue-works'],
  reaches: (t) =>
    t.some('session', 'createPool', (e) => holdsHandle((e.args[0] as { initargs?: unknown }).initargs)) ||
    t.submissions().some((e) => holdsHandle(e.args[1])),
  onOpen: async (context) => {
    context.shared.set('decoy', await context.base.createQueue!());
  },
  poolOptions: (options, context) =>
    options.initargs === undefined ? options : { ...options, initargs: copied(options.initargs, context.shared.get('decoy') as QueueHandle) as unknown[] },
  pool: {
    map: rerouted('map'),
    starmap: rerouted('starmap'),
    apply: rerouted('apply'),
    applyAsync: rerouted('applyAsync'),
    mapAsync: rerouted('mapAsync'),
    starmapAsync: rerouted('starmapAsync'),
    imap: rerouted('imap'),
    imapUnordered: rerouted('imapUnordered'),
  },
});
