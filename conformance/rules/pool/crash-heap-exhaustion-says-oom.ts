import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.crash.heap-exhaustion-says-oom',
  statement:
    'A task that exhausts its worker\'s heap fails with an error that says the worker ran out of memory (oom) and says so in its message; a worker that merely exits does not.',
  source: 'beyond',
  cpython: {
    does: 'Python\'s Pool never raises for a dead worker, so it cannot say why it died (the driver does not claim pool.crash-diagnostics).',
    failure: /does not claim pool\.crash-diagnostics/,
  },
  needs: ['pool', 'pool.crash-diagnostics'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1, workerHeapMb: 32 }, async (pool) => {
      const starved = await pool.crashReport!({ method: 'apply', task: 'exhaustHeap', payload: [] });
      expectEqual({ name: starved.name, oom: starved.oom }, { name: 'WorkerCrashedError', oom: true }, 'the error of apply(exhaustHeap, []) with workerHeapMb 32');
      expectTrue(/out of memory/i.test(starved.message ?? ''), 'the error\'s message says "out of memory"', starved.message ?? '');
      const exited = await pool.crashReport!({ method: 'apply', task: 'writeStderrThenExit', payload: ['', 3] });
      expectEqual({ name: exited.name, oom: exited.oom }, { name: 'WorkerCrashedError', oom: false }, 'the error of apply(writeStderrThenExit, ["", 3])');
    }, { mayHang: true });
  },
});
