/**
 * Issue 16: the Python habit of calling pool.map() for its results, without `await`. The pool is terminated
 * with the work running; the program is told, once, in words that name the fix, and ends with exit code 1,
 * instead of dying of an unhandled PoolTerminatedError whose stack points into the pool.
 */
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { RUN_MS, runScript, within } from './helpers.js';

assertNoOrphans(test);

const ONE_SECOND = 1000;

test('first hour: pool.map() without await says "did you forget `await`?" once, and the program exits with 1', async (t) => {
  const run = runScript(t, 'forgotten-await');
  const report = (await within(run.report, RUN_MS, 'the script to report')) as { shown: string; terminatedAt: number; saidAt?: number };
  const ending = await within(run.exited, RUN_MS, 'the script to exit');
  const stderr = run.stderr();
  t.is(report.shown, 'Promise { <pending> }', 'console.log shows the promise as a plain pending Promise');
  t.deepEqual({ code: ending.code, signal: ending.signal }, { code: 1, signal: null }, stderr);
  const said = stderr.match(/did you forget `await`\?/g) ?? [];
  t.is(said.length, 1, `said once for three forgotten calls; stderr:\n${stderr}`);
  t.regex(stderr, /multiproc: pool\.(map|starmap|apply)\(\) was still running when its pool was terminated/);
  t.regex(stderr, /const results = await pool\.\w+\(…\)/, 'names the fix');
  t.notRegex(stderr, /PoolTerminatedError|at Pool\.terminate/, 'no unhandled-rejection crash with the pool\'s stack');
  t.true(report.saidAt !== undefined && report.saidAt - report.terminatedAt < ONE_SECOND, 'said within a second of terminate()');
});

test('a promise awaited right after terminate() was not forgotten: it rejects with PoolTerminatedError and nothing is said', async (t) => {
  const run = runScript(t, 'awaited-after-terminate');
  const report = await within(run.report, RUN_MS, 'the script to report');
  const ending = await within(run.exited, RUN_MS, 'the script to exit');
  t.deepEqual(report, { error: 'PoolTerminatedError' });
  t.deepEqual({ code: ending.code, signal: ending.signal }, { code: 0, signal: null }, run.stderr());
  t.notRegex(run.stderr(), /forget/);
});

test('a promise awaited only after the pool\'s join() was awaited after all: the program exits with 0', async (t) => {
  const run = runScript(t, 'awaited-after-join');
  const report = await within(run.report, RUN_MS, 'the script to report');
  const ending = await within(run.exited, RUN_MS, 'the script to exit');
  t.deepEqual(report, { error: 'PoolTerminatedError' });
  t.deepEqual({ code: ending.code, signal: ending.signal }, { code: 0, signal: null }, run.stderr());
});
