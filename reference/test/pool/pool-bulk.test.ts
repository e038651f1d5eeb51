/**
 * Large binary values cross on the bulk pipe (reference/src/backend/child-process/bulk.ts): the parent holds the
 * argument and the result and little more, and every value comes back as it went, whatever its type and offset.
 */
import test from 'ava';
import { isDeepStrictEqual } from 'node:util';
import v8 from 'node:v8';
import { Pool, WorkerCrashedError } from '../../src/index.js';
import { BULK_MIN, BulkInbox, deserializeBulk, serializeBulk } from '../../src/backend/child-process/bulk.js';
import { packResults, readResults } from '../../src/pool/bytes.js';
import { identity } from './fixtures/pool-tasks.js';
import { bytesOrThrow, bytesThenExit } from './fixtures/bulk-tasks.js';
import { PROMPT_MS, RUN_MS, runScript, within } from './helpers.js';
import { modulePath } from '../../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

const shared = new Pool({ processes: 2 });
test.after.always('terminate the shared pool', async () => {
  shared.terminate();
  await within(shared.join(), PROMPT_MS, 'join() of the shared pool');
});
assertNoOrphans(test);

const MEMORY_SCRIPT = modulePath(import.meta.url, './fixtures/memory-scripts');

/** Large views of every kind a user sends: offsets, odd lengths, nested, shared, beside small ones. */
function largeValues(): unknown[] {
  const bytes = Buffer.alloc(BULK_MIN * 4 + 3);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
  const doubles = new Float64Array(BULK_MIN / 8 + 1).map((_, i) => i / 3);
  return [
    bytes, bytes.subarray(3, 3 + BULK_MIN), doubles, new Uint16Array(bytes.buffer.slice(0), 2, BULK_MIN),
    new DataView(bytes.buffer, 5, BULK_MIN), { a: [bytes.subarray(1, BULK_MIN + 1), 'x', new Uint8Array(10)], b: doubles },
    new Map([[1, doubles]]), [doubles, doubles], 'plain', 7,
  ];
}

test('large views come back equal, of the same type, through map, applyAsync and starmap', async (t) => {
  const values = largeValues();
  const mapped = await within(shared.map(identity, values, 3), RUN_MS, 'map of large views');
  t.true(isDeepStrictEqual(mapped, values), 'map');
  t.deepEqual(mapped.slice(0, 5).map((value) => (value as object).constructor.name), ['Buffer', 'Buffer', 'Float64Array', 'Uint16Array', 'DataView']);
  const applied = await within(shared.applyAsync(identity, [values[5]]).get(), RUN_MS, 'applyAsync of a large view');
  t.true(isDeepStrictEqual(applied, values[5]), 'applyAsync');
  const shared2 = mapped[7] as Float64Array[];
  t.is(shared2[0], shared2[1], 'one view sent twice is one value, as structured clone keeps it');
  const starred = await within(shared.starmap(identity, [[values[0]], [values[2]]]), RUN_MS, 'starmap of large views');
  t.true(isDeepStrictEqual(starred, [values[0], values[2]]), 'starmap');
});

test('a chunk that fails after large results fails as before, and the pool goes on with large values', async (t) => {
  // The two large results before the error cross with the failure.
  await t.throwsAsync(within(shared.map(bytesOrThrow, [BULK_MIN, BULK_MIN + 1, -1], 3), RUN_MS, 'failing map'), { message: /bytesOrThrow\(-1\)/ });
  const again = await within(shared.map(bytesOrThrow, [BULK_MIN * 3, 5]), RUN_MS, 'map after the failure');
  t.true(again[0]!.equals(Buffer.alloc(BULK_MIN * 3, (BULK_MIN * 3) % 251)));
  t.true(again[1]!.equals(Buffer.alloc(5, 5)));
});

test('a value holding an Error beside a large view takes the ordinary way and comes back whole', async (t) => {
  const big = Buffer.alloc(BULK_MIN * 2, 3);
  const [back] = await within(shared.map(identity, [{ big, error: new RangeError('kept') }]), RUN_MS, 'map of a view beside an Error');
  const { big: bigBack, error } = back as { big: Buffer; error: Error };
  t.true(big.equals(bigBack));
  t.is(error.message, 'kept');
});

test('a worker that exits while its large result is on the bulk pipe fails that task; nothing waits for ever', async (t) => {
  const pool = new Pool({ processes: 1 });
  t.teardown(async () => {
    pool.terminate();
    await within(pool.join(), PROMPT_MS, 'join() after terminate()');
  });
  // The results message arrives and waits for its frame, which never comes whole: the exit must still fail the task.
  const error = await t.throwsAsync(within(pool.apply(bytesThenExit, [64]), RUN_MS, 'apply(bytesThenExit)'));
  t.true(error instanceof WorkerCrashedError, String(error));
  const [again] = await within(pool.map(bytesOrThrow, [BULK_MIN]), RUN_MS, 'map on the replacement worker');
  t.is(again!.length, BULK_MIN);
});

test('the parent peaks under 3.2× a 50 MiB Buffer sent through map and back (4× before the bulk pipe)', async (t) => {
  // In a fresh process: its peak RSS is its own. The bound is on memory, never on time.
  const run = runScript<{ peak: number; intact: boolean }>(t, 'echo-one', { script: MEMORY_SCRIPT, args: ['50'] });
  const { peak, intact } = await within(run.report, RUN_MS, 'the memory script');
  const { code } = await within(run.exited, RUN_MS, 'the memory script to exit');
  t.is(code, 0, run.stderr());
  t.true(intact, 'every byte came back');
  t.log(`the parent's peak above its baseline: ${peak.toFixed(0)} MiB for 50 MiB out and 50 MiB back`);
  t.true(peak <= 3.2 * 50, `peak ${peak.toFixed(0)} MiB > 160 MiB`);
});

test('BulkInbox holds a message until its frames are whole, in order, however the bytes are split', (t) => {
  const delivered: string[] = [];
  const inbox = new BulkInbox<{ id: string; bulk?: number; bytes?: Uint8Array }>((message, frames) => {
    delivered.push(`${message.id}:${message.bytes === undefined ? '' : JSON.stringify(deserializeBulk(message.bytes, frames))}`);
  });
  const { bytes, frames } = serializeBulk({ x: Buffer.alloc(BULK_MIN, 9).subarray(0, BULK_MIN - 1), y: new Uint8Array(BULK_MIN) });
  t.is(frames.length, 1, 'only the view of BULK_MIN bytes or more is a frame');
  inbox.message({ id: 'a' });
  inbox.message({ id: 'b', bulk: 1, bytes });
  inbox.message({ id: 'c' });
  t.deepEqual(delivered, ['a:'], 'b waits for its frame, c waits behind b');
  const stream = Buffer.concat(frames.flatMap((frame) => [lengthHeader(frame.length), frame]));
  for (let at = 0; at < stream.length; at += 1000) inbox.data(stream.subarray(at, Math.min(at + 1000, stream.length)));
  t.is(delivered.length, 3);
  t.is(delivered[2], 'c:');
});

function lengthHeader(length: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUIntBE(length, 2, 6);
  return header;
}

/** A subclass whose constructor takes a length only, as a user's may: Node's serializer sends it as its base type. */
class OnlyLength extends Uint8Array {
  constructor(length: number) {
    if (typeof length !== 'number') throw new TypeError('OnlyLength takes a length');
    super(length);
  }
}

/** A subclass that passes its first argument alone: called as (buffer, offset, 0) it views the whole buffer. */
class FirstArgument extends Float64Array {
  constructor(length: number) {
    super(length);
  }
}

test('a large view of a typed-array subclass crosses as its built-in type, as v8.serialize sends it', (t) => {
  for (const view of [new OnlyLength(BULK_MIN + 1).fill(7), new FirstArgument(BULK_MIN / 8).fill(0.5)]) {
    const name = view.constructor.name;
    let sent: ReturnType<typeof serializeBulk>;
    try {
      sent = serializeBulk([view]);
    } catch (error) {
      t.fail(`${name}: ${String(error)}`);
      continue;
    }
    const { bytes, frames } = sent;
    t.true(bytes.length < 1024, `${name}: the bytes go as a frame, not inside the message too (${bytes.length} bytes)`);
    t.is(frames.length, 1, name);
    const [back] = deserializeBulk(bytes, frames) as [Uint8Array | Float64Array];
    t.true(isDeepStrictEqual(back, v8.deserialize(v8.serialize(view))), name);
  }
});

test('map takes a large view of a typed-array subclass, as it did before the bulk pipe', async (t) => {
  const [back] = await within(shared.map(identity, [new OnlyLength(BULK_MIN).fill(3)]), RUN_MS, 'map of a subclass view');
  t.true(isDeepStrictEqual(back, new Uint8Array(BULK_MIN).fill(3)));
});

test('results whose frames do not fit their bytes fail with that reason, not V8\'s "Unable to deserialize"', (t) => {
  let frames: Uint8Array[] = [];
  const packed = packResults([{ seq: 0, ok: true, values: [new Float64Array(BULK_MIN / 8).fill(2)] }], (wire) => {
    const sent = serializeBulk(wire);
    frames = sent.frames;
    return sent.bytes;
  });
  t.is(frames.length, 1, 'the large result went as a frame');
  const whole = readResults(packed, 1, frames);
  t.true('results' in whole && isDeepStrictEqual(whole.results[0]!.values, [new Float64Array(BULK_MIN / 8).fill(2)]), JSON.stringify(whole));
  t.deepEqual(readResults(packed, 1, [frames[0]!.subarray(0, 7)]), { unreadable: 'a bulk frame that does not fit its type' });
  t.deepEqual(readResults(packed, 1, []), { unreadable: 'a bulk reference without its frame' });
  t.deepEqual(readResults(packed, 1, [frames[0]!, frames[0]!]), { unreadable: '2 bulk frames for 1 references' });
});

test('a result beside a large view that cannot be written fails its chunk alone, through the ordinary path', (t) => {
  let called = 0;
  const big = new Uint8Array(BULK_MIN);
  const packed = packResults([{ seq: 0, ok: true, values: [big] }, { seq: 1, ok: true, values: [{ big, f: () => 1 }] }], (wire) => {
    called++;
    return serializeBulk(wire).bytes;
  });
  t.is(called, 1, 'the bulk serializer was tried first');
  const read = readResults(packed, 2);
  if (!('results' in read)) return t.fail(JSON.stringify(read));
  t.true(read.results[0]!.ok && isDeepStrictEqual(read.results[0]!.values, [big]));
  t.false(read.results[1]!.ok);
  t.regex(String((read.results[1] as { unsendable?: string }).unsendable), /function|could not be cloned/i);
});
