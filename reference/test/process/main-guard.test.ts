import test from 'ava';
import { modulePath } from '../../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { report } from '../../../test-support/reliability.js';
import { RUN_MS } from './helpers.js';
import { runTree, treeSeen, type TreeRun } from './script-tree.js';

assertNoOrphans(test);

const fixture = (name: string) => modulePath(import.meta.url, `../fixtures/main-guard/${name}`);

/** The words every refusal must carry: Python's sentence, then the fix in our terms. */
const PYTHON_TEXT = 'An attempt has been made to start a new process before the current process has finished its bootstrapping phase';
const THE_FIX = 'if (isMain(import.meta)) {';

/** A tree that grows this deep is spawning without end: stop it there rather than wait. */
const RUNAWAY_DEPTH = 3;

function lastJson(run: TreeRun): { exitCode: number | null; error: string | null } {
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as { exitCode: number | null; error: string | null };
  } catch {
    throw new Error(`the script printed no JSON line; it ended ${JSON.stringify(run.ending)}; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

// One at a time: each watches a whole tree of processes and the machine has two cores.
test.serial('defect 17: a script that starts a Process at top level without isMain ends by itself; the child refuses with an error naming the guard', async (t) => {
  const started = Date.now();
  const run = await runTree(t, fixture('unguarded-process'), [], RUNAWAY_DEPTH, RUN_MS);
  t.deepEqual(run.ending, { code: 0, signal: null }, `the script must end by itself (${treeSeen(run)}); stderr:\n${run.stderr}`);
  // At most 1, not exactly 1: the tree is sampled, and on a loaded machine a short-lived child can start and end
  // between two samples (seen: 0). That a child ran is shown by its own output, checked here.
  t.true(run.maxDepth <= 1, `only the script's own child may start: no grandchild (${treeSeen(run)})`);
  const outcome = lastJson(run);
  t.is(outcome.exitCode, 1, 'the child fails: its import of the script threw');
  t.true(outcome.error?.startsWith(PYTHON_TEXT), outcome.error ?? 'p.error is empty');
  t.true(outcome.error?.includes(THE_FIX), outcome.error ?? '');
  report(t, {
    section: 'defect',
    defect: 17,
    tried: 'a script without the isMain guard starts a Process at its top level',
    outcome: `the child refused (exit code 1, p.error: "${outcome.error?.slice(0, 60)}…"); the script ended by itself`,
    figures: { 'deepest level': run.maxDepth, 'processes seen': run.processesSeen, 'most at once': run.mostAtOnce, 'run ms': Date.now() - started },
  });
});

test.serial('the same script with the isMain guard runs its Process', async (t) => {
  const run = await runTree(t, fixture('guarded'), ['process'], RUNAWAY_DEPTH, RUN_MS);
  t.deepEqual(run.ending, { code: 0, signal: null }, run.stderr);
  t.deepEqual(lastJson(run), { exitCode: 0, error: null });
  t.true(run.maxDepth <= 1, `no grandchild (${treeSeen(run)})`);
  // The child ran: its target printed this (the tree's sampling may have missed it, see above).
  t.regex(run.stdout, /^hello from \d+$/m);
});
