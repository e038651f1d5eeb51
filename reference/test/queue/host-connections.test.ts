/**
 * The host's side of a queue's socket against peers that are not a well-behaved multiproc client: malformed
 * frames, absurd lengths. Each bad connection is closed on its own; the host goes on serving the others.
 */
import { connect, type Socket } from 'node:net';
import { serialize } from 'node:v8';
import test, { type ExecutionContext } from 'ava';
import { Queue, SerializationError } from '../../src/index.js';
import { connectionTo } from '../../src/queue/client.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { bySoak, report } from '../../../test-support/reliability.js';
import { PROMPT_MS, within } from './helpers.js';

assertNoOrphans(test);

/** A frame as the queue protocol lays them out: head length, payload length (u32 BE), head, payload. */
function frame(head: Buffer, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(head.length, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, head, payload]);
}

/** What a well-behaved client writes first: the protocol's mark and the host's secret (see auth.ts). */
function hello(secret: string): Buffer {
  return Buffer.concat([Buffer.from('MPQ1'), Buffer.from(secret, 'hex')]);
}

interface Raw {
  readonly socket: Socket;
  /** Settles when the host has closed the connection; `at` is when. */
  readonly closed: Promise<{ at: number }>;
}

/** A bare connection to the queue's socket, destroyed when the test ends. */
function rawConnection(t: ExecutionContext, path: string): Raw {
  const socket = connect(path);
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  const closed = new Promise<{ at: number }>((resolve) => socket.once('close', () => resolve({ at: Date.now() })));
  t.teardown(() => socket.destroy());
  return { socket, closed };
}

/** An Error that is its own cause: V8 writes it but cannot read it back. */
function selfCaused(): Error {
  const error = new Error('loop');
  error.cause = error;
  return error;
}

/** A header announcing `head` and `payload` bytes, and a little of what it announced. */
function lengths(head: number, payload: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(head, 0);
  header.writeUInt32BE(payload, 4);
  return Buffer.concat([header, Buffer.alloc(64)]);
}

/** A request head laid out by hand (see wire.ts): a well-formed blocking get on queue 1 unless told otherwise. */
function head({ op = 2, flags = 1, reserved = 0, queue = 1, id = 1, timeoutMs = 0 } = {}): Buffer {
  const bytes = Buffer.alloc(24);
  bytes.writeUInt8(op, 0);
  bytes.writeUInt8(flags, 1);
  bytes.writeUInt16BE(reserved, 2);
  bytes.writeUInt32BE(queue, 4);
  bytes.writeDoubleBE(id, 8);
  bytes.writeDoubleBE(timeoutMs, 16);
  return bytes;
}

/** A well-formed put of `item` on queue `queue`. */
function putFrame(queue: number, item: unknown): Buffer {
  return frame(head({ op: 1, queue }), serialize(item));
}

const BAD_FRAMES: Record<string, () => Buffer> = {
  'garbage bytes': () => frame(Buffer.from('this is not a request head')),
  'a V8-serialized null as the head': () => frame(serialize(null)),
  'a head one byte short': () => frame(head().subarray(0, 23)),
  'a request with an unknown op': () => frame(head({ op: 9 })),
  'a request with unknown flags': () => frame(head({ flags: 0x80 })),
  'a request with its reserved bytes set': () => frame(head({ reserved: 7 })),
  'a put without an item': () => frame(head({ op: 1 })),
  'a get with an item': () => frame(head({ op: 2 }), serialize('x')),
  'a request whose id is not a whole number': () => frame(head({ id: 1.5 })),
  'a request whose id is NaN': () => frame(head({ id: Number.NaN })),
  'a negative timeout': () => frame(head({ flags: 3, timeoutMs: -1 })),
  'a NaN timeout': () => frame(head({ flags: 3, timeoutMs: Number.NaN })),
  'a 4 GiB head length': () => lengths(0xffff_ffff, 0),
  'a 4 GiB payload length': () => Buffer.concat([lengths(24, 0xffff_ffff).subarray(0, 8), head({ op: 1 }), Buffer.alloc(64)]),
  'an empty head': () => lengths(0, 0),
};

for (const [what, bytes] of Object.entries(BAD_FRAMES)) {
  test(`defect 2: ${what} closes only that connection; the host serves the others`, async (t) => {
    const q = new Queue<string>();
    t.teardown(() => q.close());
    const descriptor = q.toDescriptor();
    // A well-behaved user of the queue over the socket, connected before and served after the bad frame.
    const good = connectionTo(descriptor.path, descriptor.ownerPid, descriptor.secret);
    await within(good.request({ op: 'put', queue: descriptor.id, block: true, timeoutMs: undefined }, serialize('before')), PROMPT_MS, 'a put before');
    const bad = rawConnection(t, descriptor.path);
    // A peer that knows the secret: what it sends after it is read, and must be checked.
    bad.socket.write(hello(descriptor.secret));
    const sentAt = Date.now();
    // A valid put in the same write: the host reads both at once, and must not act on what follows a bad frame.
    bad.socket.write(Buffer.concat([bytes(), putFrame(descriptor.id, 'after the bad frame')]));
    const { at } = await within(bad.closed, PROMPT_MS, `the host closing the connection that sent ${what}`);
    await within(good.request({ op: 'put', queue: descriptor.id, block: true, timeoutMs: undefined }, serialize('after')), PROMPT_MS, 'a put after');
    t.is(await q.qsize(), 2, 'nothing was queued by the bad frame, nor by the put after it');
    t.is(await q.get(), 'before');
    t.is(await q.get(), 'after');
    report(t, {
      section: 'defect',
      defect: 2,
      tried: `${what} written to a queue's socket`,
      outcome: 'that connection closed by the host; another connection served before and after',
      figures: { closedAfterMs: at - sentAt },
    });
  });
}

test('defect 2: a bad frame in the same write as the secret, followed by a valid put: the put is not acted on', async (t) => {
  const q = new Queue<string>();
  t.teardown(() => q.close());
  const descriptor = q.toDescriptor();
  const bad = rawConnection(t, descriptor.path);
  // Whatever follows the secret in its read is decoded at once: the bad frame must stop that too.
  bad.socket.write(Buffer.concat([hello(descriptor.secret), BAD_FRAMES['garbage bytes']!(), putFrame(descriptor.id, 'after')]));
  await within(bad.closed, PROMPT_MS, 'the host closing the connection');
  t.is(await q.qsize(), 0, 'the put after the bad frame was not acted on');
});

test('an item the host cannot read back fails only its own put, with a SerializationError naming the cause', async (t) => {
  const q = new Queue<unknown>();
  t.teardown(() => q.close());
  const descriptor = q.toDescriptor();
  const user = connectionTo(descriptor.path, descriptor.ownerPid, descriptor.secret);
  const put = (payload: Buffer) => user.request({ op: 'put', queue: descriptor.id, block: true, timeoutMs: undefined }, payload);
  const error = await t.throwsAsync(within(put(serialize({ error: selfCaused() })), PROMPT_MS, 'the refused put'), {
    instanceOf: SerializationError,
  });
  t.regex(error.message, /Queue item cannot be sent to another process/);
  t.regex(error.message, /its own cause/);
  await within(put(serialize('next')), PROMPT_MS, 'a put on the same connection after it');
  t.is(await q.qsize(), 1);
  t.is(await q.get(), 'next');
});

test('defect 18: a consumer whose gets wait, over one connection, adds no listener per wait (no MaxListenersExceededWarning)', async (t) => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  const q = new Queue<number>();
  t.teardown(() => q.close());
  const descriptor = q.toDescriptor();
  const consumer = connectionTo(descriptor.path, descriptor.ownerPid, descriptor.secret);
  const WAITS = bySoak(200, 20_000);
  const started = performance.now();
  for (let i = 0; i < WAITS; i++) {
    const got = consumer.request({ op: 'get', queue: descriptor.id, block: true, timeoutMs: undefined });
    // Requests are answered in order: once this one is, the host holds the get, waiting.
    t.is(await consumer.request({ op: 'size', queue: descriptor.id }), 0);
    await q.put(i);
    t.is(await within(got, PROMPT_MS, `get ${i}`), i);
  }
  await new Promise((resolve) => setImmediate(resolve));
  const leaks = warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');
  report(t, {
    section: 'defect',
    defect: 18,
    tried: `${WAITS} gets that wait for their item, from one consumer connection to the host`,
    outcome: `${leaks.length} MaxListenersExceededWarning`,
    figures: { waits: WAITS, ms: Math.round(performance.now() - started) },
  });
  t.deepEqual(leaks.map((warning) => warning.message), []);
});

const STRANGERS: Record<string, (secret: string) => Buffer> = {
  'no secret at all, a well-formed put straight away': () => Buffer.alloc(0),
  'a made-up secret': () => hello('ab'.repeat(32)),
  'the secret with its last byte changed': (secret) => {
    const bytes = hello(secret);
    bytes[bytes.length - 1] ^= 1;
    return bytes;
  },
  'the secret without the protocol mark': (secret) => Buffer.from(secret, 'hex'),
  'half the secret': (secret) => hello(secret).subarray(0, 20),
};

for (const [what, first] of Object.entries(STRANGERS)) {
  test(`defect 7: a same-user stranger with ${what} is refused: its connection closes, its put is not acted on`, async (t) => {
    const q = new Queue<string>();
    t.teardown(() => q.close());
    const descriptor = q.toDescriptor();
    const stranger = rawConnection(t, descriptor.path);
    const sentAt = Date.now();
    const put = frame(head({ op: 1, queue: descriptor.id }), serialize('from a stranger'));
    stranger.socket.write(Buffer.concat([first(descriptor.secret), put]));
    const { at } = await within(stranger.closed, PROMPT_MS, 'the host closing the stranger’s connection');
    t.is(await q.qsize(), 0, 'nothing the stranger sent was put');
    // The queue still serves its own users.
    const user = connectionTo(descriptor.path, descriptor.ownerPid, descriptor.secret);
    await within(user.request({ op: 'put', queue: descriptor.id, block: true, timeoutMs: undefined }, serialize('ours')), PROMPT_MS, 'a put by a user with the secret');
    t.is(await q.get(), 'ours');
    report(t, {
      section: 'defect',
      defect: 7,
      tried: `a connection to a queue's socket with ${what}, then a put`,
      outcome: 'refused: the host closed the connection, nothing was put; users with the secret served',
      figures: { closedAfterMs: at - sentAt },
    });
  });
}

test('defect 7: a connection that never presents the secret is closed once its time is up, holding nothing', async (t) => {
  const { awaitHello } = await import('../../src/queue/auth.js');
  const { createServer } = await import('node:net');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'multiproc-hello-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  let admitted = false;
  const closed = new Promise<number>((resolve) => {
    const server = createServer((socket) => {
      const started = performance.now();
      socket.once('close', () => {
        server.close();
        resolve(performance.now() - started);
      });
      awaitHello(socket, 'ab'.repeat(32), () => (admitted = true), 200);
    });
    server.listen(join(dir, 's.sock'));
  });
  const silent = connect(join(dir, 's.sock'));
  silent.on('error', () => undefined);
  t.teardown(() => void silent.destroy());
  const after = await within(closed, PROMPT_MS, 'the silent connection to be closed');
  t.false(admitted);
  t.true(after >= 150, `closed after ${after.toFixed(0)} ms, not before its 200 ms`);
  report(t, {
    section: 'security',
    defect: 7,
    tried: 'a connection to a queue socket that sends nothing (the host waits 30 s in the library; 200 ms here)',
    outcome: 'closed by the host when its time was up; nothing admitted',
    figures: { 'closed after (ms)': Math.round(after) },
  });
});
