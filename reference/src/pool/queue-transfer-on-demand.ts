/**
 * The queue machinery (sockets, framing, the queue host) loaded the first time a worker meets a Queue in its
 * arguments. Most pools never pass one, and eight modules fewer to load before a worker's first message is
 * CPU left, on a small machine, to the parent and to the worker that runs the first task.
 */
type Transfer = typeof import('../queue/transfer.js');

let loading: Promise<Transfer> | undefined;

export function queueTransfer(): Promise<Transfer> {
  return (loading ??= import('../queue/transfer.js'));
}
