/** A worker's progress message is its oldest chunk's, or a protocol fault; a settled call hears nothing. */
import test from 'ava';
import { routeProgress } from '../../src/pool/route-progress.js';
import { CallProgress, type ProgressUpdate } from '../../src/pool/progress.js';
import { ResultRouter } from '../../src/pool/result-router.js';
import type { JobSink } from '../../src/pool/jobs.js';
import type { Task } from '../../src/pool/task.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

function setUp(withProgress = true) {
  const updates: ProgressUpdate[] = [];
  const progress = new CallProgress((update) => void updates.push(update), 9, { method: 'map', onError: undefined });
  const router = new ResultRouter();
  const sink: JobSink = { chunkDone: () => undefined, chunkFailed: () => undefined, abort: () => undefined };
  const job = router.register(sink);
  const chunk: Task = { seq: 7, job, start: 3, fn: 0, items: [1, 2, 3], star: false, progress: withProgress ? progress : undefined };
  return { updates, router, chunk, job };
}

test('a report of the oldest chunk reaches its listener with the item index', (t) => {
  const { updates, router, chunk } = setUp();
  t.is(routeProgress(chunk, { kind: 'progress', seq: 7, offset: 2, value: 'x' }, router), undefined);
  t.deepEqual(updates, [{ done: 0, total: 9, value: 'x', index: 5 }]);
});

test('a report of another chunk, of none, of an item past the chunk, or of a call that did not ask is a fault', (t) => {
  const { updates, router, chunk } = setUp();
  t.is(routeProgress(chunk, { kind: 'progress', seq: 8, offset: 0, value: 1 }, router), 'progress of chunk 8 while chunk 7 was next');
  t.is(routeProgress(undefined, { kind: 'progress', seq: 8, offset: 0, value: 1 }, router), 'progress of chunk 8 while it held none');
  t.is(routeProgress(chunk, { kind: 'progress', seq: 7, offset: 3, value: 1 }, router), 'progress of item 3 of chunk 7, which has 3');
  const silent = setUp(false);
  t.is(routeProgress(silent.chunk, { kind: 'progress', seq: 7, offset: 0, value: 1 }, silent.router), 'progress of chunk 7, whose call did not ask for it');
  t.deepEqual(updates, []);
});

test('a call that settled hears nothing more', (t) => {
  const { updates, router, chunk, job } = setUp();
  router.abort(job, new Error('aborted'));
  t.is(routeProgress(chunk, { kind: 'progress', seq: 7, offset: 0, value: 1 }, router), undefined);
  t.deepEqual(updates, []);
});
