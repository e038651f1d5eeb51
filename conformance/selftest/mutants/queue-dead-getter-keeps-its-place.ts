import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type ProcessContext, type QueueContext } from './lib/mutant.js';

/**
 * The queue's owner does not cancel the get() of a consumer that died: a child terminated (or killed) while it
 * waits in get() keeps its place in line, so the next item put on the queue is handed to the dead child and lost.
 * Emulated from the parent's side: once a running child that was given a queue is terminated or killed, the next
 * put on a queue of the session is dropped.
 */
const isQueue = (value: unknown): value is QueueHandle =>
  typeof value === 'object' && value !== null && typeof (value as QueueHandle).qsize === 'function' && typeof (value as QueueHandle).getNowait === 'function';

const hasQueue = (args: readonly unknown[] | undefined) => (args ?? []).flat(2).some(isQueue);

const LOST = 'waiting gets of dead children';

function stopping<K extends 'terminate' | 'kill'>(key: K) {
  return (base: { [k in K]: () => Promise<void> } & { isAlive(): Promise<boolean> }, { options, session }: ProcessContext) => async () => {
    const running = await base.isAlive().catch(() => false);
    await base[key]();
    if (running && hasQueue(options.args)) session.shared.set(LOST, ((session.shared.get(LOST) as number | undefined) ?? 0) + 1);
  };
}

/** True (and one dead getter fewer) when this put goes to a dead child's waiting get(). */
function lostTo({ session }: QueueContext): boolean {
  const waiting = (session.shared.get(LOST) as number | undefined) ?? 0;
  if (waiting === 0) return false;
  session.shared.set(LOST, waiting - 1);
  return true;
}

export default defineMutant({
  name: 'queue-dead-getter-keeps-its-place',
  area: 'queue',
  violation: 'a child that died waiting in get() keeps its place: the next item put on the queue goes to it and is lost',
  aims: ['queue.terminate.blocked-getter-leaves-the-queue-whole'],
  reaches: (t) =>
    t.some('process', ['terminate', 'kill'], (e) => JSON.stringify(t.options<{ args?: unknown }>(e.handle).args ?? null).includes('"handle"')) &&
    t.some('queue', ['put', 'putNowait']),
  process: { terminate: stopping('terminate'), kill: stopping('kill') },
  queue: {
    put: (base, context) => async (item, options) => {
      if (!lostTo(context)) await base.put(item, options);
    },
    putNowait: (base, context) => async (item) => {
      if (!lostTo(context)) await base.putNowait(item);
    },
  },
});
