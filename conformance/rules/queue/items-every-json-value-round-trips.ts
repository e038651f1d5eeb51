import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';

/**
 * One item of each JSON kind, the falsy ones first (null, false, 0, "", [], {}: what a queue that uses a falsy
 * value as "no item" loses), then edge cases of each kind. Items are JSON values: a tuple, bytes or a set would
 * not keep its type through this contract, so none is used.
 */
const ITEMS: unknown[] = [
  null,
  false,
  0,
  '',
  [],
  {},
  true,
  -1.5,
  9007199254740991,
  -1e-300,
  1.7976931348623157e308,
  'tab\t, newline\n, quote ", backslash \\, NUL \u0000, snowman \u2603, emoji \u{1F600}',
  [null, false, 0, '', [], {}],
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "": "empty key", "b": 1, "a": 2}') as unknown,
  { deep: [[[[[[[[[[{ bottom: [null] }]]]]]]]]]] },
];

export default defineRule({
  id: 'queue.items.every-json-value-round-trips',
  statement:
    'Every JSON value put on a queue comes out equal to it, null, false, 0, "" and empty lists and dicts included, in ' +
    'the same process and from a child.',
  source: 'python-docs',
  // Items are pickled and unpickled; a value equal to the one put is what get() returns.
  python: 'library/multiprocessing.html#pipes-and-queues',
  needs: ['process', 'queue', 'queue.cross-process'],
  timeoutMs: 120_000,
  async check(session) {
    const queue = await session.createQueue!();
    for (const item of ITEMS) await queue.put(item);
    const local = [];
    for (let i = 0; i < ITEMS.length; i++) local.push(await queue.get({ timeoutMs: 10_000 }));
    expectEqual(local, ITEMS, 'the items got back in the process that put them');

    const producer = await session.createProcess({ target: 'putItems', args: [queue, ITEMS] });
    await producer.start();
    const remote = [];
    for (let i = 0; i < ITEMS.length; i++) remote.push(await queue.get({ timeoutMs: 60_000 }));
    await producer.join(60_000);
    expectEqual(remote, ITEMS, 'the items got from a child that put them');
  },
});
