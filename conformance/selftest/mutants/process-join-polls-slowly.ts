import { defineMutant, sleep } from './lib/mutant.js';

/** How often the faulty join() looks at the child. */
const POLL_MS = 5000;

export default defineMutant({
  name: 'process-join-polls-slowly',
  area: 'process',
  violation: `join(timeout) looks whether the child has ended only every ${POLL_MS / 1000} s (a sleep in its loop), so it returns seconds after the child ended`,
  aims: ['process.join.returns-when-child-exits-before-timeout'],
  // Only a join with a long timeout that the child ends early can tell: the others return at their timeout anyway.
  // Of those, the joins bounded by 20 s or more: a rule with a shorter bound may catch a join seconds late too, but
  // only as noise near its bound, at 5 s a pair.
  reaches: (t) => t.some('process', 'join', (e) => typeof e.args[0] === 'number' && (e.args[0] as number) >= 20_000 && e.full !== true && t.after(e, 'start')),
  process: {
    join: (base, { session }) => async (timeoutMs) => {
      const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
      for (;;) {
        await base.join(0);
        if ((await base.exitCode()) !== null || session.closed) return;
        const left = deadline - performance.now();
        if (left <= 0) return;
        await sleep(Math.min(POLL_MS, left));
      }
    },
  },
});
