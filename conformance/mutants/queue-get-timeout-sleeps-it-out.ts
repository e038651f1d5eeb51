import type { QueueHandle } from '../harness/implementation.js';
import { defineMutant, sleep, type SessionContext } from './lib/mutant.js';

/** Sleeps `ms`, or less when the session closes first. */
async function sleepOut(ms: number, session: SessionContext): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until && !session.closed; ) await sleep(Math.min(100, until - Date.now()));
}

/**
 * A timed get written as "look, sleep the timeout, look again": an item that arrives meanwhile waits until the
 * timeout is over.
 */
export default defineMutant({
  name: 'queue-get-timeout-sleeps-it-out',
  area: 'queue',
  violation: 'get({timeoutMs}) on an empty queue sleeps out its whole timeout before looking again, instead of returning when an item arrives',
  aims: ['queue.get.timeout-returns-as-soon-as-an-item-arrives'],
  reaches: (t) => t.some('queue', 'get', (e) => (e.args[0] as { timeoutMs?: number } | undefined)?.timeoutMs !== undefined && e.waited === true),
  queue: {
    get: (base: QueueHandle, { session }) => async (options) => {
      if (options?.block === false || options?.timeoutMs === undefined || options.timeoutMs < 0) return base.get(options);
      try {
        return await base.getNowait();
      } catch (error) {
        if ((error as Error).name !== 'Empty') throw error;
      }
      await sleepOut(options.timeoutMs, session);
      return base.getNowait();
    },
  },
});
