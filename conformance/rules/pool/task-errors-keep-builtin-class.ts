import { expectError, expectRejects } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.task.errors-keep-builtin-class',
  statement: "The exception a task raises is re-raised in the parent with its own class and message: a TypeError stays a TypeError.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const viaApply = await expectRejects(() => pool.apply('raiseTypeError', ['expected a number']), /expected a number/,
        'apply(raiseTypeError, ["expected a number"])');
      expectError(viaApply, { name: 'TypeError', message: 'expected a number' }, 'the error apply(raiseTypeError, …) raised');
      const viaMap = await expectRejects(() => pool.map('raiseTypeError', ['bad item']), /bad item/, 'map(raiseTypeError, ["bad item"])');
      expectError(viaMap, { name: 'TypeError', message: 'bad item' }, 'the error map(raiseTypeError, …) raised');
      const viaRaise = await expectRejects(() => pool.apply('raiseError', ['plain failure']), /plain failure/, 'apply(raiseError, ["plain failure"])');
      expectError(viaRaise, { name: 'ValueError', message: 'plain failure' }, 'the error apply(raiseError, …) raised');
    });
  },
});
