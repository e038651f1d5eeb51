import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, type SessionContext } from './lib/mutant.js';
import { isQueue } from './lib/queues-in.js';

/** Copies made ready when the session opens (making a queue is asynchronous; processOptions is not). */
const COPIES = 12;

/**
 * A queue passed to a Process arrives as a copy of its own: what the child puts never reaches the parent or a
 * sibling, and what they put never reaches the child. Emulated by handing each child a separate spare queue of the
 * session in place of every queue among its arguments.
 */
function copyFor(session: SessionContext): QueueHandle {
  const spares = session.shared.get('copies') as QueueHandle[];
  const next = ((session.shared.get('next') as number | undefined) ?? 0) % spares.length;
  session.shared.set('next', next + 1);
  return spares[next]!;
}

export default defineMutant({
  name: 'queue-copied-into-children',
  area: 'queue',
  violation: 'a queue passed to a Process reaches the child as a copy: items never cross between the child and the parent or its siblings',
  aims: ['queue.direction.parent-to-child', 'queue.direction.child-to-child'],
  // A queue given to a child that the parent neither gets from nor waits to put on: the rules where items cross only
  // between children, or from the parent to a child. Every rule that passes a queue to a child would catch the mutant,
  // but most only when a get or put waits out its bound (60 to 90 s a pair), and other mutants cover those at once.
  reaches: (t) =>
    t.calls('session', 'createQueue').some((created) => {
      const handle = created.creates;
      if (handle === undefined) return false;
      const given = t.some('session', 'createProcess', (e) => JSON.stringify(e.args[0] ?? null).includes(`"handle":${handle}`));
      const waits = t.some('queue', ['get', 'getNowait'], (e) => e.handle === handle) || t.some('queue', 'put', (e) => e.handle === handle && e.waited === true);
      return given && !waits;
    }),
  onOpen: async (context) => {
    const copies: QueueHandle[] = [];
    for (let i = 0; i < COPIES; i++) copies.push(await context.base.createQueue!());
    context.shared.set('copies', copies);
  },
  processOptions: (options, context) => {
    if (!(options.args ?? []).some(isQueue)) return options;
    const copy = copyFor(context);
    return { ...options, args: options.args!.map((arg) => (isQueue(arg) ? copy : arg)) };
  },
});
