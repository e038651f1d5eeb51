import { expectEqual, expectTrue } from '../../harness/expect.js';
import { UNSENDABLE } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';

const rejection = (call: () => Promise<unknown>) => call().then((value: unknown) => ({ resolved: value }), (error: unknown) => error);
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : error);

export default defineRule({
  id: 'queue.put.unsendable-item-is-refused-in-the-caller',
  statement:
    'put() and put_nowait() of an item that cannot be sent to another process reject in the caller with an error (not ' +
    'Full), nothing is added, and the queue goes on working: nothing is dropped behind the caller\'s back.',
  source: 'beyond',
  cpython: {
    does: 'CPython\'s put returns at once; the feeder thread fails to pickle the item later, prints the error and drops the item.',
    failure: /no error|resolved/,
  },
  needs: ['queue', 'queue.bounded'],
  async check(session) {
    const queue = await session.createQueue!({ maxsize: 2 });
    const calls: [string, () => Promise<unknown>][] = [
      ['put(an unsendable item)', () => queue.put(UNSENDABLE)],
      ['putNowait(an unsendable item)', () => queue.putNowait(UNSENDABLE)],
      ['put([1, {nested: an unsendable item}])', () => queue.put([1, { nested: UNSENDABLE }])],
    ];
    for (const [what, call] of calls) {
      const error = await rejection(call);
      expectTrue(error instanceof Error && error.name !== 'Full' && error.name !== 'Empty', `${what} rejects in the caller with an Error other than Full`, describe(error));
    }
    expectEqual(await queue.qsize(), 0, 'qsize() after the refused puts');
    await queue.put('a');
    await queue.put('b');
    expectEqual([await queue.get({ timeoutMs: 10_000 }), await queue.get({ timeoutMs: 10_000 })], ['a', 'b'], 'the two items put afterwards, into Queue(maxsize=2)');
  },
});
