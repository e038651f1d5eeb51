/**
 * "Coming from Python" (issue 16): the habits a Python user brings, each as one row: the Python line, the
 * multiproc line, and what happens when the Python one is typed in JavaScript: a clear error at once, naming the
 * fix, or "works, same meaning". Every row is run here against the real library, and README's table is rendered
 * from these rows (`MULTIPROC_WRITE_README=1` rewrites it). To add a habit, add one entry to HABITS.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import {
  isMain,
  Pool,
  PoolTerminatedError,
  Process,
  Queue,
  QueueEmpty,
  TaskReferenceError,
  TimeoutError,
} from '../../src/index.js';
import { assertNoOrphans, descendantsOf } from '../../../test-support/no-orphans.js';
import { cell, checkReadmeTable } from '../../../test-support/readme-table.js';
import { sleepFor } from '../fixtures/tasks.js';
import { PROMPT_MS, RUN_MS, within } from '../pool/helpers.js';
import { forgottenAwait, tsWithoutLoader, type LoaderRun, type ProgramRun } from './fixtures/first-hour-scripts.js';
import { add, exitScaled, scaled, square } from './fixtures/python-habits.js';

assertNoOrphans(test);

/** How long a first-hour mistake may take to be refused. */
const FIRST_HOUR_MS = 1000;

/** What the rows share: a running pool (two workers) and an open queue, both empty. */
interface Fixtures {
  readonly pool: Pool;
  readonly queue: Queue<unknown>;
}

type ErrorClass = abstract new (...args: never[]) => Error;

type Outcome =
  /** Refused at once with this error, whose message contains `says`. */
  | { readonly error: ErrorClass; readonly says: string }
  /** Runs; `works` says what it does (shown in README), `check` asserts it on what `run` gave. */
  | { readonly works: string; readonly sameMeaning: boolean; readonly check: (t: ExecutionContext, value: unknown) => void }
  /** Runs, and the user is told what went wrong (a program's stderr, a task's error); `check` asserts it. */
  | { readonly told: string; readonly check: (t: ExecutionContext, value: unknown) => void };

interface Habit {
  /** The Python line. */
  readonly python: string;
  /** What to write in multiproc. */
  readonly multiproc: string;
  /** The Python line as a Python user types it in JavaScript. */
  readonly typed: string;
  /** Types `typed` (and, for a row that works, what it takes to observe its meaning); returns what it gave. */
  readonly run: (f: Fixtures) => unknown;
  readonly outcome: Outcome;
  /** Starts children of its own, or waits on a task: its bound is the time to start one, not FIRST_HOUR_MS. */
  readonly slow?: true;
}

/** An object as plain JavaScript sees it: any property, any arguments. */
const js = (value: object) => value as unknown as Record<string, (...args: unknown[]) => unknown>;
const callback = () => undefined;

const HABITS: readonly Habit[] = [
  {
    python: 'with Pool() as pool:',
    multiproc: 'const pool = new Pool(); try { … } finally { pool.terminate(); await pool.join(); }',
    typed: 'await using pool = new Pool()',
    run: async () => {
      const pool = new Pool(1);
      const pending = pool.applyAsync(sleepFor, [60_000]).get().catch((error: unknown) => error);
      await pool[Symbol.asyncDispose]();
      return pending;
    },
    outcome: {
      works: "where the runtime accepts `await using` (Node 24+, tsx, tsc with a target below ESNext; a SyntaxError in Node 20's own parser): leaving the scope terminates the pool, as Python's `__exit__` does, and a result still pending rejects with PoolTerminatedError (Python's never comes). The try/finally form runs everywhere",
      sameMeaning: true,
      check: (t, value) => t.true(value instanceof PoolTerminatedError, String(value)),
    },
    slow: true,
  },
  {
    python: 'results = pool.map(f, xs)',
    multiproc: 'const results = await pool.map(f, xs)',
    typed: 'const results = pool.map(f, xs)',
    run: () => forgottenAwait(),
    outcome: {
      told: '`results` is `Promise { <pending> }`; if the pool is terminated before it settles, stderr says once "pool.map() was still running when its pool was terminated, and nothing was waiting for its promise: did you forget `await`?", with the line to write, and the program exits with 1',
      check: (t, value) => {
        const program = value as ProgramRun;
        t.is(program.code, 1, program.stderr);
        t.is((program.stderr.match(/did you forget `await`\?/g) ?? []).length, 1, program.stderr);
        t.regex(program.stdout, /"shown":"Promise \{ <pending> \}"/);
      },
    },
    slow: true,
  },
  {
    python: 'python main.py',
    multiproc: 'npx tsx main.ts (children inherit the loader)',
    typed: 'a .ts task, children given env: { PATH } while tsx came through NODE_OPTIONS',
    run: () => tsWithoutLoader(),
    outcome: {
      told: 'the task fails with TaskReferenceError: "… is TypeScript, and the child has no TypeScript loader (Node: Unknown file extension ".ts"). Run the parent under tsx …", and how to pass NODE_OPTIONS on',
      check: (t, value) => {
        const seen = value as LoaderRun;
        t.is(seen.exitCode, 1, 'the Process child fails');
        for (const [where, error] of [['Process', seen.processError], ['Pool', seen.poolError]] as const) {
          t.is(error?.name, 'TaskReferenceError', where);
          t.regex(error?.message ?? '', /its module file:\/\/\S+main\.ts is TypeScript, and the child has no TypeScript loader/, where);
          t.regex(error?.message ?? '', /Unknown file extension "\.ts"/, `${where}: keeps Node's words`);
          t.regex(error?.message ?? '', /npx tsx main\.ts/, `${where}: says how to run the parent`);
          t.regex(error?.message ?? '', /pass NODE_OPTIONS on in `env`/, `${where}: names this case's fix`);
        }
      },
    },
    slow: true,
  },
  {
    python: 'if __name__ == "__main__":',
    multiproc: 'if (isMain(import.meta))',
    typed: 'if (isMain(import.meta))',
    run: () => [isMain(import.meta), isMain({ url: pathToFileURL(realpathSync(process.argv[1]!)).href } as ImportMeta)],
    outcome: {
      works: 'true in the script Node started, false in a child that imports the module to find a task',
      sameMeaning: true,
      check: (t, value) => t.deepEqual(value, [false, true], 'false in a module Node did not start, true in the one it did'),
    },
  },
  {
    python: 'pool.map(lambda x: x*x, xs)',
    multiproc: 'export function square(x) {…}; tasks(import.meta, { square }); await pool.map(square, xs)',
    typed: 'pool.map((x) => x * x, xs)',
    run: (f) => f.pool.map((x: number) => x * x, [1, 2]),
    outcome: { error: TaskReferenceError, says: 'is not a registered task, so a child process cannot find it' },
  },
  {
    python: 'Pool(maxtasksperchild=2)',
    multiproc: 'new Pool({ maxTasksPerChild: 2 })',
    typed: 'new Pool({ maxtasksperchild: 2 })',
    run: () => new Pool({ maxtasksperchild: 2 } as never),
    outcome: { error: TypeError, says: 'did you mean maxTasksPerChild?' },
  },
  {
    python: 'pool.map(f, xs, chunksize=2)',
    multiproc: 'await pool.map(f, xs, 2)',
    typed: 'pool.map(f, xs, { chunksize: 2 })',
    run: (f) => js(f.pool).map(square, [1, 2], { chunksize: 2 }),
    outcome: { error: TypeError, says: 'chunksize goes by position: pool.map(f, xs, 2)' },
  },
  {
    python: 'pool.starmap(f, [(1, 2)])',
    multiproc: 'await pool.starmap(f, [[1, 2]])',
    typed: 'pool.starmap(add, [[1, 2]])',
    run: (f) => f.pool.starmap(add, [[1, 2]]),
    outcome: { works: '[3]: a tuple of arguments is an array', sameMeaning: true, check: (t, value) => t.deepEqual(value, [3]) },
    slow: true,
  },
  {
    python: 'pool.apply_async(f, args, kwds, callback=cb)',
    multiproc: 'pool.applyAsync(f, args, { kwds, callback: cb })',
    typed: 'pool.applyAsync(f, [2], { scale: 3 }, { callback })',
    run: (f) => js(f.pool).applyAsync(scaled, [2], { scale: 3 }, { callback }),
    outcome: { error: TypeError, says: "Python's apply_async(f, args, kwds, callback) is pool.applyAsync(f, args, { kwds, callback })" },
  },
  {
    python: 'ar.get(timeout=5)',
    multiproc: 'await r.get(5000) or await r.get({ timeoutMs: 5000 })',
    typed: 'r.get({ timeout: 5 })',
    run: (f) => js(f.pool.applyAsync(square, [2])).get({ timeout: 5 }),
    outcome: { error: TypeError, says: "did you mean timeoutMs? it is in milliseconds, where Python's timeout is in seconds: { timeoutMs: 5000 }" },
  },
  {
    python: 'except multiprocessing.TimeoutError:',
    multiproc: "import { TimeoutError } from 'multiproc'; … catch (e) { if (e instanceof TimeoutError) … }",
    typed: 'await r.get(10) on a slower task',
    run: async (f) => [await f.pool.applyAsync(sleepFor, [500]).get(10).catch((error: unknown) => error), 'TimeoutError' in globalThis],
    outcome: {
      works: "get() past its timeout rejects with multiproc's TimeoutError, and the task goes on; import it: JavaScript has no global TimeoutError",
      sameMeaning: true,
      check: (t, value) => {
        const [error, global] = value as [unknown, boolean];
        t.true(error instanceof TimeoutError, String(error));
        t.false(global, 'no global TimeoutError to catch by mistake');
      },
    },
    slow: true,
  },
  {
    python: 'Process(target=f, args=(2,), kwargs={"scale": 3})',
    multiproc: 'new Process({ target: f, args: [2], kwargs: { scale: 3 } }), with function f(code, { scale = 1 } = {})',
    typed: 'new Process({ target: f, args: [2], kwargs: { scale: 3 } })',
    run: async () => {
      const p = new Process({ target: exitScaled, args: [2], kwargs: { scale: 3 } });
      p.start();
      await p.join();
      return p.exitCode;
    },
    outcome: {
      works: 'f gets the keyword arguments as its last parameter, an object: f(2, { scale: 3 })',
      sameMeaning: true,
      check: (t, value) => t.is(value, 6, 'the target saw scale 3 (exit code 2 × 3)'),
    },
    slow: true,
  },
  {
    python: 'p.join(0.5)',
    multiproc: 'await p.join(500) or await p.join({ timeoutMs: 500 })',
    typed: 'await p.join(0.5)',
    run: async () => {
      const p = new Process({ target: sleepFor, args: [60_000] });
      p.start();
      try {
        await within(p.join(0.5), FIRST_HOUR_MS, 'p.join(0.5)');
        return p.isAlive();
      } finally {
        p.kill();
        await within(p.join(), RUN_MS, 'the child to exit after kill()');
      }
    },
    outcome: {
      works: 'timeouts are in milliseconds: it waits 0.5 ms and returns with the child still running; write p.join(500)',
      sameMeaning: false,
      check: (t, value) => t.true(value, 'join(0.5) returned while the child ran'),
    },
    slow: true,
  },
  {
    python: 'p.exitcode',
    multiproc: 'p.exitCode',
    typed: 'p.exitcode',
    run: () => js(new Process({ target: sleepFor, args: [1] }))['exitcode'],
    outcome: { error: TypeError, says: 'multiproc spells it exitCode' },
  },
  {
    python: 'q.get(True, 0.1)',
    multiproc: 'await q.get(100) or await q.get({ block: true, timeoutMs: 100 })',
    typed: 'q.get(true, 0.1)',
    run: (f) => js(f.queue).get(true, 0.1),
    outcome: { error: TypeError, says: "Python's get(True, 0.1) is Queue.get({ block: true, timeoutMs: 100 })" },
  },
  {
    python: 'q.get(False)',
    multiproc: 'await q.getNowait() or await q.get({ block: false })',
    typed: 'q.get(false)',
    run: (f) => js(f.queue).get(false),
    outcome: { error: TypeError, says: "Python's get(False, …) is Queue.get({ block: false })" },
  },
  {
    python: 'q.get(timeout=0.1)',
    multiproc: 'await q.get(100) or await q.get({ timeoutMs: 100 })',
    typed: 'q.get({ timeout: 0.1 })',
    run: (f) => js(f.queue).get({ timeout: 0.1 }),
    outcome: { error: TypeError, says: 'did you mean timeoutMs? it is in milliseconds' },
  },
  {
    python: 'except queue.Empty:',
    multiproc: "import { QueueEmpty } from 'multiproc'; … catch (e) { if (e instanceof QueueEmpty) … }",
    typed: 'await q.getNowait() on an empty queue',
    run: (f) => f.queue.getNowait().catch((error: unknown) => error),
    outcome: {
      works: 'rejects with QueueEmpty (as does a get past its timeout); import it from multiproc',
      sameMeaning: true,
      check: (t, value) => t.true(value instanceof QueueEmpty, String(value)),
    },
  },
];

let fixtures: Fixtures | undefined;

test.before(async () => {
  const pool = new Pool(2);
  fixtures = { pool, queue: new Queue() };
  await within(pool.map(square, [1, 2]), RUN_MS, 'the pool to start');
});

test.after.always(async () => {
  if (fixtures === undefined) return;
  fixtures.pool.terminate();
  await within(fixtures.pool.join(), PROMPT_MS, 'pool.join()').catch(() => undefined);
  fixtures.queue.close();
});

/** What a call gave within the bound: its value, or what it threw or rejected with. */
async function outcomeOf(run: () => unknown, withinMs: number): Promise<{ threw: boolean; value?: unknown; error?: unknown }> {
  try {
    return { threw: false, value: await within(Promise.resolve(run()), withinMs, 'the call to settle') };
  } catch (error) {
    return { threw: true, error };
  }
}

function summary(outcome: Outcome): string {
  if ('error' in outcome) return outcome.error.name;
  if ('told' in outcome) return 'told what went wrong';
  return outcome.sameMeaning ? 'works, same meaning' : 'runs, another meaning';
}

for (const habit of HABITS) {
  test.serial(`first hour: ${habit.python} typed as ${habit.typed} → ${summary(habit.outcome)}`, async (t) => {
    const f = fixtures!;
    const childrenBefore = descendantsOf().length;
    const outcome = await outcomeOf(() => habit.run(f), habit.slow ? RUN_MS : FIRST_HOUR_MS);
    const expected = habit.outcome;
    if ('error' in expected) {
      t.true(outcome.threw, `${habit.typed} is refused`);
      t.true(outcome.error instanceof expected.error, `${habit.typed} failed with ${expected.error.name}: ${String(outcome.error)}`);
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      t.true(message.includes(expected.says), `the message says "${expected.says}": ${message}`);
      t.is(descendantsOf().length, childrenBefore, 'no child process was started');
    } else {
      t.false(outcome.threw, `${habit.typed} runs: ${String(outcome.error)}`);
      expected.check(t, outcome.value);
    }
  });
}

const START = '<!-- coming-from-python:start (rendered by reference/test/reliability/coming-from-python.test.ts: edit the rows there) -->';
const END = '<!-- coming-from-python:end -->';

function renderTable(): string {
  const rows = HABITS.map((h) => {
    const o = h.outcome;
    const happens = 'error' in o
      ? `\`${o.error.name}\`: ${cell(o.says)}`
      : 'told' in o ? `told: ${cell(o.told)}` : `${o.sameMeaning ? 'works, same meaning' : 'runs, with another meaning'}: ${cell(o.works)}`;
    return `| \`${cell(h.python)}\` | \`${cell(h.multiproc)}\` | \`${cell(h.typed)}\` → ${happens} |`;
  });
  return [START, '| Python | multiproc | if you type the Python one |', '|---|---|---|', ...rows, END].join('\n');
}

test.serial("first hour: README's \"Coming from Python\" table is exactly these rows (MULTIPROC_WRITE_README=1 rewrites it)", (t) => {
  checkReadmeTable(t, START, END, renderTable(), 'reference/test/reliability/coming-from-python.test.ts');
});
