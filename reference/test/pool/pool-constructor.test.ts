/**
 * What `new Pool(…)` accepts (issue 14, defect 9): Python's positional process count, and a clear error, before
 * any process starts, for every argument it used to ignore silently.
 */
import test from 'ava';
import { cpuCount, Pool } from '../../src/index.js';
import { descendantsOf } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { square } from './fixtures/pool-tasks.js';
import { cleanUp, RUN_MS, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** Any count but the default, so a positional count that is ignored shows. */
const processes = cpuCount() + 1;

test.serial(`defect 9: new Pool(${processes}) starts ${processes} workers, as Python's Pool(${processes})`, async (t) => {
  const pool = new Pool(processes);
  cleanUp(t, pool);
  t.is(pool.processes, processes);
  t.is((await workerPids(pool)).length, processes);
  t.deepEqual(await within(pool.map(square, [1, 2, 3]), RUN_MS, 'map'), [1, 4, 9]);
  report(t, {
    section: 'defect',
    defect: 9,
    tried: `new Pool(${processes}) (Python's positional processes)`,
    outcome: `${processes} workers, as Python`,
  });
});

test.serial('new Pool(null), new Pool(undefined) and new Pool() start cpuCount() workers, as Python\'s Pool(None)', async (t) => {
  for (const pool of [new Pool(null), new Pool(undefined), new Pool(), new Pool({ processes: null })]) {
    cleanUp(t, pool);
    t.is(pool.processes, cpuCount());
  }
});

type Expected = { readonly instanceOf: typeof TypeError | typeof RangeError; readonly message: RegExp };
const cases: readonly (readonly [string, () => Pool, Expected])[] = [
  ['new Pool(0)', () => new Pool(0), { instanceOf: RangeError, message: /^Number of processes must be at least 1: processes is 0; / }],
  ['new Pool(-2)', () => new Pool(-2), { instanceOf: RangeError, message: /^Number of processes must be at least 1: processes is -2; / }],
  ['new Pool(1.5)', () => new Pool(1.5), { instanceOf: RangeError, message: /^Number of processes must be a whole number: processes is 1\.5; / }],
  ['new Pool(NaN)', () => new Pool(Number.NaN), { instanceOf: RangeError, message: /^Number of processes must be a whole number: processes is NaN; / }],
  ['new Pool(Infinity)', () => new Pool(Infinity), { instanceOf: RangeError, message: /processes is Infinity; / }],
  ['new Pool("x")', () => new Pool('x' as never), { instanceOf: TypeError, message: /^new Pool\(\) takes a number of processes or an options object, got a string \('x'\); / }],
  ['new Pool("4")', () => new Pool('4' as never), { instanceOf: TypeError, message: /got a string \('4'\); / }],
  ['new Pool(true)', () => new Pool(true as never), { instanceOf: TypeError, message: /got a boolean \(true\); / }],
  ['new Pool([2])', () => new Pool([2] as never), { instanceOf: TypeError, message: /got an array; / }],
  ['new Pool(2, init, [1])', () => new (Pool as any)(2, square, [1]), {
    instanceOf: TypeError,
    message: /^new Pool\(\) takes only the number of processes by position, got 3 arguments; pass the others by name: new Pool\(\{ processes, initializer, initargs, maxTasksPerChild \}\)$/,
  }],
  ['new Pool({ processes: "4" })', () => new Pool({ processes: '4' as never }), { instanceOf: TypeError, message: /^options\.processes must be a number of worker processes, got a string \('4'\); / }],
  ['new Pool({ processes: 0 })', () => new Pool({ processes: 0 }), { instanceOf: RangeError, message: /^Number of processes must be at least 1: options\.processes is 0; / }],
  ['new Pool({ processes: NaN })', () => new Pool({ processes: Number.NaN }), { instanceOf: RangeError, message: /options\.processes is NaN; / }],
  ['new Pool({ maxtasksperchild: 2 })', () => new Pool({ maxtasksperchild: 2 } as never), {
    instanceOf: TypeError,
    message: /^new Pool\(\) got an unexpected option "maxtasksperchild" \(did you mean maxTasksPerChild\?\); the options are processes, initializer, initargs, maxTasksPerChild, /,
  }],
  ['new Pool({ procs: 2 })', () => new Pool({ procs: 2 } as never), { instanceOf: TypeError, message: /^new Pool\(\) got an unexpected option "procs"; the options are / }],
  ['new Pool({ maxTasksPerChild: "2" })', () => new Pool({ maxTasksPerChild: '2' as never }), { instanceOf: TypeError, message: /^maxtasksperchild must be a positive int or null: options\.maxTasksPerChild is a string \('2'\)$/ }],
  ['new Pool({ initargs: "ab" })', () => new Pool({ initargs: 'ab' as never }), { instanceOf: TypeError, message: /^options\.initargs must be an array of the initializer's arguments, got a string \('ab'\)$/ }],
];

for (const [call, make, expected] of cases) {
  test.serial(`bad input: ${call} throws ${expected.instanceOf.name} and starts no process`, (t) => {
    const before = descendantsOf().length;
    const error = t.throws(make, expected);
    t.is(descendantsOf().length, before, 'no process was started');
    report(t, { section: 'bad-input', tried: call, outcome: `${error!.name}: ${error!.message}` });
  });
}
