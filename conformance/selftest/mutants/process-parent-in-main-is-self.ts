import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-parent-in-main-is-self',
  area: 'process',
  violation: 'parentProcess() in the main process reports the main process itself instead of null',
  aims: ['process.parent.main-has-none'],
  reaches: (t) => t.some('session', 'parentProcess'),
  session: {
    parentProcess: (base) => async () => {
      const { name, pid } = await base.currentProcess();
      return { name, pid };
    },
  },
});
