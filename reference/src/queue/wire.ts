/** Requests and responses between a queue's users in other processes and the process that hosts it. */

export type QueueRequest =
  | { readonly id: number; readonly op: 'put'; readonly queue: number; readonly item: unknown;
      readonly block: boolean; readonly timeoutMs: number | undefined }
  | { readonly id: number; readonly op: 'get'; readonly queue: number; readonly block: boolean;
      readonly timeoutMs: number | undefined }
  | { readonly id: number; readonly op: 'size'; readonly queue: number };

export type ErrorKind = 'empty' | 'full' | 'closed';

export type QueueResponse =
  | { readonly id: number; readonly ok: true; readonly value?: unknown }
  | { readonly id: number; readonly ok: false; readonly kind: ErrorKind; readonly message: string };

/** What crosses to another process in place of a Queue object. */
export interface QueueDescriptor {
  readonly '@multiproc/queue': 1;
  readonly path: string;
  readonly id: number;
  readonly maxsize: number;
  readonly ownerPid: number;
}

export function isDescriptor(value: unknown): value is QueueDescriptor {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['@multiproc/queue'] === 1;
}
