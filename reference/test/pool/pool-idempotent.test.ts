/**
 * `{ idempotent: true }` on a call (pool/idempotent.ts): checked like every other call option, and on a local pool
 * a permission that changes nothing (a local pool never runs a task twice), so code moves to the cluster pool
 * unchanged. What it does on the cluster is in test/cluster/cluster-faults.test.ts.
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { readIdempotent } from '../../src/pool/idempotent.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { square } from './fixtures/pool-tasks.js';

assertNoOrphans(test);

test('idempotent: true rides on the call; false and leaving it out put nothing on its chunks', (t) => {
  t.true(readIdempotent({ idempotent: true }, 'map'));
  t.is(readIdempotent({ idempotent: false }, 'map'), undefined);
  t.is(readIdempotent({}, 'map'), undefined);
  t.is(readIdempotent(undefined, 'map'), undefined);
});

test('idempotent must be a boolean: anything else is refused, naming the method', (t) => {
  t.throws(() => readIdempotent({ idempotent: 'yes' as never }, 'starmap'), {
    instanceOf: TypeError, message: "Pool.starmap(…, options): idempotent must be true (its tasks may run again if their worker dies) or false, got a string ('yes')",
  });
  t.throws(() => readIdempotent({ idempotent: 1 as never }, 'apply'), { instanceOf: TypeError, message: /^Pool\.apply\(…, options\): idempotent must be true/ });
});

test('a local pool takes { idempotent: true } on every method and runs each task once, as without it', async (t) => {
  const pool = new Pool(2);
  try {
    t.deepEqual(await pool.map(square, [1, 2, 3], 1, { idempotent: true }), [1, 4, 9]);
    t.is(await pool.apply(square, [4], undefined, { idempotent: true }), 16);
    t.is(await pool.applyAsync(square, [5], { idempotent: false }).get(10_000), 25);
    const seen: number[] = [];
    for await (const value of pool.imap(square, [6, 7], 1, { idempotent: true })) seen.push(value);
    t.deepEqual(seen, [36, 49]);
    await t.throwsAsync(pool.map(square, [1], 1, { idempotent: 'yes' as never }), { instanceOf: TypeError, message: /idempotent must be true/ });
    // A misspelling is refused with the name it meant.
    await t.throwsAsync(pool.map(square, [1], 1, { idempotant: true } as never), { instanceOf: TypeError, message: /unexpected option "idempotant".*did you mean idempotent/ });
  } finally {
    pool.terminate();
    await pool.join();
  }
});
