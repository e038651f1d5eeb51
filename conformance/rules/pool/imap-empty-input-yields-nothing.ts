import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { settlesWithin } from '../../harness/settles-within.js';
import { RuleFailure } from '../../harness/expect.js';
import { withPool } from '../../harness/with-pool.js';

export default defineRule({
  id: 'pool.imap.empty-input-yields-nothing',
  statement:
    'imap and imap_unordered over an empty list or an empty generator end at once with nothing, starmap_async over [] gives [], and the pool then closes and joins.',
  source: 'python-docs',
  python: 'Lib/multiprocessing/pool.py: IMapIterator._set_length (test_empty_iterable)',
  needs: ['pool', 'pool.imap', 'pool.input'],
  timeoutMs: 60_000,
  async check(session) {
    await withPool(session, { processes: 1 }, async (pool) => {
      const within = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
        const promise = call();
        if (!(await settlesWithin(promise.then(() => undefined, () => undefined), 10_000))) throw new RuleFailure(what, 'done within 10000 ms', 'still pending');
        return promise;
      };
      expectEqual(await within('imap(square, [])', () => pool.imap('square', [])), { values: [] }, 'imap(square, [])');
      expectEqual(await within('imap_unordered(square, [])', () => pool.imapUnordered('square', [])), { values: [] }, 'imap_unordered(square, [])');
      expectEqual(await within('imap(square, empty generator)', () => pool.withInput!('imap', 'square', { generator: [] })), { values: [] }, 'imap(square, an empty generator)');
      expectEqual(
        await within('imap_unordered(square, empty generator)', () => pool.withInput!('imapUnordered', 'square', { generator: [] })),
        { values: [] },
        'imap_unordered(square, an empty generator)',
      );
      expectEqual(await within('map(square, empty generator)', () => pool.withInput!('map', 'square', { generator: [] })), [], 'map(square, an empty generator)');
      const result = await pool.starmapAsync('power', []);
      expectEqual(await result.get(10_000), [], 'starmap_async(power, []).get(10000)');
      await pool.close();
      await within('join() after close()', () => pool.join());
    });
  },
});
