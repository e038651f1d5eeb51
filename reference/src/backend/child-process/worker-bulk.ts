/**
 * A pool worker's end of the bulk pipe (bulk.ts): opened on first use, since most pools never send a large view,
 * and unreferenced, so that it never keeps a worker alive on its own.
 */
import type { Socket } from 'node:net';
import type { ToWorker } from '../protocol.js';
import { BULK_FD, BulkInbox, deserializeBulk, writeFrames } from './bulk.js';
import { bulkSocket } from './bulk-read.js';

let pipe: Socket | undefined;
let inbox: BulkInbox<ToWorker> | undefined;

function bulkPipe(): Socket {
  if (pipe === undefined) {
    // Read straight into the frames (bulk-read.ts): no buffer per read, no copy.
    pipe = bulkSocket(BULK_FD, inbox as BulkInbox<unknown>);
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
  }, (reason) => {
    // Only a bug writes a bad frame this way: the parent then reads this line in the crash error of the chunks.
    process.stderr.write(`multiproc: worker ${process.pid} cannot go on: ${reason}\n`, () => process.exit(1));
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
