import { join } from 'node:path';
import test from 'ava';
import { InitializerError, Pool, PoolStateError, SerializationError, TaskReferenceError } from '../../src/index.js';
import { descendantsOf } from '../../../test-support/no-orphans.js';
import { failingInit, recordInit, square, workerState, type WorkerState } from './fixtures/pool-tasks.js';
import { cleanUp, linesOf, PROMPT_MS, RUN_MS, sleep, tempDir, waitFor, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

function pidsOf(states: readonly WorkerState[]): Set<number> {
  return new Set(states.map((state) => state.pid));
}

test.serial('the initializer runs exactly once in each worker, with its initargs, before the first task', async (t) => {
  const file = join(tempDir(t), 'inits');
  const pool = new Pool({ processes: 2, initializer: recordInit, initargs: [file, 'tag-1'] });
  cleanUp(t, pool);
  const states = await within(pool.map(workerState, new Array<number>(12).fill(30), 1), RUN_MS, 'map');
  for (const state of states) {
    t.is(state.initRuns, 1, `worker ${state.pid} ran its initializer ${state.initRuns} times by task ${state.task}`);
    t.deepEqual(state.initArgs, [file, 'tag-1']);
  }
  t.true(states.some((state) => state.task === 1), 'a first task saw the initializer done already');
  pool.close();
  await within(pool.join(), RUN_MS, 'join()');
  const inits = linesOf(file);
  t.is(inits.length, 2, `initializer runs: ${inits}`);
  t.deepEqual(inits.map((line) => Number(line.split(' ')[0])).sort(), [...pidsOf(states)].sort());
  t.true(inits.every((line) => line.endsWith(' tag-1')));
});

test.serial('with maxTasksPerChild 2, each worker runs at most 2 tasks and each new worker runs the initializer once', async (t) => {
  const file = join(tempDir(t), 'inits');
  const pool = new Pool({ processes: 2, initializer: recordInit, initargs: [file, 'tag-2'], maxTasksPerChild: 2 });
  cleanUp(t, pool);
  const result = pool.mapAsync(workerState, new Array<number>(10).fill(20), 1);
  // Closing at once means no worker is started once the work is all handed out, so every worker runs a task.
  pool.close();
  const states = await within(result.get(), RUN_MS, 'map');
  await within(pool.join(), RUN_MS, 'join()');
  const pids = pidsOf(states);
  for (const pid of pids) {
    const ran = states.filter((state) => state.pid === pid);
    t.true(ran.length <= 2, `worker ${pid} ran ${ran.length} tasks`);
    t.true(ran.every((state) => state.initRuns === 1));
  }
  t.true(pids.size >= 5, `10 tasks at 2 per worker need at least 5 workers, saw ${pids.size}`);
  const initPids = linesOf(file).map((line) => Number(line.split(' ')[0]));
  t.is(initPids.length, pids.size, `${initPids.length} initializer runs for ${pids.size} distinct workers`);
  t.deepEqual([...new Set(initPids)].sort(), [...pids].sort());
});

test.serial('maxTasksPerChild counts chunks: a worker with a limit of 1 still runs a whole chunk', async (t) => {
  const pool = new Pool({ processes: 1, maxTasksPerChild: 1 });
  cleanUp(t, pool);
  const states = await within(pool.map(workerState, [0, 0, 0, 0, 0, 0], 3), RUN_MS, 'map');
  t.is(pidsOf(states).size, 2, 'two chunks, two workers');
  t.deepEqual(states.map((state) => state.task), [1, 2, 3, 1, 2, 3]);
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map'), [1, 4, 9]);
});

test.serial('an initializer that throws rejects every task with InitializerError and starts no more workers', async (t) => {
  const file = join(tempDir(t), 'inits');
  const pool = new Pool({ processes: 2, initializer: failingInit, initargs: [file] });
  cleanUp(t, pool);
  const applied = Array.from({ length: 5 }, (_, i) => pool.applyAsync(square, [i]));
  const mapped = pool.map(square, [1, 2, 3, 4, 5, 6, 7, 8], 1);
  const iterator = pool.imap(square, [1, 2, 3]);
  const named = { instanceOf: InitializerError, message: /^Pool initializer failingInit failed in pool worker PoolWorker-[\d:]+: the initializer exploded\./ };
  for (const result of applied) await t.throwsAsync(within(result.get(), RUN_MS, 'get()'), named);
  const error = await t.throwsAsync(within(mapped, RUN_MS, 'map'), named);
  t.regex(error!.message, /create a new Pool/);
  t.is((error!.cause as Error).message, 'the initializer exploded');
  await t.throwsAsync(within(iterator.next(), PROMPT_MS, 'imap next()'), named);

  t.throws(() => pool.applyAsync(square, [1]), named, 'later submissions are refused');
  await t.throwsAsync(pool.map(square, [1]), named);
  t.throws(() => pool.imap(square, [1]), named);
  t.false(error instanceof PoolStateError);

  await within(pool.join(), PROMPT_MS, 'join() of a broken pool');
  const started = linesOf(file).length;
  await sleep(2000);
  t.is(linesOf(file).length, started, 'no worker was started after the failure');
  t.true(started >= 1 && started <= 2, `${started} initializer runs for a pool of 2`);
});

test.serial('an initializer that throws with no task submitted: the pool is broken, join() resolves, no respawn', async (t) => {
  const file = join(tempDir(t), 'inits');
  const pool = new Pool({ processes: 2, initializer: failingInit, initargs: [file] });
  cleanUp(t, pool);
  await waitFor(() => linesOf(file).length >= 1, RUN_MS, 'the initializer to run');
  await waitFor(() => {
    try {
      pool.applyAsync(square, [1]).get().catch(() => undefined);
      return false;
    } catch (error) {
      return error instanceof InitializerError;
    }
  }, RUN_MS, 'the pool to be broken');
  await within(pool.join(), PROMPT_MS, 'join()');
  const started = linesOf(file).length;
  await sleep(2000);
  t.is(linesOf(file).length, started);
  t.true(started <= 2);
});

test('an unregistered initializer is a TaskReferenceError and starts no process', (t) => {
  const before = descendantsOf().length;
  t.throws(() => new Pool({ processes: 1, initializer: (x: number) => x, initargs: [1] }), {
    instanceOf: TaskReferenceError,
    message: /^Pool initializer "initializer" is not a registered task|^Pool initializer "<anonymous>" is not a registered task/,
  });
  t.is(descendantsOf().length, before);
});

test('initargs that cannot be cloned are a SerializationError naming the argument, and start no process', (t) => {
  const before = descendantsOf().length;
  t.throws(() => new Pool({ processes: 1, initializer: recordInit, initargs: ['file', (() => 'x') as unknown as string] }), {
    instanceOf: SerializationError,
    message: /^Pool initargs\[1\] cannot be sent to another process/,
  });
  t.is(descendantsOf().length, before);
});
