/**
 * Whether `settled` (a promise that never rejects) settles within `timeoutMs` (undefined: waits for it). Python's
 * AsyncResult.wait/get(timeout) only stop waiting at the bound; they never cancel the task, and neither does this.
 */
export async function settlesWithin(settled: PromiseLike<unknown>, timeoutMs: number | undefined): Promise<boolean> {
  if (timeoutMs === undefined) {
    await settled;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([Promise.resolve(settled).then(() => true), bound]);
  } finally {
    clearTimeout(timer);
  }
}
