import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, RuleFailure, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.cancel.map-aborted-halfway-sends-no-more',
  statement:
    'A map or imap aborted halfway rejects with AbortError, starts no item after the one running, and delivers nothing afterwards.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool methods take no signal: a map runs to its end (the driver does not claim pool.cancel).",
    failure: /does not claim pool\.cancel/,
  },
  needs: ['pool', 'pool.cancel'],
  timeoutMs: 180_000,
  async check(session, context) {
    await withPool(session, { processes: 1 }, async (pool) => {
      for (const method of ['map', 'imap'] as const) {
        const dir = join(context.tmpdir, method);
        mkdirSync(dir);
        const items = Array.from({ length: 20 }, (_, x) => [dir, x, 200]);
        const handle = await pool.cancellable!({ method, task: 'recordItem', payload: items, chunksize: 1, graceMs: 30_000 });
        const count = () => readdirSync(dir).length;
        if ((await eventually(async () => count(), (n) => n >= 3, 60_000)) < 3) {
          throw new RuleFailure(`${method}(recordItem, 20 items of 200 ms)`, '3 items started within 60 s', `${count()}`);
        }
        await handle.abort('enough');
        // Counted at the abort, not once the call settled: a call that settled late must not hide what ran meanwhile.
        const atAbort = count();
        const outcome = await eventually(() => handle.outcome(), (o) => o.settled !== 'pending', 5000);
        const what = `${method}(recordItem, 20 items) aborted after 3 items started`;
        expectEqual({ settled: outcome.settled, name: outcome.error?.name }, { settled: 'rejected', name: 'AbortError' }, what);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const later = count();
        expectTrue(later <= atAbort + 1, `items started from the abort of ${what} to 1.5 s after it settled (at most the one in flight)`, `${atAbort} → ${later}`);
        const after = await handle.outcome();
        expectEqual({ settled: after.settled, afterwards: after.afterwards }, { settled: 'rejected', afterwards: 0 }, `${what}, 1.5 s later`);
      }
    });
  },
});
