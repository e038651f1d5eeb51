/**
 * For the rules about a program ending with children still running: a child plays the program (the catalog's
 * `endProgram`), starts a daemonic and a non-daemonic child of its own, and ends as asked. The rule sees those
 * grandchildren only through the files they write and their pids; whatever still runs afterwards is killed.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonWritten } from './expect.js';
import type { Session } from './implementation.js';
import { isRunning, killLeftovers } from './pids.js';
import type { RuleContext } from './rule.js';

/**
 * How long the grandchildren may take to start and write their pid: seconds when idle, but close to 30 s has
 * been seen on this 2-core machine under load.
 */
const PID_WAIT_MS = 45_000;

export type ProgramEnd = 'return' | 'exit' | 'kill';

export interface EndedProgram {
  /** The program's exit code. */
  readonly exitCode: number | null;
  readonly daemonic: Grandchild;
  readonly nonDaemonic: Grandchild;
}

export interface Grandchild {
  readonly pid: number;
  /** Whether it ran when the program's join() had returned. */
  readonly runningAtEnd: boolean;
  /** Whether it had written "done" by then. */
  readonly doneAtEnd: boolean;
  /** Whether it has written "done" now. */
  done(): boolean;
}

/**
 * Runs `endProgram(dir, how, ms, daemonicMs)` in a child and joins it (the non-daemonic grandchild sleeps `ms`, the
 * daemonic one `daemonicMs`), then hands the outcome to `body`; the grandchildren are killed afterwards if they still run.
 */
export async function withEndedProgram<T>(
  session: Session,
  context: RuleContext,
  how: ProgramEnd,
  ms: number,
  body: (ended: EndedProgram) => Promise<T>,
  daemonicMs = 3 * ms,
): Promise<T> {
  // A directory per program: a rule may run several.
  const dir = mkdtempSync(join(context.tmpdir, `program-${how}-`));
  const program = await session.createProcess({ target: 'endProgram', args: [dir, how, ms, daemonicMs] });
  const pids: number[] = [];
  try {
    await program.start();
    const daemonicPid = await readJsonWritten<number>(join(dir, 'daemonic'), PID_WAIT_MS);
    pids.push(daemonicPid);
    const nonDaemonicPid = await readJsonWritten<number>(join(dir, 'non-daemonic'), PID_WAIT_MS);
    pids.push(nonDaemonicPid);
    await program.join();
    const grandchild = (pid: number, name: string): Grandchild => {
      const done = () => existsSync(join(dir, `${name}.done`));
      return { pid, runningAtEnd: isRunning(pid), doneAtEnd: done(), done };
    };
    const nonDaemonic = grandchild(nonDaemonicPid, 'non-daemonic');
    const daemonic = grandchild(daemonicPid, 'daemonic');
    return await body({ exitCode: await program.exitCode(), daemonic, nonDaemonic });
  } finally {
    await killLeftovers(pids);
  }
}
