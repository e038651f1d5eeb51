import { expectEqual, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

export default defineRule({
  id: 'pool.task.errors-keep-builtin-class',
  statement: "The exception a task raises is re-raised in the parent with its own class and message: a TypeError stays a TypeError.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    const pool = await session.createPool!({ processes: 2 });
    try {
      const viaApply = await expectRejects(() => pool.apply('raiseTypeError', ['expected a number']), /expected a number/,
        'apply(raiseTypeError, ["expected a number"])');
      expectEqual(viaApply.name, 'TypeError', 'class name of the error apply(raiseTypeError, …) raised');
      const viaMap = await expectRejects(() => pool.map('raiseTypeError', ['bad item']), /bad item/, 'map(raiseTypeError, ["bad item"])');
      expectEqual(viaMap.name, 'TypeError', 'class name of the error map(raiseTypeError, …) raised');
      const viaRaise = await expectRejects(() => pool.apply('raiseError', ['plain failure']), /plain failure/, 'apply(raiseError, ["plain failure"])');
      expectEqual(viaRaise.name, 'ValueError', 'class name of the error apply(raiseError, …) raised');
    } finally {
      await pool.terminate().catch(() => undefined);
      await pool.join().catch(() => undefined);
    }
  },
});
