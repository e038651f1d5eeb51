/**
 * The helpers rules share: expectError (a class named by a statement is checked, on a real Error),
 * expectRejects (a rejection that is no Error fails), withProcesses (processes still alive are stopped, and a
 * cleanup that fails is seen), and the designation of mutants (every rule has a mutant aimed at it that it kills).
 */
import test from 'ava';
import { VALUE_ERROR_FOR_ARGUMENT, VALUE_ERROR_FOR_STATE } from '../harness/error-classes.js';
import { expectError, expectRejects, RuleFailure } from '../harness/expect.js';
import type { ProcessHandle, Session } from '../harness/implementation.js';
import { withProcess, withProcesses } from '../harness/with-processes.js';
import { designation } from '../selftest/mutants/lib/designation.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

// These tests start no process: the sessions below are fakes.
assertNoOrphans(test);

const named = (name: string, message = 'm') => Object.assign(new Error(message), { name });

test('expectError passes an Error of the named class and message', (t) => {
  t.notThrows(() => expectError(named('ValueError', 'Pool not running'), { name: 'ValueError', message: /not running/ }, 'x'));
  t.notThrows(() => expectError(named('RangeError'), { name: VALUE_ERROR_FOR_ARGUMENT }, 'x'));
  t.notThrows(() => expectError(named('PoolStateError'), { name: VALUE_ERROR_FOR_STATE }, 'x'));
});

test('expectError fails a plain Error, another class, another message, and a { name, message } object', (t) => {
  const fails = (error: unknown, shape: Parameters<typeof expectError>[1]) => t.throws(() => expectError(error, shape, 'x'), { instanceOf: RuleFailure });
  fails(new Error('Pool not running'), { name: VALUE_ERROR_FOR_STATE });
  fails(named('TypeError'), { name: 'ValueError' });
  fails(named('ValueError', 'other'), { name: 'ValueError', message: 'Cannot process zero!' });
  const error = fails({ name: 'ValueError', message: 'Cannot process zero!' }, { name: 'ValueError' });
  t.regex(error!.message, /an Error instance/);
});

test('expectRejects fails a rejection that is not an Error', async (t) => {
  const failure = await t.throwsAsync(expectRejects(() => Promise.reject({ name: 'ValueError', message: 'boom' }), /boom/, 'call'), { instanceOf: RuleFailure });
  t.regex(failure!.message, /call \(an Error instance\)/);
  const error = await expectRejects(() => Promise.reject(named('ValueError', 'boom')), /boom/, 'call');
  t.is(error.name, 'ValueError');
});

/** A fake process: alive until killed (or never started); records the calls. */
function fakeProcess(calls: string[], { started = true, killFails = false } = {}): ProcessHandle {
  let alive = started;
  const unused = async () => {
    throw new Error('not used');
  };
  return {
    start: async () => void (alive = true),
    join: async () => void calls.push('join'),
    isAlive: async () => alive,
    terminate: unused,
    kill: async () => {
      calls.push('kill');
      if (killFails) throw named('ProcessStateError', 'cannot kill');
      alive = false;
    },
    close: unused,
    pid: async () => 1,
    exitCode: async () => (alive ? null : -9),
    name: async () => 'Process-1',
    daemon: async () => false,
    setDaemon: unused,
  };
}

const sessionOf = (handles: ProcessHandle[]) => ({ createProcess: async () => handles.shift()! }) as unknown as Session;

test('withProcesses kills and joins the processes still alive, and only those', async (t) => {
  const calls: string[] = [];
  const value = await withProcesses(sessionOf([fakeProcess(calls), fakeProcess(calls, { started: false })]), [{ target: 'noop' }, { target: 'noop' }], async () => 42);
  t.is(value, 42);
  t.deepEqual(calls, ['kill', 'join']);
});

test('a cleanup that fails fails the check, naming the cleanup; a failing body keeps its own failure', async (t) => {
  const failure = await t.throwsAsync(withProcess(sessionOf([fakeProcess([], { killFails: true })]), { target: 'noop' }, async () => undefined), { instanceOf: RuleFailure });
  t.regex(failure!.message, /cleanup: kill\(\) then join\(\).*ProcessStateError: cannot kill/);
  const body = await t.throwsAsync(withProcess(sessionOf([fakeProcess([], { killFails: true })]), { target: 'noop' }, async () => {
    throw new Error('the verdict');
  }));
  t.is(body!.message, 'the verdict');
});

test('designation: a rule is designated by a mutant that aims at it and that it kills; every aim must be a kill', (t) => {
  const expected = { mutants: { a: { kills: ['r.one', 'r.two'] }, b: { kills: ['r.two'] } }, gaps: {} };
  const ok = designation([{ name: 'a', aims: ['r.one'] }, { name: 'b', aims: ['r.two'] }], ['r.one', 'r.two'], expected);
  t.deepEqual(ok.problems, []);
  t.deepEqual([...ok.designated], [['r.one', ['a']], ['r.two', ['b']]]);
  const bad = designation([{ name: 'a', aims: ['r.one', 'r.gone'] }, { name: 'b', aims: ['r.one'] }], ['r.one', 'r.two'], expected);
  t.deepEqual(bad.undesignated, ['r.two']);
  t.deepEqual(bad.problems, [
    'a aims at r.gone, which is not a rule',
    'b aims at r.one, which expected.json does not list among its kills',
    'r.two has no designated mutant (no mutant that it kills names it in aims)',
  ]);
});
