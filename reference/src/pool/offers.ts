/**
 * Offered chunks: a queue of slow chunks that a worker which frees up takes from itself, without waiting for the
 * parent. Handing the next slow chunk out on a result cost a round trip per task here (0.5–1 ms: the VM wakes an
 * idle parent, then the worker); Python's workers have no such gap, as they all read one shared task pipe.
 *
 * The queue is a private directory (mode 0700). Offer number k is the file `o<k>` (the chunk as a batch carries
 * it, written once, renamed into place whole). A worker claims it by making the symbolic link `c<k>` point at its
 * pid: symlink() is atomic and fails with EEXIST for everyone after the first, and the link says who won, which
 * the parent needs when a worker dies between its claim and its word of it. The parent withdraws an offer the
 * same way (a link to WITHDRAWN) and hands the chunk to an idle worker as usual. Workers take offers in number
 * order, so the first free worker gets the oldest. Links stay until the pool ends (with the directory): one
 * removed could be made again by a worker that had not yet looked past it, running its chunk twice.
 *
 * Only chunks with nothing attached are offered (no signal, timeout, progress listener, Queue or class instance):
 * cancel, timeouts and queue deadlines never meet an offered chunk, and its bytes are plain data.
 * @python multiprocessing.pool.Pool._inqueue (one queue every idle worker reads from)
 */
import { accessSync, constants, lstatSync, mkdtempSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { encodeChunks } from '../backend/child-process/wire.js';
import { mayHoldErrors } from './may-hold-errors.js';
import type { Task } from './task.js';

/** What the parent's link says: the chunk went out as an ordinary assignment instead. */
export const WITHDRAWN = 'withdrawn';

/** Whether `chunk` may be offered: plain data, nothing that follows it once it is sent. */
export function offerable(chunk: Task): boolean {
  return chunk.cancel === undefined && chunk.timeout === undefined && chunk.progress === undefined &&
    chunk.queues === undefined && chunk.classes === undefined;
}

/**
 * Where offer directories go: /dev/shm (tmpfs) where there is one, as Python's semaphores do. A claim there (a
 * look, a read, a symlink) took 0.1 ms under load where the same on this machine's ext4 /tmp took 0.4 ms: a
 * symlink on a journaled file system is a journal write.
 */
function offerBase(): string {
  try {
    accessSync(SHM, constants.W_OK | constants.X_OK);
    return SHM;
  } catch {
    return tmpdir();
  }
}

const SHM = '/dev/shm';

const STALE = /^multiproc-offers-(\d+)-[A-Za-z0-9]{6}$/;
const reaped = new Set<string>();

/**
 * Removes, once per process and base, the offer directories of processes gone: a parent killed outright (SIGKILL)
 * runs no 'exit' listener. A pid alive again under another process keeps its directory (it holds a few links).
 */
function reapOnce(base: string): void {
  if (reaped.has(base)) return;
  reaped.add(base);
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = STALE.exec(name)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    try {
      rmSync(join(base, name), { recursive: true, force: true });
    } catch {
      // Another user's, or going meanwhile: not ours to remove.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Every pool's offer directory still in use: one 'exit' listener removes them all. */
const liveDirs = new Set<string>();

function removeLiveDirs(): void {
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
}

export class Offers {
  /** Offered and not yet resolved, by number, oldest first: open, or claimed by a worker whose word is not in. */
  readonly #chunks = new Map<number, Task>();
  #next = 0;
  #dir: string | undefined;

  get length(): number {
    return this.#chunks.size;
  }

  /** The directory, once the pool offered anything (workers are told it). */
  get dir(): string | undefined {
    return this.#dir;
  }

  /** The oldest offer not resolved: a worker told of the directory starts looking there. */
  get from(): number {
    for (const number of this.#chunks.keys()) return number;
    return this.#next;
  }

  /**
   * Offers `chunk`; false when it cannot be (an argument that cannot be written, or whose bytes would not read
   * back: argument-check.ts), and it stays the caller's, to fail as an ordinary assignment does.
   */
  add(chunk: Task): boolean {
    let bytes: Uint8Array;
    try {
      bytes = serialize(encodeChunks([chunk]));
      if (mayHoldErrors([chunk.items]) === 'may-hold-errors') deserialize(bytes);
    } catch {
      return false;
    }
    const dir = this.#ensureDir();
    const number = this.#next++;
    // Whole or not at all: a worker reads the file as soon as it sees its name.
    writeFileSync(join(dir, `o${number}.part`), bytes);
    renameSync(join(dir, `o${number}.part`), join(dir, `o${number}`));
    this.#chunks.set(number, chunk);
    return true;
  }

  /** How many offers no worker has claimed yet. */
  open(): number {
    let open = 0;
    for (const number of this.#chunks.keys()) if (this.#claimer(number) === undefined) open++;
    return open;
  }

  /** Takes the oldest offer no worker claimed back, for an idle worker; undefined when every one is claimed. */
  withdrawOldest(): Task | undefined {
    for (const [number, chunk] of this.#chunks) {
      try {
        symlinkSync(WITHDRAWN, join(this.#dir!, `c${number}`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      this.#resolve(number);
      return chunk;
    }
    return undefined;
  }

  /** Worker `pid` says it claimed offer `number`: the chunk, now its; undefined when it holds no such claim. */
  claimed(number: number, pid: number): Task | undefined {
    const chunk = this.#chunks.get(number);
    if (chunk === undefined || this.#claimer(number) !== String(pid)) return undefined;
    this.#resolve(number);
    return chunk;
  }

  /**
   * The offers worker `pid` claimed and never said so (it died between its claim and its message, or its message
   * broke the protocol): taken out, for the caller to run again or fail.
   */
  claimedBy(pid: number): Task[] {
    const theirs: Task[] = [];
    for (const [number, chunk] of this.#chunks) {
      if (this.#claimer(number) !== String(pid)) continue;
      this.#resolve(number);
      theirs.push(chunk);
    }
    return theirs;
  }

  /** Forgets every offer and removes the directory (the pool is torn down, or every worker is gone). */
  clear(): void {
    this.#chunks.clear();
    if (this.#dir === undefined) return;
    rmSync(this.#dir, { recursive: true, force: true });
    liveDirs.delete(this.#dir);
    if (liveDirs.size === 0) process.removeListener('exit', removeLiveDirs);
    this.#dir = undefined;
  }

  #ensureDir(): string {
    if (this.#dir === undefined) {
      const base = offerBase();
      reapOnce(base);
      // The pid in the name says whose it is, should a parent killed outright leave it behind.
      this.#dir = mkdtempSync(join(base, `multiproc-offers-${process.pid}-`));
      // A pool dropped without join(), or a program that exits with one open, must not leave it behind.
      if (liveDirs.size === 0) process.on('exit', removeLiveDirs);
      liveDirs.add(this.#dir);
    }
    return this.#dir;
  }

  /** The offer is settled: its bytes go (its claimer read them before claiming); its link stays. */
  #resolve(number: number): void {
    this.#chunks.delete(number);
    try {
      unlinkSync(join(this.#dir!, `o${number}`));
    } catch {
      // Removed with its directory.
    }
  }

  #claimer(number: number): string | undefined {
    const link = join(this.#dir!, `c${number}`);
    // Most offers looked at are open: a look that does not throw costs far less than the ENOENT error Node builds.
    if (lstatSync(link, { throwIfNoEntry: false }) === undefined) return undefined;
    try {
      return readlinkSync(link);
    } catch {
      return undefined;
    }
  }
}
