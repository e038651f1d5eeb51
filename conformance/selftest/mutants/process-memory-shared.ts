import type { AsyncResultHandle, PoolHandle } from '../../harness/implementation.js';
import { defineMutant, type ProcessContext, type SessionContext } from './lib/mutant.js';

/**
 * Every Process runs its target in one long-lived worker process of the program (a process reused for each
 * target, as a pool reuses its workers), not in a fresh child: module-level state one target leaves behind is
 * what the next target sees. Built on a one-worker pool of the reference; the handle answers from the task's
 * outcome (exit code 0 on return, 1 on an error).
 */
function sharedWorker(session: SessionContext): Promise<PoolHandle> {
  if (!session.shared.has('worker')) session.shared.set('worker', session.base.createPool!({ processes: 1 }));
  return session.shared.get('worker') as Promise<PoolHandle>;
}

const resultOf = (state: ProcessContext['state']) => state.result as AsyncResultHandle | undefined;

export default defineMutant({
  name: 'process-memory-shared',
  area: 'process',
  violation: 'every Process runs its target in the same reused worker process: module-level state one child changed is what the next child sees',
  aims: ['process.memory.children-do-not-share-state'],
  // Only children started one after another with the same target can see what an earlier one left behind.
  reaches: (t) => {
    const targets = t.calls('session', 'createProcess').map((e) => String((e.args[0] as { target: string }).target));
    return targets.some((target, i) => targets.indexOf(target) !== i) && t.some('process', 'exitCode');
  },
  process: {
    start: (_base, { options, session, state }) => async () => {
      if (state.result !== undefined) throw new Error('cannot start a process twice');
      state.result = await (await sharedWorker(session)).applyAsync(options.target ?? 'noop', options.args ?? []);
    },
    join: (_base, { state }) => async (timeoutMs) => {
      await resultOf(state)?.wait(timeoutMs);
    },
    isAlive: (_base, { state }) => async () => resultOf(state) !== undefined && !(await resultOf(state)!.ready()),
    exitCode: (_base, { state }) => async () => {
      const result = resultOf(state);
      if (result === undefined || !(await result.ready())) return null;
      return (await result.successful()) ? 0 : 1;
    },
    pid: (_base, { session, state }) => async () => {
      if (resultOf(state) === undefined) return null;
      session.shared.set('pid', session.shared.get('pid') ?? (await (await sharedWorker(session)).apply('getPid', [])));
      return session.shared.get('pid') as number;
    },
  },
});
