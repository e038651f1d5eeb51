/**
 * One worker's clock for its running task's timeoutMs (task-clock.ts), alone and inside a WorkerHandle: a timer
 * only for a task that has a timeout, re-armed as tasks advance, and the worker stopped for it says why.
 */
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { TaskTimeoutError } from '../../src/errors.js';
import { TaskClock } from '../../src/pool/task-clock.js';
import type { Task } from '../../src/pool/task.js';
import type { TaskTimeouts } from '../../src/pool/task-timeout.js';
import { WorkerHandle } from '../../src/pool/worker-handle.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { RUN_MS, sleep, within } from './helpers.js';

assertNoOrphans(test);

const SQUARE = { moduleUrl: pathToFileURL(modulePath(import.meta.url, '../fixtures/channel-tasks')).href, key: 'square' };

function chunk(seq: number, timeout?: Partial<TaskTimeouts>): Task {
  const full = timeout === undefined ? undefined : { timeoutMs: undefined, queueTimeoutMs: undefined, graceMs: 50, stopGraceMs: 200, ...timeout };
  return { seq, job: seq, start: 0, fn: 0, items: [[seq]], star: true, queues: undefined, timeout: full };
}

test('the clock arms a timer only for a task with a timeout, and moving on to the next task disarms it', async (t) => {
  const expired: [number, number][] = [];
  // As WorkerHandle does: whoever fails the task marks it expired.
  const clock = new TaskClock((task, elapsedMs) => {
    expired.push([task.seq, elapsedMs]);
    clock.markExpired(task);
  });
  const two = chunk(2, { timeoutMs: 30 });
  clock.starts(chunk(1));
  clock.starts(two);
  clock.starts(chunk(3, { timeoutMs: 1000 })); // task 2 answered in time: its timer is gone
  clock.stop();
  const late = chunk(4, { timeoutMs: 20 });
  clock.markExpired(late); // failed for its wait in line: never timed
  clock.starts(late);
  const timed = chunk(5, { timeoutMs: 20 });
  clock.starts(timed);
  clock.starts(timed); // the same task again: one timer, not two
  await sleep(200);
  t.is(expired.length, 1);
  t.is(expired[0]![0], 5);
  t.true(expired[0]![1] >= 19);
  t.true(clock.expired(timed));
  t.false(clock.expired(two), 'task 2 moved on in time: not expired');
});

test('a result read after its task\'s deadline expires the task then, even when its timer has not run yet', (t) => {
  const expired: [number, number][] = [];
  const clock = new TaskClock((task, elapsedMs) => {
    expired.push([task.seq, elapsedMs]);
    clock.markExpired(task);
  });
  const inTime = chunk(1, { timeoutMs: 1_000 });
  clock.starts(inTime);
  clock.expireIfOverdue(inTime);
  t.deepEqual(expired, [], 'a result before the deadline leaves the task alone');
  t.false(clock.expired(inTime));
  const late = chunk(2, { timeoutMs: 20 });
  clock.starts(late);
  // Busy past the deadline, as a loaded parent is: the timer cannot run, the result is read first.
  for (const until = performance.now() + 30; performance.now() < until;);
  clock.expireIfOverdue(chunk(3, { timeoutMs: 20 }));
  t.deepEqual(expired, [], 'only the running task is looked at');
  clock.expireIfOverdue(late);
  t.is(expired.length, 1);
  t.is(expired[0]![0], 2);
  t.true(expired[0]![1] >= 20, `expired after ${expired[0]![1]} ms`);
  t.true(clock.expired(late), 'its result is then dropped');
  clock.expireIfOverdue(late);
  t.is(expired.length, 1, 'once');
});

test('a task whose function is still loading in its worker is timed from when it is loaded', async (t) => {
  const expired: number[] = [];
  const clock = new TaskClock((task) => expired.push(task.seq));
  clock.loading(0);
  clock.starts(chunk(1, { timeoutMs: 20 }));
  await sleep(100);
  t.deepEqual(expired, [], 'timed with the import\'s allowance while its module is imported');
  clock.loaded(0);
  await sleep(100);
  t.deepEqual(expired, [1], 'timed once loaded');
  clock.loaded(0); // said twice: nothing more
  clock.starts(chunk(2, { timeoutMs: 20 }));
  await sleep(100);
  t.deepEqual(expired, [1, 2], 'a loaded function\'s next task is timed at once');
});

test('a worker whose task runs past its timeout and its grace is stopped, and says it was for a timeout; a task without one is never timed', async (t) => {
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  let closed!: () => void;
  const gone = new Promise<void>((resolve) => (closed = resolve));
  const timedOut: number[] = [];
  const worker = new WorkerHandle(
    { kind: 'init', name: 'PoolWorker-T', identity: [8], parent: { name: 'MainProcess', pid: process.pid }, initializer: null, initargs: [], initQueues: [], maxTasks: null },
    {
      message: (w, message) => {
        const { kind, fn } = message as { kind?: unknown; fn?: number };
        if (kind === 'ready') {
          w.markReady();
          ready();
        }
        // As the worker set does: a task's clock starts once its function is loaded.
        if (kind === 'loaded') w.clock.loaded(fn!);
      },
      unsendable: () => undefined,
      closed: () => closed(),
      timedOut: (w, task, elapsedMs) => {
        timedOut.push(task.seq);
        w.timeOut(task, new TaskTimeoutError({ task: 'square', phase: 'running', elapsedMs, timeoutMs: 40, pid: w.pid, index: 0, count: 1 }));
      },
    },
  );
  t.teardown(() => worker.kill(new Error('test over')));
  await within(isReady, RUN_MS, 'the worker to be ready');
  // Stopped, the worker answers nothing: its first task runs for ever as far as the parent can tell.
  process.kill(worker.pid, 'SIGSTOP');
  worker.assign(chunk(1), SQUARE);
  await sleep(150);
  t.deepEqual(timedOut, [], 'a task without timeoutMs is never timed');
  t.is(worker.stoppedFor, undefined);
  // Behind the untimed one: timed from when it becomes first, which never happens while the worker is stopped.
  worker.assign(chunk(2, { timeoutMs: 40 }), SQUARE);
  await sleep(150);
  t.deepEqual(timedOut, []);
  worker.kill(new Error('killed by the test'));
  await within(gone, RUN_MS, 'the worker to be gone');

  // A second worker, given the timed task first.
  let ready2!: () => void;
  const isReady2 = new Promise<void>((resolve) => (ready2 = resolve));
  let closed2!: () => void;
  const gone2 = new Promise<void>((resolve) => (closed2 = resolve));
  const second = new WorkerHandle(
    { kind: 'init', name: 'PoolWorker-U', identity: [9], parent: { name: 'MainProcess', pid: process.pid }, initializer: null, initargs: [], initQueues: [], maxTasks: null },
    {
      message: (w, message) => {
        if ((message as { kind?: unknown }).kind === 'ready') {
          w.markReady();
          ready2();
        }
      },
      unsendable: () => undefined,
      closed: () => closed2(),
      timedOut: (w, task, elapsedMs) => {
        timedOut.push(task.seq);
        w.timeOut(task, new TaskTimeoutError({ task: 'square', phase: 'running', elapsedMs, timeoutMs: 40, pid: w.pid, index: 0, count: 1 }));
      },
    },
  );
  t.teardown(() => second.kill(new Error('test over')));
  await within(isReady2, RUN_MS, 'the second worker to be ready');
  process.kill(second.pid, 'SIGSTOP');
  second.assign(chunk(3, { timeoutMs: 40 }), SQUARE);
  await within(gone2, RUN_MS, 'the second worker to be stopped past its grace (SIGKILL 200 ms after SIGTERM)');
  t.deepEqual(timedOut, [3]);
  t.is(second.stoppedFor, 'timeout');
});
