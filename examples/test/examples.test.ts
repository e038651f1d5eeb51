/**
 * Runs each example as its own process, as a user would (`node --import tsx examples/<file>.ts`), and checks
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
  /** The pid of the example's own process: the parent of the children it starts. */
  readonly pid: number;
}

/** Runs `examples/<file>` under tsx; rejects (so the test fails) on a non-zero exit or after the timeout. */
async function runExample(file: string): Promise<Ran> {
  const env = { ...process.env };
  delete env['NODE_OPTIONS'];
  const running = run(process.execPath, ['--import', 'tsx', `examples/${file}`], {
    cwd: root,
    env,
    timeout: 90_000, // only a hang reaches it: at a load average of 40 one example took over 30 s
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

// Serial: some examples race a child against a timer (join(500), join(60_000)), as the Python does; running them
// one at a time keeps the machine quiet enough for those to mean what they say.

test.serial('process-basics: life cycle of one Process, and the worker runs in a child of the script', async (t) => {
  const { lines, pid: scriptPid, stderr } = await runExample('process-basics.ts');
  t.is(stderr, '');

  t.is(lineStarting(lines, 'Before start:'), 'Before start: is_alive=false, pid=null');

  const started = /^After start: {2}is_alive=true, pid=(\d+)$/.exec(lineStarting(lines, 'After start:'));
  t.truthy(started, 'after start: alive, with a numeric pid');
  const childPid = Number(started?.[1]);

  const worker = /^Worker 'alpha' running in PID (\d+) \(parent PID: (\d+)\)$/.exec(lineStarting(lines, 'Worker '));
  t.truthy(worker, 'the worker line');
  const [workerPid, parentPid] = [Number(worker?.[1]), Number(worker?.[2])];
  t.not(workerPid, scriptPid, 'the worker runs in another process');
  t.is(workerPid, childPid, 'p.pid is the pid the worker sees');
  t.is(parentPid, scriptPid, "the worker's parent is the example's process");

  t.is(lineStarting(lines, 'After join:'), 'After join:   is_alive=false, exitcode=0');
  t.true(lines.indexOf(lineStarting(lines, 'Worker ')) < lines.indexOf(lineStarting(lines, 'After join:')));
});

test.serial('process-lifecycle: exit codes 0, null while running after join(500), -15 after terminate', async (t) => {
  const { stdout, stderr } = await runExample('process-lifecycle.ts');
  t.is(stderr, '');
  t.is(
    stdout,
    [
      'Created:  name=QuickWorker, alive=false, exitcode=null',
      'Started:  name=QuickWorker, alive=true, exitcode=null',
      'Finished: name=QuickWorker, alive=false, exitcode=0',
      '',
      'After timeout: alive=true, exitcode=null',
      'After terminate: alive=false, exitcode=-15',
      '',
    ].join('\n'),
  );
});

test.serial('daemon-processes: names and daemon flags seen by the children', async (t) => {
  const { lines, pid: scriptPid, stderr } = await runExample('daemon-processes.ts');
  t.is(stderr, '');
  const pids: number[] = [];
  for (const [name, daemon] of [
    ['Worker-A', false],
    ['Worker-B', false],
    ['Daemon-Worker', true],
  ] as const) {
    const match = new RegExp(`^ {2}Process name=${name}, PID=(\\d+), daemon=${daemon}$`).exec(
      lineStarting(lines, `  Process name=${name},`),
    );
    t.truthy(match, `${name} reports daemon=${daemon}`);
    pids.push(Number(match?.[1]));
  }
  t.is(new Set([scriptPid, ...pids]).size, 4, 'each worker has its own pid, none is the script');
  // Worker-A and Worker-B run at the same time, so their order may vary; both come before the daemon part.
  const daemonHeader = lines.indexOf('Daemon process:');
  t.true(daemonHeader > 0);
  t.is(lines[daemonHeader - 1], '', 'the blank line printed by "\\nDaemon process:"');
  t.true(lines.indexOf(lineStarting(lines, '  Process name=Worker-A')) < daemonHeader);
  t.true(lines.indexOf(lineStarting(lines, '  Process name=Worker-B')) < daemonHeader);
  t.true(lines.indexOf(lineStarting(lines, '  Process name=Daemon-Worker')) > daemonHeader);
  t.is(lineStarting(lines, '  p3 '), '  p3 daemon=true, exitcode=0');
});

test.serial("separate-memory: children change their own copies, the parent's stay as they were", async (t) => {
  const { lines, pid: scriptPid, stderr } = await runExample('separate-memory.ts');
  t.is(stderr, '');
  t.is(lineStarting(lines, 'Main process PID:'), `Main process PID: ${scriptPid}`);
  t.is(lineStarting(lines, 'Before:'), 'Before: counter=0, items=[]');

  const children = lines.filter((line) => line.startsWith('  Child PID '));
  t.is(children.length, 4);
  const childPids = new Set<number>();
  for (const [i, line] of children.entries()) {
    const n = i + 1;
    // Each child starts from the module's initial state, not from what an earlier child left.
    const match = /^ {2}Child PID (\d+): counter=(\d+), items=(.*)$/.exec(line);
    t.truthy(match, line);
    t.is(Number(match?.[2]), n * n, `child ${n} counter`);
    t.is(match?.[3], JSON.stringify([n]), `child ${n} items`);
    childPids.add(Number(match?.[1]));
  }
  t.false(childPids.has(scriptPid));
  t.is(childPids.size, 4);

  t.is(lineStarting(lines, 'After:'), 'After:  counter=0, items=[]');
  t.is(lineStarting(lines, 'Exit codes:'), 'Exit codes: [0,0,0,0]');
  t.is(lineStarting(lines, 'Parent unchanged:'), 'Parent unchanged: true');
});
