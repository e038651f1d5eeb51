import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';
import { workerStartMs } from '../../harness/worker-start-time.js';

/** At least this long, and several worker starts as this machine is now: the workers have failed by then. */
const GET_MS = 3000;

export default defineRule({
  id: 'pool.initializer.failure-leaves-work-pending',
  statement:
    'When the initializer raises, each worker dies before taking work and is replaced by one that fails the same way: work submitted never runs, and get(timeout) of it raises TimeoutError.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: worker() calls the initializer unguarded; Pool._maintain_pool replaces the dead worker',
  needs: ['pool', 'pool.initializer'],
  timeoutMs: 90_000,
  alone: "CPython restarts the workers whose initializer raised without end: beside other rules, that storm of processes starves their bounded waits.",
  async check(session) {
    // An implementation that stops such a pool (the reference) must have had the time to: judged before its first
    // worker started, it would look like Python's.
    const getMs = Math.max(GET_MS, Math.ceil(4 * (await workerStartMs(session))));
    await withPool(session, { processes: 2, initializer: 'raiseError', initargs: ['initializer exploded'] }, async (pool) => {
      const result = await pool.applyAsync('square', [3]);
      await expectErrorRejection(() => result.get(getMs), { name: 'TimeoutError' }, `get(${getMs}) of applyAsync(square, [3])`, getMs + 10_000);
    }, { mayHang: true });
  },
});
