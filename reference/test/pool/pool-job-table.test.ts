/**
 * Every job leaves the pool's job table once it has ended, on every path a job can fail by, and a call that is
 * refused leaves nothing behind: no job, no chunk queued, no task run (issue 14 review).
 */
import test from 'ava';
import { Pool, SerializationError, WorkerCrashedError } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { identity, square, squareOrExit, squareOrThrow } from './fixtures/pool-tasks.js';
import { cleanUp, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

test('a job that failed leaves the job table: unsendable arguments, a crashed worker, a task error', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const fn = () => 1;
  await t.throwsAsync(within(pool.apply(identity, [fn]), RUN_MS, 'apply'), { instanceOf: SerializationError });
  t.is(pool.jobsInFlight, 0, 'after an unsendable applyAsync');
  await t.throwsAsync(within(pool.map(identity, [1, fn, 3], 1), RUN_MS, 'map'), { instanceOf: SerializationError });
  t.is(pool.jobsInFlight, 0, 'after a map with an unsendable item');
  await t.throwsAsync(within(pool.apply(squareOrExit, [-3]), RUN_MS, 'crash'), { instanceOf: WorkerCrashedError });
  t.is(pool.jobsInFlight, 0, 'after a worker crashed in the task');
  await t.throwsAsync(within(pool.apply(squareOrThrow, [-1]), RUN_MS, 'throw'), { instanceOf: RangeError });
  t.is(pool.jobsInFlight, 0, 'after a task threw');
  t.deepEqual(await within(pool.map(square, [1, 2, 3], 1), RUN_MS, 'map after'), [1, 4, 9]);
  t.is(pool.jobsInFlight, 0, 'after a map that succeeded');
});
