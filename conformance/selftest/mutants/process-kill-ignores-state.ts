import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-kill-ignores-state',
  area: 'process',
  violation: 'kill() does not look at the state: before start() it does nothing, after exit it records -9 as if it had killed the child',
  aims: ['process.kill.after-exit-is-harmless', 'process.kill.before-start-fails'],
  reaches: (t) => t.some('process', 'kill', (e) => !t.after(e, 'start') || t.after(e, 'join')),
  process: {
    kill: (base, { life, state }) => async () => {
      if (!life.started) return;
      if ((await base.exitCode()) !== null) {
        state.code = -9;
        return;
      }
      await base.kill();
    },
    exitCode: (base, { state }) => async () => {
      const code = await base.exitCode();
      return (state.code as number | undefined) ?? code;
    },
  },
});
