import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.map.takes-an-async-iterable',
  statement:
    'map, starmap, imap and imapUnordered also take an async iterable (a stream, an async generator) and give the same results as for the list of its items.',
  source: 'beyond',
  cpython: {
    does: 'CPython has no async iterables: its Pool methods take sync iterables only (the driver does not claim pool.input.async).',
    failure: /does not claim pool\.input\.async/,
  },
  needs: ['pool', 'pool.imap', 'pool.input', 'pool.input.async'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 2 }, async (pool) => {
      const items = [1, 2, 3, 4, 5];
      const squares = [1, 4, 9, 16, 25];
      expectEqual(await pool.withInput!('map', 'square', { asyncIterable: items }), squares, 'map(square, an async iterable of 1..5)');
      expectEqual(await pool.withInput!('map', 'square', { asyncIterable: items }, 2), squares, 'map(square, an async iterable of 1..5, 2)');
      expectEqual(await pool.withInput!('starmap', 'power', { asyncIterable: [[2, 3], [3, 2]] }), [8, 9], 'starmap(power, an async iterable of (2, 3), (3, 2))');
      expectEqual(await pool.withInput!('imap', 'square', { asyncIterable: items }, 2), { values: squares }, 'imap(square, an async iterable of 1..5, 2)');
      const unordered = await pool.withInput!('imapUnordered', 'square', { asyncIterable: items });
      expectEqual([...unordered.values].sort((a, b) => Number(a) - Number(b)), squares, 'imapUnordered(square, an async iterable of 1..5), sorted');
    });
  },
});
