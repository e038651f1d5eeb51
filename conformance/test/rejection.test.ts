import test from 'ava';
import { RuleFailure } from '../harness/expect.js';
import { expectErrorRejection } from '../harness/rejection.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

// These tests start no process of their own; the check keeps it so (issue 14: every test file checks).
assertNoOrphans(test);

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

test('expectErrorRejection returns an Error of the named class whose message matches', async (t) => {
  const error = named('ValueError', 'Cannot process zero!');
  t.is(await expectErrorRejection(() => Promise.reject(error), { name: 'ValueError', message: /zero/ }, 'apply'), error);
});

test('expectErrorRejection refuses a plain { name, message, stack } object, even one that prints like an error', async (t) => {
  const plain = { name: 'ValueError', message: 'Cannot process zero!', stack: 'ValueError: Cannot process zero!', toString: () => 'ValueError: Cannot process zero!' };
  const failure = await t.throwsAsync(expectErrorRejection(() => Promise.reject(plain), { name: 'ValueError' }, 'apply'), { instanceOf: RuleFailure });
  t.regex(failure!.message, /apply \(an Error instance\)/);
});

test('expectErrorRejection names the class and the message it expected and what it saw', async (t) => {
  const wrongClass = await t.throwsAsync(expectErrorRejection(() => Promise.reject(named('PoolStateError', 'Pool not running')), { name: 'ValueError' }, 'map'));
  t.regex(wrongClass!.message, /map \(error class name\): expected "ValueError", observed "PoolStateError: Pool not running"/);
  const wrongMessage = await t.throwsAsync(expectErrorRejection(() => Promise.reject(named('ValueError', 'other')), { name: 'ValueError', message: /zero/ }, 'map'));
  t.regex(wrongMessage!.message, /map \(error message\): expected \/zero\/, observed "other"/);
  const resolved = await t.throwsAsync(expectErrorRejection(() => Promise.resolve(4), { name: 'ValueError' }, 'map'));
  t.regex(resolved!.message, /no error \(resolved with 4\)/);
});

test('expectErrorRejection with a bound fails at the bound when the call stays pending', async (t) => {
  const failure = await t.throwsAsync(expectErrorRejection(() => new Promise(() => undefined), { name: 'ValueError' }, 'join()', 50));
  t.regex(failure!.message, /join\(\): expected "ValueError within 50 ms", observed "still pending"/);
});
