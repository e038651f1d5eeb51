import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'process-normal-end-is-abrupt',
  area: 'process',
  violation:
    "a program that ends normally exits at once, without waiting for its non-daemonic children (emulated on the " +
    'endProgram task, whose end is the program\'s own)',
  aims: ['process.exit.normal-end-joins-non-daemonic-children', 'process.exit.normal-end-terminates-daemonic-children-first'],
  reaches: (t) =>
    t.some('session', 'createProcess', (e) => {
      const { target, args = [] } = e.args[0] as { target: string; args?: unknown[] };
      return target === 'endProgram' && args[1] === 'return';
    }),
  processOptions: (options) =>
    options.target === 'endProgram' && options.args?.[1] === 'return'
      ? { ...options, args: [options.args[0], 'exit', ...options.args.slice(2)] }
      : options,
});
