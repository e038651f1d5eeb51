/**
 * The bulk pipe (fd 4) carries only frames our own writer makes. Bytes that are not one (a task that writes to
 * fd 4 itself) end that worker, with the reason in its chunk's WorkerCrashedError, and the parent goes on: it
 * neither throws from its read callback nor allocates the length a bad header claims.
 */
import test from 'ava';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { writeToBulkPipe } from './fixtures/bulk-tasks.js';
import { square } from './fixtures/pool-tasks.js';
import { cleanUp, RUN_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const headers: readonly (readonly [string, string])[] = [
  ['text where a header goes', Buffer.from('garbage!').toString('hex')],
  ['a header claiming 2^48 − 1 bytes', '0000ffffffffffff'],
];

for (const [what, hex] of headers) {
  test(`bulk pipe: ${what} ends that worker with the reason in its crash error; the pool goes on`, async (t) => {
    const pool = new Pool({ processes: 2 });
    cleanUp(t, pool);
    const error = await within(pool.apply(writeToBulkPipe, [hex]).then(() => undefined, (thrown: unknown) => thrown), RUN_MS, 'the call whose task wrote to fd 4');
    t.true(error instanceof WorkerCrashedError, `a WorkerCrashedError, not ${String(error)}`);
    t.regex((error as WorkerCrashedError).stderrTail, /bulk pipe \(fd 4\) carried a malformed frame header/);
    t.regex((error as WorkerCrashedError).stderrTail, /a task must not write to it/);
    const xs = [...Array(100).keys()];
    t.deepEqual(await within(pool.map(square, xs), RUN_MS, 'a map after it'), xs.map(square));
  });
}
