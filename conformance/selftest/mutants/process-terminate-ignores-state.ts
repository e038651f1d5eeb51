import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-terminate-ignores-state',
  area: 'process',
  violation: 'terminate() does not look at the state: before start() it does nothing, after exit it records -15 as if it had stopped the child',
  aims: ['process.terminate.after-exit-is-harmless', 'process.terminate.before-start-fails'],
  reaches: (t) => t.some('process', 'terminate', (e) => !t.after(e, 'start') || t.after(e, 'join')),
  process: {
    terminate: (base, { life, state }) => async () => {
      if (!life.started) return;
      if ((await base.exitCode()) !== null) {
        state.code = -15;
        return;
      }
      await base.terminate();
    },
    exitCode: (base, { state }) => async () => {
      const code = await base.exitCode();
      return (state.code as number | undefined) ?? code;
    },
  },
});
