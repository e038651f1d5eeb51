import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-close-needs-join',
  area: 'process',
  violation: 'close() of a started process refuses until join() was called, even when the child has already exited',
  aims: ['process.close.after-exit-succeeds'],
  reaches: (t) => t.some('process', 'close', (e) => t.after(e, 'start') && !t.after(e, 'join')),
  process: {
    close: (base, { life }) => async () => {
      if (life.started && life.joins === 0) {
        throw new Error('Cannot close a process while it is still running. You should first call join() or terminate().');
      }
      await base.close();
    },
  },
});
