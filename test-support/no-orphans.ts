/**
 * "No orphans": every test file ends with no process of its own left running. Descendants are found through
 * /proc (Linux), so grandchildren count too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { TestFn } from 'ava';

/** Pids of every living (non-zombie) descendant of `root`. */
export function descendantsOf(root: number = process.pid): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may hold spaces and parentheses): state, ppid, …
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') parentOf.set(Number(entry), Number(ppid));
    } catch {
      // The process ended while we read.
    }
  }
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const [pid, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(pid);
        frontier.push(pid);
      }
    }
  }
  return found.sort((a, b) => a - b);
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '?';
  }
}

/**
 * The TypeScript loader's own helper: tsx starts an esbuild service the first time it transforms a file that is
 * not in its cache, and that service lives as long as the test process. It is not a child the code under test
 * started, so it is not an orphan.
 */
export function isLoaderHelper(pid: number): boolean {
  return /\/esbuild(\.exe)? --service=/.test(commandOf(pid));
}

/**
 * Waits up to `withinMs` for every descendant to be gone; returns those still there, with their commands. The
 * default grace is long because ava runs a file's after.always hooks at the same time: this check starts while
 * another hook is still closing what the file started (a CPython driver gets 2 s to exit on its own, then its
 * process group is killed), and a loaded 2-core machine stretches that. A clean file returns at once.
 */
export async function leftoverChildren(withinMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const left = descendantsOf().filter((pid) => !isLoaderHelper(pid));
    if (left.length === 0 || Date.now() >= deadline) return left.map((pid) => `${pid} ${commandOf(pid)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Registers an after-hook that fails the file when a child process outlives its tests. */
export function assertNoOrphans(test: TestFn): void {
  test.after.always('no child process is left after this file', async (t) => {
    t.deepEqual(await leftoverChildren(), [], 'child processes left running after the tests');
  });
}
