/**
 * What a CPython session may leave in /dev/shm, and its removal. Under spawn and forkserver, multiprocessing names
 * each semaphore (a Queue holds two, a Pool a few) `/dev/shm/sem.mp-<random>`, and only a finalizer or the resource
 * tracker unlinks it. A process killed with SIGKILL runs neither: a rule that kills a child on purpose, or the
 * session's close(), which kills the driver's whole process group (the resource tracker with it), left one file per
 * semaphore behind, for good (about 1,900 piled up on one machine in a day). The driver runs the finalizers on its
 * way out (driver.py _run_exit_finalizers); for what killed processes made, each session gets its own name prefix,
 * which the driver sets as multiprocessing's `semprefix` (children inherit it), so that close() can unlink exactly
 * its own leftovers once its process group is gone.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';

/** The environment variable through which the driver learns the prefix (driver.py SEMPREFIX_ENV). */
export const SEMPREFIX_ENV = 'MULTIPROC_CPYTHON_SEMPREFIX';

/** Where POSIX named semaphores live on Linux (glibc names `/name` `/dev/shm/sem.name`). */
const SHM = '/dev/shm';

/**
 * A fresh prefix for one session's semaphore names: `/mp-` (Python's own, so that `sem.mp-*` still finds them all)
 * then a random tag. Python appends `-` and eight random characters; the whole name stays far under NAME_MAX.
 */
export function sessionSemprefix(): string {
  return `/mp-cpy${randomBytes(5).toString('hex')}`;
}

/**
 * Unlinks every semaphore whose name starts with `prefix` and returns how many it removed. Call it only once no
 * process of the session lives: an unlinked name cannot be opened again (a spawned child opens its parent's
 * semaphores by name). Where /dev/shm does not exist (not Linux), there is nothing to sweep.
 */
export function sweepSemaphores(prefix: string): number {
  const start = `sem.${prefix.replace(/^\//, '')}-`;
  let entries: string[];
  try {
    entries = readdirSync(SHM);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.startsWith(start)) continue;
    try {
      unlinkSync(`${SHM}/${entry}`);
      removed += 1;
    } catch {
      // Gone meanwhile (the resource tracker got there first).
    }
  }
  return removed;
}
