import { readFile, writeFile } from 'node:fs/promises';
import { defineMutant } from './lib/mutant.js';

/**
 * qsize() counts one item too many, in every process: the parent's answer, and (emulated by rewriting what it
 * wrote) the answer a queueSize child wrote.
 */
export default defineMutant({
  name: 'queue-qsize-off-by-one',
  area: 'queue',
  violation: 'qsize() counts one item more than the queue holds (in the parent and in children)',
  reaches: (t) => t.some('queue', 'qsize') || t.some('session', 'createProcess', (e) => (e.args[0] as { target: string }).target === 'queueSize'),
  queue: {
    qsize: (base) => async () => (await base.qsize()) + 1,
  },
  process: {
    join: (base, { options, state }) => async (timeoutMs) => {
      await base.join(timeoutMs);
      if (options.target !== 'queueSize' || state.rewritten === true || (await base.exitCode()) === null) return;
      state.rewritten = true;
      const path = String(options.args?.[1]);
      const written = await readFile(path, 'utf8').catch(() => undefined);
      if (written !== undefined) await writeFile(path, JSON.stringify(Number(JSON.parse(written)) + 1));
    },
  },
});
