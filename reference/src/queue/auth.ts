/**
 * Who may use a queue's socket: only a process that was given the host's secret, which travels inside queue
 * descriptors, and descriptors cross only the IPC channels between a parent and the children it started. The
 * socket's directory already keeps other users out (mode 0700); the secret keeps out the user's other programs.
 * As Python's authkey, with one difference: the socket is private to the user, so the secret itself is the
 * proof (no challenge–response). The first bytes of every connection are a mark and the secret; the host reads
 * nothing else from a connection, not even one frame, until they are right.
 */
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { refuse } from './refuse.js';

/**
 * node:crypto, loaded the first time a queue needs it: importing it costs about 4 ms of CPU, and every process
 * that loads multiproc (the parent, each pool worker, and again for each task module) paid it at start-up,
 * queue or not (issue 20, a: cold start).
 */
let crypto: typeof import('node:crypto') | undefined;
function cryptoModule(): typeof import('node:crypto') {
  return crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
}

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
  return cryptoModule().randomBytes(SECRET_BYTES).toString('hex');
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
    if (!cryptoModule().timingSafeEqual(received.subarray(0, HELLO_BYTES), expected)) {
      // Python's client says "digest sent was rejected" when its authkey is wrong.
      refuse(socket, 'digest sent was rejected: the secret it presented is not the queue\'s (only processes the queue was passed to may use it)');
      return;
    }
    admitted(received.subarray(HELLO_BYTES));
  };
  socket.on('data', onData);
}
