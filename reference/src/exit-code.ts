import { constants } from 'node:os';

/**
 * Python's exit-code convention from Node's pair: 0 ok, n from `process.exit(n)`, -N when killed by signal N.
 * @python multiprocessing.Process.exitcode (popen_fork.py: `-WTERMSIG(status)`)
 */
export function toExitCode(code: number | null, signal: NodeJS.Signals | null): number | null {
  if (signal !== null) {
    const number = constants.signals[signal];
    // Node names every signal it reports, so an unknown name means a platform we have not seen: keep it visible.
    if (number === undefined) throw new RangeError(`unknown signal ${signal}`);
    return -number;
  }
  return code;
}
