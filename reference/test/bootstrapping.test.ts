/**
 * Defect 17 of issue 14, in one process: code run by the import of a task module may not start a Process or a
 * Pool, and nothing else is refused. The scripts in process/main-guard.test.ts and pool/pool-main-guard.test.ts
 * show the same from outside, with real children.
 */
import test from 'ava';
import { Pool, Process, ProcessStateError } from '../src/index.js';
import { refuseWhileImportingTask, whileImportingTask } from '../src/bootstrapping.js';
import { returnNothing } from './fixtures/tasks.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { children, cleanUp, sleep } from './process/helpers.js';

assertNoOrphans(test);

const MODULE = 'file:///home/someone/script.ts';
const REFUSAL = new RegExp(
  '^An attempt has been made to start a new process before the current process has finished its bootstrapping ' +
    `phase: (Process\\.start\\(\\)|new Pool\\(\\)) ran in MainProcess while it was importing ${MODULE} .*` +
    'if \\(isMain\\(import\\.meta\\)\\) \\{ … \\}',
);

/** Settles once `release` is called: an import held open (a module with a top-level await). */
function gate(): { opened: Promise<void>; release: () => void } {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

test.serial('defect 17: Process.start() during a task module\'s import, before or after its top-level await, throws ProcessStateError naming the module and the guard, and starts no child', async (t) => {
  const before = children();
  const early = new Process({ target: returnNothing });
  const late = new Process({ target: returnNothing });
  cleanUp(t, early, late);
  await whileImportingTask(MODULE, async () => {
    t.throws(() => early.start(), { instanceOf: ProcessStateError, message: REFUSAL });
    await sleep(1);
    t.throws(() => late.start(), { instanceOf: ProcessStateError, message: REFUSAL });
  });
  t.is(early.pid, null);
  t.is(late.pid, null);
  t.deepEqual(children(), before);
});

test.serial('defect 17: new Pool() during a task module\'s import throws ProcessStateError naming the guard, and starts no worker', async (t) => {
  const before = children();
  await whileImportingTask(MODULE, async () => {
    t.throws(() => {
      const pool = new Pool({ processes: 2 });
      // Only reached without the check: stop what was started.
      pool.terminate();
    }, { instanceOf: ProcessStateError, message: REFUSAL });
  });
  t.deepEqual(children(), before);
});

test.serial('the refusal lasts exactly as long as an import is in flight, top-level await included', async (t) => {
  const { opened, release } = gate();
  const importing = whileImportingTask(MODULE, () => opened);
  t.throws(() => refuseWhileImportingTask('code while the import waits'), { instanceOf: ProcessStateError, message: /while it was importing/ });
  release();
  await importing;
  t.notThrows(() => refuseWhileImportingTask('code after the import'));
});

test.serial('a failed import is no longer in flight: what comes after it may start processes', async (t) => {
  await t.throwsAsync(whileImportingTask(MODULE, async () => {
    throw new SyntaxError('the module does not parse');
  }), { instanceOf: SyntaxError });
  t.notThrows(() => refuseWhileImportingTask('code after the failed import'));
});
