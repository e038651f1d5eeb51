import { join } from 'node:path';
import test from 'ava';
import { type AsyncResult, Pool, WorkerCrashedError } from '../../src/index.js';
import { getPid, logThenSpin, spin, square, squareOrExit } from './fixtures/pool-tasks.js';
import { cleanUp, isGone, killInsideATask, PROMPT_MS, RUN_MS, tempDir, waitFor, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** Runs a little work so that the workers are up and the timings below are the pool's, not Node's start. */
async function warmPool(t: Parameters<typeof cleanUp>[0], processes = 2): Promise<Pool> {
  const pool = new Pool({ processes });
  cleanUp(t, pool);
  await workerPids(pool);
  return pool;
}

test.serial('1,000 tasks with a worker SIGKILLed mid-way: every task settles, only the lost one rejects, the pool goes on', async (t) => {
  const pool = await warmPool(t);
  const victim = await within(pool.apply(getPid, []), RUN_MS, 'getPid');
  // Each task logs its start and its end: the kill can then land while the victim is inside a task, not
  // between two (where it has nothing to lose: its next chunk never started and is simply re-run).
  const log = join(tempDir(t), 'tasks');
  t.teardown(() => {
    if (!isGone(victim)) process.kill(victim, 'SIGKILL'); // Left stopped by a failed run, SIGTERM would not do.
  });
  let done = 0;
  let killing: Promise<number> | undefined;
  const results: AsyncResult<number>[] = [];
  const onResult = () => {
    if (++done === 300) killing = killInsideATask(victim, log);
  };
  for (let i = 0; i < 1000; i++) results.push(pool.applyAsync(logThenSpin, [log, 5, i], { callback: onResult }));
  const started = performance.now();
  const outcomes = await within(Promise.allSettled(results.map((r) => r.get())), RUN_MS, 'all 1,000 tasks to settle');
  const killedIn = await killing!;
  t.log(`1,000 tasks settled in ${(performance.now() - started).toFixed(0)} ms; the worker was killed inside task ${killedIn}`);

  const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, o.reason as unknown] as const] : []));
  t.deepEqual(rejected.map(([i]) => i), [killedIn], 'exactly the task the worker was killed in rejects');
  for (const [i, error] of rejected) {
    t.true(error instanceof WorkerCrashedError, `task ${i} rejected with ${String(error)}`);
    const crash = error as WorkerCrashedError;
    t.is(crash.pid, victim);
    t.is(crash.signal, 'SIGKILL');
    t.is(crash.exitCode, -9);
    t.is(typeof crash.job, 'number');
    t.is(crash.index, 0);
    t.is(crash.count, 1);
    t.regex(crash.message, new RegExp(`^pool worker PoolWorker-[\\d:]+ \\(pid ${victim}\\) died with signal SIGKILL while running item 0 of job ${crash.job} \\(task logThenSpin\\); `));
    t.is(crash.task, 'logThenSpin');
  }
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'fulfilled') t.is(outcome.value, i);
  }
  t.is(outcomes.filter((o) => o.status === 'fulfilled').length, 999);

  const xs = [...Array(200).keys()];
  t.deepEqual(await within(pool.map(square, xs), RUN_MS, 'map after the crash'), xs.map(square));
  const pids = await workerPids(pool);
  t.is(pids.length, 2, 'the killed worker was replaced');
  t.false(pids.includes(victim));
  t.true(isGone(victim));
});

test.serial('a map whose task calls process.exit(3) rejects with WorkerCrashedError (exit code 3) instead of hanging', async (t) => {
  const pool = await warmPool(t);
  const xs = [...Array(20).keys()].map((x) => (x === 7 ? -3 : x));
  const started = performance.now();
  const error = await t.throwsAsync(within(pool.map(squareOrExit, xs, 1), RUN_MS, 'map'), { instanceOf: WorkerCrashedError });
  const tookMs = performance.now() - started;
  t.log(`the map rejected ${tookMs.toFixed(0)} ms after it was submitted`);
  t.true(tookMs < PROMPT_MS, `rejected after ${tookMs.toFixed(0)} ms`);
  t.is(error!.exitCode, 3);
  t.is(error!.signal, null);
  t.is(error!.index, 7);
  t.is(error!.count, 1);
  t.regex(error!.message, /died with exit code 3 while running item 7 of job \d+/);
  t.deepEqual(await within(pool.map(square, [1, 2, 3], 1), RUN_MS, 'map after the crash'), [1, 4, 9]);
});

test.serial('a crash in a chunk of several items names the chunk\'s items', async (t) => {
  const pool = await warmPool(t);
  const xs = [...Array(30).keys()].map((x) => (x === 13 ? -4 : x));
  const error = await t.throwsAsync(within(pool.map(squareOrExit, xs, 5), RUN_MS, 'map'), { instanceOf: WorkerCrashedError });
  t.is(error!.exitCode, 4);
  t.is(error!.index, 10);
  t.is(error!.count, 5);
  t.regex(error!.message, /while running items 10–14 of job \d+/);
});

test.serial('tasks queued behind the crashing one on the dead worker are re-run elsewhere and succeed', async (t) => {
  const pool = await warmPool(t);
  // Submitted in one tick, the tasks are spread over both workers several deep; the first one kills its worker.
  const crasher = pool.applyAsync(squareOrExit, [-3]);
  const others = Array.from({ length: 60 }, (_, i) => pool.applyAsync(spin, [2, i]));
  await t.throwsAsync(within(crasher.get(), RUN_MS, 'the crashing task'), { instanceOf: WorkerCrashedError, message: /exit code 3/ });
  const values = await within(Promise.all(others.map((r) => r.get())), RUN_MS, 'the other tasks');
  t.deepEqual(values, [...Array(60).keys()]);
});

test.serial('several crashes in one batch each reject only their own task', async (t) => {
  const pool = await warmPool(t);
  const results = Array.from({ length: 40 }, (_, i) => pool.applyAsync(squareOrExit, [i % 10 === 5 ? -(i % 7 + 1) : i]));
  const outcomes = await within(Promise.allSettled(results.map((r) => r.get())), RUN_MS, 'all tasks');
  outcomes.forEach((outcome, i) => {
    if (i % 10 === 5) {
      t.is(outcome.status, 'rejected', `task ${i}`);
      if (outcome.status === 'rejected') {
        t.true(outcome.reason instanceof WorkerCrashedError);
        t.is((outcome.reason as WorkerCrashedError).exitCode, i % 7 + 1);
      }
    } else {
      t.deepEqual(outcome, { status: 'fulfilled', value: i * i }, `task ${i}`);
    }
  });
});

test.serial('a worker killed while idle is replaced, and work sent right after its death is not blamed for it', async (t) => {
  const pool = await warmPool(t);
  for (let round = 0; round < 3; round++) {
    const [victim] = await workerPids(pool);
    process.kill(victim!, 'SIGKILL');
    // Submitted as soon as the worker is a zombie, usually before the pool has seen the exit: the chunks that go
    // to the dead worker never ran, so they must be re-run, not rejected as the task that killed it.
    await waitFor(() => isGone(victim!), PROMPT_MS, 'the killed worker to be gone');
    const xs = [...Array(50).keys()];
    t.deepEqual(await within(pool.map(square, xs, 1), RUN_MS, 'map'), xs.map(square), `round ${round}`);
    const pids = await workerPids(pool);
    t.is(pids.length, 2);
    t.false(pids.includes(victim!));
  }
});

test.serial('imap over 1,000 items with one crashing item yields every other result and raises at its position', async (t) => {
  const pool = await warmPool(t);
  const xs = [...Array(1000).keys()].map((x) => (x === 500 ? -3 : x));
  const iterator = pool.imap(squareOrExit, xs);
  const seen: (number | WorkerCrashedError)[] = [];
  await within(
    (async () => {
      for (;;) {
        try {
          const step = await iterator.next();
          if (step.done) return;
          seen.push(step.value);
        } catch (error) {
          seen.push(error as WorkerCrashedError);
        }
      }
    })(),
    RUN_MS,
    'the imap',
  );
  t.is(seen.length, 1000);
  const crash = seen[500];
  t.true(crash instanceof WorkerCrashedError, `position 500 is ${String(crash)}`);
  t.is((crash as WorkerCrashedError).exitCode, 3);
  t.is((crash as WorkerCrashedError).index, 500);
  const expected = xs.map((x) => x * x);
  t.deepEqual(seen.filter((_, i) => i !== 500), expected.filter((_, i) => i !== 500));
  pool.close();
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join()'));
});

test.serial('imap with chunksize 10: a crash loses its whole chunk, raised at the chunk\'s first position', async (t) => {
  const pool = await warmPool(t);
  const xs = [...Array(200).keys()].map((x) => (x === 105 ? -3 : x));
  const iterator = pool.imap(squareOrExit, xs, 10);
  const values: number[] = [];
  let error: unknown;
  let errorAt = -1;
  await within(
    (async () => {
      for (;;) {
        try {
          const step = await iterator.next();
          if (step.done) return;
          values.push(step.value);
        } catch (thrown) {
          error = thrown;
          errorAt = values.length;
        }
      }
    })(),
    RUN_MS,
    'the imap',
  );
  t.true(error instanceof WorkerCrashedError);
  t.is(errorAt, 100);
  t.is((error as WorkerCrashedError).index, 100);
  t.is((error as WorkerCrashedError).count, 10);
  t.deepEqual(values, xs.filter((_, i) => i < 100 || i >= 110).map((x) => x * x));
});
