/**
 * A pool worker's end of the bulk pipe (bulk.ts): opened on first use, since most pools never send a large view,
 * and unreferenced, so that it never keeps a worker alive on its own.
 */
import { Socket } from 'node:net';
import type { ToWorker } from '../protocol.js';
import { BULK_FD, BulkInbox, deserializeBulk, writeFrames } from './bulk.js';

let pipe: Socket | undefined;
let inbox: BulkInbox<ToWorker> | undefined;

/** Read size of the bulk pipe: every read lands in this one buffer and is copied into its frame at once. */
const READ_BYTES = 64 * 1024;

function bulkPipe(): Socket {
  if (pipe === undefined) {
    // Reads into one buffer, not a fresh one per read: 50 MB in 64 KiB reads left tens of MB of garbage.
    // `onread` is a documented option of the constructor that Node's typings give only to net.connect.
    const onread = { buffer: Buffer.allocUnsafe(READ_BYTES), callback: (bytes: number, buffer: Buffer) => void inbox!.data(buffer.subarray(0, bytes)) };
    pipe = new Socket({ fd: BULK_FD, readable: true, writable: true, onread } as ConstructorParameters<typeof Socket>[0]);
    pipe.on('error', () => undefined); // a parent gone is seen through the IPC channel's disconnect
    pipe.unref();
  }
  return pipe;
}

/** Hands each message from the parent to `handle`, a batch that names frames once they arrived and are in place. */
export function receiveWithBulk(handle: (message: ToWorker) => void): (message: ToWorker) => void {
  inbox = new BulkInbox<ToWorker>((message, frames) => {
    if (frames.length === 0 || message.kind !== 'batch') return handle(message);
    handle({ ...message, chunks: deserializeBulk(message.chunks as unknown as Uint8Array, frames) as unknown[] });
  });
  return (message) => {
    if (message.kind === 'batch' && message.bulk !== undefined) bulkPipe();
    inbox!.message(message);
  };
}

/**
 * Writes `frames` to the bulk pipe and `send`s their message, calling `then` once both have left (a worker
 * about to exit waits for both).
 */
export function sendFrames(frames: readonly Uint8Array[], then: (() => void) | undefined, send: (then?: () => void) => void): void {
  let waiting = 2;
  const both = then === undefined ? undefined : () => void (--waiting === 0 && then());
  writeFrames(bulkPipe(), frames, both);
  send(both);
}
