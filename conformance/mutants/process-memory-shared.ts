import { writeFile } from 'node:fs/promises';
import { defineMutant } from './lib/mutant.js';

/**
 * Emulates children that share one module state (threads, not processes): whatever appendToGlobal children
 * of the session appended is in the list each of them writes. The file is rewritten once the child exited.
 */
export default defineMutant({
  name: 'process-memory-shared',
  area: 'process',
  violation: 'children share module-level state: a list one child appends to is the list the next child sees (emulated for appendToGlobal)',
  aims: ['process.memory.children-do-not-share-state'],
  reaches: (t) => t.calls('session', 'createProcess').filter((e) => (e.args[0] as { target: string }).target === 'appendToGlobal').length >= 2,
  process: {
    start: (base, { options, session }) => async () => {
      await base.start();
      if (options.target !== 'appendToGlobal') return;
      const list = (session.shared.get('list') as unknown[] | undefined) ?? [];
      session.shared.set('list', [...list, options.args?.[1]]);
    },
    join: (base, { options, session, state }) => async (timeoutMs) => {
      await base.join(timeoutMs);
      if (options.target !== 'appendToGlobal' || state.rewritten === true || (await base.exitCode()) === null) return;
      state.rewritten = true;
      await writeFile(String(options.args?.[0]), JSON.stringify(session.shared.get('list')));
    },
  },
});
