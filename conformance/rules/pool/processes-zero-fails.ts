import { expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.processes.zero-fails',
  statement: 'Pool(processes=0) raises ValueError "Number of processes must be at least 1".',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__init__',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pattern = /Number of processes must be at least 1/;
    for (const processes of [0, -1]) {
      await expectRejects(async () => {
        const pool = await session.createPool!({ processes });
        await pool.terminate().catch(() => undefined);
        await pool.join().catch(() => undefined);
      }, pattern, `createPool({ processes: ${processes} })`);
    }
  },
});
