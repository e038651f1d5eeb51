import type { ProcessHandle } from '../../harness/implementation.js';
import { defineMutant, type ProcessContext } from './lib/mutant.js';

interface Closed {
  pid: number | null;
  exitCode: number | null;
}

/** After close(), answers from what was known at close() instead of raising "process object is closed". */
function orCached<K extends 'start' | 'join' | 'isAlive' | 'pid' | 'exitCode' | 'terminate' | 'kill'>(
  key: K,
  cached: (closed: Closed) => Awaited<ReturnType<ProcessHandle[K]>>,
) {
  return (base: ProcessHandle, { state }: ProcessContext) =>
    (async (...args: never[]) => {
      const closed = state.closed as Closed | undefined;
      if (closed !== undefined) return cached(closed);
      return (base[key] as (...a: never[]) => Promise<unknown>)(...args);
    }) as ProcessHandle[K];
}

export default defineMutant({
  name: 'process-closed-still-answers',
  area: 'process',
  violation: 'a closed Process keeps answering (start, join, isAlive, pid, exitCode, terminate, kill) from its last state instead of raising',
  aims: ['process.close.then-most-methods-fail'],
  reaches: (t) =>
    t.some('process', ['start', 'join', 'isAlive', 'pid', 'exitCode', 'terminate', 'kill'], (e) => t.after(e, 'close')),
  process: {
    close: (base, { state }) => async () => {
      const known: Closed = { pid: await base.pid(), exitCode: await base.exitCode() };
      await base.close();
      state.closed = known;
    },
    start: orCached('start', () => undefined),
    join: orCached('join', () => undefined),
    isAlive: orCached('isAlive', () => false),
    pid: orCached('pid', (closed) => closed.pid),
    exitCode: orCached('exitCode', (closed) => closed.exitCode),
    terminate: orCached('terminate', () => undefined),
    kill: orCached('kill', () => undefined),
  },
});
