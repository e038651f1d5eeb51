/**
 * Recycling (maxMemoryPerChildMb, maxTasksPerChild) and pool.stats(): what the conformance rules cannot see from
 * outside — that no child is left, that the pool is back at its size, that a burst of queued work loses no task
 * and runs none twice while its workers are recycled under it, and what the counters say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import test from 'ava';
import { Pool, type PoolStats } from '../../src/index.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { allocate, exitNow, getPid, raise, recordRun, sleepThen } from './fixtures/recycle-tasks.js';
import { cleanUp, isGone, PROMPT_MS, RUN_MS, tempDir, waitFor, within, workerPids } from './helpers.js';

assertNoOrphans(test);

/**
 * Far above an idle worker's RSS (~45 MiB compiled, ~90 MiB under tsx) and far below what `allocate(OVER_MB)`
 * brings it to, so that only an allocating task crosses it.
 */
const LIMIT_MB = 180;
const OVER_MB = 240;

const ableWorkers = (stats: PoolStats) => stats.workers.filter((worker) => !worker.retiring).length;

test('a worker whose RSS passes maxMemoryPerChildMb finishes its task, runs nothing more and is replaced', async (t) => {
  const pool = new Pool({ processes: 1, maxMemoryPerChildMb: LIMIT_MB });
  cleanUp(t, pool);
  const first = await within(pool.apply(getPid, []), RUN_MS, 'the first task');
  t.is(await within(pool.apply(getPid, []), RUN_MS, 'a second task'), first, 'a worker under its limit stays');
  t.is(await within(pool.apply(allocate, [OVER_MB]), RUN_MS, 'the allocating task'), first, 'the task that crossed the limit returns its value');
  const stats = pool.stats();
  t.is(stats.recycled.memory, 1);
  t.is(ableWorkers(stats), 1, 'its replacement was started before it left');
  t.true((stats.workers.find((worker) => worker.pid === first)?.rssMb ?? OVER_MB) >= OVER_MB, 'the retiree reported its RSS');
  const next = await within(pool.apply(getPid, []), RUN_MS, 'a task after');
  t.not(next, first);
  await waitFor(() => isGone(first), PROMPT_MS, 'the retiree to leave');
  t.deepEqual(await within(workerPids(pool), RUN_MS, 'the workers'), [next], 'the pool keeps its size');
});

test('a burst of queued work loses no task and runs none twice while memory retires workers under it', async (t) => {
  const pool = new Pool({ processes: 2, maxMemoryPerChildMb: LIMIT_MB });
  cleanUp(t, pool);
  const dir = tempDir(t);
  const items = Array.from({ length: 80 }, (_, x) => [dir, x, x % 40 === 19 ? OVER_MB : 0] as [string, number, number]);
  const values = await within(pool.starmap(recordRun, items, 1), RUN_MS, 'the burst');
  t.deepEqual(values, items.map(([, x]) => x), 'every task returned, in order');
  t.is(readdirSync(dir).length, items.length, 'every task ran');
  const twice = readdirSync(dir).filter((x) => readFileSync(`${dir}/${x}`, 'utf8').trim().split('\n').length !== 1);
  t.deepEqual(twice, [], 'no task ran twice');
  const stats = pool.stats();
  t.is(stats.recycled.memory, 2);
  t.is(stats.completed, items.length);
  t.is((await within(workerPids(pool), RUN_MS, 'the workers')).length, 2, 'the pool is back at its size');
});

test('with maxTasksPerChild, a worker’s replacement is started as it answers its last task, before it exits', async (t) => {
  const pool = new Pool({ processes: 2, maxTasksPerChild: 1 });
  cleanUp(t, pool);
  const seen: number[] = [];
  for (let round = 0; round < 3; round++) {
    const pids = await within(pool.map(sleepThen, [20, 20], 1), RUN_MS, 'two tasks');
    seen.push(...pids);
    const stats = pool.stats();
    t.is(ableWorkers(stats), 2, `workers able to take work after round ${round} (${JSON.stringify(stats.workers)})`);
  }
  t.is(new Set(seen).size, 6, 'every task ran in a fresh worker');
  pool.close();
  await within(pool.join(), RUN_MS, 'join()');
  const stats = pool.stats();
  t.is(stats.recycled.tasks, 6);
  t.is(stats.workers.length, 0);
});

test('pool.stats() counts completed and failed tasks (chunks), crashes, and shows the running task', async (t) => {
  const pool = new Pool({ processes: 1 });
  cleanUp(t, pool);
  t.deepEqual(await within(pool.map(sleepThen, [0, 0, 0, 0, 0, 0], 2), RUN_MS, 'a map of 3 chunks'), new Array(6).fill((await workerPids(pool))[0]));
  await t.throwsAsync(within(pool.apply(raise, []), RUN_MS, 'a task that raises'), { message: 'raised on purpose' });
  const running = pool.applyAsync(sleepThen, [1500]);
  const queued = pool.applyAsync(getPid, []);
  await waitFor(() => (pool.stats().workers[0]?.current?.runningMs ?? 0) > 200, RUN_MS, 'the slow task to run');
  const busy = pool.stats();
  t.like(busy, { processes: 1, running: 1, queued: 1 });
  t.like(busy.workers[0]!.current, { index: 0, count: 1, task: 'sleepThen' });
  await within(running.get(), RUN_MS, 'the slow task');
  await within(queued.get(), RUN_MS, 'the task queued behind it');
  await t.throwsAsync(within(pool.apply(exitNow, []), RUN_MS, 'a task that ends its worker'), { name: 'WorkerCrashedError' });
  await waitFor(() => pool.stats().recycled.crash === 1, PROMPT_MS, 'the crash to be counted');
  const stats = pool.stats();
  // workerPids ran 2 chunks of pidAfter: 3 + 2 + sleepThen + getPid
  t.like(stats, { completed: 7, failed: 2, running: 0, queued: 0, recycled: { tasks: 0, memory: 0, crash: 1, timeout: 0, cancel: 0 } });
  t.is(stats.workers.length, 1);
  t.true(stats.workers[0]!.startedAt <= Date.now());
});

test('cancel: a worker stopped past an aborted call’s grace counts as recycled for cancel', async (t) => {
  const pool = new Pool({ processes: 1, cancelGraceMs: 100 });
  cleanUp(t, pool);
  const controller = new AbortController();
  const call = pool.apply(sleepThen, [20_000], undefined, { signal: controller.signal });
  call.catch(() => undefined);
  await waitFor(() => pool.stats().running === 1, RUN_MS, 'the task to run');
  controller.abort();
  await waitFor(() => pool.stats().recycled.cancel === 1, RUN_MS, 'the stop to be counted');
  t.is(pool.stats().recycled.crash, 0);
});

for (const [value, error, message] of [
  [0, RangeError, /^options\.maxMemoryPerChildMb must be a positive number of MiB \(a worker whose RSS is past it after a task is replaced\), got 0; leave it out or pass null for no limit$/],
  [-5, RangeError, /got -5;/],
  [Number.NaN, RangeError, /got NaN;/],
  [Infinity, RangeError, /got Infinity;/],
  ['200', TypeError, /got a string \('200'\);/],
] as const) {
  test(`bad input: new Pool({ maxMemoryPerChildMb: ${String(value)} }) throws a ${error.name}`, (t) => {
    t.throws(() => new Pool({ maxMemoryPerChildMb: value as never }), { instanceOf: error, message });
  });
}

test('bad input: a misspelt maxMemoryPerChildMb is refused with the right name', (t) => {
  t.throws(() => new Pool({ maxMemoryPerChildMB: 100 } as never), { instanceOf: TypeError, message: /unexpected option "maxMemoryPerChildMB" \(did you mean maxMemoryPerChildMb\?\)/ });
});

for (const [limit, options] of [
  ['maxTasksPerChild', { processes: 1, maxTasksPerChild: 1 }],
  ['maxMemoryPerChildMb', { processes: 1, maxMemoryPerChildMb: 1 }],
] as const) {
  test(`a closed pool whose imap still reads its input replaces a worker recycled by ${limit}, so the items read later run`, async (t) => {
    const pool = new Pool(options);
    cleanUp(t, pool);
    async function* slowly(): AsyncGenerator<number> {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        yield i;
      }
    }
    const iterator = pool.imap(sleepThen, slowly());
    pool.close();
    const pids: number[] = [];
    await within((async () => {
      for await (const pid of iterator) pids.push(pid);
    })(), RUN_MS, 'the imap');
    t.is(new Set(pids).size, 3, 'each item ran in a fresh worker');
    await within(pool.join(), RUN_MS, 'join()');
  });
}
