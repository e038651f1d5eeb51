import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-kill-sends-sigterm',
  area: 'process',
  violation: 'kill() sends SIGTERM (what terminate() sends) instead of SIGKILL',
  aims: ['process.exitcode.kill-gives-minus-nine', 'process.kill.stops-process-ignoring-terminate'],
  reaches: (t) => t.some('process', 'kill', (e) => t.running(e)),
  process: {
    kill: (base) => () => base.terminate(),
  },
});
