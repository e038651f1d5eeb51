import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, sleep, type SessionContext } from './lib/mutant.js';

/** Sleeps `ms`, or less when the session closes first. */
async function sleepOut(ms: number, session: SessionContext): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until && !session.closed; ) await sleep(Math.min(100, until - Date.now()));
}

/** How long the timed get sleeps between looks (a poll interval meant in milliseconds, given in seconds). */
const SLICE_MS = 21_000;

/**
 * A timed get written as "look, sleep, look again" with a coarse interval: an item that arrives meanwhile waits
 * until the end of the slice (or of the timeout, when that comes first).
 */
export default defineMutant({
  name: 'queue-get-timeout-polls-coarsely',
  area: 'queue',
  violation: 'get({timeoutMs}) on an empty queue looks again only every 21 s (or at its timeout), instead of returning when an item arrives',
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
      const deadline = Date.now() + options.timeoutMs;
      for (;;) {
        await sleepOut(Math.min(SLICE_MS, deadline - Date.now()), session);
        try {
          return await base.getNowait();
        } catch (error) {
          if ((error as Error).name !== 'Empty' || Date.now() >= deadline || session.closed) throw error;
        }
      }
    },
  },
});
