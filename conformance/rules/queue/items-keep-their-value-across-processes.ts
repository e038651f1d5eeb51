import { join } from 'node:path';
import { expectEqual, readJsonWritten } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

const VALUE = {
  text: 'héllo "world" \u2603 \n\t',
  numbers: [0, -1, 2.5, 1e21, -1e-7, 9007199254740991],
  flags: [true, false],
  nested: { empty: {}, list: [[], [null], [[1, [2, [3]]]]], deep: { a: { b: { c: 'd' } } } },
  nothing: null,
};

export default defineRule({
  id: 'queue.items.keep-their-value-across-processes',
  statement: 'An item keeps its value, nested structure included, when it crosses processes on a queue, in either direction.',
  source: 'python-docs',
  python: 'library/multiprocessing.html#exchanging-objects-between-processes',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 150_000,
  async check(session, context) {
    const queue = await session.createQueue!();
    const path = join(context.tmpdir, 'got.json');
    const consumer = await session.createProcess({ target: 'getAndRecord', args: [queue, path, 2, 60_000] });
    await consumer.start();
    await queue.put(VALUE);
    await queue.put([VALUE, 'second']);
    await consumer.join(60_000);
    expectEqual(await readJsonWritten(path, 10_000), [VALUE, [VALUE, 'second']], 'what a child got from the parent');

    const producer = await session.createProcess({ target: 'putItems', args: [queue, [VALUE, { inner: VALUE }]] });
    await producer.start();
    const got = [await queue.get({ timeoutMs: 60_000 }), await queue.get({ timeoutMs: 60_000 })];
    await producer.join(60_000);
    expectEqual(got, [VALUE, { inner: VALUE }], 'what the parent got from a child');
  },
});
