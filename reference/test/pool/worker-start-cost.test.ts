/**
 * What a pool worker spends before its first task (issue 20, a: cold start). It makes its stdout and stderr
 * streams only when something uses them (lazy-stdio.ts: each costs a few ms of CPU on the way to the first result
 * or out); what it writes still leaves at once, and a leaving worker still waits for what it wrote
 * (pool-fault-tasks.test.ts floods both). Its clock does not load perf_hooks (worker-clock.ts).
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { madeStdio, whenMade } from '../../src/backend/child-process/lazy-stdio.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { COMPILED } from '../../../test-support/repo-paths.js';
import { perfHooksLoaded, stderrMadeYet, writeStderr } from './fixtures/start-cost-tasks.js';
import { cleanUp, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

test('a pool worker has no stderr stream until a task uses it, which makes it', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const madeAtStart = await within(pool.apply(stderrMadeYet, []), RUN_MS, 'apply(stderrMadeYet)');
  // From the sources, tsx's loader runs Node's hooks thread, which reads process.stderr before any worker code.
  if (COMPILED) t.false(madeAtStart, 'not made at start');
  else t.log('through tsx: Node\'s hooks thread made stderr at start; only the compiled run can tell');
  // Floods of both streams are pool-fault-tasks.test.ts's: here one line, made on the task's first write.
  t.deepEqual(await within(pool.apply(writeStderr, ['worker-start-cost.test: a line on a pool worker\'s stderr\n']), RUN_MS,
    'apply(writeStderr)'), { made: true, leftAtOnce: true });
  pool.close();
  await within(pool.join(), RUN_MS, 'join()');
});

test('a pool worker runs its first tasks without loading perf_hooks', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  // Twice: the second task runs after the worker timed the first one and sent its result.
  t.false(await within(pool.apply(perfHooksLoaded, []), RUN_MS, 'apply(perfHooksLoaded)'));
  t.false(await within(pool.apply(perfHooksLoaded, []), RUN_MS, 'apply(perfHooksLoaded)'));
  pool.close();
  await within(pool.join(), RUN_MS, 'join()');
});

/** A stand-in for the process: stdout and stderr as Node defines them, getters that count their reads. */
function fakeProcess(): { target: object; reads: Record<string, number> } {
  const reads: Record<string, number> = { stdout: 0, stderr: 0 };
  const target = {};
  for (const name of ['stdout', 'stderr']) {
    const stream = { name, writableLength: 0 };
    Object.defineProperty(target, name, { configurable: true, enumerable: true, get: () => (reads[name]!++, stream) });
  }
  return { target, reads };
}

test('whenMade: nothing is read until the first read, which calls back once and puts the getter back', (t) => {
  const { target, reads } = fakeProcess();
  const made: unknown[] = [];
  whenMade('stderr', (stream) => made.push(stream), target);
  whenMade('stdout', undefined, target);
  t.deepEqual(reads, { stdout: 0, stderr: 0 });
  t.deepEqual(madeStdio(target), [], 'neither is made: a leaving worker waits for none');
  const stderr = (target as { stderr: unknown }).stderr;
  t.deepEqual(made, [stderr]);
  t.deepEqual(reads, { stdout: 0, stderr: 1 });
  t.deepEqual(madeStdio(target), [stderr]);
  (target as { stderr: unknown }).stderr;
  t.is(made.length, 1, 'called back once');
  t.is(reads.stderr, 3, 'later reads go straight to the original getter (madeStdio read it once more)');
});

test('whenMade: a stream it cannot watch (not a configurable getter) counts as made at once', (t) => {
  const target = { stdout: { writableLength: 0 } };
  Object.defineProperty(target, 'stderr', { value: { writableLength: 0 }, configurable: false, enumerable: true });
  const made: unknown[] = [];
  whenMade('stdout', (stream) => made.push(stream), target);
  whenMade('stderr', (stream) => made.push(stream), target);
  t.is(made.length, 2);
  t.is(madeStdio(target).length, 2);
});
