/**
 * The frame codec: whatever way the bytes are cut into chunks, the same frames come out, in order. Heads are
 * bytes to the codec; these tests fill them with serialized values to compare what comes out.
 */
import { EventEmitter } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import test from 'ava';
import { readFrames, writeFrame } from '../../src/queue/frames.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { PROMPT_MS, tempDir, within } from './helpers.js';

assertNoOrphans(test);

type Sent = readonly [head: unknown, payload?: Uint8Array];

/** The bytes writeFrame() sends for each frame, concatenated. */
function encodeRaw(frames: readonly Sent[]): Buffer {
  const written: Buffer[] = [];
  const sink = { write: (data: Buffer, then?: () => void) => (written.push(Buffer.from(data)), then?.(), true) };
  for (const [head, payload] of frames) writeFrame(sink as unknown as Socket, serialize(head), payload);
  return Buffer.concat(written);
}

/** A stand-in socket: emits the given chunks as 'data' and collects the frames readFrames() decodes. */
function decodeRaw(chunks: Iterable<Buffer>): [unknown, Buffer | undefined][] {
  const fake = new EventEmitter();
  const out: [unknown, Buffer | undefined][] = [];
  readFrames(fake as unknown as Socket, {
    frame: (head, payload) => out.push([deserialize(head), payload]),
    bad: (reason) => {
      throw new Error(`a well-formed stream was refused: ${reason}`);
    },
  });
  for (const chunk of chunks) fake.emit('data', chunk);
  return out;
}

/** Each value goes as a frame's head and, for every other value, as its payload too, so both kinds alternate. */
function encode(...values: unknown[]): Buffer {
  return encodeRaw(values.map((value, i) => (i % 2 === 1 ? [value, serialize(value)] : [value])));
}

/** The heads decoded, after checking each payload is where it was sent and holds its head's value. */
function decode(chunks: Iterable<Buffer>): unknown[] {
  return decodeRaw(chunks).map(([head, payload], i) => {
    if ((payload !== undefined) !== (i % 2 === 1)) throw new Error(`frame ${i} lost or gained a payload`);
    if (payload !== undefined && !isDeepStrictEqual(deserialize(payload), head)) throw new Error(`frame ${i}: the payload differs`);
    return head;
  });
}

function* slices(bytes: Buffer, sizes: (index: number) => number): Generator<Buffer> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes(i));
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

const SAMPLES: unknown[] = [
  { id: 1, op: 'put', queue: 3, item: 'text ✓', block: true, timeoutMs: undefined, ack: false },
  12345678901234567890n,
  new Map<unknown, unknown>([['a', 1], [2, new Set([3n])]]),
  new Date(Date.UTC(2024, 1, 29)),
  new Uint8Array([0, 1, 254, 255]),
  [1, [2, [3]], { deep: { deeper: null } }],
  '',
  null,
  undefined,
  -0,
];

test('frames fed one byte at a time decode to the same values, in order', (t) => {
  const bytes = encode(...SAMPLES);
  t.deepEqual(decode(slices(bytes, () => 1)), SAMPLES);
});

test('frames fed in chunks of every size from 2 to 40 bytes decode the same', (t) => {
  const bytes = encode(...SAMPLES);
  for (let size = 2; size <= 40; size++) t.deepEqual(decode(slices(bytes, () => size)), SAMPLES, `chunks of ${size} bytes`);
});

test('frames fed in irregular chunks (cuts inside the length prefix and the body) decode the same', (t) => {
  const bytes = encode(...SAMPLES);
  // A fixed, irregular pattern: 1, 3, 2, 7, 5, 11, … so cuts fall at every offset of header and body.
  const pattern = [1, 3, 2, 7, 5, 11, 4, 13, 6, 17];
  for (let shift = 0; shift < pattern.length; shift++) {
    t.deepEqual(decode(slices(bytes, (i) => pattern[(i + shift) % pattern.length]!)), SAMPLES);
  }
});

test('several frames in one chunk all come out', (t) => {
  const bytes = encode(...SAMPLES, ...SAMPLES, ...SAMPLES);
  t.deepEqual(decode([bytes]), [...SAMPLES, ...SAMPLES, ...SAMPLES]);
});

test('a chunk that ends a frame and starts the next one keeps both', (t) => {
  const bytes = encode('first', 'second', 'third');
  const firstLength = encode('first').length;
  const out = decode([bytes.subarray(0, firstLength + 2), bytes.subarray(firstLength + 2, bytes.length - 1), bytes.subarray(bytes.length - 1)]);
  t.deepEqual(out, ['first', 'second', 'third']);
});

test('nothing comes out until a frame is complete', (t) => {
  const bytes = encode({ a: 1 });
  t.deepEqual(decode([bytes.subarray(0, bytes.length - 1)]), []);
  t.deepEqual(decode([bytes.subarray(0, 3)]), []);
});

function bigItem(bytes: number): Uint8Array {
  const item = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) item[i] = (i * 7) % 251;
  return item;
}

test('a 10 MB payload decodes exactly, in 64 KB chunks, in odd chunks and in one chunk', (t) => {
  const item = bigItem(10 * 1024 * 1024);
  const bytes = encodeRaw([['before'], [{ id: 1 }, serialize(item)], ['after']]);
  t.true(bytes.length > 10 * 1024 * 1024);
  for (const [label, chunks] of [
    ['64 KB chunks', slices(bytes, () => 65_536)],
    ['odd chunks', slices(bytes, (i) => 1 + ((i * 104_729) % 200_003))],
    ['one chunk', [bytes]],
  ] as const) {
    const out = decodeRaw(chunks);
    t.deepEqual(out.map(([head]) => head), ['before', { id: 1 }, 'after'], label);
    t.is(out[0]![1], undefined);
    t.true(Buffer.from(deserialize(out[1]![1]!) as Uint8Array).equals(Buffer.from(item)), `${label}: the 10 MB payload is exact`);
  }
});

test('a 10 MB payload and small frames around it cross a real Unix socket intact', async (t) => {
  const path = join(tempDir(t), 'frames.sock');
  const received: [unknown, Buffer | undefined][] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const server = createServer((socket) => {
    readFrames(socket, {
      frame: (head, payload) => {
        received.push([deserialize(head), payload]);
        if (received.length === 4) done();
      },
      bad: (reason) => t.fail(reason),
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.teardown(() => server.close());
  const client = connect(path);
  t.teardown(() => client.destroy());
  const item = bigItem(10 * 1024 * 1024);
  let flushed = 0;
  for (const [head, payload] of [['one', undefined], ['two', serialize(item)], ['three', undefined], [{ four: 4n }, serialize(4)]] as const) {
    writeFrame(client, serialize(head), payload, (error) => (error ? undefined : flushed++));
  }
  await within(all, PROMPT_MS, 'four frames over the socket');
  t.deepEqual(received.map(([head]) => head), ['one', 'two', 'three', { four: 4n }]);
  t.true(Buffer.from(deserialize(received[1]![1]!) as Uint8Array).equals(Buffer.from(item)));
  t.is(received[0]![1], undefined);
  t.is(deserialize(received[3]![1]!), 4);
  t.is(flushed, 4, 'every write callback ran');
});
