import test from 'ava';
import { modulePath } from '../../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { runTree, treeSeen } from '../process/script-tree.js';
import { RUN_MS } from './helpers.js';

assertNoOrphans(test);

const fixture = (name: string) => modulePath(import.meta.url, `../fixtures/main-guard/${name}`);

const PYTHON_TEXT = 'An attempt has been made to start a new process before the current process has finished its bootstrapping phase';
const THE_FIX = 'if (isMain(import.meta)) {';

/** A Pool of 2 per level grows exponentially: stop at grandchildren's children rather than wait. */
const RUNAWAY_DEPTH = 3;

// One at a time: each watches a whole tree of processes and the machine has two cores.
test.serial('defect 17: a script that starts a Pool at top level without isMain ends by itself; its task fails with an error naming the guard', async (t) => {
  const run = await runTree(t, fixture('unguarded-pool'), [], RUNAWAY_DEPTH, RUN_MS);
  t.deepEqual(run.ending, { code: 1, signal: null }, `the script must end by itself, failing (${treeSeen(run)}); stderr:\n${run.stderr}`);
  // At most 1, not exactly 1: the tree is sampled, and on a loaded machine a short-lived worker can start and end
  // between two samples. That the workers ran is shown by the refusal they sent back, checked here.
  t.true(run.maxDepth <= 1, `only the script's own workers may start: no worker starts a pool (${treeSeen(run)})`);
  t.true(run.stderr.includes(PYTHON_TEXT), run.stderr);
  t.true(run.stderr.includes(THE_FIX), run.stderr);
  t.true(run.stderr.includes('ProcessStateError'), run.stderr);
  report(t, {
    section: 'defect',
    defect: 17,
    tried: 'a script without the isMain guard starts a Pool of 2 at its top level and maps over it',
    outcome: 'each worker refused while importing the script; the map rejected with the refusal; the script ended',
    figures: { 'deepest level': run.maxDepth, 'processes seen': run.processesSeen, 'most at once': run.mostAtOnce },
  });
});

test.serial('defect 17: an unguarded Pool whose initializer lives in the script breaks with InitializerError naming the guard', async (t) => {
  const run = await runTree(t, fixture('unguarded-initializer'), [], RUNAWAY_DEPTH, RUN_MS);
  t.deepEqual(run.ending, { code: 1, signal: null }, `the script must end by itself, failing (${treeSeen(run)}); stderr:\n${run.stderr}`);
  t.true(run.maxDepth <= 1, `only the script's own workers may start: no worker starts a pool (${treeSeen(run)})`);
  t.regex(run.stderr, /InitializerError: Pool initializer setUp failed in pool worker PoolWorker-\d+: An attempt has been made/);
  t.true(run.stderr.includes(THE_FIX), run.stderr);
  report(t, {
    section: 'defect',
    defect: 17,
    tried: 'a script without the guard starts a Pool whose initializer is defined in the script',
    outcome: 'the pool broke with InitializerError carrying the refusal; the script ended',
    figures: { 'deepest level': run.maxDepth, 'processes seen': run.processesSeen, 'most at once': run.mostAtOnce },
  });
});

test.serial('the same script with the isMain guard runs its Pool', async (t) => {
  const run = await runTree(t, fixture('guarded'), ['pool'], RUNAWAY_DEPTH, RUN_MS);
  t.deepEqual(run.ending, { code: 0, signal: null }, run.stderr);
  t.deepEqual(JSON.parse(run.stdout.trim()), { squares: [1, 4, 9] });
  t.true(run.maxDepth <= 1, `no grandchild (${treeSeen(run)})`);
});
