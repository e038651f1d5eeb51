/**
 * How long a chunk took, as the window sizer is told (WorkerHandle.lastChunkMs): from when the worker could start
 * it, not from when it was assigned. A fresh worker's start-up and its import of the task module used to count,
 * and the 300–400 ms they took made the first chunk of `map` look slow, which kept the window at 1 for dozens of
 * chunks afterwards (issue 20, c). Driven by hand over a link that starts no process.
 */
import test from 'ava';
import type { WorkerBackend, WorkerLink } from '../../src/backend/backend.js';
import type { InitMessage } from '../../src/backend/protocol.js';
import type { Task as Chunk } from '../../src/pool/task.js';
import { WorkerHandle } from '../../src/pool/worker-handle.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { sleep } from './helpers.js';

assertNoOrphans(test);

const INIT: InitMessage = {
  kind: 'init', name: 'PoolWorker-T', identity: [7], parent: { name: 'MainProcess', pid: process.pid },
  initializer: null, initargs: [], initQueues: [], maxTasks: null,
};
const TASK = { moduleUrl: 'file:///nowhere/tasks.js', key: 'square' };
const WAIT_MS = 300;

const idleLink: WorkerLink = {
  pid: 1, exited: false,
  send: () => undefined, cancel: () => undefined, retire: () => undefined, terminate: () => undefined,
  kill: () => undefined, holdParent: () => undefined, on: () => undefined,
};
const backend: WorkerBackend = { start: () => idleLink };

function chunk(seq: number, fn: number): Chunk {
  return { seq, job: seq, start: 0, fn, items: [1], star: false, queues: undefined, classes: undefined };
}

function handle(): WorkerHandle {
  return new WorkerHandle(INIT, { message: () => undefined, unsendable: () => undefined, closed: () => undefined }, backend);
}

test('a chunk assigned before its worker was ready is timed from the ready message, not from its assignment', async (t) => {
  const worker = handle();
  worker.assign(chunk(1, 0), TASK);
  await sleep(WAIT_MS);
  worker.markReady();
  worker.answerNext();
  // Answered at once after ready: anything near WAIT_MS is the start-up counted as the chunk's time.
  t.true(worker.lastChunkMs < WAIT_MS / 2, `the chunk took ${worker.lastChunkMs} ms by the parent's count`);
});

test('a chunk whose function the worker was still loading is timed from the "loaded" message', async (t) => {
  const worker = handle();
  worker.markReady();
  worker.assign(chunk(1, 3), TASK);
  await sleep(WAIT_MS);
  worker.loaded(2); // another function's import says nothing about this chunk
  await sleep(WAIT_MS);
  worker.loaded(3);
  worker.answerNext();
  t.true(worker.lastChunkMs < WAIT_MS / 2, `the chunk took ${worker.lastChunkMs} ms by the parent's count`);
});

test('a chunk of a function already loaded is timed from when the worker could start it', async (t) => {
  const worker = handle();
  worker.markReady();
  worker.assign(chunk(1, 0), TASK);
  await sleep(WAIT_MS);
  worker.answerNext();
  // The check above is not blind: time that is the chunk's does count.
  t.true(worker.lastChunkMs >= WAIT_MS - 5, `the chunk took ${worker.lastChunkMs} ms by the parent's count`);
});
