import { defineMutant } from './lib/mutant.js';

const RAISING = new Set(['raiseError', 'raiseTypeError']);

export default defineMutant({
  name: 'pool-initializer-error-ignored',
  area: 'pool',
  violation: 'an initializer that raises is ignored: the worker goes on to run tasks (emulated by not running a raising initializer)',
  reaches: (t) => t.some('session', 'createPool', (e) => RAISING.has(String((e.args[0] as { initializer?: string }).initializer))),
  poolOptions: (options) =>
    RAISING.has(String(options.initializer)) ? { ...options, initializer: undefined, initargs: undefined } : options,
});
