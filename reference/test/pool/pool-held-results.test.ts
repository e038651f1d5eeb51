/**
 * A worker holds back the results of quick chunks and sends them together (reference/src/backend/child-process/worker-main.ts).
 * Held results must never change which tasks a crash takes: a worker that exits on its own sends what it holds
 * first, and one killed outright may lose its burst, but no task runs twice.
 */
import { join } from 'node:path';
import test from 'ava';
import { type AsyncResult, Pool, WorkerCrashedError } from '../../src/index.js';
import { getPid, logThenSpin, squareOrExit } from './fixtures/pool-tasks.js';
import { cleanUp, isGone, killInsideATask, linesOf, RUN_MS, tempDir, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test.serial('a worker SIGKILLed amid a burst of quick tasks: every task settles, none runs twice, the rest succeed', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  await workerPids(pool);
  const victim = await within(pool.apply(getPid, []), RUN_MS, 'getPid');
  t.teardown(() => {
    if (!isGone(victim)) process.kill(victim, 'SIGKILL');
  });
  const log = join(tempDir(t), 'tasks');
  const n = 20_000;
  const results: AsyncResult<number>[] = [];
  // Tasks of a few microseconds: the victim runs them by the dozen between two reports.
  for (let i = 0; i < n; i++) results.push(pool.applyAsync(logThenSpin, [log, 0, i]));
  const killedIn = await killInsideATask(victim, log);
  const outcomes = await within(Promise.allSettled(results.map((r) => r.get())), RUN_MS, `all ${n} tasks to settle`);

  const starts = new Map<number, number>();
  for (const line of linesOf(log)) {
    const [, index, what] = line.split(' ');
    if (what === 'start') starts.set(Number(index), (starts.get(Number(index)) ?? 0) + 1);
  }
  t.deepEqual([...starts].filter(([, count]) => count > 1), [], 'no task started twice');
  const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, o.reason as unknown] as const] : []));
  t.true(rejected.some(([i]) => i === killedIn), `task ${killedIn}, which the worker died in, rejects`);
  t.log(`${rejected.length} task(s) lost with the killed worker`);
  for (const [i, error] of rejected) {
    t.true(error instanceof WorkerCrashedError, `task ${i} rejected with ${String(error)}`);
    t.is((error as WorkerCrashedError).signal, 'SIGKILL');
    t.is((error as WorkerCrashedError).pid, victim);
  }
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'fulfilled') {
      t.is(outcome.value, i);
      t.is(starts.get(i), 1, `task ${i} succeeded, so it ran`);
    }
  }
});

test.serial('quick tasks where one calls process.exit(): only that one is lost, its results held back before it arrive', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  await workerPids(pool);
  for (const at of [0, 1, 37, 399]) {
    const xs = Array.from({ length: 400 }, (_, i) => (i === at ? -4 : i));
    const outcomes = await within(Promise.allSettled(xs.map((x) => pool.applyAsync(squareOrExit, [x]).get())), RUN_MS, 'the tasks');
    const rejected = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [i] : []));
    t.deepEqual(rejected, [at], `exit at ${at}`);
    const crash = (outcomes[at] as PromiseRejectedResult).reason as WorkerCrashedError;
    t.true(crash instanceof WorkerCrashedError);
    t.is(crash.exitCode, 4);
    t.deepEqual(outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [o.value] : [i * i])), xs.map((_, i) => i * i));
  }
});
