import { expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/** What a call settled with: its value, or the rejection's class name, and whether that was a real Error. */
async function outcome(call: () => Promise<unknown>): Promise<{ value?: unknown; error?: string; isError?: boolean; ms: number }> {
  const started = performance.now();
  try {
    const value = await call();
    return { value, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { error: (error as { name?: string }).name ?? String(error), isError: error instanceof Error, ms: Math.round(performance.now() - started) };
  }
}

export default defineRule({
  id: 'queue.timeout.negative-acts-as-zero',
  statement:
    'A negative timeout is taken as zero: get(timeout=-t) returns an item that is there and raises queue.Empty at once on an ' +
    'empty queue; put(obj, timeout=-t) adds the item when there is room and raises queue.Full at once on a full queue.',
  source: 'python-docs',
  // Not multiprocessing's docs but its code: Queue.get/put hand the timeout to Lock/BoundedSemaphore.acquire and
  // Connection.poll, where "a negative value for timeout [is] equivalent to a timeout of zero" (Lock.acquire's
  // docs); queue.Queue's ValueError("'timeout' must be a non-negative number") is not raised here.
  python: 'Lib/multiprocessing/queues.py: Queue.get/put pass a negative timeout to acquire() and poll(), which treat it as zero',
  needs: ['queue', 'queue.bounded'],
  timeoutMs: 60_000,
  async check(session) {
    const queue = await session.createQueue!({ maxsize: 1 });
    const empty = await outcome(() => queue.get({ timeoutMs: -500 }));
    expectTrue(empty.error === 'Empty' && empty.isError === true, 'get({timeoutMs: -500}) on an empty queue rejects with an Error named Empty', empty);
    expectTrue(empty.ms < 2500, 'get({timeoutMs: -500}) on an empty queue raised within 2.5 s', `${empty.ms} ms`);

    const room = await outcome(() => queue.put('only', { timeoutMs: -500 }));
    expectTrue(room.error === undefined, 'put("only", {timeoutMs: -500}) on an empty Queue(maxsize=1) adds the item', room);
    expectEqual(await queue.qsize(), 1, 'qsize() after that put');

    const full = await outcome(() => queue.put('more', { timeoutMs: -500 }));
    expectTrue(full.error === 'Full' && full.isError === true, 'put("more", {timeoutMs: -500}) on a full queue rejects with an Error named Full', full);
    expectTrue(full.ms < 2500, 'put("more", {timeoutMs: -500}) on a full queue raised within 2.5 s', `${full.ms} ms`);

    // CPython's get polls the pipe, which its feeder thread fills just after put() returned: retry a moment.
    let got = await outcome(() => queue.get({ timeoutMs: -500 }));
    for (const deadline = Date.now() + 5000; got.error === 'Empty' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      got = await outcome(() => queue.get({ timeoutMs: -500 }));
    }
    expectEqual(got.value, 'only', 'get({timeoutMs: -500}) on a queue holding "only"');
    expectEqual(await queue.qsize(), 0, 'qsize() afterwards');
  },
});
