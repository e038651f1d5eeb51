/**
 * The cluster pool's retries of idempotent chunks, the parts that need no Redis: which chunks keep their job data
 * to be sent again, which job failures count as a lost worker, the bound, and options.cluster.maxRetries.
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { retryOf, STALLED_REASON, stalled, stallHint, takeRetry } from '../../src/backend/bullmq/stalled-retry.js';
import { checkClusterOptions } from '../../src/backend/bullmq/cluster-options.js';
import { JOB_VERSION, type ChunkJobData } from '../../src/backend/bullmq/job-codec.js';
import type { Task } from '../../src/pool/task.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const data: ChunkJobData = { v: JOB_VERSION, m: 'file:///t.js', k: 'f', s: false, p: 'AA' };
const task = (idempotent: true | undefined): Task => ({ seq: 1, job: 0, start: 0, fn: 0, items: [1], star: false, idempotent });
const lost = { failed: STALLED_REASON, processedBy: 'h:1' };

test('cluster: only a chunk of an idempotent call keeps its job data to be sent again', (t) => {
  t.deepEqual(retryOf(task(true), data, 2), { data, left: 2, max: 2 });
  t.is(retryOf(task(undefined), data, 2), undefined);
  // maxRetries 0: kept, never sent again (takeRetry), and its error says why.
  t.false(takeRetry(retryOf(task(true), data, 0), lost));
});

test('cluster: a lost chunk\'s WorkerCrashedError says why it was not run again, and the fix', (t) => {
  t.is(stallHint(undefined), 'its worker command stopped renewing the lock on this chunk (it died, or froze longer than ' +
    '--lock-duration), and the chunk was not run again: its call was not marked idempotent. If its tasks may run twice, ' +
    'pass { idempotent: true } and a lost chunk is sent to another worker');
  t.regex(stallHint(retryOf(task(true), data, 2)), /; it was sent again 2 times \(options\.cluster\.maxRetries\), the most allowed$/);
  t.regex(stallHint(retryOf(task(true), data, 1)), /sent again 1 time \(/);
  // Once every chance is spent (left 0), the hint still counts them.
  const spent = retryOf(task(true), data, 2);
  t.true(takeRetry(spent, lost) && takeRetry(spent, lost) && !takeRetry(spent, lost));
  t.regex(stallHint(spent), /sent again 2 times \(/);
});

test('cluster: only a stalled job (its worker command died or froze) is sent again; a refused job or a task error is not', (t) => {
  t.true(stalled(lost));
  t.false(stalled({ failed: 'refused: this worker was not started with the task module "file:///stalled.js"', processedBy: 'h:1' }));
  t.false(stalled({ returned: 'AA' }));
  t.false(stalled({ error: new Error('Redis gone') }));
  const retry = retryOf(task(true), data, 2);
  t.false(takeRetry(retry, { failed: 'refused: its data is not an object', processedBy: undefined }));
  t.is(retry!.left, 2);
});

test('cluster: the chunk of a call aborted meanwhile is not sent again', (t) => {
  const cancel = { signal: new AbortController().signal, graceMs: 1000, aborted: false };
  const retry = retryOf({ ...task(true), cancel }, data, 2);
  cancel.aborted = true;
  t.false(takeRetry(retry, lost));
});

test('cluster: a chunk is sent again at most maxRetries times; then it fails as any other', (t) => {
  const retry = retryOf(task(true), data, 2);
  t.true(takeRetry(retry, lost));
  t.true(takeRetry(retry, lost));
  t.false(takeRetry(retry, lost));
  t.false(takeRetry(undefined, lost));
});

test('cluster: options.cluster.maxRetries is 2 by default, a whole number from 0 to 100, and misspellings are refused', (t) => {
  const base = { connection: 'redis://127.0.0.1:1', queue: 'q' };
  t.is(checkClusterOptions(base).maxRetries, 2);
  t.is(checkClusterOptions({ ...base, maxRetries: 0 }).maxRetries, 0);
  for (const bad of [-1, 1.5, 101, '2', Infinity]) {
    t.throws(() => checkClusterOptions({ ...base, maxRetries: bad }), { instanceOf: RangeError, message: /options\.cluster\.maxRetries must be a whole number from 0 to 100/ });
  }
  t.throws(() => new Pool({ cluster: { ...base, maxretries: 3 } as never }), { instanceOf: TypeError, message: /unexpected option "maxretries".*did you mean maxRetries/ });
});
