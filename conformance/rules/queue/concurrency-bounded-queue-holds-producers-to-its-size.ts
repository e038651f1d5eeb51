import { eventually, expectEqual, expectTrue } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const MAXSIZE = 2;
const PRODUCERS = 3;
const PER_PRODUCER = 10;

type Item = { p: number; i: number };

export default defineRule({
  id: 'queue.concurrency.bounded-queue-holds-producers-to-its-size',
  statement:
    'Producer processes putting on a full bounded queue wait for room: the queue never holds more than maxsize items, ' +
    'and as the parent gets, every item arrives exactly once, each producer\'s in its order.',
  source: 'python-docs',
  // put(): "block if necessary until a free slot is available"; Queue([maxsize]).
  python: 'library/multiprocessing.html#multiprocessing.Queue.put',
  needs: ['process', 'queue', 'queue.bounded', 'queue.cross-process'],
  timeoutMs: 180_000,
  async check(session) {
    const queue = await session.createQueue!({ maxsize: MAXSIZE });
    const producers = [];
    for (let p = 0; p < PRODUCERS; p++) {
      const items: Item[] = Array.from({ length: PER_PRODUCER }, (_, i) => ({ p, i }));
      const producer = await session.createProcess({ target: 'putItems', args: [queue, items] });
      await producer.start();
      producers.push(producer);
    }
    const got: Item[] = [];
    const sizes: number[] = [];
    const total = PRODUCERS * PER_PRODUCER;
    for (let n = 0; n < total; n++) {
      // The waiting producers refill what each get frees: the queue is full again (or holds every item left)
      // soon, and that is when a queue that lets them past its bound shows it.
      sizes.push(await eventually(() => queue.qsize(), (size) => size >= Math.min(MAXSIZE, total - n), 30_000));
      got.push((await queue.get({ timeoutMs: 60_000 })) as Item);
    }
    for (const producer of producers) await producer.join(60_000);
    expectTrue(sizes.every((size) => size <= MAXSIZE), `qsize() before each get never above maxsize ${MAXSIZE}`, sizes);
    expectEqual(sizes[0], MAXSIZE, 'qsize() once the producers filled the queue, before the first get (within 30 s)');
    const key = (item: Item) => `${item.p}:${item.i}`;
    const expected = Array.from({ length: PRODUCERS * PER_PRODUCER }, (_, n) => key({ p: Math.floor(n / PER_PRODUCER), i: n % PER_PRODUCER }));
    expectEqual(got.map(key).sort(), expected.sort(), 'every item the parent got, sorted: each of the 3 × 10 exactly once');
    for (let p = 0; p < PRODUCERS; p++) {
      const order = got.filter((item) => item.p === p).map((item) => item.i);
      expectEqual(order, Array.from({ length: PER_PRODUCER }, (_, i) => i), `the indexes of producer ${p}'s items in the order the parent got them`);
    }
    expectEqual([await queue.qsize(), await queue.empty()], [0, true], '[qsize(), empty()] once every item is got');
    for (const [p, producer] of producers.entries()) expectEqual(await producer.exitCode(), 0, `exitCode() of producer ${p}`);
  },
});
