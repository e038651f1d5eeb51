/**
 * Processes for the length of a check: created, handed to `body`, then each one that is still alive is killed and
 * joined within a bound. Rules use it instead of their own try/finally, so that a failing kill() or join() during
 * cleanup is seen rather than swallowed.
 */
import { RuleFailure } from './expect.js';
import type { ProcessHandle, ProcessOptions, Session } from './implementation.js';
import { settlesWithin } from './settles-within.js';

export interface WithProcessesOptions {
  /** How long kill() and join() of every process may take together (default 10 s). */
  readonly stopWithinMs?: number;
}

/** Runs `body` with one fresh (not yet started) Process per entry of `optionsList`; stops them afterwards. */
export async function withProcesses<T>(
  session: Session,
  optionsList: readonly ProcessOptions[],
  body: (processes: ProcessHandle[]) => Promise<T>,
  { stopWithinMs = 10_000 }: WithProcessesOptions = {},
): Promise<T> {
  const processes: ProcessHandle[] = [];
  for (const options of optionsList) processes.push(await session.createProcess(options));
  let result: T;
  try {
    result = await body(processes);
  } catch (error) {
    // The body's failure is the verdict: stop the processes as well as we can, without letting cleanup mask it.
    await settlesWithin(stopAll(processes, stopWithinMs).catch(() => undefined), stopWithinMs);
    throw error;
  }
  let stopError: unknown;
  const stopped = await settlesWithin(stopAll(processes, stopWithinMs).catch((error: unknown) => (stopError = error)), stopWithinMs);
  if (!stopped) throw new RuleFailure('cleanup: kill() then join() of the processes still alive', `done within ${stopWithinMs} ms`, 'still pending');
  if (stopError !== undefined) {
    const text = stopError instanceof Error ? `${stopError.name}: ${stopError.message}` : String(stopError);
    throw new RuleFailure('cleanup: kill() then join() of the processes still alive', 'no error', text);
  }
  return result;
}

/** `withProcesses` for one process. */
export function withProcess<T>(session: Session, options: ProcessOptions, body: (process: ProcessHandle) => Promise<T>, stop?: WithProcessesOptions): Promise<T> {
  return withProcesses(session, [options], ([process]) => body(process!), stop);
}

async function stopAll(processes: readonly ProcessHandle[], withinMs: number): Promise<void> {
  for (const process of processes) {
    // Never started, exited or closed: nothing to stop (a closed Process refuses isAlive(), and has no child left).
    if (!(await process.isAlive().catch(() => false))) continue;
    // kill(), not terminate(): a child may ignore SIGTERM on purpose.
    await process.kill();
    await process.join(withinMs);
  }
}
