/**
 * Who may use a queue's socket: only a process that was given the host's secret, which travels inside queue
 * descriptors, and descriptors cross only the IPC channels between a parent and the children it started. The
 * socket's directory already keeps other users out (mode 0700); the secret keeps out the user's other programs.
 * As Python's authkey, with one difference: the socket is private to the user, so the secret itself is the
 * proof (no challenge–response). The first bytes of every connection are a mark and the secret; the host reads
 * nothing else from a connection, not even one frame, until they are right.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import { refuse } from './refuse.js';

const MARK = Buffer.from('MPQ1');
const SECRET_BYTES = 32;
const HELLO_BYTES = MARK.length + SECRET_BYTES;

/**
 * How long a connection may take to present its hello. Our clients write it with the connect, so only a
 * stranger (or a stuck peer) is slower; without a bound, same-user programs could hold the host's descriptors.
 */
export const HELLO_WAIT_MS = 30_000;

/** A fresh secret, as it travels in descriptors (hex). */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('hex');
}

/** What a client writes first. */
export function hello(secret: string): Buffer {
  return Buffer.concat([MARK, Buffer.from(secret, 'hex')]);
}

/**
 * Waits for `socket`'s first bytes: when they are `secret`'s hello, calls `admitted` with whatever arrived after
 * them; otherwise, or when they have not come within `waitMs`, refuses the connection (see refuse.ts).
 */
export function awaitHello(socket: Socket, secret: string, admitted: (rest: Buffer) => void, waitMs = HELLO_WAIT_MS): void {
  const expected = hello(secret);
  let received: Buffer = Buffer.alloc(0);
  const late = setTimeout(() => {
    socket.off('data', onData);
    refuse(socket, `it presented no secret within ${waitMs} ms`);
  }, waitMs).unref();
  socket.once('close', () => clearTimeout(late));
  const onData = (data: Buffer): void => {
    received = received.length === 0 ? data : Buffer.concat([received, data]);
    if (received.length < HELLO_BYTES) return;
    clearTimeout(late);
    socket.off('data', onData);
    if (!timingSafeEqual(received.subarray(0, HELLO_BYTES), expected)) {
      // Python's client says "digest sent was rejected" when its authkey is wrong.
      refuse(socket, 'digest sent was rejected: the secret it presented is not the queue\'s (only processes the queue was passed to may use it)');
      return;
    }
    admitted(received.subarray(HELLO_BYTES));
  };
  socket.on('data', onData);
}
