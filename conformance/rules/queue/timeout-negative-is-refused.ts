import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** The rejection of `call`, or a description of its value when it resolved. */
async function rejection(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { resolved: await call() };
  } catch (error) {
    return error;
  }
}

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : error);

export default defineRule({
  id: 'queue.timeout.negative-is-refused',
  statement:
    'A negative timeout is refused as a mistake: get() and put() with one reject with an error that names the timeout (not ' +
    'Empty or Full), whether or not an item or room is there, and leave the queue as it was.',
  source: 'beyond',
  cpython: {
    does: 'CPython takes a negative timeout as zero: get returns an item that is there (Empty on an empty queue), put adds one when there is room (Full on a full queue).',
    failure: /no error|resolved|Empty|Full/,
  },
  needs: ['queue', 'queue.bounded'],
  async check(session) {
    const queue = await session.createQueue!({ maxsize: 2 });
    await queue.put('there');
    const calls: [string, () => Promise<unknown>][] = [
      ['get({timeoutMs: -500}) on a queue holding an item', () => queue.get({ timeoutMs: -500 })],
      ['put("more", {timeoutMs: -500}) on a queue with room', () => queue.put('more', { timeoutMs: -500 })],
    ];
    for (const [what, call] of calls) {
      const error = await rejection(call);
      expectTrue(error instanceof Error, `${what} rejects with an Error`, error instanceof Error ? undefined : error);
      const { name, message } = error as Error;
      expectTrue(name !== 'Empty' && name !== 'Full' && /timeout/i.test(message), `${what} rejects with an error naming the timeout, not Empty or Full`, describe(error));
    }
    expectEqual(await queue.qsize(), 1, 'qsize() after the refused calls');
    expectEqual(await queue.get({ timeoutMs: 10_000 }), 'there', 'the item still there');
  },
});
