import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, sleep, type QueueContext } from './lib/mutant.js';

/** How long the faulty loop sleeps between two looks at the queue, whatever time is left. */
const POLL_MS = 5000;

/**
 * A blocking get() or put() learns late that it could go on: it notices an item (or room) arriving, or its timeout
 * passing, a whole poll after the fact, as a loop that sleeps between two looks may. Late by the full poll every
 * time: a loop that looked at the queue at fixed instants was late by a random part of the poll (whenever the
 * other process happened to act), and on a loaded machine a rule's "within 3 s" then let it through.
 */
function polling<K extends 'get' | 'put'>(key: K, refusal: 'Empty' | 'Full') {
  return (base: QueueHandle, { session }: QueueContext) =>
    (async (...args: unknown[]) => {
      const options = (key === 'get' ? args[0] : args[1]) as { block?: boolean; timeoutMs?: number } | undefined;
      if (options?.block === false) return (base[key] as (...a: unknown[]) => Promise<unknown>)(...args);
      const attempt = () => (key === 'get' ? base.getNowait() : base.putNowait(args[0]));
      const blocked = async () => (key === 'get' ? base.empty() : base.full());
      const deadline = options?.timeoutMs === undefined ? Infinity : performance.now() + options.timeoutMs;
      for (;;) {
        try {
          return await attempt();
        } catch (error) {
          if (!(error instanceof Error && error.name === refusal) || session.closed) throw error;
          if (performance.now() >= deadline) {
            await sleep(POLL_MS);
            throw error;
          }
        }
        // Watch until the call could go on (or its time is up), then take a whole poll to notice.
        while ((await blocked()) && performance.now() < deadline && !session.closed) await sleep(20);
        await sleep(POLL_MS);
      }
    }) as QueueHandle[K];
}

export default defineMutant({
  name: 'queue-blocking-calls-poll-slowly',
  area: 'queue',
  violation: `a blocking get() or put() notices an item, room or its timeout ${POLL_MS / 1000} s after the fact: it returns or raises seconds late`,
  aims: ['queue.get.timeout-raises-empty', 'queue.put.timeout-on-full-raises-full', 'queue.put.blocked-put-resumes-when-a-consumer-makes-room'],
  // Only a call that had to wait on the reference can be late.
  reaches: (t) => t.some('queue', ['get', 'put'], (e) => e.waited === true),
  queue: {
    get: polling('get', 'Empty'),
    put: polling('put', 'Full'),
  },
});
