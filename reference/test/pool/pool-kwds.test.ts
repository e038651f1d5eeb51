import test from 'ava';
import { Pool } from '../../src/index.js';
import { argumentsSeen, scaled } from './fixtures/pool-tasks.js';
import { PROMPT_MS, RUN_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

const pool = new Pool({ processes: 1 });
test.after.always('terminate the shared pool', async () => {
  pool.terminate();
  await within(pool.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

test('apply(fn, args, kwds) calls fn(...args, kwds), as Python calls func(*args, **kwds)', async (t) => {
  t.is(await within(pool.apply(scaled, [2], { scale: 3, offset: 1 }), RUN_MS, 'apply'), 7);
});

test('a keyword left out of kwds keeps its default', async (t) => {
  t.is(await within(pool.apply(scaled, [2], { offset: 5 }), RUN_MS, 'apply'), 7);
  t.is(await within(pool.apply(scaled, [2]), RUN_MS, 'apply without kwds'), 2);
});

test('the task receives kwds as one more, last, argument; without kwds no argument is added', async (t) => {
  t.deepEqual(await within(pool.apply(argumentsSeen, [1, 'a'], { k: true }), RUN_MS, 'apply with kwds'), [1, 'a', { k: true }]);
  t.deepEqual(await within(pool.apply(argumentsSeen, [1, 'a']), RUN_MS, 'apply without kwds'), [1, 'a']);
});

test('applyAsync(fn, args, { kwds, callback }) gives fn(...args, kwds) to get() and to the callback', async (t) => {
  const seen: number[] = [];
  const result = pool.applyAsync(scaled, [2], { kwds: { scale: 3 }, callback: (value) => seen.push(value) });
  t.is(await within(result.get(), RUN_MS, 'get'), 6);
  t.deepEqual(seen, [6]);
});

test('bad input: kwds that is not a plain object is refused with a TypeError naming kwds', async (t) => {
  await t.throwsAsync(pool.apply(scaled, [2], [3] as never), { instanceOf: TypeError, message: /kwds must be a plain object/ });
  t.throws(() => pool.applyAsync(scaled, [2], { kwds: new Map() as never }), { instanceOf: TypeError, message: /kwds must be a plain object/ });
});

test('bad input: applyAsync with Python\'s kwargs spelling is told to write kwds', (t) => {
  t.throws(() => pool.applyAsync(scaled, [2], { kwargs: { scale: 2 } } as never), { instanceOf: TypeError, message: /unexpected option "kwargs" \(did you mean kwds\?\)/ });
});
