import test from 'ava';
import { currentProcess, Process } from '../../src/index.js';
import { returnNothing, sleepFor } from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, isGone, PROMPT_MS, RUN_MS, within } from './helpers.js';

assertNoOrphans(test);

test('pid is null before start(), then the pid of a new process', async (t) => {
  const p = new Process({ target: returnNothing });
  cleanUp(t, p);
  t.is(p.pid, null);
  p.start();
  t.is(typeof p.pid, 'number');
  t.not(p.pid, process.pid);
  await within(p.join(), RUN_MS, 'join()');
  t.is(typeof p.pid, 'number', 'pid stays readable after the exit');
});

test('exitCode is null before start() and while the child runs', async (t) => {
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  t.is(p.exitCode, null);
  p.start();
  t.is(p.exitCode, null);
  await p.join(200);
  t.is(p.exitCode, null);
  p.terminate();
  await within(p.join(), PROMPT_MS, 'join() after terminate()');
  t.is(p.exitCode, -15);
});

test('isAlive() is false before start(), true while running and false after the exit', async (t) => {
  const p = new Process({ target: sleepFor, args: [300] });
  cleanUp(t, p);
  t.false(p.isAlive());
  p.start();
  t.true(p.isAlive());
  await within(p.join(), RUN_MS, 'join()');
  t.false(p.isAlive());
  t.is(p.exitCode, 0);
});

test('join(timeout) on a running child resolves after about the timeout, without rejecting', async (t) => {
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  p.start();
  const started = performance.now();
  await t.notThrowsAsync(within(p.join(300), PROMPT_MS, 'join(300)'));
  const waited = performance.now() - started;
  t.true(waited >= 290, `join(300) came back after ${waited.toFixed(0)} ms`);
  t.true(p.isAlive());
  t.is(p.exitCode, null);
});

test('join(0) on a running child resolves without waiting for it', async (t) => {
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  p.start();
  await t.notThrowsAsync(within(p.join(0), PROMPT_MS, 'join(0)'));
  t.true(p.isAlive());
});

test('join() after the exit resolves at once, with or without a timeout', async (t) => {
  const p = new Process({ target: returnNothing });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'the first join()');
  await t.notThrowsAsync(within(p.join(60_000), PROMPT_MS, 'join(60000) after the exit'));
  await t.notThrowsAsync(within(p.join(), PROMPT_MS, 'join() after the exit'));
  t.is(p.exitCode, 0);
});

test('several join() calls at once all resolve at the exit', async (t) => {
  const p = new Process({ target: sleepFor, args: [200] });
  cleanUp(t, p);
  p.start();
  await within(Promise.all([p.join(), p.join(), p.join(60_000)]), RUN_MS, 'three joins');
  t.is(p.exitCode, 0);
});

test('default names are Process-N, N one more for each Process created', (t) => {
  const first = new Process({ target: returnNothing });
  const second = new Process({ target: returnNothing });
  const third = new Process({ target: returnNothing });
  const match = /^Process-(\d+)$/.exec(first.name);
  t.truthy(match, first.name);
  const n = Number(match?.[1]);
  t.is(second.name, `Process-${n + 1}`);
  t.is(third.name, `Process-${n + 2}`);
});

test('a Process given a name still takes a number, as in Python', (t) => {
  const before = new Process({ target: returnNothing });
  new Process({ target: returnNothing, name: 'named' });
  const after = new Process({ target: returnNothing });
  const n = Number(/^Process-(\d+)$/.exec(before.name)?.[1]);
  t.is(after.name, `Process-${n + 2}`);
});

test('a given name is kept, and name can be changed', (t) => {
  const p = new Process({ target: returnNothing, name: 'worker-a' });
  t.is(p.name, 'worker-a');
  p.name = 'worker-b';
  t.is(p.name, 'worker-b');
});

test('daemon defaults to false in the main process, and can be given or set before start()', (t) => {
  t.false(new Process({ target: returnNothing }).daemon);
  t.true(new Process({ target: returnNothing, daemon: true }).daemon);
  const p = new Process({ target: returnNothing });
  p.daemon = true;
  t.true(p.daemon);
  p.daemon = false;
  t.false(p.daemon);
});

test("currentProcess() in the parent is { name: 'MainProcess', daemon: false, pid: process.pid }", (t) => {
  t.deepEqual(currentProcess(), { name: 'MainProcess', pid: process.pid, daemon: false });
});

test('toString() shows the name, the state and the daemon flag', async (t) => {
  const p = new Process({ target: returnNothing, name: 'shown', daemon: true });
  cleanUp(t, p);
  t.is(String(p), "<Process name='shown' initial daemon>");
  p.start();
  t.is(String(p), "<Process name='shown' started daemon>");
  await within(p.join(), RUN_MS, 'join()');
  t.is(String(p), "<Process name='shown' stopped exitcode=0 daemon>");
  p.close();
  t.is(String(p), "<Process name='shown' closed daemon>");
});

test('`await using` kills a child still running when the scope ends, and closes the object', async (t) => {
  let pid: number | null = null;
  let escaped: Process | undefined;
  {
    await using p = new Process({ target: sleepFor, args: [30_000] });
    p.start();
    pid = p.pid;
    escaped = p;
    await p.join(100);
    t.true(p.isAlive());
  }
  t.true(pid !== null && isGone(pid), `pid ${pid} is still running`);
  t.throws(() => escaped?.exitCode, { message: /process object is closed/ });
});

test('`await using` leaves a child that has exited alone, and closes the object', async (t) => {
  let escaped: Process | undefined;
  {
    await using p = new Process({ target: returnNothing });
    escaped = p;
    p.start();
    await within(p.join(), RUN_MS, 'join()');
  }
  t.throws(() => escaped?.pid, { message: /process object is closed/ });
});

test('`await using` on a Process never started only closes it', async (t) => {
  let escaped: Process | undefined;
  {
    await using p = new Process({ target: returnNothing });
    escaped = p;
  }
  t.throws(() => escaped?.isAlive(), { message: /process object is closed/ });
});
