/**
 * Every job leaves the pool's job table once it has ended, on every path a job can fail by, and a call that is
 * refused leaves nothing behind: no job, no chunk queued, no task run (issue 14 review).
 */
import { join } from 'node:path';
import test from 'ava';
import { Pool, Queue, QueueClosedError, SerializationError, WorkerCrashedError } from '../../src/index.js';
import { report } from '../../../test-support/reliability.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { identity, logThenSpin, square, squareOrExit, squareOrThrow } from './fixtures/pool-tasks.js';
import { cleanUp, linesOf, RUN_MS, tempDir, within } from './helpers.js';

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

test('bad input: a map whose later item holds a closed Queue is refused whole: nothing runs, no job is left', async (t) => {
  const log = join(tempDir(t), 'log');
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const queue = new Queue();
  queue.close();
  const items: unknown[][] = [[log, 0, 1], [log, 0, 2], [log, 0, 3], [log, 0, queue]];
  const refused = await t.throwsAsync(within(pool.starmap(logThenSpin, items as never, 1), RUN_MS, 'starmap'), { instanceOf: QueueClosedError });
  t.throws(() => pool.starmapAsync(logThenSpin, items as never, 1), { instanceOf: QueueClosedError });
  t.throws(() => pool.applyAsync(identity, [queue]), { instanceOf: QueueClosedError });
  t.is(pool.jobsInFlight, 0);
  // Work submitted afterwards must not carry the refused chunks along with it.
  t.deepEqual(await within(pool.map(square, [1, 2, 3], 1), RUN_MS, 'map after'), [1, 4, 9]);
  t.deepEqual(linesOf(log), []);
  report(t, {
    section: 'bad-input',
    tried: 'starmap, starmapAsync and applyAsync with a closed Queue in their last (or only) item',
    outcome: `refused at once with ${refused!.name}; none of the items before it ran, no job left in the pool`,
  });
});

test('bad input: the Pool constructor refuses a bad option before it packs the initargs (a Queue there starts its socket)', (t) => {
  const queue = new Queue();
  queue.close();
  const error = t.throws(() => new Pool({ processes: 1, initializer: identity, initargs: [queue], env: 'A=1' as never }), {
    instanceOf: TypeError, message: /^options\.env must be an object of strings/,
  });
  report(t, {
    section: 'bad-input',
    tried: 'new Pool() with a bad env beside a closed Queue in its initargs',
    outcome: `the pure check speaks first: ${error?.name}: ${error?.message.slice(0, 80)}…`,
  });
});

test('close() right after a call whose argument cannot be sent: the call rejects and join() still resolves', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const refused = pool.applyAsync(identity, [() => 1]);
  pool.close();
  await t.throwsAsync(within(refused.get(), RUN_MS, 'get()'), { instanceOf: SerializationError });
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join() after close()'));
});
