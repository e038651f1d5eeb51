/**
 * A host's socket directory goes when the program ends: the 'exit' event covers a normal end and
 * process.exit(); this covers the signals whose default action ends a program (SIGINT, SIGTERM, SIGHUP)
 * without changing what the program does on them. Listening for a signal takes its default action away, so:
 * when a signal comes and ours is the only listener, the directory is removed, our listeners go (the default
 * action is back) and the signal is raised again: the program dies of it as it would have. When the program
 * listens for that signal itself, its handler decides, and the queues may go on being used: nothing is
 * removed then (the 'exit' hook, or the next host's reaping, will). SIGKILL cannot be caught: see stale-dirs.ts.
 */

const SIGNALS = process.platform === 'win32' ? [] : (['SIGINT', 'SIGTERM', 'SIGHUP'] as const);

/** Runs `cleanup` on a terminating signal the program does not handle itself; returns the way to stop listening. */
export function cleanUpOnSignals(cleanup: () => void): () => void {
  const handlers = new Map<NodeJS.Signals, () => void>();
  const stop = (): void => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    handlers.clear();
  };
  for (const signal of SIGNALS) {
    const handler = (): void => {
      if (process.listenerCount(signal) > 1) return;
      cleanup();
      stop();
      process.kill(process.pid, signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return stop;
}
