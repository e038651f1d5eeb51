/**
 * Processes a rule can only see by their pid (a child's own children, written to a file by a task): whether
 * they still run, waiting until they are gone, and killing what is left so that no rule leaves a process
 * behind. Linux: /proc.
 */
import { readFileSync } from 'node:fs';

/** True while `pid` runs: a zombie (exited, not reaped yet, as orphans may stay in a container) has ended. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Polls until none of `pids` runs or `withinMs` passes; returns those still running. */
export async function waitUntilGone(pids: readonly number[], withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const running = pids.filter(isRunning);
    if (running.length === 0 || Date.now() >= deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** SIGKILLs whichever of `pids` still runs, and waits (bounded) until they are gone. */
export async function killLeftovers(pids: readonly number[]): Promise<void> {
  for (const pid of pids.filter(isRunning)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  await waitUntilGone(pids, 5000);
}

/** The parent pid of a running `pid` (from /proc/<pid>/stat), or undefined once it is gone. */
export function parentPidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
