import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, RuleFailure, expectEqual } from '../../harness/expect.js';
import type { CancellableCall, CancellableMethod } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.cancel.already-aborted-signal-rejects-at-the-call',
  statement:
    'A call given a signal that was aborted already rejects with AbortError (cause: the signal\'s reason) and none of its tasks runs, for apply, applyAsync, map, starmap, mapAsync, starmapAsync, imap and imapUnordered.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool methods take no signal: nothing cancels a call (the driver does not claim pool.cancel).",
    failure: /does not claim pool\.cancel/,
  },
  needs: ['pool', 'pool.cancel'],
  timeoutMs: 120_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      // The pool is up first: a task that ran anyway would have had every chance to.
      await pool.apply('noop', [null]);
      const methods: CancellableMethod[] = ['apply', 'applyAsync', 'map', 'starmap', 'mapAsync', 'starmapAsync', 'imap', 'imapUnordered'];
      const ran: string[] = [];
      for (const method of methods) {
        const dir = join(context.tmpdir, method);
        mkdirSync(dir);
        const star = method === 'apply' || method === 'applyAsync' || method.startsWith('starmap');
        const path = join(dir, 'task');
        const call: CancellableCall = star
          ? { method, task: 'ignoreAbort', payload: method.startsWith('starmap') ? [[path, 10], [path, 10]] : [path, 10], abortedBefore: true }
          : { method, task: 'recordItem', payload: [[dir, 0, 10], [dir, 1, 10]], chunksize: 1, abortedBefore: true };
        const handle = await pool.cancellable!(call);
        const outcome = await eventually(() => handle.outcome(), (o) => o.settled !== 'pending', 5000);
        const what = `${method}(${call.task}, …) given a signal aborted before the call`;
        if (outcome.settled === 'pending') throw new RuleFailure(what, 'rejected within 5 s', 'still pending');
        expectEqual({ settled: outcome.settled, name: outcome.error?.name, cause: outcome.error?.cause },
          { settled: 'rejected', name: 'AbortError', cause: 'aborted before the call' }, what);
      }
      // Anything submitted would have run by now: the pool runs what it is given in order.
      await pool.map('noop', [1, 2, 3, 4], 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const method of methods) if (readdirSync(join(context.tmpdir, method)).length > 0 || existsSync(join(context.tmpdir, method, 'task'))) ran.push(method);
      expectEqual(ran, [], 'the methods whose task ran although their signal was aborted before the call');
    });
  },
});
