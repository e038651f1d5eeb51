import test, { type ExecutionContext } from 'ava';
import { childExecArgv } from '../src/child-flags.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const keeps = test.macro({
  exec(t: ExecutionContext, execArgv: string[]) {
    t.deepEqual(childExecArgv(execArgv), execArgv);
  },
  title: (_provided, execArgv) => `keeps ${execArgv.join(' ')}`,
});

const drops = test.macro({
  exec(t: ExecutionContext, execArgv: string[]) {
    // Surrounded by kept flags, so a dropped flag that swallowed or leaked a neighbour would show.
    t.deepEqual(childExecArgv(['--import=tsx', ...execArgv, '--enable-source-maps']), ['--import=tsx', '--enable-source-maps']);
  },
  title: (_provided, execArgv) => `drops ${execArgv.join(' ')}`,
});

test(keeps, ['--import=tsx']);
test(keeps, ['--import', 'tsx']);
test(keeps, ['--require', 'x']);
test(keeps, ['-r', 'x']);
test(keeps, ['--conditions=dev']);
test(keeps, ['-C', 'dev']);
test(keeps, ['--max-old-space-size=100']);
test(keeps, ['--enable-source-maps']);
test(keeps, ['--loader', './loader.mjs', '--no-warnings']);

test(drops, ['--input-type=module']);
test(drops, ['--input-type', 'module']);
test(drops, ['--inspect']);
test(drops, ['--inspect-brk=9229']);
test(drops, ['--inspect-port', '1234']);
test(drops, ['--inspect-port=1234']);
test(drops, ['--eval', 'code']);
test(drops, ['--eval=code']);
test(drops, ['-e', 'code']);
test(drops, ['-p', 'code']);
test(drops, ['--print', 'code']);
test(drops, ['--test']);
test(drops, ['--watch']);
test(drops, ['--watch-path', 'src']);
// The value of a dropped flag is dropped even when it looks like a flag the child would keep.
test(drops, ['-e', '--enable-source-maps']);
test(drops, ['--eval', '--import=evil']);
test(drops, ['-p', '--require']);

test('keeps what it keeps in order, dropping the rest', (t) => {
  t.deepEqual(
    childExecArgv(['--inspect', '--import', 'tsx', '-e', 'code', '--conditions=dev', '--watch', '--max-old-space-size=100']),
    ['--import', 'tsx', '--conditions=dev', '--max-old-space-size=100'],
  );
});

test('a value flag at the very end, without its value, is dropped', (t) => {
  t.deepEqual(childExecArgv(['--enable-source-maps', '--import']), ['--enable-source-maps']);
});

test('defaults to process.execArgv', (t) => {
  t.deepEqual(childExecArgv(), childExecArgv(process.execArgv));
});
