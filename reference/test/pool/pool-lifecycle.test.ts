import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import test from 'ava';
import { Pool, PoolStateError, PoolTerminatedError, ProcessStateError } from '../../src/index.js';
import { descendantsOf, isLoaderHelper } from '../../../test-support/no-orphans.js';
import { add, pidAfter, poolInsideWorker, spin, square } from './fixtures/pool-tasks.js';
import { cleanUp, isGone, linesOf, PROMPT_MS, RUN_MS, runScript, sleep, waitFor, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test.serial('after close(), applyAsync, mapAsync and imap throw, apply, map and starmap reject, with PoolStateError "Pool not running"', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  pool.close();
  const notRunning = { instanceOf: PoolStateError, message: /^Pool not running/ };
  t.throws(() => pool.applyAsync(square, [2]), notRunning);
  await t.throwsAsync(pool.apply(square, [2]), notRunning);
  t.throws(() => pool.mapAsync(square, [2]), notRunning);
  t.throws(() => pool.imap(square, [2]), notRunning);
  t.throws(() => pool.imapUnordered(square, [2]), notRunning);
  await t.throwsAsync(pool.map(square, [1, 2]), notRunning);
  await t.throwsAsync(pool.starmap(add, [[1, 2]]), notRunning);
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join() after close()'));
});

test.serial('after terminate(), submissions refuse with PoolStateError too', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  pool.terminate();
  t.throws(() => pool.applyAsync(square, [2]), { instanceOf: PoolStateError, message: /^Pool not running/ });
  await t.throwsAsync(pool.map(square, [1]), { instanceOf: PoolStateError, message: /^Pool not running/ });
  await t.notThrowsAsync(within(pool.join(), PROMPT_MS, 'join() after terminate()'));
});

test.serial('join() before close() rejects with PoolStateError "Pool is still running"', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  await t.throwsAsync(pool.join(), { instanceOf: PoolStateError, message: /^Pool is still running/ });
  t.is(await within(pool.apply(square, [3]), RUN_MS, 'apply'), 9, 'the pool still works');
});

test.serial('close() lets submitted work finish, then join() resolves and every worker is gone', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  const pids = await workerPids(pool);
  const applied = Array.from({ length: 6 }, (_, i) => pool.applyAsync(spin, [100, i]));
  const mapped = pool.mapAsync(square, [1, 2, 3, 4, 5], 1);
  const slow = pool.applyAsync(pidAfter, [300]);
  pool.close();
  await within(pool.join(), RUN_MS, 'join() after close()');
  t.true(applied.every((r) => r.ready()), 'every applyAsync finished before join() resolved');
  t.deepEqual(await Promise.all(applied.map((r) => r.get(0))), [0, 1, 2, 3, 4, 5]);
  t.deepEqual(await mapped.get(0), [1, 4, 9, 16, 25]);
  t.true(pids.includes(await slow.get(0)));
  t.deepEqual(pids.filter((pid) => !isGone(pid)), [], 'worker pids still alive after join()');
  await t.notThrowsAsync(within(pool.join(), PROMPT_MS, 'a second join()'));
});

test.serial('close() right after the constructor, before the workers are ready: join() resolves', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  pool.close();
  pool.close();
  await t.notThrowsAsync(within(pool.join(), RUN_MS, 'join()'));
});

test.serial('terminate() rejects pending results with PoolTerminatedError instead of hanging, and join() resolves', async (t) => {
  const pool = new Pool({ processes: 2 });
  cleanUp(t, pool);
  const pids = await workerPids(pool);
  const running = Array.from({ length: 8 }, (_, i) => pool.applyAsync(spin, [5000, i]));
  const mapped = pool.starmap(spin, [[5000, 1], [5000, 2]]);
  const starmapped = pool.starmapAsync(spin, [[5000, 1], [5000, 2]]);
  const iterator = pool.imap(square, [1, 2, 3]);
  await sleep(200);
  pool.terminate();
  const terminated = { instanceOf: PoolTerminatedError, message: /terminated before this task finished/ };
  for (const result of running) await t.throwsAsync(within(result.get(), PROMPT_MS, 'get() after terminate()'), terminated);
  await t.throwsAsync(within(mapped, PROMPT_MS, 'map after terminate()'), terminated);
  await t.throwsAsync(within(starmapped.get(), PROMPT_MS, 'starmapAsync after terminate()'), terminated);
  await t.throwsAsync(within(iterator.next(), PROMPT_MS, 'imap next() after terminate()'), terminated);
  t.true(running.every((r) => r.ready() && !r.successful()));
  await within(pool.join(), PROMPT_MS, 'join() after terminate()');
  t.deepEqual(pids.filter((pid) => !isGone(pid)), [], 'worker pids still alive after join()');
  pool.terminate();
  await t.notThrowsAsync(within(pool.join(), PROMPT_MS, 'join() after a second terminate()'));
});

test.serial('terminate() after close() still stops the work at once', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const result = pool.applyAsync(spin, [20_000, 1]);
  pool.close();
  await sleep(100);
  pool.terminate();
  await t.throwsAsync(within(result.get(), PROMPT_MS, 'get()'), { instanceOf: PoolTerminatedError });
  await t.notThrowsAsync(within(pool.join(), PROMPT_MS, 'join()'));
});

test.serial('`await using` terminates the pool at the end of the scope', async (t) => {
  let pids: number[] = [];
  let escaped: Pool | undefined;
  {
    await using pool = new Pool({ processes: 2 });
    escaped = pool;
    pids = await workerPids(pool);
    t.is(await within(pool.apply(square, [4]), RUN_MS, 'apply'), 16);
  }
  t.is(pids.length, 2);
  t.deepEqual(pids.filter((pid) => !isGone(pid)), [], 'worker pids still alive after the scope');
  t.throws(() => escaped!.applyAsync(square, [1]), { instanceOf: PoolStateError });
  t.regex(String(escaped), /^<Pool state=TERMINATE pool_size=2>$/);
});

test.serial('`await using` terminates the pool when the scope throws', async (t) => {
  let pids: number[] = [];
  await t.throwsAsync(
    async () => {
      await using pool = new Pool({ processes: 1 });
      pids = await workerPids(pool);
      throw new Error('leaving the scope by an error');
    },
    { message: 'leaving the scope by an error' },
  );
  t.is(pids.length, 1);
  await waitFor(() => pids.every(isGone), PROMPT_MS, 'the worker to be gone');
  t.pass();
});

for (const [options, message] of [
  [{ processes: 0 }, /^Number of processes must be at least 1: options\.processes is 0; pass an integer such as 4, or leave it out for cpuCount\(\)$/],
  [{ processes: -1 }, /options\.processes is -1/],
  [{ processes: 1.5 }, /options\.processes is 1\.5/],
  [{ maxTasksPerChild: 0 }, /^maxtasksperchild must be a positive int or null: options\.maxTasksPerChild is 0$/],
  [{ maxTasksPerChild: -2 }, /options\.maxTasksPerChild is -2/],
] as const) {
  test.serial(`new Pool(${JSON.stringify(options)}) throws a RangeError and starts no process`, (t) => {
    const before = descendantsOf().length;
    t.throws(() => new Pool(options), { instanceOf: RangeError, message });
    t.is(descendantsOf().length, before);
  });
}

test.serial('toString() shows the state and the size', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  t.is(String(pool), '<Pool state=RUN pool_size=1>');
  pool.close();
  t.is(String(pool), '<Pool state=CLOSE pool_size=1>');
  await within(pool.join(), RUN_MS, 'join()');
});

test.serial('a script that runs a map and never calls close() exits by itself and leaves no worker', async (t) => {
  const run = runScript(t, 'no-close');
  const report = (await within(run.report, RUN_MS, 'the script\'s report')) as { pids: number[]; squares: number[]; doneAt: number };
  t.deepEqual(report.squares, [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]);
  t.is(report.pids.length, 2);
  const exit = await within(run.exited, PROMPT_MS + 5000, 'the script to exit after its last line');
  t.deepEqual([exit.code, exit.signal], [0, null], run.stderr());
  t.true(exit.at - report.doneAt < PROMPT_MS, `exited ${exit.at - report.doneAt} ms after its work was done`);
  await waitFor(() => report.pids.every(isGone), PROMPT_MS, `the workers ${report.pids} to be gone`);
  t.pass();
});

test.serial('the workers exit when their parent is killed with SIGKILL', async (t) => {
  const run = runScript(t, 'pids-then-wait');
  const { pids } = (await within(run.report, RUN_MS, 'the script\'s report')) as { pids: number[] };
  t.teardown(() => {
    for (const pid of pids) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
  });
  t.is(pids.length, 2);
  t.true(pids.every((pid) => !isGone(pid)), 'the workers run while their parent waits');
  run.child.kill('SIGKILL');
  const exit = await within(run.exited, PROMPT_MS, 'the script to die');
  t.is(exit.signal, 'SIGKILL');
  await waitFor(() => pids.every(isGone), PROMPT_MS, `the workers ${pids} to exit after their parent's death`);
  t.pass();
});

test.serial('a worker whose parent was SIGKILLed mid-task runs none of the chunks it still held after that task', async (t) => {
  const run = runScript(t, 'two-sync-chunks-then-wait');
  const { log, pid } = (await within(run.report, RUN_MS, 'the script\'s report')) as { log: string; pid: number };
  t.teardown(() => {
    if (!isGone(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dirname(log), { recursive: true, force: true });
  });
  run.child.kill('SIGKILL');
  await within(run.exited, PROMPT_MS, 'the script to die');
  // Its task spins 600 ms past the parent's death; the worker notices between chunks, not inside one.
  await waitFor(() => isGone(pid), PROMPT_MS, `the worker ${pid} to exit after its parent's death`);
  t.deepEqual(linesOf(log).map((line) => line.split(' ').slice(1).join(' ')), ['1 start', '1 end'], 'the second chunk never started');
});

test('a pool task cannot start a Pool: pool workers are daemonic, as in Python, and the pool goes on', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  const error = await t.throwsAsync(within(pool.apply(poolInsideWorker, []), RUN_MS, 'apply(poolInsideWorker)'), {
    instanceOf: ProcessStateError,
    message: /^daemonic processes are not allowed to have children: new Pool\(\) ran in PoolWorker-\d+/,
  });
  t.truthy(error);
  t.is(await within(pool.apply(square, [5]), RUN_MS, 'apply(square) afterwards'), 25);
  // The worker alone: under tsx the test process also has the loader's esbuild service as a child.
  t.deepEqual(descendantsOf().filter((pid) => !isLoaderHelper(pid)).length, 1, 'the worker started no process');
});
