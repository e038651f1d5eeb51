import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEqual, RuleFailure } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { withPool } from '../../harness/with-pool.js';

const LIMIT_MB = 180;
const OVER_MB = 240;
const ITEMS = 80;
const SETTLE_MS = 60_000;

export default defineRule({
  id: 'pool.recycle.no-task-lost-or-run-twice',
  statement:
    'Workers retired for memory in the middle of a burst of queued tasks strand none of them and run none twice: the tasks a retiree held but had not started run once, elsewhere. starmap over 80 quick tasks, two of which push their worker past maxMemoryPerChildMb, returns every value in order, and each task ran exactly once.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no memory limit (the driver does not claim pool.recycle).",
    failure: /does not claim pool\.recycle/,
  },
  needs: ['pool', 'pool.recycle'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 2, maxMemoryPerChildMb: LIMIT_MB }, async (pool) => {
      const dir = context.tmpdir;
      const items = Array.from({ length: ITEMS }, (_, x) => [dir, x, x % 40 === 19 ? OVER_MB : 0]);
      const call = pool.starmap('recordRun', items, 1);
      if (!(await settlesWithin(call, SETTLE_MS))) {
        const ran = readdirSync(dir).length;
        throw new RuleFailure(`starmap(recordRun, ${ITEMS} tasks, 2 of them allocating ${OVER_MB} MiB)`, `settled within ${SETTLE_MS} ms`, `still pending, ${ran} tasks ran`);
      }
      expectEqual(await call, items.map(([, x]) => x), `starmap(recordRun, ${ITEMS} tasks)'s values`);
      const runs = Object.fromEntries(readdirSync(dir).map((x) => [x, readFileSync(join(dir, x), 'utf8').trim().split('\n').length]));
      const wrong = Object.entries(runs).filter(([, n]) => n !== 1);
      expectEqual(wrong, [], 'the tasks that did not run exactly once, with their run counts');
      expectEqual(Object.keys(runs).length, ITEMS, 'the tasks that ran');
    }, { mayHang: true });
  },
});
