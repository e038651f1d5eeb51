/**
 * The bulk pipe is read straight into its frames (reference/src/backend/child-process/bulk-read.ts): each read
 * lands in the frame being filled, never past its end, and no byte is copied after the read.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { BULK_MIN, BulkInbox, serializeBulk, writeFrames } from '../../src/backend/child-process/bulk.js';
import { readInPlace } from '../../src/backend/child-process/bulk-read.js';
import { PROMPT_MS, within } from './helpers.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';

assertNoOrphans(test);

/** An inbox that records the frames it delivers, and every target it handed out; `onDeliver`: after each delivery. */
function recordingInbox(delivered: Array<readonly Uint8Array[]>, onDeliver?: () => void) {
  const inbox = new BulkInbox<{ readonly bulk?: number }>((_message, frames) => {
    delivered.push(frames);
    onDeliver?.();
  });
  const targets: Uint8Array[] = [];
  const target = inbox.target.bind(inbox);
  inbox.target = () => {
    const next = target();
    targets.push(next);
    return next;
  };
  return { inbox, targets };
}

test('the parent reads a child\'s pipe in place: frames arrive whole, in the buffers the reads went to, none copied', async (t) => {
  // cat gives back what it is sent: a child's pipe, made by child_process as a pool worker's bulk pipe is.
  const child = spawn('cat', [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('close', resolve));
  try {
    const delivered: Array<readonly Uint8Array[]> = [];
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const { inbox, targets } = recordingInbox(delivered, () => arrived());
    const copied: Uint8Array[] = [];
    const data = inbox.data.bind(inbox);
    inbox.data = (chunk) => {
      copied.push(chunk);
      data(chunk);
    };
    t.true(readInPlace(child.stdout as Socket, inbox as BulkInbox<unknown>), 'this Node lets the pipe be read in place');
    const sizes = [BULK_MIN * 4 + 3, BULK_MIN, 0, 5];
    const views = sizes.map((size, k) => new Uint8Array(size).map((_, i) => (i * 7 + k) & 0xff));
    const { frames } = serializeBulk(views.slice(0, 2));
    t.is(frames.length, 2);
    writeFrames(child.stdin as unknown as Socket, views);
    inbox.message({ bulk: 4 });
    await within(arrival, PROMPT_MS, 'the frames through cat');
    t.is(copied.length, 0, 'nothing went through the copying path');
    const [got] = delivered;
    t.deepEqual(got!.map((frame) => frame.length), sizes);
    got!.forEach((frame, k) => t.true(Buffer.from(frame).equals(Buffer.from(views[k]!)), `frame ${k} is the bytes sent`));
    for (const frame of got!.filter((f) => f.length > 0)) {
      t.true(targets.some((target) => target.buffer === frame.buffer), 'a frame is the buffer the pipe was read into');
    }
  } finally {
    child.stdin!.end();
    await within(exited, PROMPT_MS, 'cat to exit');
  }
});

test('a read target never reaches past the header or the frame being read, and an empty frame is whole at once', (t) => {
  const delivered: Array<readonly Uint8Array[]> = [];
  const { inbox } = recordingInbox(delivered);
  inbox.message({ bulk: 2 });
  const header = (size: number) => {
    const bytes = Buffer.alloc(8);
    bytes.writeUIntBE(size, 2, 6);
    return bytes;
  };
  /** Feeds `bytes` as reads of at most `most` bytes each into the inbox's targets, as the socket would. */
  const feed = (bytes: Uint8Array, most: number) => {
    for (let at = 0; at < bytes.length;) {
      const target = inbox.target();
      t.true(target.length > 0, 'a read never goes to an empty target');
      const take = Math.min(most, target.length, bytes.length - at);
      target.set(bytes.subarray(at, at + take));
      inbox.filled(take);
      at += take;
    }
  };
  feed(header(0), 3);
  t.is(inbox.target().length, 8, 'after an empty frame, the next header');
  feed(header(10), 5);
  t.is(inbox.target().length, 10, 'the frame\'s size, not more');
  feed(new Uint8Array(10).fill(9), 4);
  t.deepEqual(delivered.map((frames) => frames.map((f) => [...f])), [[[], new Array(10).fill(9)]]);
});
