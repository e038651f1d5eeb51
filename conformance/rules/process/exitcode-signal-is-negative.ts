import { expectEqual } from '../../harness/expect.js';
import { defineRule } from '../../harness/rule.js';
import { withProcesses } from '../../harness/with-processes.js';

export default defineRule({
  id: 'process.exitcode.signal-is-negative',
  statement: 'A child ended by signal N has exit code -N.',
  source: 'seed',
  python: 'seed: Process Lifecycle and Exit Codes',
  needs: ['process'],
  timeoutMs: 40_000,
  async check(session) {
    // SIGUSR1 (10) and SIGTERM (15) both end a process by default; the task sleeps 10 s, then returns (exit
    // code 0), when a signal does not end it.
    const signals = [10, 15];
    await withProcesses(session, signals.map((signal) => ({ target: 'killSelf', args: [signal] })), async (children) => {
      for (const child of children) await child.start();
      for (const child of children) await child.join(20_000);
      const codes = [];
      for (const child of children) codes.push(await child.exitCode());
      expectEqual(codes, signals.map((signal) => -signal), 'exitCode() after killSelf(10) and killSelf(15)');
    });
  },
});
