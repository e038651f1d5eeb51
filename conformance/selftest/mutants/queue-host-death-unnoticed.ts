import { readFile, writeFile } from 'node:fs/promises';
import { defineMutant } from './lib/mutant.js';

/** How long the emulation waits for the grandchild's own record before it writes the mutant's anyway. */
const RECORD_WAIT_MS = 45_000;

/**
 * A get() on a queue whose hosting process died keeps waiting, then raises Empty at its timeout. Emulated where a
 * rule makes that happen (hostQueueThenExit): once the host exited, the grandchild's record is what such a get
 * writes, {error: 'Empty', items: ['first']}. It is written over the grandchild's own record, after that record
 * exists and before join() returns, so that which of the two the rule reads does not depend on timing.
 */
export default defineMutant({
  name: 'queue-host-death-unnoticed',
  area: 'queue',
  violation: "a get() waiting on a queue whose host process died is not told: it waits out its timeout and raises Empty",
  aims: ['queue.owner.blocked-get-fails-when-the-host-is-gone'],
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { target: string }).target === 'hostQueueThenExit'),
  process: {
    join: (base, { options, state }) => async (timeoutMs) => {
      await base.join(timeoutMs);
      if (options.target !== 'hostQueueThenExit' || state.rewritten === true || (await base.exitCode()) === null) return;
      state.rewritten = true;
      const path = String(options.args?.[0]);
      const deadline = Date.now() + RECORD_WAIT_MS;
      // Whole, not just created: writing over a record still being written could lose the mutant's.
      while (Date.now() < deadline && !(await readFile(path, 'utf8').then((text) => isJson(text), () => false))) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await writeFile(path, JSON.stringify({ error: 'Empty', items: ['first'] }));
    },
  },
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
