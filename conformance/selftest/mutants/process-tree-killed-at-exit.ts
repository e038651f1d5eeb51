import { descendantsOf } from '../../../test-support/no-orphans.js';
import { defineMutant, sleep } from './lib/mutant.js';

const NESTING = new Set(['endProgram', 'startChild', 'hostQueueThenExit', 'watchParentDeath']);

export default defineMutant({
  name: 'process-tree-killed-at-exit',
  area: 'process',
  violation:
    "when a child exits, its whole process tree is killed with it (a tree-kill cleanup): a program's non-daemonic " +
    'children die with it even when it ends abruptly',
  aims: ['process.exit.abrupt-end-leaves-non-daemonic-children-running'],
  // Only a child with children of its own has a tree to lose: the catalog tasks that start processes.
  reaches: (t) => t.some('session', 'createProcess', (e) => NESTING.has((e.args[0] as { target: string }).target)),
  process: {
    start: (base, { session, state }) => async () => {
      await base.start();
      const pid = await base.pid();
      if (pid === null) return;
      // The tree is known while the child runs: watched until the child exits, then killed.
      const tree = new Set<number>();
      state.watching = (async () => {
        while (!session.closed && (await base.exitCode().catch(() => 0)) === null) {
          for (const descendant of descendantsOf(pid)) tree.add(descendant);
          await sleep(20);
        }
        for (const descendant of tree) {
          try {
            process.kill(descendant, 'SIGKILL');
          } catch {
            // Gone already.
          }
        }
      })();
    },
  },
});
