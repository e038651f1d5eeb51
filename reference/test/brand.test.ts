/**
 * Two copies of multiproc in one process (a worker's entry bundle and the task's own import of the package, or the
 * ESM and CommonJS bundles): a QueueEmpty or a Queue made by one copy is an instance of the other's class (found by
 * review: inside a task of the built package, `e instanceof QueueEmpty` was false for the queue's own error).
 */
import test from 'ava';
import * as errors from '../src/errors.js';
import { Queue } from '../src/queue/queue.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

/** A second copy of a module, as a second bundle is: the same file under another URL is another module instance. */
async function secondCopy<M>(relative: string): Promise<M> {
  return (await import(`${new URL(relative, import.meta.url).href}?second-copy`)) as M;
}

test('an error of another copy is an instance of this copy\'s class, its bases and Error, and of nothing else', async (t) => {
  const other = await secondCopy<typeof errors>('../src/errors.js');
  t.not(other.QueueEmpty, errors.QueueEmpty, 'two distinct classes, as two bundles make');
  const empty = new other.QueueEmpty('nothing here');
  t.true(empty instanceof errors.QueueEmpty);
  t.true(empty instanceof errors.MultiprocError);
  t.true(empty instanceof Error);
  t.false(empty instanceof errors.QueueFull);
  t.false(empty instanceof errors.PoolStateError);
  t.true(new other.TaskReferenceError('x') instanceof errors.TaskReferenceError);
  t.true(new other.TaskReferenceError('x') instanceof TypeError);
  t.false(new errors.QueueFull('full') instanceof other.QueueEmpty);
});

test('a class of the user\'s named like ours is not taken for it: only branded classes are', (t) => {
  class QueueEmpty extends Error {}
  t.false(new QueueEmpty('mine') instanceof errors.QueueEmpty);
  t.false(Object.create(null) instanceof errors.QueueEmpty);
  t.false((5 as unknown) instanceof errors.QueueEmpty);
});

test('a Queue made by another copy is an instance of this copy\'s Queue', async (t) => {
  const other = await secondCopy<{ Queue: typeof Queue }>('../src/queue/queue.js');
  t.not(other.Queue, Queue);
  const queue = new other.Queue();
  t.teardown(() => queue.close());
  t.true(queue instanceof Queue);
  t.false({} instanceof Queue);
});
