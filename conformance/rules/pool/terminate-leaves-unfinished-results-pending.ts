import { expectEqual } from '../../harness/expect.js';
import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const GET_MS = 2000;

export default defineRule({
  id: 'pool.terminate.leaves-unfinished-results-pending',
  statement:
    'terminate() stops the work without finishing it, and the results it left unfinished, running or queued, never become ready: get(timeout) of each raises TimeoutError.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._terminate_pool stops the handlers and workers; nothing sets the cached results',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      await pool.map('square', [1]); // the worker is up: the first sleep starts at once
      const running = await pool.applyAsync('sleepFor', [20_000]);
      const queued = await pool.applyAsync('sleepFor', [20_000]);
      await pool.terminate();
      await pool.join();
      for (const [what, result] of [['running', running], ['queued', queued]] as const) {
        await expectErrorRejection(() => result.get(GET_MS), { name: 'TimeoutError' }, `get(${GET_MS}) of the ${what} sleepFor(20000) after terminate()`, GET_MS + 10_000);
        expectEqual(await result.ready(), false, `ready() of the ${what} task after terminate()`);
      }
    }, { mayHang: true });
  },
});
