/**
 * The commonest first-hour mistake: `pool.map(…)` without `await`. Python's map returns the list, so nothing
 * in a Python user's hands warns that the call returned a promise; the scope ends, the pool is terminated with
 * the work still running, and the program died of an unhandled PoolTerminatedError whose stack pointed into
 * the pool. Here a promise the pool hands out knows whether anyone asked for its outcome (`await`, `then`,
 * `catch`, `Promise.all`…); when termination fails one nobody asked for, the program is told in a newcomer's
 * words, once, and ends with a non-zero exit code instead of a crash.
 */
import { PoolTerminatedError } from '../errors.js';

const WARNED = Symbol.for('multiproc.forgottenAwaitWarned');

/**
 * A promise that records whether its outcome was asked for. `await` looks `then` up on any promise that is not
 * a plain Promise, so it is seen as well as an explicit `then`; `catch` and `finally` go through `then`.
 */
class WatchedPromise<T> extends Promise<T> {
  // Promises derived from this one (then's result) are plain: only the promise the pool returned is watched.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #watched = false;

  get watched(): boolean {
    return this.#watched;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#watched = true;
    return super.then(onFulfilled, onRejected);
  }
}

// What console.log shows of a forgotten promise is then what a user expects: Promise { <pending> }.
Object.defineProperty(WatchedPromise, 'name', { value: 'Promise' });

/**
 * `work` as a promise that, when it rejects with PoolTerminatedError and nobody has asked for its outcome, holds
 * the rejection back from Node's unhandled-rejection crash and says what went wrong (`method` names the call,
 * as the user wrote it: `pool.map()`). Whoever asks later still gets the rejection.
 */
export function watchForgottenAwait<T>(work: Promise<T>, method: string): Promise<T> {
  const promise: WatchedPromise<T> = new WatchedPromise<T>((resolve, reject) => {
    work.then(resolve, (error: unknown) => {
      reject(error);
      if (!(error instanceof PoolTerminatedError) || promise.watched) return;
      // Marks the rejection handled without marking the promise watched (Promise.prototype.then, not ours).
      Promise.prototype.then.call(promise, undefined, () => {});
      // A caller that awaits right after terminate() (same tick) did not forget: look once the tick is over.
      setImmediate(() => {
        if (!promise.watched) reportForgottenAwait(method, promise);
      });
    });
  });
  return promise;
}

/** Promises reported as not awaited: the exit code is decided at exit, since one may still be awaited later. */
const REPORTED = Symbol.for('multiproc.forgottenAwaits');

function reportForgottenAwait(method: string, promise: WatchedPromise<unknown>): void {
  const holder = globalThis as { [WARNED]?: boolean; [REPORTED]?: WatchedPromise<unknown>[] };
  if (!holder[WARNED]) {
    holder[WARNED] = true;
    // Said at once, when it helps most; worded for the program that awaits the promise later after all.
    process.stderr.write(
      `multiproc: ${method} was still running when its pool was terminated, and nothing was waiting for its ` +
        `promise: did you forget \`await\`? In Python ${method} returns the results; here it returns a promise of them. ` +
        `Write \`const results = await ${method.replace('()', '(…)')}\` before the pool is terminated ` +
        `(inside its \`try\` block, or its \`await using\` scope).\n`,
    );
  }
  if (holder[REPORTED] === undefined) {
    const reported: WatchedPromise<unknown>[] = (holder[REPORTED] = []);
    // Only a promise still never awaited when the program ends makes its exit code 1.
    process.once('exit', () => {
      if (!process.exitCode && reported.some((each) => !each.watched)) process.exitCode = 1;
    });
  }
  holder[REPORTED].push(promise);
}
