import { writeFile } from 'node:fs/promises';
import { defineMutant } from './lib/mutant.js';

/**
 * A get() on a queue whose hosting process died keeps waiting, then raises Empty at its timeout. Emulated where a
 * rule makes that happen (hostQueueThenExit): once the host exited, the grandchild's record is what such a get
 * writes, {error: 'Empty', items: ['first']}.
 */
export default defineMutant({
  name: 'queue-host-death-unnoticed',
  area: 'queue',
  violation: "a get() waiting on a queue whose host process died is not told: it waits out its timeout and raises Empty",
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { target: string }).target === 'hostQueueThenExit'),
  process: {
    join: (base, { options, state }) => async (timeoutMs) => {
      await base.join(timeoutMs);
      if (options.target !== 'hostQueueThenExit' || state.rewritten === true || (await base.exitCode()) === null) return;
      state.rewritten = true;
      await writeFile(String(options.args?.[0]), JSON.stringify({ error: 'Empty', items: ['first'] }));
    },
  },
});
