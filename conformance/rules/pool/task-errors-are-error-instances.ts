import { expectErrorRejection } from '../../harness/rejection.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const VALUE_ERROR = { name: 'ValueError', message: /^Cannot process zero!$/ };

export default defineRule({
  id: 'pool.task.errors-are-error-instances',
  statement:
    "A task's exception reaches the parent as a real exception object of the task's class (ValueError), with its message, from apply, map, starmap and AsyncResult.get alike.",
  source: 'python-docs',
  python: 'library/multiprocessing.html#multiprocessing.pool.AsyncResult.get',
  needs: ['pool'],
  timeoutMs: 90_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      await expectErrorRejection(() => pool.apply('risky', [0]), VALUE_ERROR, 'apply(risky, [0])');
      await expectErrorRejection(() => pool.map('risky', [1, 0, 2], 1), VALUE_ERROR, 'map(risky, [1, 0, 2], 1)');
      await expectErrorRejection(() => pool.starmap('risky', [[0]]), VALUE_ERROR, 'starmap(risky, [[0]])');
      const result = await pool.applyAsync('risky', [0]);
      await expectErrorRejection(() => result.get(60_000), VALUE_ERROR, 'get(60000) of applyAsync(risky, [0])');
    });
  },
});
