/**
 * What the Pool's fault tests share beyond helpers.ts: a last-resort kill of what a failed test left behind,
 * the pool's live workers as /proc sees them, and replayable random schedules.
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

/** A small seeded generator (mulberry32), so that a failing schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The seed of a randomized fault schedule: MULTIPROC_FAULT_SEED replays one, else a new one each run. */
export function faultSeed(): number {
  return Number(process.env['MULTIPROC_FAULT_SEED'] ?? Date.now() % 2 ** 31);
}
