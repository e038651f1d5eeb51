/**
 * Closing a connection because of what its peer sent (a wrong secret, a break of the protocol) tells the peer
 * why first, in a response of kind 'refused', so that its error says it was refused, and not that the host is
 * gone (Python's client says "digest sent was rejected" the same way). Nothing the peer sends after that is read.
 */
import type { Socket } from 'node:net';
import { writeFrame } from './frames.js';
import { encodeResponse } from './wire.js';

/** A peer that reads nothing would keep a refused connection open: after this long it is closed anyway. */
const LINGER_MS = 1000;

/** Sends `reason` to the peer, then closes the connection. */
export function refuse(socket: Socket, reason: string): void {
  if (socket.destroyed) return;
  writeFrame(socket, encodeResponse({ id: 0, ok: false, kind: 'refused', message: reason }));
  socket.end(() => socket.destroy());
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
