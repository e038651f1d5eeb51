import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-kwargs-dropped',
  area: 'process',
  violation: 'keyword arguments are accepted but never passed: the target runs with args alone, so its defaults apply',
  aims: ['process.kwargs.reach-the-target'],
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { kwargs?: unknown }).kwargs !== undefined),
  processOptions: ({ kwargs: _dropped, ...options }) => options,
});
