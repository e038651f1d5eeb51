/**
 * The queue machinery (sockets, framing, the queue host) loaded the first time a pool worker or a Process child
 * meets a Queue in its arguments. Most never get one, and a dozen modules fewer to load at every start is CPU
 * left, on a small machine, to the parent and to the child that runs the first task.
 */
type Transfer = typeof import('../queue/transfer.js');

let loading: Promise<Transfer> | undefined;

export function queueTransfer(): Promise<Transfer> {
  return (loading ??= import('../queue/transfer.js'));
}
