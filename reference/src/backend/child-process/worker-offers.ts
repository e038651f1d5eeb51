/**
 * A pool worker's side of offered chunks (pool/offers.ts): with nothing left to run, it takes the oldest offer no
 * other worker took from the pool's offer directory, claiming it with a symbolic link (symlink() fails with
 * EEXIST for all but the first), and runs it at once; its next results message says which it claimed. No turn of
 * the event loop and no word from the parent is needed between two slow chunks.
 */
import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { decodeChunks, type WorkerChunk } from './wire.js';

let dir: string | undefined;
/** The lowest offer number this worker has not seen taken. */
let next = 0;

/** The parent offers chunks in `offerDir`, none open below number `from`. */
export function learnOffers(offerDir: string, from: number): void {
  if (offerDir !== dir) next = from;
  else next = Math.max(next, from);
  dir = offerDir;
}

/** Whether this worker was told of an offer directory (else it has nothing to look at). */
export function knowsOffers(): boolean {
  return dir !== undefined;
}

/**
 * Claims the oldest open offer whose function `canRun` says this worker has: that chunk and its number, or
 * undefined when there is none now.
 */
export function claimOffer(canRun: (fn: number) => boolean): { chunk: WorkerChunk; number: number } | undefined {
  while (dir !== undefined) {
    const link = join(dir, `c${next}`);
    // Taken: look past it. (A look that does not throw: Node's errors cost more than the call.)
    if (lstatSync(link, { throwIfNoEntry: false }) !== undefined) {
      next++;
      continue;
    }
    const file = join(dir, `o${next}`);
    // Nothing offered (yet): the usual answer, so found without the cost of an error.
    if (lstatSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
    let chunk: WorkerChunk | undefined;
    try {
      chunk = decodeChunks(deserialize(readFileSync(file)) as unknown[])[0];
    } catch {
      // Settled and removed just now: the next look tells.
      return undefined;
    }
    if (chunk === undefined || !canRun(chunk.fn)) return undefined;
    try {
      symlinkSync(String(process.pid), link);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        next++;
        continue;
      }
      return undefined;
    }
    return { chunk, number: next++ };
  }
  return undefined;
}
