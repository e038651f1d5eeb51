/**
 * The properties again, on CPython's real multiprocessing through the conformance driver, where it supports
 * the operation: catalog tasks (square, power, risky, recordInit, getPid, exitWith, killSelf, …) on values
 * that JSON carries exactly. CPython is the ground truth: a property failing here is a wrong model, not a
 * wrong implementation. Skipped, with the reason in the title, when python3 is missing.
 */
import { constants } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc } from '@fast-check/ava';
import test from 'ava';
import type { ProcessOptions } from '../conformance/harness/implementation.js';
import { assertNoOrphans } from '../test-support/no-orphans.js';
import { inputs, processCounts } from './arbitraries.js';
import { CpythonSessions, PYTHON_MISSING } from './cpython.js';
import { properties, within } from './harness.js';
import { LIFECYCLE_GENERATOR, lifecycleCommands, type LifecyclePool, runLifecycle } from './lifecycle-model.js';
import { type Ending, ENDINGS_GENERATOR, endings, expectedExitCode } from './process-model.js';

const { property, writeRecord } = properties(import.meta, test);
const python = new CpythonSessions();
const skip = PYTHON_MISSING;

/** Numbers JSON carries exactly both ways and whose squares Python and JS compute alike. */
const jsonNumbers = fc.oneof(fc.integer({ min: -(2 ** 26), max: 2 ** 26 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const JSON_NUMBERS = 'integer |x| ≤ 2^26, double |x| ≤ 1e6';
const chunk = fc.option(fc.integer({ min: 1, max: 13 }), { nil: undefined });
const size = (chunksize: number | undefined, n: number) => (chunksize === undefined ? undefined : Math.min(chunksize, n + 1));
const CASE = [processCounts.name, 'chunksize 1..n+1 or default'];
const square = (x: number) => x * x;

property('CPython: map(square, xs, chunksize) ≡ xs.map(square)', [processCounts.arb, inputs(jsonNumbers, 16), chunk], async (t, processes, xs, c) => {
  const pool = await python.pool('map', processes);
  t.deepEqual(await within(pool.map('square', xs, size(c, xs.length)), 'CPython map'), xs.map(square));
}, { runs: 15, skip, generators: [JSON_NUMBERS, ...CASE] });

property('CPython: starmap(power, pairs, chunksize) ≡ pairs.map(([b, e]) => b ** e)', [processCounts.arb, inputs(fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 0, max: 8 })), 16), chunk], async (t, processes, pairs, c) => {
  const pool = await python.pool('starmap', processes);
  t.deepEqual(await within(pool.starmap('power', pairs, size(c, pairs.length)), 'CPython starmap'), pairs.map(([b, e]) => b ** e));
}, { runs: 15, skip, generators: ['(base -10..10, exponent 0..8) pairs', ...CASE] });

property('CPython: imap ≡ map in order, imapUnordered a permutation of it', [processCounts.arb, inputs(jsonNumbers, 16), chunk], async (t, processes, xs, c) => {
  const pool = await python.pool('imap', processes);
  const ordered = await within(pool.imap('square', xs, size(c, xs.length)), 'CPython imap');
  const unordered = await within(pool.imapUnordered('square', xs, size(c, xs.length)), 'CPython imap_unordered');
  t.deepEqual(ordered, { values: xs.map(square) });
  const sort = (list: unknown[]) => [...(list as number[])].sort((a, b) => a - b);
  t.deepEqual(sort(unordered.values), sort(xs.map(square)));
  t.is(unordered.error, undefined);
}, { runs: 15, skip, generators: [JSON_NUMBERS, ...CASE] });

property('CPython: applyAsync(square, [x]) for each, collected ≡ sequential', [processCounts.arb, inputs(jsonNumbers, 8)], async (t, processes, xs) => {
  const pool = await python.pool('applyAsync', processes);
  const results = await Promise.all(xs.map((x) => pool.applyAsync('square', [x])));
  t.deepEqual(await within(Promise.all(results.map((r) => r.get())), 'CPython AsyncResult.get()'), xs.map(square));
}, { runs: 15, skip, generators: [processCounts.name, JSON_NUMBERS] });

property('CPython: map(risky) rejects iff some item is 0, with its ValueError', [processCounts.arb, inputs(fc.integer({ min: -3, max: 3 }), 16), chunk], async (t, processes, xs, c) => {
  const pool = await python.pool('risky', processes);
  const got = await within(pool.map('risky', xs, size(c, xs.length)).then((value) => ({ value }), (error: Error) => ({ error })), 'CPython map(risky)');
  if (!xs.includes(0)) {
    t.deepEqual(got, { value: xs.map((x) => 100 / x) });
  } else if ('error' in got) {
    t.is(got.error.name, 'ValueError');
    t.is(got.error.message, 'Cannot process zero!');
  } else {
    t.fail('map resolved although an item is 0');
  }
}, { runs: 15, skip, generators: ['integer -3..3 (0 raises)', ...CASE] });

property('CPython: Pool life cycle follows the model of Python’s state machine', [fc.integer({ min: 1, max: 2 }), lifecycleCommands], async (t, processes, commands) => {
  const session = await python.session('lifecycle');
  const pool = await within(session.createPool!({ processes }), 'creating a CPython pool');
  const lifecycle: LifecyclePool = {
    map: (xs) => pool.map('square', xs),
    apply: (x) => pool.apply('square', [x]),
    applyAsync: async (x) => {
      const result = await pool.applyAsync('square', [x]);
      return { get: (ms) => result.get(ms), ready: () => result.ready() };
    },
    close: () => pool.close(),
    terminate: () => pool.terminate(),
    join: () => pool.join(),
    terminateSettles: false,
  };
  try {
    await runLifecycle(t, lifecycle, commands);
  } finally {
    await within(pool.terminate().then(() => pool.join()), 'terminate() and join() of a CPython pool');
  }
}, { runs: 15, skip, generators: ['processes 1..2', LIFECYCLE_GENERATOR] });

const dir = mkdtempSync(join(tmpdir(), 'multiproc-cpython-prop-'));
let runNumber = 0;
const initCase = fc.record({
  processes: fc.integer({ min: 1, max: 3 }),
  maxTasksPerChild: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  tasks: fc.integer({ min: 0, max: 8 }),
  chunksize: fc.integer({ min: 1, max: 3 }),
});

property('CPython: the initializer runs once in every worker, before its tasks (all started workers, without maxtasksperchild)', [initCase], async (t, { processes, maxTasksPerChild, tasks, chunksize }) => {
  const session = await python.session('initializer');
  const file = join(dir, `run-${++runNumber}.pids`);
  const pool = await within(session.createPool!({ processes, initializer: 'recordInit', initargs: [file, 'init'], ...(maxTasksPerChild === undefined ? {} : { maxTasksPerChild }) }), 'creating a CPython pool');
  const pids = (await within(pool.map('getPid', Array.from({ length: tasks }, (_, i) => i), chunksize), 'CPython map(getPid)')) as number[];
  await within(pool.close().then(() => pool.join()), 'close() and join() of a CPython pool');
  const initPids = readFileSync(file, { encoding: 'utf8', flag: 'a+' }).split('\n').filter((line) => line !== '').map((line) => Number(line.split(' ')[0]));
  t.is(new Set(initPids).size, initPids.length, 'no worker ran the initializer twice');
  t.true(pids.every((pid) => initPids.includes(pid)), 'every task ran in a worker that ran the initializer');
  // Without maxtasksperchild Python starts exactly `processes` workers, even when closed at once.
  if (maxTasksPerChild === undefined) t.is(initPids.length, processes, 'initializer runs = workers started');
  else t.true(initPids.length >= Math.max(processes, Math.ceil(Math.ceil(tasks / chunksize) / maxTasksPerChild)));
}, {
  runs: 10,
  skip,
  generators: ['processes 1..3', 'maxTasksPerChild 1..5 or none', 'tasks 0..8', 'chunksize 1..3'],
  examples: [[{ processes: 1, maxTasksPerChild: undefined, tasks: 0, chunksize: 1 }]],
});

/** Python turns SIGINT into KeyboardInterrupt, which ends the process with exit code 1, not -2. */
const pythonExitCode = (ending: Ending) => (ending.kind === 'signal itself' && ending.signal === 'SIGINT' ? 1 : expectedExitCode(ending));

function pythonTarget(ending: Ending): ProcessOptions {
  switch (ending.kind) {
    case 'return': return { target: 'noop' };
    case 'resolve later': return { target: 'sleepFor', args: [ending.ms] };
    case 'throw':
    case 'reject later': return { target: 'raiseError', args: ['raised on purpose'] };
    case 'exit': return { target: 'exitWith', args: [ending.code] };
    case 'exit later': return { target: 'sleepThenExit', args: [ending.ms, ending.code] };
    case 'signal itself': return { target: 'killSelf', args: [constants.signals[ending.signal]] };
    case 'parent terminate()':
    case 'parent kill()': return { target: 'sleepFor', args: [30_000] };
  }
}

property('CPython: exitcode is the model’s (0, 1, n, -N; SIGINT → 1 through KeyboardInterrupt)', [fc.array(endings, { minLength: 1, maxLength: 3 })], async (t, plan) => {
  const session = await python.session('process');
  const handles = await Promise.all(plan.map((ending) => session.createProcess(pythonTarget(ending))));
  for (const [i, handle] of handles.entries()) {
    await handle.start();
    if (plan[i]!.kind === 'parent terminate()') await handle.terminate();
    if (plan[i]!.kind === 'parent kill()') await handle.kill();
  }
  for (const [i, handle] of handles.entries()) {
    await within(handle.join(), `CPython join() of ${JSON.stringify(plan[i])}`);
    t.is(await handle.exitCode(), pythonExitCode(plan[i]!), JSON.stringify(plan[i]));
  }
}, { runs: 8, skip, generators: [`1..3 processes, each one of the ${ENDINGS_GENERATOR}`] });

test.after.always('close the CPython sessions (kills their process groups)', () => python.closeAll());
test.after.always('remove the pid files', () => rmSync(dir, { recursive: true, force: true }));
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
