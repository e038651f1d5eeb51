/**
 * What happens to children when the parent's program ends. Python's atexit handler first terminates daemonic
 * children, then joins the others. Node says "the program's work is done" with 'beforeExit' (the event loop is
 * empty), so Process children are not referenced while they run, and at 'beforeExit' the daemonic ones get
 * SIGTERM and the others are referenced again: the parent then lives until they exit, as Python's join does.
 * Node cannot wait inside its 'exit' event, so a parent that calls `process.exit()` only terminates daemonic
 * children (the 'exit' hook, which pool workers use too) and leaves the others running to their end.
 */
import type { ChildProcess } from 'node:child_process';

const KEY = Symbol.for('multiproc.daemonicChildren');
const PROCESSES_KEY = Symbol.for('multiproc.processChildren');

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

/** A Process child, and how to make it hold the parent's event loop (its handle and its channel). */
interface ProcessChild {
  readonly child: ChildProcess;
  readonly daemon: boolean;
  hold(holds: boolean): void;
}

function processChildren(): Set<ProcessChild> {
  const holder = globalThis as { [PROCESSES_KEY]?: Set<ProcessChild> };
  if (holder[PROCESSES_KEY] === undefined) {
    const children = new Set<ProcessChild>();
    holder[PROCESSES_KEY] = children;
    // Emitted again each time the loop empties: once the non-daemonic children held here have exited, it finds
    // nobody left, and the program ends.
    process.on('beforeExit', () => {
      const running = [...children].filter(({ child }) => child.exitCode === null && child.signalCode === null);
      for (const { child, daemon } of running) if (daemon) child.kill('SIGTERM');
      for (const { daemon, hold } of running) if (!daemon) hold(true);
    });
  }
  return holder[PROCESSES_KEY];
}

/**
 * Hands a started Process child to the program's end: it no longer holds the event loop by itself; when the
 * program's work is done, a daemonic child is terminated and a non-daemonic one waited for (Python's order).
 */
export function endWithProgram(child: ChildProcess, daemon: boolean, hold: (holds: boolean) => void): void {
  const entry: ProcessChild = { child, daemon, hold };
  const children = processChildren();
  children.add(entry);
  child.once('exit', () => children.delete(entry));
  if (daemon) terminateAtExit(child);
  hold(false);
}
