import { expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'process.pid.differs-between-children',
  statement: 'Processes running at the same time are separate OS processes with different pids.',
  source: 'seed',
  python: 'seed: Separate Process IDs',
  needs: ['process'],
  async check(session) {
    const children = [];
    for (let i = 0; i < 3; i++) children.push(await session.createProcess({ target: 'sleepFor', args: [3000] }));
    try {
      for (const child of children) await child.start();
      const pids = [];
      for (const child of children) pids.push(await child.pid());
      expectTrue(new Set(pids).size === 3 && !pids.includes(null), 'three running children have three distinct pids', pids);
    } finally {
      for (const child of children) await child.terminate().catch(() => undefined);
      for (const child of children) await child.join(5000).catch(() => undefined);
    }
  },
});
