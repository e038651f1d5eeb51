/**
 * Runs each Pool example as its own process, as a user would (`node --import tsx examples/<file>.ts`), and checks
 * what it prints against what the Python chapter prints.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';

assertNoOrphans(test);

const run = promisify(execFile);
const root = REPO_ROOT;

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: string[];
  /** The pid of the example's own process: the parent of its pool workers. */
  readonly pid: number;
}

/** Runs `examples/<file>` under tsx; rejects (so the test fails) on a non-zero exit or after the timeout. */
async function runExample(file: string): Promise<Ran> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const running = run(process.execPath, ['--import', 'tsx', `examples/${file}`], {
    cwd: root,
    env,
    // Generous: a pool starts its workers under tsx, and a busy machine can make that take seconds.
    timeout: 90_000,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  const pid = running.child.pid;
  if (pid === undefined) throw new Error(`could not start examples/${file}`);
  const { stdout, stderr } = await running; // exit code 0, or this rejects with the code and output
  return { stdout, stderr, lines: stdout.split('\n'), pid };
}

function lineStarting(lines: readonly string[], prefix: string): string {
  const found = lines.find((line) => line.startsWith(prefix));
  if (found === undefined) throw new Error(`no line starts with ${JSON.stringify(prefix)} in:\n${lines.join('\n')}`);
  return found;
}

/** The numbers of a Python list or set repr: `[1, 2]` or `{1, 2}`. */
function numbersOf(repr: string, open: '[' | '{'): number[] {
  const close = open === '[' ? ']' : '}';
  if (!repr.startsWith(open) || !repr.endsWith(close)) throw new Error(`not a ${open}…${close} repr: ${repr}`);
  const body = repr.slice(1, -1);
  if (!/^\d+(, \d+)*$/.test(body)) throw new Error(`not Python's "a, b, c" spelling of numbers: ${repr}`);
  return body.split(', ').map(Number);
}

const ascending = (a: number, b: number): number => a - b;

// Serial: the apply-async example races its tasks against a 100 ms timer, as the Python does, and the practical
// example measures time; running one at a time keeps the machine quiet enough for both.

test.serial('pool-map: squares in input order, printed as Python lists', async (t) => {
  const { stdout, stderr } = await runExample('pool-map.ts');
  t.is(stderr, '');
  t.is(stdout, 'Input:   [1, 2, 3, 4, 5, 6, 7, 8]\nSquared: [1, 4, 9, 16, 25, 36, 49, 64]\n');
});

test.serial('pool-starmap: each argument tuple is unpacked into power(base, exp)', async (t) => {
  const { stdout, stderr } = await runExample('pool-starmap.ts');
  t.is(stderr, '');
  t.is(stdout, ['  2^3 = 8', '  3^3 = 27', '  4^2 = 16', '  5^2 = 25', '  10^3 = 1000', ''].join('\n'));
});

test.serial('pool-apply-async: nothing is ready after 100 ms, then get() collects every square', async (t) => {
  const { stdout, stderr } = await runExample('pool-apply-async.ts');
  t.is(stderr, '');
  t.is(
    stdout,
    [
      'Submitted 5 tasks...',
      // Each task sleeps 300 ms, so none can be ready at 100 ms, however fast the workers start.
      '  Task 1: ready=false',
      '  Task 2: ready=false',
      '  Task 3: ready=false',
      '  Task 4: ready=false',
      '  Task 5: ready=false',
      '',
      'Collecting results:',
      '  1^2 = 1',
      '  2^2 = 4',
      '  3^2 = 9',
      '  4^2 = 16',
      '  5^2 = 25',
      '',
    ].join('\n'),
  );
});

test.serial('pool-worker-pids: every task ran in a worker, not in the script, on at most 3 workers', async (t) => {
  const { lines, pid: scriptPid, stderr } = await runExample('pool-worker-pids.ts');
  t.is(stderr, '');
  t.is(lineStarting(lines, 'Main process PID:'), `Main process PID: ${scriptPid}`);

  const pids = numbersOf(lineStarting(lines, 'Worker PIDs:      ').slice('Worker PIDs:      '.length), '[');
  t.is(pids.length, 6, 'one pid per item of range(6)');
  for (const pid of pids) t.not(pid, scriptPid);

  const unique = numbersOf(lineStarting(lines, 'Unique workers:   ').slice('Unique workers:   '.length), '{');
  t.deepEqual([...unique].sort(ascending), [...new Set(pids)].sort(ascending), 'the set printed is the set of the pids');
  t.true(unique.length >= 1 && unique.length <= 3, `${unique.length} unique workers`);

  const blank = lines.indexOf('All worker PIDs differ from main: true') - 1;
  t.is(lines[blank], '', 'the blank line printed by "\\nAll worker PIDs…"');
  t.is(lineStarting(lines, 'Number of unique workers:'), `Number of unique workers: ${unique.length}`);
});

test.serial('pool-sequential-vs-parallel: the pool computes the same sums as the sequential loop', async (t) => {
  const { lines, stderr } = await runExample('pool-sequential-vs-parallel.ts');
  t.is(stderr, '');
  const time = (prefix: string): number => {
    const match = new RegExp(`^${prefix} *(\\d+\\.\\d{3})s$`).exec(lineStarting(lines, prefix));
    if (match === null) throw new Error(`no time in the "${prefix}" line`);
    return Number(match[1]);
  };
  const sequential = time('Sequential time:');
  const parallel = time('Parallel time:');
  t.regex(lineStarting(lines, 'Speedup:'), /^Speedup: {9}\d+\.\d{2}x$/);
  // The speedup depends on the machine and its load; it is logged, not asserted.
  t.log(`sequential ${sequential.toFixed(3)}s, parallel ${parallel.toFixed(3)}s, ${lineStarting(lines, 'Speedup:')}`);
  t.is(lineStarting(lines, 'Results match:'), 'Results match:   true');
});

test.serial('pool-error-handling: the ValueError thrown in a worker is caught in the parent, by name', async (t) => {
  const { stdout, stderr } = await runExample('pool-error-handling.ts');
  t.is(stderr, '');
  t.is(
    stdout,
    [
      'Testing Pool.map() error handling:',
      '  Caught in parent: Cannot process zero!',
      '',
      'Testing apply_async() error handling:',
      '  Caught from future.get(): Cannot process zero!',
      '  future.successful(): false',
      '',
    ].join('\n'),
  );
});

test.serial('pool-initializer: each of the 2 workers initializes once, and its tasks see its worker_id', async (t) => {
  const { lines, pid: scriptPid, stderr } = await runExample('pool-initializer.ts');
  t.is(stderr, '');
  t.is(lines[0], 'Initializing pool with per-worker setup:');

  const initialized = new Map<number, number>(); // pid → worker_id
  const initLines = lines.filter((line) => line.startsWith('  Worker initialized:'));
  t.is(initLines.length, 2, 'one initializer run per worker');
  for (const line of initLines) {
    const match = /^ {2}Worker initialized: PID=(\d+), worker_id=(\d+)$/.exec(line);
    t.truthy(match, line);
    const [pid, workerId] = [Number(match?.[1]), Number(match?.[2])];
    t.not(pid, scriptPid);
    t.is(workerId, 1000 + (pid % 100), `worker_id of PID ${pid}`);
    initialized.set(pid, workerId);
  }
  t.is(initialized.size, 2, 'the two workers have distinct PIDs');

  const header = lines.indexOf('Results:');
  t.true(header > 0);
  t.is(lines[header - 1], '', 'the blank line printed by "\\nResults:"');
  for (const line of initLines) t.true(lines.indexOf(line) < header, 'workers initialize before the results print');

  const results = lines.slice(header + 1).filter((line) => line !== '');
  t.is(results.length, 4);
  for (const [x, line] of results.entries()) {
    const match = /^ {2}worker_id=(\d+), PID=(\d+), input=(\d+), result=(\d+)$/.exec(line);
    t.truthy(match, line);
    const [workerId, pid] = [Number(match?.[1]), Number(match?.[2])];
    t.is(workerId, 1000 + (pid % 100), 'the worker_id its worker set in the initializer');
    t.true(initialized.has(pid), `PID ${pid} is one of the initialized workers`);
    t.is(Number(match?.[3]), x, 'results in input order');
    t.is(Number(match?.[4]), x * x);
  }
});
