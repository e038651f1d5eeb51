import { expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.chunksize-below-one-fails',
  statement:
    'map, starmap, mapAsync and starmapAsync refuse a chunksize below 1 at the call with RangeError "Chunksize must be 1+", as imap does, instead of returning a list of nothing.',
  source: 'beyond',
  cpython: {
    does: 'CPython runs nothing and returns a list of None, one per item.',
    failure: /chunksize=0\): expected "an error matching [^"]*", observed "no error \(resolved with \[ null, null, null \]\)"/,
  },
  needs: ['pool'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const calls = [
        ['map(square, [1, 2, 3], chunksize=0)', () => pool.map('square', [1, 2, 3], 0)],
        ['starmap(power, [(2, 3)], chunksize=-1)', () => pool.starmap('power', [[2, 3]], -1)],
        ['mapAsync(square, [4, 5], chunksize=0)', () => pool.mapAsync('square', [4, 5], 0)],
        ['starmapAsync(power, [(2, 3)], chunksize=0)', () => pool.starmapAsync('power', [[2, 3]], 0)],
      ] as const;
      for (const [what, call] of calls) {
        const error = await expectRejects(call, /Chunksize must be 1\+/, what, 10_000);
        expectTrue(error instanceof Error && error.name === 'RangeError', `${what} raised a RangeError`, error.name);
      }
    });
  },
});
