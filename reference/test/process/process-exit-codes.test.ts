import { constants } from 'node:os';
import test, { type ExecutionContext } from 'ava';
import { Process, type TaskFunction } from '../../src/index.js';
import {
  exitWith,
  killSelf,
  rejectRangeError,
  resolveLater,
  returnNothing,
  sleepFor,
  throwTypeError,
  throwValueError,
} from '../fixtures/tasks.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { cleanUp, PROMPT_MS, RUN_MS, within } from './helpers.js';
import { repoPath } from '../../../test-support/repo-paths.js';

assertNoOrphans(test);

/** Where a child's stack points: ava runs with --enable-source-maps, which children keep, so at the source. */
const FIXTURE_SOURCE = repoPath('reference', 'test', 'fixtures', 'tasks.ts');

/** Starts `target(...args)`, waits for the exit and returns the Process. */
async function run(t: ExecutionContext, target: TaskFunction, args: unknown[] = []): Promise<Process> {
  const p = new Process({ target, args });
  cleanUp(t, p);
  p.start();
  await within(p.join(), RUN_MS, `${target.name} to exit`);
  return p;
}

const exitsWith = test.macro({
  async exec(t: ExecutionContext, _how: string, target: TaskFunction, args: unknown[], expected: number) {
    const p = await run(t, target, args);
    t.is(p.exitCode, expected);
    t.false(p.isAlive());
  },
  title: (_provided, how, _target, _args, expected) => `exitCode is ${expected} ${how}`,
});

test(exitsWith, 'when the target returns', returnNothing, [], 0);
test(exitsWith, 'when an async target resolves', resolveLater, [50], 0);
test(exitsWith, 'when the target throws', throwTypeError, ['thrown'], 1);
test(exitsWith, 'when an async target rejects', rejectRangeError, ['rejected'], 1);
test(exitsWith, 'for process.exit(0)', exitWith, [0], 0);
test(exitsWith, 'for process.exit(3)', exitWith, [3], 3);
test(exitsWith, 'for process.exit(255)', exitWith, [255], 255);
// SIGUSR1 does not kill Node (it opens the inspector), so the self-inflicted signals are SIGUSR2 and SIGHUP.
test(exitsWith, 'for a target that kills itself with SIGUSR2', killSelf, ['SIGUSR2'], -constants.signals.SIGUSR2);
test(exitsWith, 'for a target that kills itself with SIGHUP', killSelf, ['SIGHUP'], -1);

const stopsWith = test.macro({
  async exec(t: ExecutionContext, method: 'terminate' | 'kill', expected: number) {
    const p = new Process({ target: sleepFor, args: [30_000] });
    cleanUp(t, p);
    p.start();
    await p.join(100);
    p[method]();
    await within(p.join(), PROMPT_MS, `join() after ${method}()`);
    t.is(p.exitCode, expected);
    // Signalling a child that has exited changes nothing.
    p.terminate();
    p.kill();
    t.is(p.exitCode, expected);
  },
  title: (_provided, method, expected) => `exitCode is ${expected} after ${method}()`,
});

test(stopsWith, 'terminate', -15);
test(stopsWith, 'kill', -9);

test('error holds the thrown error rebuilt with its class, message and the child stack', async (t) => {
  const p = await run(t, throwTypeError, ['bad input']);
  const { error } = p;
  t.true(error instanceof TypeError);
  t.is((error as Error).message, 'bad input');
  const stack = (error as Error).stack ?? '';
  t.true(stack.startsWith('TypeError: bad input\n'), stack);
  t.true(stack.includes(FIXTURE_SOURCE), stack);
  t.true(stack.endsWith(`--- raised in process ${p.name} (pid ${p.pid}), re-raised in the parent`), stack);
});

test('error holds the rejection of an async target, with its class', async (t) => {
  const p = await run(t, rejectRangeError, ['out of range']);
  t.true(p.error instanceof RangeError);
  t.is((p.error as Error).message, 'out of range');
  t.true(((p.error as Error).stack ?? '').includes(FIXTURE_SOURCE));
});

test('a user-defined error arrives as an Error with its name and own properties', async (t) => {
  const p = await run(t, throwValueError, ['Cannot process zero!']);
  const error = p.error as Error & { code?: string };
  t.true(error instanceof Error);
  t.is(error.name, 'ValueError');
  t.is(error.message, 'Cannot process zero!');
  t.is(error.code, 'E_VALUE');
});

test('error is undefined when the target succeeds or calls process.exit()', async (t) => {
  t.is((await run(t, returnNothing)).error, undefined);
  t.is((await run(t, exitWith, [3])).error, undefined);
});
