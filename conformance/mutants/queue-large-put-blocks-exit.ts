import { defineMutant, sleep } from './lib/mutant.js';

/**
 * CPython's pitfall ("joining processes that use queues"): a child that put an item too large for the pipe cannot
 * end until someone reads it, because its feeder thread must flush first. Emulated for putLarge: until a get()
 * on a queue of the session returned, the child looks alive (join waits, exitCode stays null).
 */
const LARGE = 'putLarge';

export default defineMutant({
  name: 'queue-large-put-blocks-exit',
  area: 'queue',
  violation: 'a child that put a large item cannot exit until the item is read: join() before get() waits for ever',
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { target: string }).target === LARGE),
  queue: {
    get: (base, { session }) => async (options) => {
      const item = await base.get(options);
      session.shared.set('read', true);
      return item;
    },
    getNowait: (base, { session }) => async () => {
      const item = await base.getNowait();
      session.shared.set('read', true);
      return item;
    },
  },
  process: {
    join: (base, { options, session }) => async (timeoutMs) => {
      if (options.target !== LARGE || session.shared.get('read') === true) return base.join(timeoutMs);
      await base.join(0);
      const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
      while (session.shared.get('read') !== true && !session.closed && performance.now() < deadline) await sleep(50);
      if (session.shared.get('read') === true) await base.join(Math.max(0, deadline - performance.now()));
    },
    isAlive: (base, { options, session, life }) => async () => {
      const alive = await base.isAlive();
      return alive || (options.target === LARGE && life.started && session.shared.get('read') !== true);
    },
    exitCode: (base, { options, session }) => async () => {
      const code = await base.exitCode();
      return options.target === LARGE && session.shared.get('read') !== true ? null : code;
    },
  },
});
