import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcesses } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.pid.differs-between-children',
  statement: 'Processes running at the same time are separate OS processes with different pids.',
  source: 'seed',
  python: 'seed: Separate Process IDs',
  needs: ['process'],
  async check(session) {
    await withProcesses(session, Array.from({ length: 3 }, () => ({ target: 'sleepFor', args: [3000] }) as const), async (children) => {
      for (const child of children) await child.start();
      const pids = [];
      for (const child of children) pids.push(await child.pid());
      expectTrue(new Set(pids).size === 3 && !pids.includes(null), 'three running children have three distinct pids', pids);
    });
  },
});
