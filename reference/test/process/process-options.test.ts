/**
 * What a Process accepts as options and through its setters (defect 14 of issue 14: `p.name = 123` was
 * silently coerced), and the `env` option: children get the parent's environment unless given their own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { Process, ProcessStateError } from '../../src/index.js';
import { writeEnv } from '../fixtures/env-tasks.js';
import { returnNothing, sleepFor } from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { children, cleanUp, PROMPT_MS, RUN_MS, tempDir, within } from './helpers.js';

assertNoOrphans(test);

test('defect 14: setting name to a number throws TypeError with Python\'s message, and the name stays', (t) => {
  const p = new Process({ target: returnNothing, name: 'kept' });
  t.throws(() => {
    p.name = 123 as never;
  }, { instanceOf: TypeError, message: 'name must be a string: Process.name was set to a number (123)' });
  t.is(p.name, 'kept');
  report(t, { section: 'defect', defect: 14, tried: 'p.name = 123', outcome: 'TypeError: name must be a string; the name is unchanged' });
});

const badName = test.macro({
  exec(t: ExecutionContext, name: unknown, described: string) {
    const error = t.throws(() => new Process({ target: returnNothing, name: name as never }), {
      instanceOf: TypeError,
      message: `name must be a string: options.name is ${described}`,
    });
    report(t, { section: 'defect', defect: 14, tried: `new Process({ name: ${described} })`, outcome: `TypeError: ${error?.message}` });
  },
  title: (_provided, _name, described) => `defect 14: options.name that is ${described} throws TypeError naming the option`,
});

test(badName, 123, 'a number (123)');
test(badName, true, 'a boolean (true)');
test(badName, { toString: () => 'sneaky' }, 'an object');

const badDaemon = test.macro({
  exec(t: ExecutionContext, daemon: unknown, described: string) {
    t.throws(() => new Process({ target: returnNothing, daemon: daemon as never }), {
      instanceOf: TypeError,
      message: `daemon must be a boolean: options.daemon is ${described}`,
    });
    const p = new Process({ target: returnNothing });
    t.throws(() => {
      p.daemon = daemon as never;
    }, { instanceOf: TypeError, message: `daemon must be a boolean: Process.daemon was set to ${described}` });
    t.false(p.daemon);
  },
  title: (_provided, _daemon, described) => `defect 14: daemon that is ${described} throws TypeError, in the options and the setter`,
});

test(badDaemon, 1, 'a number (1)');
test(badDaemon, 'yes', "a string ('yes')");

test('null name and daemon in the options mean "not given", as Python\'s None; the setters refuse null', (t) => {
  const p = new Process({ target: returnNothing, name: null as never, daemon: null as never });
  t.regex(p.name, /^Process-\d+$/);
  t.false(p.daemon);
  t.throws(() => {
    p.name = null as never;
  }, { instanceOf: TypeError, message: 'name must be a string: Process.name was set to null' });
  t.throws(() => {
    p.daemon = null as never;
  }, { instanceOf: TypeError, message: 'daemon must be a boolean: Process.daemon was set to null' });
});

test('bad input: options that are not an object throw a TypeError that shows the call', (t) => {
  for (const options of [undefined, null, 'target', 42]) {
    t.throws(() => new Process(options as never), {
      instanceOf: TypeError,
      message: /^new Process\(options\): options must be an object such as \{ target, args \}, got /,
    });
  }
});

test('name and daemon can be set before start(); name also after, as Python allows (it is only a label)', async (t) => {
  const p = new Process({ target: sleepFor, args: [30_000] });
  cleanUp(t, p);
  p.name = 'before';
  p.daemon = true;
  t.is(p.name, 'before');
  t.true(p.daemon);
  p.start();
  p.name = 'after';
  t.is(p.name, 'after');
  t.throws(() => {
    p.daemon = false;
  }, { instanceOf: ProcessStateError, message: 'process has already started: set daemon before calling start()' });
  p.kill();
  await within(p.join(), PROMPT_MS, 'join() after kill()');
});

const badEnv = test.macro({
  exec(t: ExecutionContext, env: unknown, message: RegExp) {
    const before = children();
    const error = t.throws(() => new Process({ target: returnNothing, env: env as never }), { instanceOf: TypeError, message });
    t.deepEqual(children(), before);
    report(t, { section: 'bad-input', tried: `new Process({ env }) with env ${t.title.split(' env ')[1]}`, outcome: `TypeError: ${error?.message}` });
  },
  title: (provided) => `bad input: env ${provided} throws TypeError and starts nothing`,
});

// Serial, so that no other test's child is counted (ava runs serial tests before the others).
test.serial('that is a string', badEnv, 'PATH=/bin', /^options\.env must be an object of strings \(the child's whole environment\), got a string \('PATH=\/bin'\)$/);
test.serial('that is an array', badEnv, ['PATH=/bin'], /^options\.env must be an object of strings .*, got an array$/);
test.serial('that is null', badEnv, null, /^options\.env must be an object of strings .*, got null$/);
test.serial('with a number value', badEnv, { PORT: 8080 }, /^options\.env\.PORT must be a string, got a number \(8080\): environment variables are strings, so pass String\(value\)/);
test.serial('with a NUL byte in a value', badEnv, { A: 'x\0y' }, /^options\.env\.A holds a NUL byte, which no environment variable can hold$/);
test.serial('with "=" in a name', badEnv, { 'A=B': 'x' }, /^options\.env has an invalid variable name "A=B": a name cannot be empty or hold "=" or a NUL byte$/);

/** Runs `writeEnv` in a child with `options` and returns the environment it saw. */
async function envSeen(t: ExecutionContext, env?: Record<string, string | undefined>): Promise<Record<string, string>> {
  const file = join(tempDir(t), 'env.json');
  const p = new Process({ target: writeEnv, args: [file], ...(env === undefined ? {} : { env }) });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.is(p.exitCode, 0);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

const SECRET = 'MULTIPROC_TEST_SECRET';

test.serial('security: a child gets the parent\'s environment by default, as it is at start()', async (t) => {
  process.env[SECRET] = 'inherited';
  t.teardown(() => delete process.env[SECRET]);
  const seen = await envSeen(t);
  t.is(seen[SECRET], 'inherited');
  t.is(seen['PATH'], process.env['PATH'] ?? 'PATH unset in the parent');
  report(t, { section: 'security', tried: 'a Process started with no env option', outcome: 'the child saw the parent\'s environment (documented default)' });
});

test.serial('security: env gives the child exactly that environment: a variable left out is gone in the child', async (t) => {
  process.env[SECRET] = 'must not reach the child';
  t.teardown(() => delete process.env[SECRET]);
  const { [SECRET]: _left, ...rest } = process.env;
  const env = { ...rest, ONLY_FOR_THE_CHILD: 'given', UNSET_ME: undefined };
  const seen = await envSeen(t, env);
  t.false(SECRET in seen, 'the variable left out of env is not in the child');
  t.false('UNSET_ME' in seen, 'an undefined value means "not set", as in child_process');
  t.is(seen['ONLY_FOR_THE_CHILD'], 'given');
  const { UNSET_ME: _unset, ...expected } = env;
  t.deepEqual(seen, expected, 'the child has exactly the variables given, no more');
  report(t, {
    section: 'security',
    tried: 'a Process given env = the parent\'s environment minus one variable, plus one',
    outcome: 'the child saw exactly the variables given: the one left out was absent',
    figures: { 'variables given': Object.keys(expected).length, 'variables seen': Object.keys(seen).length },
  });
});

test.serial('env is copied when the Process is created: later changes to the object do not reach the child', async (t) => {
  const { [SECRET]: _left, ...rest } = process.env;
  const env: Record<string, string | undefined> = { ...rest };
  const file = join(tempDir(t), 'env.json');
  const p = new Process({ target: writeEnv, args: [file], env });
  cleanUp(t, p);
  env[SECRET] = 'added after the check';
  p.start();
  await within(p.join(), RUN_MS, 'join()');
  t.false(SECRET in (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
});
