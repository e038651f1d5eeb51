import type { ProcessHandle } from '../../harness/implementation.js';
import { defineMutant } from './lib/mutant.js';

/** A refusal thrown as `new Error(message)`: the class (Python's ValueError) is lost, the message kept. */
const plain = (error: unknown): never => {
  if (error instanceof Error && error.name === 'ProcessStateError') throw new Error(error.message);
  throw error;
};

function refusingPlainly<K extends 'start' | 'join' | 'isAlive' | 'pid' | 'exitCode' | 'terminate' | 'kill' | 'close'>(key: K) {
  return (base: ProcessHandle) => ((...args: unknown[]) => (base[key] as (...a: unknown[]) => Promise<unknown>)(...args).catch(plain)) as ProcessHandle[K];
}

export default defineMutant({
  name: 'process-refusals-plain-error',
  area: 'process',
  violation: 'a Process refuses a call its state does not allow with a plain Error (the message kept, no class: not ValueError)',
  aims: ['process.close.while-running-fails', 'process.close.then-most-methods-fail'],
  reaches: (t) => t.some('process', ['start', 'join', 'isAlive', 'pid', 'exitCode', 'terminate', 'kill', 'close'], (e) => e.threw === true),
  process: {
    start: refusingPlainly('start'),
    join: refusingPlainly('join'),
    isAlive: refusingPlainly('isAlive'),
    pid: refusingPlainly('pid'),
    exitCode: refusingPlainly('exitCode'),
    terminate: refusingPlainly('terminate'),
    kill: refusingPlainly('kill'),
    close: refusingPlainly('close'),
  },
});
