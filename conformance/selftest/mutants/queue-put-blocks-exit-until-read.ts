import type { ProcessHandle, QueueHandle } from '../../harness/implementation.js';
import { defineMutant, sleep, type ProcessContext } from './lib/mutant.js';
import { queuesIn } from './lib/queues-in.js';

/**
 * CPython's pitfall ("joining processes that use queues") without its size limit: a child that put items on a
 * queue cannot end while they are unread, because its feeder waits for a reader. Seen from the parent: the child
 * looks alive (join waits, isAlive true, exitCode null) while a queue it was given holds more items than when it
 * started (those are the child's).
 */
const sizes = (queues: readonly QueueHandle[]) => Promise.all(queues.map((queue) => queue.qsize()));

async function held(base: ProcessHandle, { options, state }: ProcessContext): Promise<boolean> {
  const atStart = state.atStart as number[] | undefined;
  if (atStart === undefined || (await base.exitCode()) === null) return false;
  return (await sizes(queuesIn(options.args))).some((size, i) => size > atStart[i]!);
}

export default defineMutant({
  name: 'queue-put-blocks-exit-until-read',
  area: 'queue',
  violation: 'a child that put items on a queue cannot exit until they are read: join() before get() waits for ever, whatever their size',
  aims: ['queue.join.large-item-does-not-deadlock'],
  // A join of a child given a queue. Only joins bounded by 30 s or less: rules that join with a longer bound catch the
  // mutant too, but at 90 s a pair, and queue-exit-loses-unflushed-items is killed by the same rules at once.
  reaches: (t) =>
    t.some('process', 'join', (e) => {
      const bound = e.args[0];
      const args = t.options<{ args?: unknown }>(e.handle).args;
      return typeof bound === 'number' && bound <= 30_000 && JSON.stringify(args ?? null).includes('"handle"');
    }),
  process: {
    start: (base, { options, state }) => async () => {
      const queues = queuesIn(options.args);
      if (queues.length > 0) state.atStart = await sizes(queues);
      await base.start();
    },
    join: (base, context) => async (timeoutMs) => {
      const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
      await base.join(timeoutMs);
      while ((await held(base, context)) && !context.session.closed && performance.now() < deadline) await sleep(50);
    },
    isAlive: (base, context) => async () => (await base.isAlive()) || (await held(base, context)),
    exitCode: (base, context) => async () => ((await held(base, context)) ? null : base.exitCode()),
  },
});
