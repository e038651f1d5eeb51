/**
 * What a CPython session may leave in /dev/shm, and its removal. Under spawn and forkserver, multiprocessing names
 * each semaphore (a Queue holds two, a Pool a few) `/dev/shm/sem.mp-<random>`, and only a finalizer or the resource
 * tracker unlinks it. A process killed with SIGKILL runs neither: a rule that kills a child on purpose, or the
 * session's close(), which kills the driver's whole process group (the resource tracker with it), left one file per
 * semaphore behind, for good (about 1,900 piled up on one machine in a day). The driver runs the finalizers on its
 * way out (driver.py _run_exit_finalizers); for what killed processes made, each session gets its own name prefix,
 * which the driver sets as multiprocessing's `semprefix` (children inherit it), so that close() can unlink exactly
 * its own leftovers once its process group is gone. Likewise in the temp dir: a process that ends by SIGKILL or
 * os._exit leaves its pymp-* dir (a forkserver child that starts processes has one for its own forkserver's socket),
 * so each session gets a temp dir of its own (TMPDIR), removed with all it holds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Python's longest path under TMPDIR: `pymp-<8>/listener-<8>`, a forkserver's socket (AF_UNIX, 107 bytes at most). */
const PYTHON_TMP_PATH_BYTES = 32;
const SOCKET_PATH_MAX_BYTES = 107;

/**
 * A fresh temp dir for one session (`multiproc-py-XXXXXX` in the temp dir), or undefined where a forkserver's socket
 * path under it would pass the limit of Unix sockets: then the session keeps the usual temp dir.
 */
export function sessionTempDir(): string | undefined {
  const parent = tmpdir();
  if (Buffer.byteLength(join(parent, 'multiproc-py-XXXXXX')) + 1 + PYTHON_TMP_PATH_BYTES > SOCKET_PATH_MAX_BYTES) return undefined;
  try {
    return mkdtempSync(join(parent, 'multiproc-py-'));
  } catch {
    return undefined; // An unwritable temp dir: Python finds its own, as before.
  }
}

/** Removes a session's temp dir and all in it. Never throws. */
export function removeTempDir(directory: string | undefined): void {
  if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
}
