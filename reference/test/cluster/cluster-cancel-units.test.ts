/**
 * Cancellation and timeouts on the cluster, the pieces that need no Redis: what a call's options add to its jobs
 * (nothing for a call without them), how a worker command reads them back (a malformed one is dropped, never
 * guessed), the local call it makes of them, the TaskTimeoutError it renames, and the cancels it remembers.
 */
import test from 'ava';
import { TaskReferenceError, TaskTimeoutError } from '../../src/index.js';
import { TaskResolver } from '../../src/backend/bullmq/task-resolver.js';
import { decodeWithClasses, encodeWithClasses, localClasses } from '../../src/backend/bullmq/class-args.js';
import { RecentCancels } from '../../src/backend/bullmq/cancel-channel.js';
import { encodePoolSetup } from '../../src/backend/bullmq/local-pools.js';
import { JOB_VERSION, readJobData } from '../../src/backend/bullmq/job-codec.js';
import { asCallersTimeout, jobExtras, localCallOptions, readJobExtras } from '../../src/backend/bullmq/job-extras.js';
import type { Task } from '../../src/pool/task.js';
import { CallProgress } from '../../src/pool/progress.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

const chunk = (extra: Partial<Task>): Task => ({ seq: 1, job: 0, start: 4, fn: 0, items: [1, 2, 3], star: false, ...extra });
const signal = new AbortController().signal;

test('cluster: a call without a signal or a timeout adds nothing to its jobs; one with them adds the grace, timeoutMs and items', (t) => {
  t.is(jobExtras(chunk({})), undefined);
  t.deepEqual(jobExtras(chunk({ cancel: { signal, graceMs: 250, aborted: false } })), { g: 250 });
  // A grace of for ever (undefined in the pool) crosses as null: JSON has no Infinity.
  t.deepEqual(jobExtras(chunk({ cancel: { signal, graceMs: undefined, aborted: false } })), { g: null });
  const timeout = { timeoutMs: 300, queueTimeoutMs: undefined, graceMs: 1000, stopGraceMs: undefined };
  t.deepEqual(jobExtras(chunk({ timeout })), { g: 1000, t: 300, i: 4, n: 3 });
  // onProgress alone: the reports are relayed, and no grace is set (nothing can abort the chunk).
  t.deepEqual(jobExtras(chunk({ progress: new CallProgress(() => undefined, 3, { method: 'map' } as never) })), { r: 1 });
});

test('cluster: a worker command reads the extras back, dropping a malformed one rather than guess', (t) => {
  const base = { v: JOB_VERSION, m: 'file:///x.js', k: 'f', s: false, p: 'AA' };
  t.deepEqual(readJobData(base), base);
  t.deepEqual(readJobData({ ...base, g: null, t: 300, i: 4, n: 3 }), { ...base, g: null, t: 300, i: 4, n: 3 });
  t.deepEqual(readJobExtras({ g: -1, t: 'soon', i: 1.5, n: 2 }), { n: 2 });
  t.deepEqual(readJobExtras({ g: 5 }), { g: 5 });
  t.deepEqual(readJobExtras({ r: 1 }), { r: 1 });
  t.deepEqual(readJobExtras({ r: 'yes', g: 5 }), { g: 5 });
});

test('cluster: the worker command\'s local call gets the signal only for a job with extras, and never stops a process for a null grace', (t) => {
  t.deepEqual(localCallOptions({ g: null }, signal), { signal, graceMs: Infinity });
  t.deepEqual(localCallOptions({ g: 200, t: 300 }, signal), { signal, graceMs: 200, timeoutMs: 300 });
  t.deepEqual(localCallOptions({}, undefined), undefined);
});

test('cluster: the local pool\'s TaskTimeoutError is renamed to the caller\'s task and items, keeping the remote pid', (t) => {
  const local = new TaskTimeoutError({ task: 'runClusterChunk', phase: 'running', elapsedMs: 310, timeoutMs: 300, pid: 4242, index: 0, count: 1 });
  const renamed = asCallersTimeout(local, 'slowTask', { g: 1000, t: 300, i: 4, n: 3 }) as TaskTimeoutError;
  t.true(renamed instanceof TaskTimeoutError);
  t.deepEqual([renamed.task, renamed.index, renamed.count, renamed.pid, renamed.timeoutMs], ['slowTask', 4, 3, 4242, 300]);
  t.regex(renamed.message, /task slowTask \(items 4–6 \(3 items\)\) ran 310 ms in worker pid 4242/);
  const other = new Error('boom');
  t.is(asCallersTimeout(other, 'slowTask', { t: 300 }), other);
});

test('cluster: a cancel heard before its job\'s processor started is taken once', (t) => {
  const recent = new RecentCancels();
  t.false(recent.take('7'));
  recent.add('7');
  t.false(recent.take('8'));
  t.true(recent.take('7'));
  t.false(recent.take('7'));
  t.false(recent.take(undefined));
});

test('cluster: a pool without initializer or maxTasksPerChild adds no set-up to its jobs; one with them, one string for all', (t) => {
  const init = { kind: 'init', name: 'w', identity: [1], parent: {} as never, initializer: null, initargs: [], initQueues: [], maxTasks: null } as const;
  t.is(encodePoolSetup(init), undefined);
  const withInit = encodePoolSetup({ ...init, initializer: { moduleUrl: 'file:///t.js', key: 'setUp' }, initargs: [1n, 'x'] });
  t.is(typeof withInit, 'string');
  t.is(withInit, encodePoolSetup({ ...init, initializer: { moduleUrl: 'file:///t.js', key: 'setUp' }, initargs: [1n, 'x'] }));
  t.not(withInit, encodePoolSetup({ ...init, initializer: { moduleUrl: 'file:///t.js', key: 'setUp' }, initargs: [2n, 'x'] }));
  t.is(typeof encodePoolSetup({ ...init, maxTasks: 3 }), 'string');
  t.not(encodePoolSetup({ ...init, maxMemoryMb: 200 }), undefined, 'maxMemoryPerChildMb alone is a set-up');
  t.not(encodePoolSetup({ ...init, maxMemoryMb: 200 }), encodePoolSetup({ ...init, maxMemoryMb: 300 }));
  t.deepEqual(readJobExtras({ o: withInit }), { o: withInit });
});

test('cluster: a class table\'s modules resolve among the worker command\'s own, and one it was not started with refuses the chunk', (t) => {
  const resolver = new TaskResolver(['file:///srv/app/tasks.js']);
  const marks = [{ x: 1 }, 0];
  const table = { refs: ['file:///home/dev/app/tasks.js', 'Point'], marks };
  const local = localClasses(table, (url) => resolver.localModule(url));
  t.deepEqual(local.refs, ['file:///srv/app/tasks.js', 'Point']);
  t.is(local.marks, marks);
  t.throws(() => localClasses({ refs: ['file:///tmp/evil.js', 'Point'], marks }, (url) => resolver.localModule(url)), {
    instanceOf: TaskReferenceError, message: /not started with the task module "file:\/\/\/tmp\/evil\.js"/,
  });
  // Items and table in one serialization: the table's entries are still the very objects in the items.
  const items = [[marks[0], 2]];
  const { values, classes } = decodeWithClasses(encodeWithClasses(items, { refs: table.refs, marks }));
  t.is((values as unknown[][])[0]![0], classes.marks[0]);
});
