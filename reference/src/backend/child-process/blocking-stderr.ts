/**
 * The worker's side of a piped stderr. Node writes to a pipe asynchronously when the pipe is full, keeping the rest
 * in the process: a worker that then dies (SIGKILL, a V8 abort, process.exit() in a task) loses it, and its crash
 * report with it. Inherited, the same stderr was a terminal or a file, written synchronously. Blocking writes give
 * that back: each write has left the process when it returns, or failed (EPIPE once the parent is gone, so a
 * worker whose parent died is never held up by its stderr). Done when the stream is first read, before anything
 * is written to it: a worker that never writes never makes it (lazy-stdio.ts). stdout is watched too, so that a
 * leaving worker knows which streams to wait for.
 */
import { whenMade } from './lazy-stdio.js';

export function makeStderrBlocking(): void {
  whenMade('stderr', (stderr) => {
    const handle = (stderr as unknown as { _handle?: { setBlocking?(blocking: boolean): number } })._handle;
    // A terminal or a file is written synchronously already and has no such method.
    handle?.setBlocking?.(true);
  });
  whenMade('stdout');
}
