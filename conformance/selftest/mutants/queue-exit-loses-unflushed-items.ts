import type { ProcessHandle, QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type QueueContext, type SessionContext } from './lib/mutant.js';
import { queuesIn } from './lib/queues-in.js';

/**
 * A child's put() leaves the item in a buffer of the child that is written to the queue only when someone reads;
 * the child does not flush it when it exits. Seen from the parent: an item a child put is lost once every child
 * given that queue has exited before the parent got it. Items the parent put itself are never lost.
 */
interface Child {
  readonly queues: readonly QueueHandle[];
  readonly process: ProcessHandle;
}

const childrenOf = (session: SessionContext) => ((session.shared.get('children') as Child[] | undefined) ?? []);

async function producersGone(session: SessionContext, queue: QueueHandle): Promise<boolean> {
  const producers = childrenOf(session).filter((child) => child.queues.includes(queue));
  if (producers.length === 0) return false;
  for (const producer of producers) if ((await producer.process.exitCode()) === null) return false;
  return true;
}

/** The parent's own puts, as JSON, so that they are told apart from the children's. */
const ownPuts = (state: QueueContext['state']) => ((state.own ??= new Map<string, number>()) as Map<string, number>);

function isOwn(state: QueueContext['state'], item: unknown): boolean {
  const key = JSON.stringify(item ?? null);
  const n = ownPuts(state).get(key) ?? 0;
  if (n > 0) ownPuts(state).set(key, n - 1);
  return n > 0;
}

export default defineMutant({
  name: 'queue-exit-loses-unflushed-items',
  area: 'queue',
  violation: "a child does not flush what it put before it exits: its items are lost when the parent reads them after the child ended",
  aims: ['queue.exit.item-put-before-exit-reaches-the-parent', 'queue.exit.item-put-before-kill-is-not-lost'],
  reaches: (t) => t.some('queue', ['get', 'getNowait']) && t.some('session', 'createProcess', (e) => JSON.stringify((e.args[0] as { args?: unknown }).args ?? null).includes('"handle"')),
  process: {
    start: (base, { options, session }) => async () => {
      await base.start();
      const queues = queuesIn(options.args);
      if (queues.length > 0) session.shared.set('children', [...childrenOf(session), { queues, process: base }]);
    },
  },
  queue: {
    put: (base, { state }) => async (item, options) => {
      await base.put(item, options);
      ownPuts(state).set(JSON.stringify(item ?? null), (ownPuts(state).get(JSON.stringify(item ?? null)) ?? 0) + 1);
    },
    get: (base, { handle, session, state }) => async (options) => {
      const deadline = options?.timeoutMs === undefined ? undefined : performance.now() + options.timeoutMs;
      for (;;) {
        const left = deadline === undefined ? undefined : Math.max(0, deadline - performance.now());
        const item = await base.get(left === undefined ? options : { ...options, timeoutMs: left });
        if (isOwn(state, item) || !(await producersGone(session, handle))) return item;
      }
    },
    getNowait: (base, { handle, session, state }) => async () => {
      for (;;) {
        const item = await base.getNowait();
        if (isOwn(state, item) || !(await producersGone(session, handle))) return item;
      }
    },
  },
});
