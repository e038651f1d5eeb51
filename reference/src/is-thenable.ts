/** True for anything with a callable `then`: what `await` would wait for. A getter that throws makes it false. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
  } catch {
    return false;
  }
}
