import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.maxtasks.invalid-fails',
  statement: 'Pool(maxtasksperchild=0) raises ValueError "maxtasksperchild must be a positive int or None".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__init__',
  needs: ['pool', 'pool.maxtasks'],
  timeoutMs: 120_000,
  async check(session) {
    for (const maxTasksPerChild of [0, -3]) {
      await expectRejects(async () => {
        const pool = await session.createPool!({ processes: 1, maxTasksPerChild });
        await pool.terminate().catch(() => undefined);
        await pool.join().catch(() => undefined);
      }, /maxtasksperchild must be a positive int/, `createPool({ maxTasksPerChild: ${maxTasksPerChild} })`);
    }
  },
});
