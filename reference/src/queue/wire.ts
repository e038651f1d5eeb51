/**
 * Requests and responses between a queue's users in other processes and the process that hosts it. Heads are a
 * few fixed binary fields, not V8-serialized objects: they cost no serializer call on either side (a put is one
 * serialize of its item in the user and one deserialize in the host), and what a peer sends as a head is read
 * as numbers whose every value is checked, never handed to V8's deserializer. Items travel as frame payloads
 * (see frames.ts, items.ts).
 *
 * Request head (24 bytes): op u8 (1 put, 2 get, 3 size), flags u8 (1 block, 2 timeout given), 2 bytes zero,
 * queue u32, id f64, timeoutMs f64. Response head (24 bytes and a message): kind u8 (0 ok, 1 empty, 2 full,
 * 3 closed, 4 serialization, 5 refused), flags u8 (1 value given), 6 bytes zero, id f64, value f64, then the error message in
 * UTF-8. All big-endian.
 */

export type QueueRequest =
  | { readonly id: number; readonly op: 'put'; readonly queue: number; readonly block: boolean;
      readonly timeoutMs: number | undefined }
  | { readonly id: number; readonly op: 'get'; readonly queue: number; readonly block: boolean;
      readonly timeoutMs: number | undefined }
  | { readonly id: number; readonly op: 'size'; readonly queue: number };

/**
 * 'serialization': the host could not read the item a put carried, or write the item a get took. 'refused' (id 0,
 * answering no request): the host closes the connection because of what it sent (see refuse.ts).
 */
export type ErrorKind = 'empty' | 'full' | 'closed' | 'serialization' | 'refused';

/** A get's item travels as the frame's payload, not in the head. */
export type QueueResponse =
  | { readonly id: number; readonly ok: true; readonly value?: number }
  | { readonly id: number; readonly ok: false; readonly kind: ErrorKind; readonly message: string };

/** What crosses to another process in place of a Queue object. */
export interface QueueDescriptor {
  readonly '@multiproc/queue': 1;
  readonly path: string;
  readonly id: number;
  readonly maxsize: number;
  readonly ownerPid: number;
  /** What the host asks of every connection (see auth.ts). */
  readonly secret: string;
}

export function isDescriptor(value: unknown): value is QueueDescriptor {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['@multiproc/queue'] === 1;
}

const HEAD_BYTES = 24;
const OPS = ['put', 'get', 'size'] as const;
const KINDS = ['ok', 'empty', 'full', 'closed', 'serialization', 'refused'] as const;
const BLOCK = 1;
const TIMEOUT = 2;
const VALUE = 1;

export function encodeRequest(request: QueueRequest): Buffer {
  const head = Buffer.alloc(HEAD_BYTES);
  head.writeUInt8(OPS.indexOf(request.op) + 1, 0);
  if (request.op !== 'size') {
    head.writeUInt8((request.block ? BLOCK : 0) | (request.timeoutMs === undefined ? 0 : TIMEOUT), 1);
    head.writeDoubleBE(request.timeoutMs ?? 0, 16);
  }
  head.writeUInt32BE(request.queue, 4);
  head.writeDoubleBE(request.id, 8);
  return head;
}

/** A request's head (a put carries its item as payload), or why it is not one. */
export function decodeRequest(head: Buffer, hasPayload: boolean): QueueRequest | string {
  if (head.length !== HEAD_BYTES) return `a request head of ${head.length} bytes (${HEAD_BYTES} expected)`;
  const op = OPS[head.readUInt8(0) - 1];
  if (op === undefined) return `unknown request op ${head.readUInt8(0)}`;
  const flags = head.readUInt8(1);
  if ((flags & ~(BLOCK | TIMEOUT)) !== 0 || head.readUInt16BE(2) !== 0) return 'a request head with unknown flags';
  const id = head.readDoubleBE(8);
  if (!Number.isSafeInteger(id) || id < 0) return 'a request id that is not a whole number';
  if ((op === 'put') !== hasPayload) return op === 'put' ? 'a put without an item' : `a ${op} with an item`;
  const queue = head.readUInt32BE(4);
  if (op === 'size') return { id, op, queue };
  const timeoutMs = head.readDoubleBE(16);
  if ((flags & TIMEOUT) === 0) return { id, op, queue, block: (flags & BLOCK) !== 0, timeoutMs: undefined };
  if (!(timeoutMs >= 0)) return `a ${op} with a timeout of ${timeoutMs} ms`;
  return { id, op, queue, block: (flags & BLOCK) !== 0, timeoutMs };
}

export function encodeResponse(response: QueueResponse): Buffer {
  const message = response.ok ? undefined : Buffer.from(response.message);
  const head = Buffer.alloc(HEAD_BYTES + (message?.length ?? 0));
  head.writeUInt8(KINDS.indexOf(response.ok ? 'ok' : response.kind), 0);
  head.writeDoubleBE(response.id, 8);
  if (response.ok && response.value !== undefined) {
    head.writeUInt8(VALUE, 1);
    head.writeDoubleBE(response.value, 16);
  }
  message?.copy(head, HEAD_BYTES);
  return head;
}

/** A response's head, or why it is not one. */
export function decodeResponse(head: Buffer): QueueResponse | string {
  if (head.length < HEAD_BYTES) return `a response head of ${head.length} bytes (at least ${HEAD_BYTES} expected)`;
  const kind = KINDS[head.readUInt8(0)];
  if (kind === undefined) return `unknown response kind ${head.readUInt8(0)}`;
  const id = head.readDoubleBE(8);
  if (!Number.isSafeInteger(id) || id < 0) return 'a response id that is not a whole number';
  if (kind !== 'ok') return { id, ok: false, kind, message: head.toString('utf8', HEAD_BYTES) };
  if (head.length !== HEAD_BYTES) return 'a success response with a message';
  return (head.readUInt8(1) & VALUE) === 0 ? { id, ok: true } : { id, ok: true, value: head.readDoubleBE(16) };
}
