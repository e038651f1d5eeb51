import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-pid-shared-by-children',
  area: 'process',
  violation: 'pid() answers the pid of the first child the program started, for every Process (the pid is kept in a module-level variable)',
  aims: ['process.pid.differs-between-children'],
  reaches: (t) => t.calls('process', 'pid').filter((e) => t.after(e, 'start')).length >= 2,
  process: {
    pid: (base, { session }) => async () => {
      const pid = await base.pid();
      if (pid === null) return null;
      if (!session.shared.has('pid')) session.shared.set('pid', pid);
      return session.shared.get('pid') as number;
    },
  },
});
