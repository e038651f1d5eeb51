/**
 * What the Pool's fault tests share beyond helpers.ts: a last-resort kill of what a failed test left behind,
 * and the pool's live workers as /proc sees them.
 */
import type { ExecutionContext } from 'ava';
import { descendantsOf, isLoaderHelper } from '../../../test-support/no-orphans.js';

/** Pids of this test process's live child processes other than the TypeScript loader's helper. */
export function liveChildren(): number[] {
  return descendantsOf().filter((pid) => !isLoaderHelper(pid));
}

/**
 * SIGKILLs, when the test ends, every child still alive: a worker that ignores SIGTERM outlives a test that
 * failed before its pool could stop it, and must not outlive the file. Registered after cleanUp(), so it runs
 * before it (teardowns run last-in first-out): the pool then sees its workers gone and its join() resolves.
 */
export function killLeftoversAtEnd(t: ExecutionContext): void {
  t.teardown(() => {
    for (const pid of liveChildren()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  });
}
