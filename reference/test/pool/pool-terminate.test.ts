/**
 * terminate() against workers that do not stop on SIGTERM (issue 14, defect 8): SIGTERM first, SIGKILL after
 * the grace period, so join() and `await using` always end.
 */
import { join } from 'node:path';
import test from 'ava';
import { Pool, PoolTerminatedError } from '../../src/index.js';
import { descendantsOf } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { cleanUpOnSigterm, ignoreSigterm, ignoreSigtermThenBlock, ignoreSigtermThenHang } from './fixtures/misbehaving-tasks.js';
import { killLeftoversAtEnd } from './fault-helpers.js';
import { cleanUp, isGone, linesOf, PROMPT_MS, RUN_MS, sleep, tempDir, waitFor, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

test.serial('defect 8: terminate() ends workers whose task ignores SIGTERM (idle loop or blocked loop) with SIGKILL after terminateGraceMs', async (t) => {
  const graceMs = 300;
  const pool = new Pool({ processes: 2, terminateGraceMs: graceMs });
  cleanUp(t, pool);
  killLeftoversAtEnd(t);
  const file = join(tempDir(t), 'started');
  // One worker waits for ever with its event loop free, the other is stuck in a synchronous loop; both ignore SIGTERM.
  const hanging = pool.applyAsync(ignoreSigtermThenHang, [file]);
  const blocked = pool.applyAsync(ignoreSigtermThenBlock, [file]);
  await waitFor(() => linesOf(file).length === 2, RUN_MS, 'both tasks to start');
  const pids = linesOf(file).map(Number);
  t.is(new Set(pids).size, 2, 'the two tasks run in different workers');

  const started = performance.now();
  pool.terminate();
  await sleep(graceMs / 2);
  t.true(pids.every((pid) => !isGone(pid)), 'SIGTERM alone does not end them');
  await within(pool.join(), graceMs + PROMPT_MS, 'join() after terminate()');
  const joinMs = performance.now() - started;
  t.true(pids.every(isGone), 'both workers are gone once join() resolves');
  for (const result of [hanging, blocked]) {
    await t.throwsAsync(within(result.get(), PROMPT_MS, 'get()'), { instanceOf: PoolTerminatedError });
  }
  report(t, {
    section: 'defect',
    defect: 8,
    tried: 'terminate() with one task ignoring SIGTERM and waiting for ever, another ignoring it in a synchronous loop',
    outcome: `both workers SIGKILLed after terminateGraceMs; join() resolved; results rejected with PoolTerminatedError`,
    figures: { terminateGraceMs: graceMs, 'terminate → join resolved (ms)': Math.round(joinMs) },
  });
});

test.serial('defect 8: `await using` ends with the default grace period when a worker ignores SIGTERM', async (t) => {
  killLeftoversAtEnd(t);
  let pid = 0;
  const started = { at: 0 };
  await within(
    (async () => {
      await using pool = new Pool({ processes: 1 });
      pid = await pool.apply(ignoreSigterm, []);
      started.at = performance.now();
    })(),
    RUN_MS,
    'the `await using` scope',
  );
  const disposeMs = performance.now() - started.at;
  t.true(isGone(pid), `worker ${pid} is gone when the scope ends`);
  report(t, {
    section: 'defect',
    defect: 8,
    tried: '`await using` a pool whose idle worker ignores SIGTERM (default terminateGraceMs)',
    outcome: 'the scope ended once the worker was SIGKILLed',
    figures: { 'dispose (ms)': Math.round(disposeMs) },
  });
});

test.serial('terminate() sends SIGTERM first: a task that cleans up on SIGTERM does so within the grace period', async (t) => {
  const pool = new Pool({ processes: 1, terminateGraceMs: 60_000 });
  cleanUp(t, pool);
  killLeftoversAtEnd(t);
  const file = join(tempDir(t), 'cleaned');
  const pid = await within(pool.apply(cleanUpOnSigterm, [file]), RUN_MS, 'apply');
  pool.terminate();
  // Far sooner than the grace period: the worker left on SIGTERM, it was not killed.
  await within(pool.join(), PROMPT_MS, 'join() after terminate()');
  t.deepEqual(linesOf(file), [`cleaned ${pid}`]);
});

test.serial('terminateGraceMs: Infinity never escalates, as Python: join() waits until the worker exits', async (t) => {
  const pool = new Pool({ processes: 1, terminateGraceMs: Infinity });
  cleanUp(t, pool);
  killLeftoversAtEnd(t);
  const pid = await within(pool.apply(ignoreSigterm, []), RUN_MS, 'apply');
  pool.terminate();
  let joined = false;
  const joining = pool.join().then(() => (joined = true));
  await sleep(1200); // past the default grace period (1000 ms)
  t.false(joined, 'join() still waits');
  t.false(isGone(pid), 'the worker still runs');
  process.kill(pid, 'SIGKILL');
  await within(joining, PROMPT_MS, 'join() once the worker is killed');
  t.true(joined);
});

for (const [value, error] of [
  [-1, { instanceOf: RangeError, message: /^options\.terminateGraceMs must be a non-negative number of milliseconds .*, got -1$/ }],
  [Number.NaN, { instanceOf: RangeError, message: /options\.terminateGraceMs .*got NaN$/ }],
  ['1000', { instanceOf: TypeError, message: /options\.terminateGraceMs .*got a string \('1000'\)$/ }],
] as const) {
  test.serial(`bad input: new Pool({ terminateGraceMs: ${String(value)} }) throws ${error.instanceOf.name} and starts no process`, (t) => {
    const before = descendantsOf().length;
    const thrown = t.throws(() => new Pool({ processes: 1, terminateGraceMs: value as number }), error);
    t.is(descendantsOf().length, before, 'no process was started');
    report(t, { section: 'bad-input', tried: `new Pool({ terminateGraceMs: ${String(value)} })`, outcome: `${thrown!.name}: ${thrown!.message}` });
  });
}
