/**
 * Queues inside arguments: packQueues/unpackQueues swap queues and descriptors in arrays and plain objects,
 * and leave everything else as it is (the same object when there is nothing to swap).
 */
import { deserialize, serialize } from 'node:v8';
import test from 'ava';
import { Queue, QueueClosedError } from '../../src/index.js';
import { packQueues as packWithList, unpackQueues as unpackWithList, type Packed } from '../../src/queue/transfer.js';
import { isDescriptor, type QueueDescriptor } from '../../src/queue/wire.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { PROMPT_MS, within } from './helpers.js';

assertNoOrphans(test);

/** The packed value alone. */
function packQueues(value: unknown): unknown {
  return packWithList(value).value;
}

/** Packs `value`, sends it and its list of descriptors as one message would (structured clone), unpacks. */
function acrossProcesses(value: unknown): unknown {
  const message = deserialize(serialize(packWithList(value))) as Packed<unknown>;
  return unpackWithList(message.value, message.queues);
}

/** `value` wrapped in `levels` one-element arrays. */
function nest(value: unknown, levels: number): unknown {
  let out = value;
  for (let i = 0; i < levels; i++) out = [out];
  return out;
}

function unnest(value: unknown, levels: number): unknown {
  let out = value;
  for (let i = 0; i < levels; i++) out = (out as unknown[])[0];
  return out;
}

test('a queue as an argument becomes a descriptor naming this process as owner', (t) => {
  const q = new Queue({ maxsize: 3 });
  t.teardown(() => q.close());
  const [packed] = packQueues([q]) as unknown as [QueueDescriptor];
  t.true(isDescriptor(packed));
  t.false(Queue.isQueue(packed));
  t.is(packed.ownerPid, process.pid);
  t.is(packed.maxsize, 3);
  t.is(typeof packed.path, 'string');
  t.deepEqual(Object.keys(packed).sort(), ['@multiproc/queue', 'id', 'maxsize', 'ownerPid', 'path', 'secret']);
});

test('queues nested in arrays and plain objects are replaced; the other values stay identical', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  const date = new Date(0);
  const map = new Map([['k', 1]]);
  const bytes = new Uint8Array([1, 2]);
  const untouched = { deep: [1, 2, 3] };
  const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { q });
  const args = [1, 'two', { q, date, map, list: [q, bytes], untouched }, [untouched], nullProto, 3n, null, undefined];
  const packed = packQueues(args) as unknown[];
  t.not(packed, args, 'a container on the path to a queue is copied');
  t.is(args[2] && (args[2] as { q: unknown }).q, q, 'the caller’s arguments are not modified');
  const record = packed[2] as { q: unknown; date: Date; map: Map<string, number>; list: unknown[]; untouched: unknown };
  t.true(isDescriptor(record.q));
  t.true(isDescriptor(record.list[0]));
  t.is(record.list[1], bytes);
  t.is(record.date, date);
  t.is(record.map, map);
  t.is(record.untouched, untouched, 'a branch without queues is the same object');
  t.is(packed[3], args[3], 'an array without queues is the same object');
  t.true(isDescriptor((packed[4] as { q: unknown }).q), 'an object without prototype is searched too');
  t.deepEqual(packed.slice(5), [3n, null, undefined]);
  t.is(packed[0], 1);
  t.is(packed[1], 'two');
});

test('arguments without a queue come back as the very same object', (t) => {
  const args = [1, { a: [1, { b: 'c' }] }, new Map(), [new Set([1])], 'x'];
  t.is(packQueues(args), args);
  t.deepEqual(packWithList(args).queues, []);
  t.is(unpackWithList(args, []), args);
  const primitive = 42;
  t.is(packQueues(primitive), 42);
  t.is(packQueues(null), null);
});

test('queues inside a Map or a Set are left alone; one in a class instance is packed in a copy that keeps the prototype', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  class Holder {
    constructor(readonly queue: Queue, readonly n: number) {}
  }
  const map = new Map([['q', q]]);
  const set = new Set([q]);
  const holder = new Holder(q, 7);
  const value = packQueues([map, set, holder]) as unknown[];
  t.is(value[0], map, 'a Map is structured clone\'s own: left as it is');
  t.is(value[1], set);
  t.is(map.get('q'), q);
  const packedHolder = value[2] as Holder;
  t.not(packedHolder, holder, 'copied on the path to the queue');
  t.is(Object.getPrototypeOf(packedHolder), Holder.prototype);
  t.true(isDescriptor(packedHolder.queue), 'the queue inside the instance is its descriptor');
  t.is(packedHolder.n, 7);
  t.is(holder.queue, q, 'the caller\'s instance is untouched');
});

test('the search stops at depth 16: a queue deeper than that is not replaced', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  // The top-level value is depth 0, so a queue inside 16 arrays sits at depth 16: the deepest one replaced.
  t.true(isDescriptor(unnest(packQueues(nest(q, 16)), 16)));
  const tooDeep = nest(q, 17);
  t.is(packQueues(tooDeep), tooDeep, 'past the bound the value is returned untouched');
  t.is(unnest(tooDeep, 17), q);
});

test('unpacking a descriptor of this process gives a Queue on the same items', async (t) => {
  const q = new Queue<string>();
  t.teardown(() => q.close());
  const [{ inner }] = acrossProcesses([{ inner: q }]) as [{ inner: Queue<string> }];
  t.true(Queue.isQueue(inner));
  t.not(inner, q);
  await inner.put('through the copy');
  t.is(await q.qsize(), 1);
  t.is(await q.get({ timeoutMs: PROMPT_MS }), 'through the copy');
  await q.put('through the original');
  t.is(await inner.getNowait(), 'through the original');
});

test('descriptors nested like queues are found again, other values left identical', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  const shared = { untouched: true };
  const packed = packWithList([[q], { a: { b: q } }, shared]);
  const unpacked = unpackWithList(packed.value, packed.queues) as [[Queue], { a: { b: Queue } }, unknown];
  t.true(Queue.isQueue(unpacked[0][0]));
  t.true(Queue.isQueue(unpacked[1].a.b));
  t.is(unpacked[0][0], unpacked[1].a.b, 'one Queue packed twice arrives as one Queue');
  t.is(unpacked[2], shared);
  t.is(unpacked[0][0].maxsize, 0);
});

test('a descriptor whose owner is gone gives a Queue that fails fast with QueueClosedError', async (t) => {
  const descriptor: QueueDescriptor = {
    '@multiproc/queue': 1,
    path: '/nonexistent/multiproc-test/queues.sock',
    id: 1,
    maxsize: 0,
    ownerPid: 999_999_999,
    secret: '00'.repeat(32),
  };
  const [orphan] = unpackWithList([descriptor], [descriptor]) as unknown as [Queue];
  t.true(Queue.isQueue(orphan));
  const error = await t.throwsAsync(within(orphan.get(), PROMPT_MS, 'get() on a queue whose owner is gone'), {
    instanceOf: QueueClosedError,
  });
  t.regex(error.message, /999999999/);
  t.regex(error.message, /gone/);
  await t.throwsAsync(within(orphan.put('x'), PROMPT_MS, 'put() afterwards'), { instanceOf: QueueClosedError });
  await t.throwsAsync(within(orphan.qsize(), PROMPT_MS, 'qsize() afterwards'), { instanceOf: QueueClosedError });
});

test('defect 6: an object shaped like a descriptor becomes a Queue only if it is one the packer listed', (t) => {
  const q = new Queue();
  t.teardown(() => q.close());
  const real = packWithList([q]).queues[0]!;
  // Same fields, same values, even the real secret: still not the object the packer made.
  const lookalike = JSON.parse(JSON.stringify(real)) as unknown;
  const [first, second, nested] = acrossProcesses([q, lookalike, { deeper: [lookalike] }]) as [unknown, unknown, { deeper: unknown[] }];
  t.true(Queue.isQueue(first));
  t.false(Queue.isQueue(second));
  t.deepEqual(second, real, 'it arrives as the plain object it was');
  t.false(Queue.isQueue(nested.deeper[0]));
  // Without a list (a Process child of an older parent, say), nothing becomes a Queue.
  t.false(Queue.isQueue((unpackWithList([lookalike], undefined) as unknown[])[0]));
  t.false(Queue.isQueue((unpackWithList([lookalike], [JSON.parse(JSON.stringify(real))]) as unknown[])[0]), 'an equal object in the list is not the same object');
});
