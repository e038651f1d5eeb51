import { expectEqual, expectTrue } from '../../harness/expect.js';
import type { ProgressCall } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const ITEMS = Array.from({ length: 10 }, (_, i) => i);

export default defineRule({
  id: 'pool.progress.map-reports-done-and-total',
  statement:
    'A map given a progress listener hears { done, total } as its chunks finish, even when its tasks report nothing: done counts the items finished, rising to total, the number of items; so do starmap, mapAsync, imap and imapUnordered.',
  source: 'beyond',
  cpython: {
    does: "Python's Pool has no progress reporting: a map's caller learns nothing until it ends, or steps through imap (the driver does not claim pool.progress).",
    failure: /does not claim pool\.progress/,
  },
  needs: ['pool', 'pool.progress'],
  timeoutMs: 120_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const calls: ProgressCall[] = [
        { method: 'map', task: 'square', payload: ITEMS, chunksize: 3 },
        { method: 'mapAsync', task: 'square', payload: ITEMS, chunksize: 4 },
        { method: 'starmap', task: 'power', payload: ITEMS.map((i) => [i, 2]), chunksize: 3 },
        { method: 'imap', task: 'square', payload: ITEMS, chunksize: 2 },
        { method: 'imapUnordered', task: 'square', payload: ITEMS, chunksize: 5 },
      ];
      for (const call of calls) {
        const what = `${call.method}(${call.task}, 10 items, ${call.chunksize}) with a progress listener`;
        const outcome = await pool.progressing!(call);
        expectEqual(outcome.settled, 'resolved', what);
        const dones = outcome.updates.map((update) => update.done);
        expectEqual(outcome.updates.map((update) => update.total), dones.map(() => ITEMS.length), `the totals ${what} heard`);
        // Chunks finish in any order: each step is one chunk's size (the last chunk may be shorter).
        const sizes = [call.chunksize!, ITEMS.length % call.chunksize!];
        const rising = dones.every((done, i) => sizes.includes(done - (i === 0 ? 0 : dones[i - 1]!)));
        expectTrue(rising, `done, as ${what} heard it, rises by one chunk (${sizes.filter((size) => size > 0).join(' or ')} items) at a time`, dones);
        expectEqual(dones.at(-1), ITEMS.length, `the last done ${what} heard`);
      }
    });
  },
});
