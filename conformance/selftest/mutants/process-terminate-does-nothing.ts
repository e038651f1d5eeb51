import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-terminate-does-nothing',
  area: 'process',
  violation: 'terminate() returns without signalling the child (it signals a process group the child is not in)',
  aims: ['process.terminate.stops-running-process', 'process.parent.is-alive-turns-false-when-parent-ends'],
  reaches: (t) => t.some('process', 'terminate', (e) => !t.after(e, 'start') || t.running(e)),
  process: {
    terminate: () => async () => undefined,
  },
});
