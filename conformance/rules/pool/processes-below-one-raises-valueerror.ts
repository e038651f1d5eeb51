import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.processes.below-one-raises-valueerror',
  statement: 'Pool(processes=n) with n < 1 (0, -3) raises ValueError "Number of processes must be at least 1" and creates no pool.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool.__init__ raises ValueError("Number of processes must be at least 1")',
  needs: ['pool'],
  timeoutMs: 60_000,
  async check(session) {
    for (const processes of [0, -3]) {
      await expectErrorRejection(async () => {
        const pool = await session.createPool!({ processes });
        // Reached only on a failure of the rule: stop what was wrongly created.
        await pool.terminate().catch(() => undefined);
        await pool.join().catch(() => undefined);
      }, { name: 'ValueError', message: /^Number of processes must be at least 1/ }, `createPool({ processes: ${processes} })`, 10_000);
    }
  },
});
