/**
 * Requests and responses between a queue's users in other processes and the process that hosts it, and the
 * checks that turn what a peer sent into one of them (anything else is a broken peer, never a crash).
 */

export type QueueRequest =
  | { readonly id: number; readonly op: 'put'; readonly queue: number; readonly block: boolean;
      readonly timeoutMs: number | undefined }
  | { readonly id: number; readonly op: 'get'; readonly queue: number; readonly block: boolean;
      readonly timeoutMs: number | undefined }
  | { readonly id: number; readonly op: 'size'; readonly queue: number };

/** 'unreadable': the host could not read the item a put carried. */
export type ErrorKind = 'empty' | 'full' | 'closed' | 'unreadable';

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

const OPS = new Set(['put', 'get', 'size']);
const KINDS = new Set(['empty', 'full', 'closed', 'unreadable']);

/** `head` as a request (a put with its item as payload), or why it is not one. */
export function parseRequest(head: unknown, payload: Buffer | undefined): QueueRequest | string {
  if (!isRecord(head)) return `a request must be an object, got ${describe(head)}`;
  const { id, op, queue } = head;
  if (!isId(id)) return 'a request needs a numeric id';
  if (typeof op !== 'string' || !OPS.has(op)) return `unknown request op ${describe(op)}`;
  if (!Number.isSafeInteger(queue)) return 'a request needs a numeric queue id';
  if ((op === 'put') !== (payload !== undefined)) return op === 'put' ? 'a put without an item' : `a ${op} with an item`;
  if (op === 'size') return head as QueueRequest;
  const { block, timeoutMs } = head;
  if (typeof block !== 'boolean') return `a ${op} needs block: true or false`;
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs >= 0)) return `a ${op} with a bad timeoutMs`;
  return head as QueueRequest;
}

/** `head` as a response, or why it is not one. */
export function parseResponse(head: unknown): QueueResponse | string {
  if (!isRecord(head) || !isId(head['id']) || typeof head['ok'] !== 'boolean') return `not a queue response: ${describe(head)}`;
  if (head['ok']) return head['value'] === undefined || typeof head['value'] === 'number' ? (head as QueueResponse) : 'a response with a bad value';
  if (typeof head['kind'] !== 'string' || !KINDS.has(head['kind']) || typeof head['message'] !== 'string') return 'a bad error response';
  return head as QueueResponse;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
