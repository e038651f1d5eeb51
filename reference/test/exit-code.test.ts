import { constants } from 'node:os';
import test, { type ExecutionContext } from 'ava';
import { toExitCode } from '../src/exit-code.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const exitCodeIs = test.macro({
  exec(t: ExecutionContext, code: number | null, signal: NodeJS.Signals | null, expected: number | null) {
    t.is(toExitCode(code, signal), expected);
  },
  title: (_provided, code, signal, expected) => `toExitCode(${code}, ${signal === null ? 'null' : `'${signal}'`}) is ${expected}`,
});

test(exitCodeIs, 0, null, 0);
test(exitCodeIs, 1, null, 1);
test(exitCodeIs, 7, null, 7);
test(exitCodeIs, 255, null, 255);
test(exitCodeIs, null, 'SIGTERM', -15);
test(exitCodeIs, null, 'SIGKILL', -9);
test(exitCodeIs, null, 'SIGINT', -2);
test(exitCodeIs, null, 'SIGSEGV', -11);
test(exitCodeIs, null, 'SIGUSR1', -constants.signals.SIGUSR1);
test(exitCodeIs, null, null, null);

test('SIGUSR1 is signal 10 on this platform, as the table above assumes for Linux', (t) => {
  t.is(constants.signals.SIGUSR1, 10);
});

test('a signal name Node does not know is a RangeError naming it', (t) => {
  t.throws(() => toExitCode(null, 'SIGNOPE' as NodeJS.Signals), { instanceOf: RangeError, message: 'unknown signal SIGNOPE' });
});
