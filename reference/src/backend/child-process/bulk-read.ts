/**
 * Reading the bulk pipe (bulk.ts) straight into its frames. A socket read the ordinary way lands in a fresh 64 KiB
 * buffer per read, which the inbox then copies into its frame: 64 MiB echoed cost 1,024 reads, 1,024 buffers of
 * garbage and a copy of every byte, on each side. Node's `onread` option (a documented option of net.Socket) lets
 * each read land where a function says: the inbox's `target`, the rest of the frame being read. So a read takes
 * all the pipe holds, up to the frame's end, and no byte is copied after the kernel's own copy.
 */
import { Socket } from 'node:net';
import type { BulkInbox } from './bulk.js';

/** What Node's `onread` option takes: where each read goes, and what to do once it went there. */
function onread(inbox: BulkInbox<unknown>) {
  return { buffer: () => inbox.target(), callback: (bytes: number) => void inbox.filled(bytes) };
}

/** A worker's end of the bulk pipe, at `fd`, read in place. Its typings give `onread` only to net.connect. */
export function bulkSocket(fd: number, inbox: BulkInbox<unknown>): Socket {
  return new Socket({ fd, readable: true, writable: true, onread: onread(inbox) } as ConstructorParameters<typeof Socket>[0]);
}

/**
 * The parent's end, made by child_process as an ordinary socket (it takes no `onread`), turned into one read in
 * place: what Socket's constructor does with `onread`, done on this socket. That uses three of Node's private
 * fields (found by their symbols' names) and the handle's `useUserBuffer`, so when any is missing (another Node)
 * the pipe is read the ordinary way, through 'data' and a copy: slower, never wrong. Call it before the worker can
 * have written anything (right after the fork): bytes read before the switch would wait unread in the stream.
 * Returns whether the pipe is read in place.
 */
export function readInPlace(socket: Socket, inbox: BulkInbox<unknown>): boolean {
  const fields = privateFields(socket);
  const handle = (socket as unknown as { _handle?: { useUserBuffer?: (buffer: Uint8Array) => void } | null })._handle;
  if (fields === undefined || typeof handle?.useUserBuffer !== 'function') {
    socket.on('data', (chunk: Buffer) => inbox.data(chunk));
    return false;
  }
  const { buffer, callback } = onread(inbox);
  const first = buffer();
  const own = socket as unknown as Record<symbol, unknown>;
  own[fields.buffer] = first;
  own[fields.callback] = callback;
  own[fields.generator] = buffer;
  handle.useUserBuffer(first);
  return true;
}

type Fields = { readonly buffer: symbol; readonly callback: symbol; readonly generator: symbol };

/** net.Socket's private `kBuffer`, `kBufferCb` and `kBufferGen` (all null on a socket made without `onread`). */
function privateFields(socket: Socket): Fields | undefined {
  const named = new Map<string | undefined, symbol>();
  for (const symbol of Object.getOwnPropertySymbols(socket)) named.set(symbol.description, symbol);
  const buffer = named.get('kBuffer');
  const callback = named.get('kBufferCb');
  const generator = named.get('kBufferGen');
  if (buffer === undefined || callback === undefined || generator === undefined) return undefined;
  const own = socket as unknown as Record<symbol, unknown>;
  // Set already: someone else reads this socket in place; leave it.
  if (own[buffer] !== null || own[callback] !== null || own[generator] !== null) return undefined;
  return { buffer, callback, generator };
}
