import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { UNSENDABLE } from '../../harness/implementation.js';
import { defineRule } from '../../harness/rule.js';

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export default defineRule({
  id: 'queue.put.unsendable-item-is-dropped-and-later-items-arrive',
  statement:
    'put() of an item that cannot be pickled returns without an error; the item is dropped (the feeder thread prints ' +
    'the error), it no longer counts in qsize(), and the items put after it still arrive, in a bounded queue too.',
  source: 'python-docs',
  // CPython's test_queue_feeder_donot_stop_onexc (bpo-30414, bpo-33078): Queue._feed catches the pickling error,
  // releases the item's slot and calls _on_queue_feeder_error, which prints the traceback.
  python: 'Lib/multiprocessing/queues.py: Queue._feed prints a pickling error, drops the item and goes on with the next',
  needs: ['queue', 'queue.bounded'],
  timeoutMs: 60_000,
  async check(session) {
    const queue = await session.createQueue!();
    const refused = await queue.put(UNSENDABLE).then(() => undefined, describe);
    expectEqual(refused, undefined, 'what put(an unsendable item) raised');
    await queue.put('after');
    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'after', 'get() after put(unsendable), put("after")');
    expectEqual(await eventually(() => queue.qsize(), (n) => n === 0, 5000), 0, 'qsize() once "after" was got (the unsendable item is not counted)');

    const bounded = await session.createQueue!({ maxsize: 1 });
    expectEqual(await bounded.put(UNSENDABLE).then(() => undefined, describe), undefined, 'what put(an unsendable item) on Queue(maxsize=1) raised');
    // The dropped item gives its slot back: this put finds room (its bound only stops a queue that never does).
    expectEqual(await bounded.put(true, { timeoutMs: 10_000 }).then(() => undefined, describe), undefined, 'put(true, {timeoutMs: 10000}) after it');
    expectEqual(await bounded.qsize(), 1, 'qsize() of Queue(maxsize=1) holding true');
    expectEqual(await bounded.get({ timeoutMs: 10_000 }), true, 'get() from Queue(maxsize=1)');
    expectTrue(await eventually(() => bounded.empty(), (empty) => empty, 5000), 'empty() once true was got', false);
  },
});
