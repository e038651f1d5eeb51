import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-terminate-sends-sigkill',
  area: 'process',
  violation: 'terminate() sends SIGKILL instead of SIGTERM',
  aims: ['process.exitcode.terminate-gives-minus-fifteen'],
  reaches: (t) => t.some('process', 'terminate', (e) => t.running(e)),
  process: {
    terminate: (base) => () => base.kill(),
  },
});
