import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-main-name-wrong',
  area: 'process',
  violation: "currentProcess() in the parent is named 'MainThread' (threading's name) instead of 'MainProcess'",
  aims: ['process.current.main-is-mainprocess'],
  reaches: (t) => t.some('session', 'currentProcess'),
  session: {
    currentProcess: (base) => async () => ({ ...(await base.currentProcess()), name: 'MainThread' }),
  },
});
