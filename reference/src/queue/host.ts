/**
 * Where queues live: in the process that created them, until it exits (closing a shared queue there ends only
 * that process's use of it: see Queue.close()). Other processes reach them over one Unix domain socket per
 * hosting process, in a directory only this user can enter (mode 0700, see socket-dir.ts), removed when the
 * process exits (and by the next host when it could not be). Why a
 * socket and not the IPC channel: a queue must work between any two processes (child → child, worker →
 * worker, grandchild → parent), and an IPC channel only joins a parent to its own child.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { reasonOf } from '../describe-thrown.js';
import { QueueClosedError, QueueEmpty, QueueFull, QueueSocketError } from '../errors.js';
import { awaitHello, newSecret } from './auth.js';
import { readFrames, writeFrame } from './frames.js';
import { decodeItem, encodeItem, unreadableItem, unwritableItem } from './items.js';
import { refuse } from './refuse.js';
import { makeSocketDir, tempCandidates } from './socket-dir.js';
import { reapStaleDirs } from './stale-dirs.js';
import type { QueueStore, Taken } from './store.js';
import { decodeRequest, encodeResponse, type ErrorKind, type QueueRequest, type QueueResponse } from './wire.js';

interface HostState {
  readonly stores: Map<number, QueueStore>;
  nextId: number;
  server: Server | undefined;
  directory: string | undefined;
  path: string | undefined;
  /** What a connection must present first (see auth.ts); a new one with each socket. */
  secret: string | undefined;
  /** The 'exit' hook is added once, however often the server stops and starts again. */
  exitHook: boolean;
  /** Temporary directories already searched for stale socket directories. */
  readonly reaped: Set<string>;
}

const KEY = Symbol.for('multiproc.queueHost');

function state(): HostState {
  const holder = globalThis as { [KEY]?: HostState };
  holder[KEY] ??= {
    stores: new Map(), nextId: 1, server: undefined, directory: undefined, path: undefined, secret: undefined,
    exitHook: false, reaped: new Set(),
  };
  return holder[KEY];
}

/** Registers a store so other processes can reach it; returns its id. */
export function host(store: QueueStore): number {
  const hosting = state();
  const id = hosting.nextId++;
  hosting.stores.set(id, store);
  return id;
}

/** Forgets a store no other process can know (its creator closed it unshared); the socket goes with the last one. */
export function unhost(id: number): void {
  const hosting = state();
  hosting.stores.delete(id);
  if (hosting.stores.size === 0) stopServer();
}

export function hostedStore(id: number): QueueStore | undefined {
  return state().stores.get(id);
}

/**
 * Where the socket is and the secret it asks for, starting the server the first time a queue is sent to another
 * process. Throws a QueueSocketError, with nothing left running or on disk, when no socket can be made.
 */
export function socketAddress(): { readonly path: string; readonly secret: string } {
  const hosting = state();
  if (hosting.path !== undefined) return { path: hosting.path, secret: hosting.secret! };
  const { directory, path } = makeSocketDir(tempCandidates());
  const parent = dirname(directory);
  if (!hosting.reaped.has(parent)) {
    hosting.reaped.add(parent);
    reapStaleDirs(parent);
  }
  const secret = newSecret();
  const server = createServer((socket) => serve(socket, secret));
  // Once listening, a failed accept (EMFILE) is reported here: the server goes on, that peer is refused.
  // Before, a failed listen is reported here too, on the next tick: it is turned into a throw below.
  server.on('error', () => undefined);
  // listen() on a path binds synchronously, so the socket exists before any child is told about it.
  server.listen(path);
  if (!server.listening) {
    server.close();
    rmSync(directory, { recursive: true, force: true });
    throw new QueueSocketError(
      `the system refused to listen on the queue socket ${path} (too many open files?): the queue cannot be ` +
        'shared with another process',
    );
  }
  // The directory (0700) already keeps other users out; the socket itself is made private too.
  chmodSync(path, 0o600);
  // Hosting queues must not keep a process alive on its own, as in Python.
  server.unref();
  hosting.server = server;
  hosting.directory = directory;
  hosting.path = path;
  hosting.secret = secret;
  // 'exit' covers a return, process.exit() and an uncaught exception. Signals are not listened for: a listener
  // takes a signal's default action away (and signal-exit, which many programs carry, then leaves the program
  // running), and a library must not change how a program dies. A directory left by a signal, as by SIGKILL,
  // is removed by the next host (see stale-dirs.ts).
  if (!hosting.exitHook) {
    hosting.exitHook = true;
    process.on('exit', stopServer);
  }
  return { path, secret };
}

function stopServer(): void {
  const hosting = state();
  hosting.server?.close();
  if (hosting.directory !== undefined) rmSync(hosting.directory, { recursive: true, force: true });
  hosting.server = undefined;
  hosting.directory = undefined;
  hosting.path = undefined;
  hosting.secret = undefined;
}

function serve(socket: Socket, secret: string): void {
  socket.unref();
  const gone = new AbortController();
  socket.on('close', () => gone.abort());
  socket.on('error', () => undefined);
  awaitHello(socket, secret, (rest) => {
    // A peer that does not speak the protocol loses its connection, and is told what it sent. Its waiting
    // requests end now, not when the peer gets round to closing: no item is taken for it any more.
    const broke = (reason: string): void => {
      gone.abort();
      refuse(socket, `it broke the queue protocol: it sent ${reason} (do both processes run the same version of multiproc?)`);
    };
    const frames = readFrames(socket, {
      frame: (head, payload) => {
        const request = decodeRequest(head, payload !== undefined);
        if (typeof request !== 'string') return handle(socket, request, payload, gone.signal);
        // Nothing it sent from there on is acted on, including the frames that came in the same read.
        frames.stop();
        broke(request);
      },
      bad: broke,
    });
    if (rest.length > 0) frames.push(rest);
  });
}

function handle(socket: Socket, request: QueueRequest, payload: Buffer | undefined, signal: AbortSignal): void {
  let item: unknown;
  if (payload !== undefined) {
    try {
      item = decodeItem(payload);
    } catch (error) {
      // Its head was fine: only this put is refused, and the connection goes on.
      reply(socket, { id: request.id, ok: false, kind: 'serialization', message: unreadableItem(error) });
      return;
    }
  }
  answer(request, item, signal).then(
    (value) => {
      if (request.op === 'get') hand(socket, request, value as Taken<unknown>);
      else reply(socket, { id: request.id, ok: true, ...(value === undefined ? {} : { value: value as number }) });
    },
    (error: unknown) => reply(socket, { id: request.id, ok: false, kind: kindOf(error), message: reasonOf(error) }),
  );
}

/** Answers a get with the item it took; an item that does not reach the consumer goes back to its place. */
function hand(socket: Socket, request: QueueRequest, taken: Taken<unknown>): void {
  let payload: Buffer;
  try {
    payload = encodeItem(taken.item);
  } catch (error) {
    // Past the size bound, or out of memory: the consumer is told why, and nothing is lost.
    hostedStore(request.queue)?.restore(taken);
    reply(socket, { id: request.id, ok: false, kind: 'serialization', message: unwritableItem(error) });
    return;
  }
  reply(socket, { id: request.id, ok: true }, payload, (delivered) => {
    // A consumer that died before its answer reached its socket never had the item: it goes back to its
    // place in the queue. Once the kernel has taken the answer, the item is the consumer's: if it dies
    // before reading it, that one item is lost with it (never duplicated), as in Python.
    if (!delivered) hostedStore(request.queue)?.restore(taken);
  });
}

async function answer(request: QueueRequest, item: unknown, signal: AbortSignal): Promise<unknown> {
  const store = hostedStore(request.queue);
  if (store === undefined || store.closed) throw new QueueClosedError('Queue is closed: its host has no open queue of that id');
  switch (request.op) {
    case 'put':
      return store.put(item, { block: request.block, timeoutMs: request.timeoutMs, signal });
    case 'get':
      return store.take({ block: request.block, timeoutMs: request.timeoutMs, signal });
    case 'size':
      return store.size;
  }
}

/** Answers a request; `then(false)` when the answer could not be handed to the caller's socket. */
function reply(socket: Socket, response: QueueResponse, payload?: Uint8Array, then?: (delivered: boolean) => void): void {
  // Writing to a socket whose peer process is dead fails (EPIPE): the kernel took none of it.
  if (socket.destroyed) then?.(false);
  else writeFrame(socket, encodeResponse(response), payload, then && ((error) => then(!error)));
}

function kindOf(error: unknown): ErrorKind {
  if (error instanceof QueueEmpty) return 'empty';
  if (error instanceof QueueFull) return 'full';
  return 'closed';
}
