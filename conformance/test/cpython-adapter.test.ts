/**
 * The CPython adapter drives real multiprocessing: these tests check the plumbing (requests, errors, process
 * group cleanup), not multiprocessing's rules, which the conformance rules cover.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import cpython from '../adapters/cpython/index.js';
import type { Session } from '../harness/implementation.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const directory = mkdtempSync(join(tmpdir(), 'cpython-adapter-'));
test.after.always(() => rmSync(directory, { recursive: true, force: true }));

async function withSession(t: ExecutionContext, body: (session: Session) => Promise<void>): Promise<void> {
  let session: Session;
  try {
    session = await cpython.open();
  } catch (error) {
    // No python3 here: the suite skips the CPython column, so do these tests.
    t.log((error as Error).message);
    t.pass();
    return;
  }
  try {
    await body(session);
  } finally {
    await session.close();
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

test('the description names the Python version', (t) => {
  t.regex(cpython.description, /CPython (\d+\.\d+|multiprocessing \(python3 not available)/);
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
    t.is(error?.message, 'AssertionError: cannot start a process twice');
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
