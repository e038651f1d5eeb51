import type { ProcessHandle, QueueHandle } from '../harness/implementation.js';
import { defineMutant, sleep, type ProcessContext } from './lib/mutant.js';
import { queuesIn } from './lib/queues-in.js';

/**
 * CPython's pitfall ("joining processes that use queues") without its size limit: a child given a queue cannot
 * end while that queue holds items, because its feeder waits for them to be read. Seen from the parent: the child
 * looks alive (join waits, isAlive true, exitCode null) until the queue is empty.
 */
const holding = async (queues: readonly QueueHandle[]) => {
  for (const queue of queues) if ((await queue.qsize()) > 0) return true;
  return false;
};

async function held(base: ProcessHandle, { options, life }: ProcessContext): Promise<boolean> {
  const queues = queuesIn(options.args);
  return queues.length > 0 && life.started && (await base.exitCode()) !== null && (await holding(queues));
}

export default defineMutant({
  name: 'queue-put-blocks-exit-until-read',
  area: 'queue',
  violation: 'a child that put items on a queue cannot exit until they are read: join() before get() waits for ever, whatever their size',
  aims: ['queue.join.large-item-does-not-deadlock'],
  reaches: (t) => t.some('session', 'createProcess', (e) => JSON.stringify((e.args[0] as { args?: unknown }).args ?? null).includes('"handle"')),
  process: {
    join: (base, context) => async (timeoutMs) => {
      const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
      await base.join(timeoutMs);
      while ((await held(base, context)) && !context.session.closed && performance.now() < deadline) await sleep(50);
    },
    isAlive: (base, context) => async () => (await base.isAlive()) || (await held(base, context)),
    exitCode: (base, context) => async () => ((await held(base, context)) ? null : base.exitCode()),
  },
});
