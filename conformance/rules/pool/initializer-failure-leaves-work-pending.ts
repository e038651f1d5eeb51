import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const GET_MS = 3000;

export default defineRule({
  id: 'pool.initializer.failure-leaves-work-pending',
  statement:
    'When the initializer raises, each worker dies before taking work and is replaced by one that fails the same way: work submitted never runs, and get(timeout) of it raises TimeoutError.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: worker() calls the initializer unguarded; Pool._maintain_pool replaces the dead worker',
  needs: ['pool', 'pool.initializer'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2, initializer: 'raiseError', initargs: ['initializer exploded'] }, async (pool) => {
      const result = await pool.applyAsync('square', [3]);
      await expectErrorRejection(() => result.get(GET_MS), { name: 'TimeoutError' }, `get(${GET_MS}) of applyAsync(square, [3])`, GET_MS + 10_000);
    }, { mayHang: true });
  },
});
