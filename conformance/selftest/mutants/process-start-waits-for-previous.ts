import type { ProcessHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-start-waits-for-previous',
  area: 'process',
  violation: 'start() first waits for the previously started child to exit: children run one at a time',
  aims: ['process.start.children-run-concurrently'],
  // Only a start() while an earlier child still runs has anything to wait for.
  reaches: (t) =>
    t.some('process', 'start', (e) =>
      t.calls('process', 'start').some((earlier) => earlier.handle !== e.handle && t.indexOf(earlier) < t.indexOf(e) && earlier.threw !== true &&
        !t.exitedBefore(earlier.handle, t.indexOf(e)))),
  process: {
    start: (base, { session }) => async () => {
      const started = (session.shared.get('started') as ProcessHandle[] | undefined) ?? [];
      for (const earlier of started) await earlier.join().catch(() => undefined);
      await base.start();
      session.shared.set('started', [...started, base]);
    },
  },
});
