import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** 400 numbered lines of accented text (~16 KB, two bytes a character): more than any tail keeps. */
const TEXT = Array.from({ length: 400 }, (_, i) => `line ${i}: ${'é'.repeat(16)}\n`).join('') + 'last words\n';

export default defineRule({
  id: 'pool.crash.error-carries-the-stderr-tail',
  statement:
    'The error of a task whose worker died carries the end of what that worker wrote to its stderr: the last few KiB (at least 1 KiB, at most 16 KiB), cut on a character, up to its last line.',
  source: 'beyond',
  cpython: {
    does: 'Python\'s Pool never raises for a dead worker, and its workers write to the parent\'s stderr unseen (the driver does not claim pool.crash-diagnostics).',
    failure: /does not claim pool\.crash-diagnostics/,
  },
  needs: ['pool', 'pool.crash-diagnostics'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const report = await pool.crashReport!({ method: 'apply', task: 'writeStderrThenExit', payload: [TEXT, 3] });
      expectEqual(report.name, 'WorkerCrashedError', 'the error of apply(writeStderrThenExit, [<16 KB ending "last words\\n">, 3])');
      const tail = report.stderrTail ?? '';
      const bytes = Buffer.byteLength(tail);
      expectTrue(TEXT.endsWith(tail), 'the stderr tail is the end of what the worker wrote, whole characters only', JSON.stringify(tail.slice(0, 80)));
      expectTrue(bytes >= 1024 && bytes <= 16 * 1024, 'the stderr tail holds between 1 KiB and 16 KiB', `${bytes} bytes`);
      expectTrue((report.message ?? '').includes('last words'), 'the error\'s message shows the stderr\'s last line', report.message ?? '');
    }, { mayHang: true });
  },
});
