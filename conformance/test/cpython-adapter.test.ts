/**
 * The CPython adapter drives real multiprocessing: these tests check the plumbing (requests, errors, process
 * group cleanup), not multiprocessing's rules, which the conformance rules cover.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import cpython, { cpythonImplementation, cpythonSpec } from '../adapters/cpython/index.js';
import { resolveImplementation } from '../harness/resolve-implementation.js';
import { type PoolHandle, type PoolOptions, type Session, UNSENDABLE } from '../harness/implementation.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { python3Missing, withSessionOf } from './python3.js';

assertNoOrphans(test);

const directory = mkdtempSync(join(tmpdir(), 'cpython-adapter-'));
test.after.always(() => rmSync(directory, { recursive: true, force: true }));

/** A CPython session for `body`; skips (saying so) only where python3 is missing, and fails when it cannot open otherwise. */
function withSession(t: ExecutionContext, body: (session: Session) => Promise<void>): Promise<void> {
  return withSessionOf(t, cpython, body);
}

function withPool(
  t: ExecutionContext,
  options: PoolOptions,
  body: (pool: PoolHandle, session: Session) => Promise<void>,
): Promise<void> {
  return withSession(t, async (session) => body(await session.createPool!(options), session));
}

async function rejection(t: ExecutionContext, promise: Promise<unknown>): Promise<Error> {
  const error = await t.throwsAsync(promise);
  return error!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The lines of a file, once it has at least `count` of them (or `withinMs` passed). */
async function linesOf(path: string, count: number, withinMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    let lines: string[] = [];
    try {
      lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    } catch {
      // Not written yet.
    }
    if (lines.length >= count || Date.now() >= deadline) return lines;
    await sleep(20);
  }
}

/** The process group of `pid`, or undefined once it is gone (or a zombie: dead, waiting to be reaped). */
function groupOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, , pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? undefined : Number(pgid);
  } catch {
    return undefined;
  }
}

/** Living processes in process group `group` (Python's children share the driver's group). */
function groupMembers(group: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => groupOf(pid) === group);
}

test('the description names the Python version, or why python3 is not available', (t) => {
  if (python3Missing() === undefined) t.regex(cpython.description, /^CPython \d+\.\d+\.\d+ multiprocessing, fork start method/);
  else t.regex(cpython.description, /^CPython multiprocessing, fork start method \(python3 not available/);
});

test('exitWith(3) gives exit code 3 after join', (t) =>
  withSession(t, async (session) => {
    const child = await session.createProcess({ target: 'exitWith', args: [3] });
    await child.start();
    await child.join();
    t.is(await child.exitCode(), 3);
    t.is(await child.isAlive(), false);
  }));

test('a timed-out join leaves the child alive; terminate ends it with -SIGTERM', (t) =>
  withSession(t, async (session) => {
    const child = await session.createProcess({ target: 'sleepFor', args: [2000] });
    await child.start();
    await child.join(200);
    t.true(await child.isAlive());
    await child.terminate();
    await child.join();
    t.is(await child.exitCode(), -15);
  }));

test("misuse rejects with Python's exception type and message", (t) =>
  withSession(t, async (session) => {
    const child = await session.createProcess({ target: 'noop' });
    await child.start();
    const error = await t.throwsAsync(child.start(), { message: /cannot start a process twice/ });
    t.is(error?.name, 'AssertionError');
    t.is(error?.message, 'cannot start a process twice', "str(exception), as Python's own text");
    await child.join();
  }));

test('writeIdentity reports the given name, and the driver as the parent', (t) =>
  withSession(t, async (session) => {
    const path = join(directory, 'identity.json');
    const child = await session.createProcess({ target: 'writeIdentity', args: [path], name: 'worker-7' });
    await child.start();
    await child.join();
    t.is(await child.exitCode(), 0);
    const identity = JSON.parse(readFileSync(path, 'utf8')) as { name: string; pid: number; ppid: number; daemon: boolean };
    const driver = await session.currentProcess();
    t.like(identity, { name: 'worker-7', pid: await child.pid(), ppid: driver.pid, daemon: false });
    t.not(identity.ppid, process.pid);
  }));

test('currentProcess() in the driver is MainProcess', (t) =>
  withSession(t, async (session) => {
    const me = await session.currentProcess();
    t.is(me.name, 'MainProcess');
    t.is(me.daemon, false);
    t.true((await session.cpuCount()) >= 1);
  }));

test('close() during a blocked join kills every child and leaves no process behind', (t) =>
  withSession(t, async (session) => {
    const { pid: driver } = await session.currentProcess();
    const sleeper = await session.createProcess({ target: 'sleepFor', args: [30_000] });
    const stubborn = await session.createProcess({ target: 'ignoreTerminate', args: [join(directory, 'ready')] });
    await sleeper.start();
    await stubborn.start();
    const pids = [await sleeper.pid(), await stubborn.pid()];
    // The driver now waits 30 s and answers nothing else. Closing kills the sleeper, so this join may still
    // get its answer, or lose it to the driver's exit: either way it settles.
    const blocked = sleeper.join().catch((error: Error) => t.regex(error.message, /before answering "join"/));
    await session.close();
    await blocked;
    await t.throwsAsync(session.cpuCount(), { message: /CPython driver exited/ });
    t.deepEqual(groupMembers(driver), []);
    t.true(pids.every((pid) => Number.isInteger(pid)), `child pids ${pids.join(', ')}`);
    for (const pid of pids) t.is(groupOf(pid!), undefined, `child ${pid} outlived the session`);
  }));

test('a driver that dies rejects pending requests; close() still kills its orphaned children', (t) =>
  withSession(t, async (session) => {
    const { pid: driver } = await session.currentProcess();
    const sleeper = await session.createProcess({ target: 'sleepFor', args: [30_000] });
    await sleeper.start();
    const orphan = (await sleeper.pid())!;
    const blocked = sleeper.join();
    process.kill(driver, 'SIGKILL');
    await t.throwsAsync(blocked, { message: 'the CPython driver exited (SIGKILL) before answering "join"' });
    t.is(groupOf(orphan), driver, 'the child outlives its driver, still in its process group');
    await session.close();
    t.is(groupOf(orphan), undefined);
  }));

// ——— Pool ———

test('the implementation is Python and claims the Pool capabilities', (t) => {
  t.true(cpython.isPython);
  for (const capability of ['pool', 'pool.imap', 'pool.initializer', 'pool.maxtasks', 'pool.callbacks'] as const) {
    t.true(cpython.capabilities.has(capability), capability);
  }
});

test('pool: map keeps input order; starmap spreads argument lists; apply runs one call', (t) =>
  withPool(t, { processes: 2 }, async (pool) => {
    t.deepEqual(await pool.map('square', [1, 2, 3, 4, 5, 6, 7, 8]), [1, 4, 9, 16, 25, 36, 49, 64]);
    t.deepEqual(await pool.map('square', [1, 2, 3, 4, 5, 6, 7, 8], 3), [1, 4, 9, 16, 25, 36, 49, 64]);
    t.deepEqual(await pool.starmap('power', [[2, 3], [3, 2], [10, 0]]), [8, 9, 1]);
    t.is(await pool.apply('power', [2, 10]), 1024);
    t.is(await pool.apply('cpuBound', [1000]), 332_833_500);
  }));

test('pool: tasks without arguments can be mapped; workerIdentity reports a daemonic ForkPoolWorker', (t) =>
  withPool(t, { processes: 2 }, async (pool, session) => {
    t.deepEqual(await pool.map('noop', [1, 2]), [null, null]);
    const pids = (await pool.map('getPid', [1, 2, 3], 1)) as number[];
    const me = await session.currentProcess();
    t.is(pids.length, 3);
    for (const pid of pids) t.true(Number.isInteger(pid) && pid !== me.pid, `worker pid ${pid}`);
    const identity = (await pool.apply('workerIdentity', [0])) as { name: string; pid: number; daemon: boolean };
    t.like(identity, { daemon: true });
    t.regex(identity.name, /^ForkPoolWorker-\d+$/);
  }));

test("pool: a task error rejects with Python's type as name and str(exception) as message", (t) =>
  withPool(t, { processes: 2 }, async (pool) => {
    for (const promise of [pool.apply('risky', [0]), pool.map('risky', [1, 0, 2])]) {
      t.like(await rejection(t, promise), { name: 'ValueError', message: 'Cannot process zero!' });
    }
    t.like(await rejection(t, pool.apply('raiseTypeError', ['not a number'])), { name: 'TypeError', message: 'not a number' });
    t.deepEqual(await pool.map('risky', [1, 2]), [100, 50], 'the pool stays usable');
  }));

test('pool: applyAsync is not ready at first, then get() gives the value; callbacks record it', (t) =>
  withPool(t, { processes: 1 }, async (pool) => {
    const result = await pool.applyAsync('slowSquare', [7, 1500]);
    t.false(await result.ready());
    const early = await rejection(t, result.successful());
    t.is(early.name, 'ValueError');
    t.regex(early.message, /^<multiprocessing\.pool\.ApplyResult object at 0x[0-9a-f]+> not ready$/);
    t.is(await result.get(), 49);
    t.true(await result.ready());
    t.true(await result.successful());
    t.is(await result.wait(), undefined);
    t.deepEqual(await result.callbacks(), { values: [49], errors: [] });
  }));

test('pool: get(100) on a slow task rejects with TimeoutError (multiprocessing.TimeoutError, no message)', (t) =>
  withPool(t, { processes: 1 }, async (pool) => {
    const result = await pool.applyAsync('slowSquare', [3, 2000]);
    t.like(await rejection(t, result.get(100)), { name: 'TimeoutError', message: '' });
    await result.wait(100);
    t.false(await result.ready());
  }));

test('pool: mapAsync and starmapAsync record what callback and error_callback received', (t) =>
  withPool(t, { processes: 2 }, async (pool) => {
    const good = await pool.mapAsync('square', [1, 2, 3]);
    t.deepEqual(await good.get(), [1, 4, 9]);
    t.deepEqual(await good.callbacks(), { values: [[1, 4, 9]], errors: [] });
    const bad = await pool.mapAsync('risky', [1, 0, 2]);
    await bad.wait();
    t.false(await bad.successful());
    t.like(await rejection(t, bad.get()), { name: 'ValueError', message: 'Cannot process zero!' });
    t.deepEqual(await bad.callbacks(), { values: [], errors: [{ name: 'ValueError', message: 'Cannot process zero!' }] });
    const star = await pool.starmapAsync('power', [[2, 2], [2, 3]]);
    t.deepEqual(await star.get(), [4, 8]);
    t.deepEqual(await star.callbacks(), { values: [[4, 8]], errors: [] });
  }));

test('pool: imap stops at the first error with the values before it; imap_unordered yields every result', (t) =>
  withPool(t, { processes: 2 }, async (pool) => {
    t.deepEqual(await pool.imap('risky', [1, 2, 0, 4, 5]), {
      values: [100, 50],
      error: { name: 'ValueError', message: 'Cannot process zero!' },
    });
    t.deepEqual(await pool.imap('square', [1, 2, 3], 2), { values: [1, 4, 9] });
    const unordered = await pool.imapUnordered('square', [1, 2, 3, 4]);
    t.is(unordered.error, undefined);
    t.deepEqual((unordered.values as number[]).sort((a, b) => a - b), [1, 4, 9, 16]);
  }));

test("pool: misuse rejects with Python's wording; map with chunksize 0 quietly gives Nones", (t) =>
  withPool(t, { processes: 1 }, async (pool) => {
    t.like(await rejection(t, pool.join()), { name: 'ValueError', message: 'Pool is still running' });
    t.like(await rejection(t, pool.imap('square', [1], 0)), { name: 'ValueError', message: 'Chunksize must be 1+, not 0' });
    // Python's MapResult treats chunksize <= 0 as "nothing to wait for": no task runs, every value is None.
    t.deepEqual(await pool.map('square', [1, 2, 3], 0), [null, null, null]);
    await pool.close();
    t.like(await rejection(t, pool.applyAsync('square', [2])), { name: 'ValueError', message: 'Pool not running' });
    t.like(await rejection(t, pool.imap('square', [2])), { name: 'ValueError', message: 'Pool not running' });
    t.is(await pool.join(), undefined);
  }));

test('pool: the initializer runs once in each worker; tasks see what it stored', (t) => {
  const path = join(directory, 'init.txt');
  return withPool(t, { processes: 3, initializer: 'recordInit', initargs: [path, 'seeded'] }, async (pool) => {
    t.deepEqual(await pool.map('initValue', [1, 2, 3, 4], 1), ['seeded', 'seeded', 'seeded', 'seeded']);
    await pool.close();
    await pool.join();
    const lines = await linesOf(path, 3);
    t.is(lines.length, 3);
    t.is(new Set(lines.map((line) => line.split(' ')[0])).size, 3, 'three different pids');
    for (const line of lines) t.regex(line, /^\d+ seeded$/);
  });
});

test('pool: maxtasksperchild replaces a worker after that many tasks', (t) =>
  withPool(t, { processes: 1, maxTasksPerChild: 1 }, async (pool) => {
    const pids = (await pool.map('getPid', [1, 2, 3], 1)) as number[];
    t.is(new Set(pids).size, 3);
  }));

test('pool: a task that exits or a worker killed mid-task leaves the result pending for ever (Python hangs)', (t) =>
  withPool(t, { processes: 1 }, async (pool) => {
    // map_async + get(timeout) observes the hang without blocking the driver.
    const exiting = await pool.starmapAsync('sleepThenExit', [[10, 3]]);
    t.like(await rejection(t, exiting.get(1500)), { name: 'TimeoutError' });
    t.false(await exiting.ready());
    const killed = await pool.mapAsync('killSelf', [9]);
    t.like(await rejection(t, killed.get(1500)), { name: 'TimeoutError' });
    t.false(await killed.ready());
    t.is(await pool.apply('square', [5]), 25, 'the pool replaced the worker and goes on');
  }));

test('close() while the driver hangs in Pool.map (worker killed) ends the driver and every worker', (t) =>
  withSession(t, async (session) => {
    const { pid: driver } = await session.currentProcess();
    const pool = await session.createPool!({ processes: 2 });
    const workers = (await pool.map('getPid', [1, 2], 1)) as number[];
    t.is(workers.length, 2);
    const busy = await pool.applyAsync('ignoreTerminate', [join(directory, 'pool-ready')]);
    const hung = pool.map('killSelf', [9]);
    await sleep(1000);
    t.false(await Promise.race([hung.then(() => true, () => true), sleep(0).then(() => false)]), 'map() still hangs');
    await session.close();
    await t.throwsAsync(hung, { message: 'the CPython driver exited (code 0) before answering "pool_map"' });
    await t.throwsAsync(busy.ready(), { message: /CPython driver exited/ });
    t.deepEqual(groupMembers(driver), []);
    for (const pid of workers) t.is(groupOf(pid), undefined, `worker ${pid} outlived the session`);
  }));

test('pool: kwds reach the task as keyword arguments; withInput builds ranges, generators and failing iterators', (t) =>
  withPool(t, { processes: 2 }, async (pool) => {
    t.is(await pool.apply('scaled', [2], { scale: 3, offset: 1 }), 7);
    t.is(await (await pool.applyAsync('scaled', [2], { kwds: { offset: 5 } })).get(30_000), 7);
    t.deepEqual(await pool.withInput!('map', 'square', { range: [2, 10, 3] }), [4, 25, 64]);
    t.deepEqual(await pool.withInput!('starmap', 'power', { generator: [[2, 3]] }), [8]);
    t.deepEqual(await (await pool.withInput!('mapAsync', 'square', { generator: [3] })).get(30_000), [9]);
    t.like(await rejection(t, pool.withInput!('map', 'square', { failingAfter: 1, items: [1, 2] })), { name: 'ValueError', message: 'input failed after 1 items' });
    t.like(await rejection(t, pool.withInput!('map', 'square', { asyncIterable: [1] })), { name: 'TypeError' });
  }));

test('pool: imapIterator steps with next(timeout): TimeoutError, then the value, then the end', (t) =>
  withPool(t, { processes: 1 }, async (pool) => {
    const iterator = await pool.imapIterator!('slowSquare', [3], 1);
    t.like(await rejection(t, iterator.next(20)), { name: 'TimeoutError' });
    t.deepEqual(await iterator.next(30_000), { done: false, value: 9 });
    t.deepEqual(await iterator.next(30_000), { done: true });
    await iterator.close();
  }));

test('pool: scope() enters the pool and leave() terminates it; UNSENDABLE becomes a lambda, unregistered cannot be pickled', (t) =>
  withPool(t, { processes: 1 }, async (pool) => {
    t.regex((await rejection(t, pool.apply('square', [UNSENDABLE]))).message, /pickle/);
    t.regex((await rejection(t, pool.apply('unregistered', [1]))).message, /pickle/i);
    t.like(await rejection(t, pool.apply('returnUnsendable', [null])), { name: 'MaybeEncodingError' });
    const scope = await pool.scope!();
    t.true(scope.enteredIsPool);
    await scope.leave();
    t.regex((await rejection(t, pool.apply('square', [1]))).message, /Pool not running/);
  }));

// ——— Start methods and interpreters ———

test('a cpython spec names a start method and an interpreter; --python fills in the interpreter', (t) => {
  t.deepEqual(cpythonSpec('cpython'), {});
  t.deepEqual(cpythonSpec('cpython:spawn'), { startMethod: 'spawn' });
  t.deepEqual(cpythonSpec('cpython@/opt/py/bin/python3'), { python: '/opt/py/bin/python3' });
  t.deepEqual(cpythonSpec('cpython:forkserver@/opt/py/bin/python3', '/other'), { startMethod: 'forkserver', python: '/opt/py/bin/python3' });
  t.deepEqual(cpythonSpec('cpython:fork', '/other'), { startMethod: 'fork', python: '/other' });
  t.is(cpythonSpec('reference'), undefined);
  t.is(cpythonSpec('cpythonic'), undefined);
  t.throws(() => cpythonSpec('cpython:vfork'), { message: 'cannot load implementation "cpython:vfork": the start method must be one of fork, spawn, forkserver' });
});

test('the name shows the start method and, with an interpreter given, its version; the description both', async (t) => {
  const spawnColumn = await resolveImplementation('cpython:spawn');
  t.is(spawnColumn.name, 'cpython-spawn');
  t.is(cpython.name, 'cpython', 'the default column keeps its name');
  if (python3Missing() !== undefined) {
    t.log(`skipped the rest: ${python3Missing()}`);
    return;
  }
  t.regex(spawnColumn.description, /^CPython \d+\.\d+\.\d+ multiprocessing, spawn start method/);
  t.like(spawnColumn.python, { startMethod: 'spawn' });
  const version = cpython.python!.version.split('.').slice(0, 2).join('.');
  const explicit = await resolveImplementation('cpython:forkserver', { python: 'python3' });
  t.is(explicit.name, `cpython-${version}-forkserver`);
  t.like(explicit.python, { version: cpython.python!.version, startMethod: 'forkserver' });
});

test('an interpreter older than 3.8 is refused by its version, one that is missing by name', async (t) => {
  const old = ['3.7.16', '3.6.15'].map((v) => join(process.env['HOME'] ?? '', '.pyenv', 'versions', v, 'bin', 'python3')).find((path) => existsSync(path));
  const missing = cpythonImplementation({ python: '/nonexistent/python3' });
  t.regex(missing.description, /^CPython multiprocessing, fork start method \(\/nonexistent\/python3 not available: /);
  await t.throwsAsync(missing.open(), { message: /^\/nonexistent\/python3 not available: .*the CPython column is skipped$/ });
  if (old === undefined) {
    t.log('skipped the old-interpreter half: no pyenv 3.6 or 3.7 here');
    return;
  }
  const refused = cpythonImplementation({ python: old });
  const error = await t.throwsAsync(refused.open());
  t.regex(error!.message, /^CPython 3\.[67]\.\d+ \(.+\) is older than 3\.8, the oldest the conformance driver runs on .*: pass --python a 3\.8 or newer interpreter$/);
  t.is(refused.python, undefined);
});

for (const [startMethod, worker] of [['spawn', 'SpawnPoolWorker'], ['forkserver', 'ForkServerPoolWorker']] as const) {
  test(`${startMethod}: a session opens under that method, names its children as Python does, and runs a Pool`, (t) =>
    withSessionOf(t, cpythonImplementation({ startMethod }), async (session) => {
      const child = await session.createProcess({ target: 'exitWith', args: [3] });
      await child.start();
      await child.join();
      t.is(await child.exitCode(), 3);
      t.regex(await child.name(), /^Process-\d+$/, 'the default context names a Process Process-N under every method');
      const pool = await session.createPool!({ processes: 2 });
      t.deepEqual(await pool.map('square', [1, 2, 3, 4]), [1, 4, 9, 16]);
      const identity = (await pool.apply('workerIdentity', [0])) as { name: string; daemon: boolean };
      t.like(identity, { daemon: true });
      t.regex(identity.name, new RegExp(`^${worker}-\\d+$`));
      await pool.terminate();
      await pool.join();
    }));
}
