import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-missing-target-runs-noop',
  area: 'process',
  violation: 'a Process created without a target gets a do-nothing target instead of being refused',
  aims: ['process.target.missing-is-refused-at-construction'],
  reaches: (t) => t.calls('session', 'createProcess').some((e) => (e.args[0] as { target: unknown }).target === null),
  processOptions: (options) => (options.target === null ? { ...options, target: 'noop' } : options),
});
