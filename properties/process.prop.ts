/**
 * Process exit codes follow Python's model whatever the target does: for 1..3 processes started together, each
 * ending its own way, `exitCode` after join() is the model's (0, 1, n, -N), and `error` holds the thrown
 * error exactly when the target threw or rejected.
 */
import { fc } from '@fast-check/ava';
import test from 'ava';
import { Process, type TaskFunction } from './implementation.js';
import { assertNoOrphans } from '../test-support/no-orphans.js';
import { properties, within } from './harness.js';
import { type Ending, ENDINGS_GENERATOR, endings, expectedExitCode } from './process-model.js';
import { exitLater, exitWith, rejectLater, resolveLater, returnNothing, signalSelf, sleepFor, throwError } from './tasks.js';

const { property, writeRecord } = properties(import.meta, test);

/** The target and arguments that end a process this way. */
function targetOf(ending: Ending): { target: TaskFunction; args: unknown[] } {
  switch (ending.kind) {
    case 'return':
      return { target: returnNothing, args: [] };
    case 'resolve later':
      return { target: resolveLater, args: [ending.ms] };
    case 'throw':
      return { target: throwError, args: ['thrown on purpose'] };
    case 'reject later':
      return { target: rejectLater, args: [ending.ms] };
    case 'exit':
      return { target: exitWith, args: [ending.code] };
    case 'exit later':
      return { target: exitLater, args: [ending.code, ending.ms] };
    case 'signal itself':
      return { target: signalSelf, args: [ending.signal] };
    case 'parent terminate()':
    case 'parent kill()':
      return { target: sleepFor, args: [30_000] };
  }
}

const started = new Set<Process>();

property('exitCode after join() is the model’s: 0 returned, 1 threw, n for exit(n), -N for signal N', [fc.array(endings, { minLength: 1, maxLength: 3 })], async (t, plan) => {
  const processes = plan.map((ending) => {
    const { target, args } = targetOf(ending);
    return new Process({ target, args: args as never });
  });
  for (const p of processes) t.is(p.exitCode, null, 'exitCode is null before start()');
  processes.forEach((p, i) => {
    p.start();
    started.add(p);
    if (plan[i]!.kind === 'parent terminate()') p.terminate();
    if (plan[i]!.kind === 'parent kill()') p.kill();
  });
  await within(Promise.all(processes.map((p) => p.join())), `join() of ${plan.length} processes`);
  processes.forEach((p, i) => {
    const ending = plan[i]!;
    t.is(p.exitCode, expectedExitCode(ending), `process ${i} (${JSON.stringify(ending)})`);
    t.false(p.isAlive(), `process ${i} is not alive after join()`);
    const threw = ending.kind === 'throw' || ending.kind === 'reject later';
    t.is(p.error instanceof Error, threw, `process ${i}: error is kept exactly when the target threw`);
  });
}, { runs: 3, generators: [`1..3 processes, each one of the ${ENDINGS_GENERATOR}`] });

test.after.always('kill processes left running by a failed run', async () => {
  for (const p of started) if (p.exitCode === null) p.kill();
  await Promise.all([...started].map((p) => within(p.join(), 'join() after kill()', 10_000)));
});
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
