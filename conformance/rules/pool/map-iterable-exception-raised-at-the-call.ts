import { expectEqual, expectRejects, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

const failing = { failingAfter: 3, items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };

export default defineRule({
  id: 'pool.map.iterable-exception-raised-at-the-call',
  statement:
    'When the input iterator raises, map, starmap and map_async raise that exception (ValueError here) from the call itself, since they list their input first, and the pool stays usable.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: Pool._map_async lists the iterable before submitting',
  needs: ['pool', 'pool.input'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      for (const method of ['map', 'starmap', 'mapAsync'] as const) {
        const task = method === 'starmap' ? 'power' : 'square';
        const input = method === 'starmap' ? { ...failing, items: failing.items.map((x) => [x, 2]) } : failing;
        const what = `${method}(${task}, an iterator that raises ValueError after 3 items)`;
        const error = await expectRejects(() => pool.withInput!(method, task, input), /input failed after 3 items/, what, 10_000);
        expectTrue(error instanceof Error && error.name === 'ValueError', `${what} raised a ValueError`, `${error.name}`);
      }
      // At the very first item, twice: the pool is not left in a state that breaks the next such call.
      for (const attempt of ['', ' again']) {
        const what = `map(square, an iterator that raises at once)${attempt}`;
        const error = await expectRejects(() => pool.withInput!('map', 'square', { failingAfter: 0, items: [1] }, 1), /input failed after 0 items/, what, 10_000);
        expectTrue(error instanceof Error && error.name === 'ValueError', `${what} raised a ValueError`, `${error.name}`);
      }
      expectEqual(await pool.map('square', [1, 2, 3]), [1, 4, 9], 'map(square, [1, 2, 3]) afterwards');
    });
  },
});
