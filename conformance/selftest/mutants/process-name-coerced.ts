import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-name-coerced',
  area: 'process',
  violation: 'a name that is not a string is turned into one (String(value)) instead of being refused',
  aims: ['process.name.non-string-refused'],
  reaches: (t) => t.some('process', 'setName', (e) => typeof e.args[0] !== 'string'),
  process: {
    setName: (base) => async (value) => base.setName!(String(value)),
  },
});
