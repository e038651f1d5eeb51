import type { ProcessHandle, QueueHandle } from '../../harness/implementation.js';
import { defineMutant, sleep, type ProcessContext } from './lib/mutant.js';

/**
 * Python's feeder-thread behaviour, copied into an implementation that meant to avoid it: a child cannot end
 * while items it put on a queue are still there (its exit waits for a consumer to take them). A join() before the
 * items are taken then waits out its timeout, and isAlive()/exitCode() say the child still runs. Emulated from the
 * parent's side: the child counts as holding items while a queue passed to it holds more than at start().
 */
const isQueue = (value: unknown): value is QueueHandle =>
  typeof value === 'object' && value !== null && typeof (value as QueueHandle).qsize === 'function' && typeof (value as QueueHandle).getNowait === 'function';

const queuesOf = (args: readonly unknown[] | undefined): QueueHandle[] => (args ?? []).flat(2).filter(isQueue);

const sizes = (options: ProcessContext['options']) => Promise.all(queuesOf(options.args).map((queue) => queue.qsize().catch(() => 0)));

/** True while a queue passed to this process holds more items than when it started. */
async function held({ options, state }: ProcessContext): Promise<boolean> {
  const before = state.sizes as number[] | undefined;
  if (before === undefined) return false;
  return (await sizes(options)).some((size, i) => size > before[i]!);
}

export default defineMutant({
  name: 'queue-exit-waits-until-drained',
  area: 'queue',
  violation: 'a child given a queue cannot end while the queue holds items: join() before the items are taken waits, and the child looks alive',
  aims: ['queue.join.many-items-do-not-deadlock'],
  reaches: (t) => t.some('session', 'createProcess', (e) => JSON.stringify((e.args[0] as { args?: unknown }).args ?? null).includes('"handle"')),
  process: {
    start: (base, { options, state }) => async () => {
      state.sizes = await sizes(options);
      await base.start();
    },
    join: (base: ProcessHandle, context) => async (timeoutMs) => {
      await base.join(timeoutMs === undefined ? undefined : 0);
      const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
      while (!context.session.closed && performance.now() < deadline && context.life.started && (await held(context))) await sleep(50);
      await base.join(timeoutMs === undefined ? undefined : Math.max(0, deadline - performance.now()));
    },
    isAlive: (base, context) => async () => (await base.isAlive()) || (context.life.started && (await held(context))),
    exitCode: (base, context) => async () => (context.life.started && (await held(context)) ? null : base.exitCode()),
  },
});
