import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-pid-forgotten-after-exit',
  area: 'process',
  violation: 'pid() is null again once the child has exited',
  aims: ['process.pid.kept-after-exit'],
  reaches: (t) => t.some('process', 'pid', (e) => t.after(e, 'start')),
  process: {
    pid: (base) => async () => {
      const pid = await base.pid();
      return (await base.exitCode()) === null ? pid : null;
    },
  },
});
