import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-parent-is-self',
  area: 'process',
  violation:
    "parentProcess() in a child reports the child itself (its own identity instead of the one it was sent): emulated " +
    'by running writeIdentity where writeParent was asked, as the fault lives in the child',
  aims: ['process.parent.child-sees-parent-name-and-pid'],
  reaches: (t) => t.some('session', 'createProcess', (e) => (e.args[0] as { target: string }).target === 'writeParent'),
  processOptions: (options) => (options.target === 'writeParent' ? { ...options, target: 'writeIdentity' } : options),
});
