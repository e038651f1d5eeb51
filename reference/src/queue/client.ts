/**
 * A connection from a process that uses a queue to the process that hosts it: one socket per hosting
 * process, requests matched to responses by id. The socket keeps this process alive only while a request is
 * waiting for its answer.
 */
import { connect, type Socket } from 'node:net';
import { reasonOf } from '../describe-thrown.js';
import { QueueClosedError, QueueEmpty, QueueFull, SerializationError } from '../errors.js';
import { hello } from './auth.js';
import { encodeFrame, readFrames, sendFrame } from './frames.js';
import { decodeItem } from './items.js';
import { decodeResponse, encodeRequest, type ErrorKind, type QueueRequest } from './wire.js';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type RequestBody = QueueRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

class Connection {
  readonly #socket: Socket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | undefined;

  constructor(readonly path: string, readonly ownerPid: number, readonly secret: string) {
    this.#socket = connect(path);
    this.#socket.unref();
    // Before any request: the host reads nothing from a connection until it has seen its secret.
    this.#socket.write(hello(secret));
    readFrames(this.#socket, {
      frame: (head, payload) => this.#answer(head, payload),
      bad: (reason) => this.#fail(this.#gone(new Error(`the host sent ${reason}`))),
    });
    this.#socket.on('error', (error) => this.#fail(this.#gone(error)));
    this.#socket.on('close', () => this.#fail(this.#gone()));
  }

  /** Sends and waits for the answer; a put's item goes as `payload` (see items.ts). */
  request(body: RequestBody, payload?: Uint8Array): Promise<unknown> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const frame = encodeFrame(encodeRequest({ ...body, id } as QueueRequest), payload);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) this.#socket.ref();
      sendFrame(this.#socket, frame);
    });
  }

  #answer(head: Buffer, payload: Buffer | undefined): void {
    const response = decodeResponse(head);
    if (typeof response === 'string') return this.#fail(this.#gone(new Error(`the host sent ${response}`)));
    // The host closes this connection because of what it sent, and says why (see refuse.ts).
    if (!response.ok && response.kind === 'refused') return this.#fail(this.#refused(response.message));
    const pending = this.#pending.get(response.id);
    if (pending === undefined) return;
    this.#pending.delete(response.id);
    if (this.#pending.size === 0) this.#socket.unref();
    if (!response.ok) return pending.reject(toError(response.kind, response.message));
    if (payload === undefined) return pending.resolve(response.value);
    try {
      pending.resolve(decodeItem(payload));
    } catch (error) {
      pending.reject(new SerializationError(`a Queue item arrived that this process cannot read: ${reasonOf(error)}`));
    }
  }

  #gone(cause?: Error): QueueClosedError {
    return new QueueClosedError(
      `the process that hosts this queue (pid ${this.ownerPid}) is gone; ` +
        `a queue lives as long as the process that created it`,
      cause === undefined ? undefined : { cause },
    );
  }

  #refused(reason: string): QueueClosedError {
    return new QueueClosedError(`the process that hosts this queue (pid ${this.ownerPid}) refused this connection: ${reason}`);
  }

  /** The connection is over (see #gone, #refused): every waiting call fails now, later calls at once. */
  #fail(failure: QueueClosedError): void {
    if (this.#failure !== undefined) return;
    this.#failure = failure;
    connections.delete(keyOf(this.path, this.secret));
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
    this.#socket.destroy();
  }
}

const connections = new Map<string, Connection>();

/** The shared connection to the process listening on `path`, which asks for `secret`. */
export function connectionTo(path: string, ownerPid: number, secret: string): Connection {
  // By secret too: a descriptor with the right path and a wrong secret must not borrow a connection that
  // another descriptor authenticated.
  const key = keyOf(path, secret);
  let connection = connections.get(key);
  if (connection === undefined) {
    connection = new Connection(path, ownerPid, secret);
    connections.set(key, connection);
  }
  return connection;
}

function keyOf(path: string, secret: string): string {
  return `${secret}:${path}`;
}

function toError(kind: ErrorKind, message: string): Error {
  if (kind === 'empty') return new QueueEmpty(message);
  if (kind === 'full') return new QueueFull(message);
  if (kind === 'serialization') return new SerializationError(message);
  return new QueueClosedError(message);
}

export type { Connection };
