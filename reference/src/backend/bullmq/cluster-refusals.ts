/**
 * What a cluster pool refuses at once, before anything connects: a multiproc Queue in its initargs, and an `env`. A Queue is a
 * socket server in this process that its workers' processes connect to; a worker command on another machine
 * cannot reach it. (A Queue among a call's arguments is refused the same way, when its chunk is sent:
 * cluster-backend.ts.)
 */
import { Queue } from '../../queue/queue.js';

/** How deep the initargs are searched: as deep as a Queue is ever put in practice, and bounded for cycles. */
const MAX_DEPTH = 16;

/** Throws a TypeError saying why and what to do instead when `initargs` hold a multiproc Queue. */
export function refuseQueuesInInitargs(initargs: readonly unknown[]): void {
  if (!holdsQueue(initargs, 0)) return;
  throw new TypeError('Pool initargs hold a multiproc Queue, which cannot cross to options.cluster\'s workers: they are ' +
    'on other machines and the Queue lives in this process. Use a Redis structure the initializer opens itself (a list, a stream)');
}

function holdsQueue(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false;
  if (Queue.isQueue(value)) return true;
  const children = Array.isArray(value) ? value
    : value instanceof Map ? [...value.keys(), ...value.values()]
    : value instanceof Set ? [...value]
    : Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null ? Object.values(value) : [];
  return children.some((child) => holdsQueue(child, depth + 1));
}

/**
 * Throws a TypeError when a cluster pool is given `env`: its tasks run in the worker commands' processes, which take
 * their worker command's environment; Redis's word must not set it (NODE_OPTIONS would choose what they load).
 */
export function refuseEnv(env: unknown): void {
  if (env === undefined || env === null) return;
  throw new TypeError('options.env cannot reach options.cluster\'s workers: their processes take the environment of ' +
    'their `multiproc worker` command, on its machine. Set it there (e.g. NODE_OPTIONS=--max-old-space-size=512 ' +
    'npx multiproc worker …), and leave env out of a cluster pool');
}
