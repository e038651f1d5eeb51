/**
 * Whether python3 can run here at all: the one reason a CPython test may skip. Any other failure to open a CPython
 * session (a broken driver, a crash) must fail the test, not pass it.
 */
import { spawnSync } from 'node:child_process';
import type { ExecutionContext } from 'ava';
import type { Implementation, Session } from '../harness/implementation.js';

let probed: string | null | undefined;

/** Why python3 is missing (it cannot be started, or `python3 --version` fails), or undefined when it runs. */
export function python3Missing(): string | undefined {
  if (probed === undefined) {
    const run = spawnSync('python3', ['--version'], { encoding: 'utf8', timeout: 10_000 });
    if (run.error !== undefined) probed = `python3 cannot be started: ${run.error.message}`;
    else if (run.status !== 0) probed = `python3 --version exited with ${run.status ?? run.signal}: ${run.stderr.trim()}`;
    else probed = null;
  }
  return probed ?? undefined;
}

/**
 * Runs `body` in a session of `implementation`, closed afterwards. A session that does not open fails the test,
 * except for a Python implementation where python3 is missing: then the test says so with t.log and skips its body.
 */
export async function withSessionOf(t: ExecutionContext, implementation: Implementation, body: (session: Session) => Promise<void>): Promise<void> {
  const missing = implementation.isPython === true ? python3Missing() : undefined;
  if (missing !== undefined) {
    t.log(`skipped: ${missing} (the conformance run skips the CPython column too)`);
    t.pass();
    return;
  }
  const session = await implementation.open();
  try {
    await body(session);
  } finally {
    await session.close();
  }
}
