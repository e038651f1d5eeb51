/**
 * A pool worker's stdout and stderr streams, made only when something uses them. Node makes process.stdout and
 * process.stderr on first read, and for a pipe that costs a socket and its setup: a few ms of CPU each (issue
 * 20, a: measured 3–5 ms here). A worker read its stderr at start (to make it blocking) and both at exit (to wait
 * until they drained), so every worker paid for two streams it mostly never wrote to, once on the path to its
 * first result and again on the way out. Now the first read of each makes it (and makes stderr blocking before
 * anything is written), and a leaving worker waits only for the streams that exist: one never made holds nothing.
 */

type StdioName = 'stdout' | 'stderr';

/** Per target (the process, but in tests): the streams watched and not read yet. */
const unread = new WeakMap<object, Set<StdioName>>();

/**
 * Calls `onMade(stream)` when `target[name]` is first read (at once when it cannot tell: a property that is not
 * a configurable getter). The original getter is put back then, so later reads cost what they always did.
 */
export function whenMade(name: StdioName, onMade: (stream: NodeJS.WriteStream) => void = () => undefined,
  target: object = process): void {
  const original = Object.getOwnPropertyDescriptor(target, name);
  if (original?.get === undefined || original.configurable !== true) {
    onMade((target as Record<StdioName, NodeJS.WriteStream>)[name]);
    return;
  }
  const names = unread.get(target) ?? new Set();
  unread.set(target, names.add(name));
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: original.enumerable ?? true,
    get() {
      Object.defineProperty(target, name, original);
      names.delete(name);
      const stream = original.get!.call(target) as NodeJS.WriteStream;
      onMade(stream);
      return stream;
    },
  });
}

/** stdout and stderr, but those watched by whenMade and never read: they hold nothing, and reading would make them. */
export function madeStdio(target: object = process): NodeJS.WriteStream[] {
  const names = (['stdout', 'stderr'] as const).filter((name) => unread.get(target)?.has(name) !== true);
  return names.map((name) => (target as Record<StdioName, NodeJS.WriteStream>)[name]);
}
