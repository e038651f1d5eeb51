import type { ChildProcess } from 'node:child_process';

/**
 * Calls `then` once the child has exited AND its IPC channel is drained, so every message it sent before dying
 * has been delivered first. ChildProcess's own 'close' would say the same, but Node does not emit it when the
 * parent closed the channel itself (checked on Node 20), which is how a pool retires its workers.
 */
export function whenGone(child: ChildProcess, then: (code: number | null, signal: NodeJS.Signals | null) => void): void {
  let exit: [number | null, NodeJS.Signals | null] | undefined;
  let drained = !child.connected;
  const settle = () => {
    if (exit !== undefined && drained) then(...exit);
  };
  child.once('exit', (code, signal) => {
    exit = [code, signal];
    settle();
  });
  if (!drained) {
    child.once('disconnect', () => {
      drained = true;
      settle();
    });
  }
}
