import type { QueueHandle } from '../../harness/implementation.js';
import { defineMutant, sleep, type QueueContext } from './lib/mutant.js';

/** How long the faulty loop sleeps between two looks at the queue, whatever time is left. */
const POLL_MS = 5000;

/**
 * A blocking get() or put() looks at the queue, then sleeps a whole poll before looking again, past its timeout
 * if need be: it returns or raises up to seconds after it could have.
 */
function polling<K extends 'get' | 'put'>(key: K, refusal: 'Empty' | 'Full') {
  return (base: QueueHandle, { session }: QueueContext) =>
    (async (...args: unknown[]) => {
      const options = (key === 'get' ? args[0] : args[1]) as { block?: boolean; timeoutMs?: number } | undefined;
      if (options?.block === false) return (base[key] as (...a: unknown[]) => Promise<unknown>)(...args);
      const attempt = () => (key === 'get' ? base.getNowait() : base.putNowait(args[0]));
      const deadline = options?.timeoutMs === undefined ? Infinity : performance.now() + options.timeoutMs;
      for (;;) {
        try {
          return await attempt();
        } catch (error) {
          if (!(error instanceof Error && error.name === refusal) || performance.now() >= deadline || session.closed) throw error;
        }
        await sleep(POLL_MS);
      }
    }) as QueueHandle[K];
}

export default defineMutant({
  name: 'queue-blocking-calls-poll-slowly',
  area: 'queue',
  violation: `a blocking get() or put() looks at the queue every ${POLL_MS / 1000} s (a whole sleep between looks, past its timeout): it returns or raises seconds late`,
  aims: ['queue.get.timeout-raises-empty', 'queue.put.timeout-on-full-raises-full', 'queue.put.blocked-put-resumes-when-a-consumer-makes-room'],
  // Only a call that had to wait on the reference can be late.
  reaches: (t) => t.some('queue', ['get', 'put'], (e) => e.waited === true),
  queue: {
    get: polling('get', 'Empty'),
    put: polling('put', 'Full'),
  },
});
