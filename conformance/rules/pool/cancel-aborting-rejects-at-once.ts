import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, RuleFailure, expectEqual, readTextWritten } from '../../harness/expect.js';
import type { CancellableCall, CancellableMethod } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

/** The task would run this long: a call that waited for it would still be pending long after the bound below. */
const TASK_MS = 30_000;
const REJECTED_WITHIN_MS = 5000;

/** Each method called on a task that pays no heed to the abort; `started` is the file the task writes first. */
function callOf(method: CancellableMethod, dir: string): { call: CancellableCall; started: string } {
  const path = join(dir, method);
  switch (method) {
    case 'apply':
    case 'applyAsync':
      return { call: { method, task: 'ignoreAbort', payload: [path, TASK_MS], graceMs: 200 }, started: path };
    case 'starmap':
    case 'starmapAsync':
      return { call: { method, task: 'ignoreAbort', payload: [[path, TASK_MS]], chunksize: 1, graceMs: 200 }, started: path };
    default:
      mkdirSync(path);
      return { call: { method, task: 'recordItem', payload: [[path, 0, TASK_MS]], chunksize: 1, graceMs: 200 }, started: join(path, '0') };
  }
}

export default defineRule({
  id: 'pool.cancel.aborting-rejects-at-once',
  statement:
    "Aborting the signal given to apply, applyAsync, map, starmap, mapAsync, starmapAsync, imap or imapUnordered while its task runs rejects the call at once with AbortError, whose cause is the signal's reason, without waiting for the task (which would run 30 s).",
  source: 'beyond',
  cpython: {
    does: "Python's Pool methods take no signal: nothing cancels a call (the driver does not claim pool.cancel).",
    failure: /does not claim pool\.cancel/,
  },
  needs: ['pool', 'pool.cancel'],
  timeoutMs: 300_000,
  async check(session, context) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const methods: CancellableMethod[] = ['apply', 'applyAsync', 'map', 'starmap', 'mapAsync', 'starmapAsync', 'imap', 'imapUnordered'];
      for (const method of methods) {
        const { call, started } = callOf(method, context.tmpdir);
        const handle = await pool.cancellable!(call);
        await readTextWritten(started, 60_000, `the pid file of ${method}(${call.task}, …)'s task (it started)`);
        await handle.abort(`stop ${method}`);
        const outcome = await eventually(() => handle.outcome(), (o) => o.settled !== 'pending', REJECTED_WITHIN_MS);
        const what = `${method}(${call.task}, …) once its signal was aborted while the task ran`;
        if (outcome.settled === 'pending') throw new RuleFailure(what, `rejected within ${REJECTED_WITHIN_MS} ms`, 'still pending');
        expectEqual({ settled: outcome.settled, name: outcome.error?.name, cause: outcome.error?.cause },
          { settled: 'rejected', name: 'AbortError', cause: `stop ${method}` }, what);
      }
    }, { mayHang: true });
  },
});
