/**
 * What happens to children when the parent exits. Python's atexit handler terminates daemonic children and
 * joins the others. Node cannot wait inside its 'exit' event, so the waiting half is done by keeping
 * non-daemonic children referenced: the parent's event loop stays alive until they exit. The terminating half
 * is this hook. A parent that calls `process.exit()` leaves its non-daemonic children running to their end.
 */
import type { ChildProcess } from 'node:child_process';

const KEY = Symbol.for('multiproc.daemonicChildren');

function daemonicChildren(): Set<ChildProcess> {
  const holder = globalThis as { [KEY]?: Set<ChildProcess> };
  if (holder[KEY] === undefined) {
    const children = new Set<ChildProcess>();
    holder[KEY] = children;
    process.once('exit', () => {
      for (const child of children) child.kill('SIGTERM');
    });
  }
  return holder[KEY];
}

/** Terminates `child` when this process exits, unless it has exited first. */
export function terminateAtExit(child: ChildProcess): void {
  const children = daemonicChildren();
  children.add(child);
  child.once('exit', () => children.delete(child));
}
