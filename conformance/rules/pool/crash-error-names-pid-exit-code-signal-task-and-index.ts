import { expectEqual } from '../../harness/expect.js';
import type { CrashReport } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The fields a crash error tells, as the rule compares them. */
const told = (report: CrashReport) => ({
  settled: report.settled, name: report.name, pid: report.pid, exitCode: report.exitCode, signal: report.signal, task: report.task, index: report.index,
});

export default defineRule({
  id: 'pool.crash.error-names-pid-exit-code-signal-task-and-index',
  statement:
    'The error of a task whose worker died names that worker\'s pid, its exit code in Python\'s convention (-N for signal N), the signal\'s name, the task\'s name and the index of the item it was running.',
  source: 'beyond',
  cpython: {
    does: 'Python\'s Pool never raises for a dead worker: its task stays pending for ever (the driver does not claim pool.crash-diagnostics).',
    failure: /does not claim pool\.crash-diagnostics/,
  },
  needs: ['pool', 'pool.crash-diagnostics'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const first = await pool.apply('getPid', []);
      const exited = await pool.crashReport!({ method: 'starmap', task: 'writeStderrThenExit', payload: [['', null], ['', null], ['', 7], ['', null]], chunksize: 1 });
      expectEqual(told(exited), { settled: 'rejected', name: 'WorkerCrashedError', pid: first, exitCode: 7, signal: null, task: 'writeStderrThenExit', index: 2 },
        'what the error of starmap(writeStderrThenExit, [["", null], ["", null], ["", 7], ["", null]], 1) tells (one worker)');
      const second = await pool.apply('getPid', []);
      const killed = await pool.crashReport!({ method: 'apply', task: 'killSelf', payload: [9] });
      expectEqual(told(killed), { settled: 'rejected', name: 'WorkerCrashedError', pid: second, exitCode: -9, signal: 'SIGKILL', task: 'killSelf', index: 0 },
        'what the error of apply(killSelf, [9]) tells (the replacement worker)');
    }, { mayHang: true });
  },
});
