import { join } from 'node:path';
import { expectEqual, expectTrue, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const PRODUCERS = 3;
const PER_PRODUCER = 30;
/** Half the items go to the child consumer, half to the parent. */
const EACH_CONSUMER = (PRODUCERS * PER_PRODUCER) / 2;
/** Each get waits at most this long: the producers are running, so an item comes within seconds. */
const GET_TIMEOUT_MS = 20_000;

type Item = { p: number; i: number };

export default defineRule({
  id: 'queue.concurrency.every-item-once-in-each-producers-order',
  statement:
    'Items put by several producer processes at once and taken by several consumers at once (a child and the parent) are ' +
    'each got exactly once, and each consumer gets the items of one producer in the order that producer put them.',
  source: 'python-docs',
  // "multi-producer, multi-consumer FIFO queues" … "objects enqueued by the same process will always be in the
  // expected order with respect to each other".
  python: 'library/multiprocessing.html#pipes-and-queues',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 180_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const producers = [];
    for (let p = 0; p < PRODUCERS; p++) {
      const items: Item[] = Array.from({ length: PER_PRODUCER }, (_, i) => ({ p, i }));
      const producer = await session.createProcess({ target: 'putItems', args: [queue, items] });
      await producer.start();
      producers.push(producer);
    }
    // The producers put at once, into a queue nobody reads yet (an unbounded one: they end without waiting for a
    // reader); the two consumers then take the backlog together.
    for (const producer of producers) await producer.join(60_000);
    expectEqual(await queue.qsize(), PRODUCERS * PER_PRODUCER, 'qsize() once the 3 producers put their 30 items each and ended');
    const path = join(context.tmpdir, 'consumer.json');
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, EACH_CONSUMER, GET_TIMEOUT_MS] });
    await consumer.start();
    const inParent: unknown[] = [];
    for (let n = 0; n < EACH_CONSUMER; n++) {
      const got = await queue.get({ timeoutMs: GET_TIMEOUT_MS }).catch((error: Error) => ({ error: `${error.name}: ${error.message}` }));
      expectTrue(!('error' in (got as object)), `get() number ${n + 1} of ${EACH_CONSUMER} in the parent, while the child consumer gets too`, got);
      inParent.push(got);
    }
    await consumer.join(GET_TIMEOUT_MS * 2);
    const recorded = await readJsonWritten<unknown>(path, 10_000);
    expectTrue(Array.isArray(recorded), `the child consumer got its ${EACH_CONSUMER} items (its record)`, recorded);
    const inChild = recorded as unknown[];

    const key = (item: unknown) => JSON.stringify(item);
    const all = [...inParent, ...inChild].map(key).sort();
    const expected = Array.from({ length: PRODUCERS * PER_PRODUCER }, (_, n) => key({ p: Math.floor(n / PER_PRODUCER), i: n % PER_PRODUCER })).sort();
    expectEqual(all, expected, 'every item the two consumers got, sorted: each of the 3 × 30 items exactly once');
    for (const [who, items] of [['the parent', inParent], ['the child consumer', inChild]] as const) {
      for (let p = 0; p < PRODUCERS; p++) {
        const order = (items as Item[]).filter((item) => item.p === p).map((item) => item.i);
        expectEqual(order, [...order].sort((a, b) => a - b), `the indexes of producer ${p}'s items in the order ${who} got them`);
      }
    }
    expectEqual(await queue.qsize(), 0, 'qsize() once both consumers got their share');
  },
});
