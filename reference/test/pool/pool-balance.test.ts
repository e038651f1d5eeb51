/**
 * Slow work stays balanced (issue 20's scheduling defect): a worker is not handed a second chunk of a function no
 * chunk of which has been timed yet, and a quick function's timing does not let a slow one pile up. Checked by where
 * the work ran and in which order it came back, never by how long it took.
 */
import test from 'ava';
import { Pool } from '../../src/index.js';
import { pidAfter, square, valueAfter } from './fixtures/pool-tasks.js';
import { cleanUp, RUN_MS, within, workerPids } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/**
 * Both workers started, by a task of another function: on a loaded machine a worker may take longer to start than
 * a slow item takes to run, and then the started one rightly takes the next item.
 */
async function started(pool: Pool): Promise<void> {
  await within(pool.map(valueAfter, [[0, 300], [0, 300]] as [number, number][], 1), RUN_MS, 'map(valueAfter) to start both workers');
}

test('a pool runs the two slow items of map(pidAfter, [1500, 30, 1500, 30], 1), a function not yet timed, on different workers', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  await started(pool);
  const [slow1, , slow2] = await within(pool.map(pidAfter, [1500, 30, 1500, 30], 1), RUN_MS, 'map(pidAfter)');
  t.not(slow1, slow2, 'the second slow item waited behind the first on one worker while the other sat idle');
});

test('imapUnordered over [slow, fast, mid] on 2 workers yields in completion order: fast, mid, slow', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  await workerPids(pool);
  const seen: number[] = [];
  await within((async () => {
    for await (const value of pool.imapUnordered(valueAfter, [[1, 1500], [2, 10], [3, 150]] as [number, number][], 1)) seen.push(value);
  })(), RUN_MS, 'imapUnordered');
  t.deepEqual(seen, [2, 3, 1]);
});

test('after thousands of quick chunks of one function, a slow function\'s chunks are still handed out one at a time', async (t) => {
  const pool = new Pool(2);
  cleanUp(t, pool);
  const xs = [...Array(5000).keys()];
  t.deepEqual(await within(pool.map(square, xs, 1), RUN_MS, 'map(square)'), xs.map(square));
  const [slow1, , slow2] = await within(pool.map(pidAfter, [1500, 30, 1500, 30], 1), RUN_MS, 'map(pidAfter)');
  t.not(slow1, slow2, 'the quick function\'s window let the slow items pile up on one worker');
});
