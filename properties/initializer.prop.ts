/**
 * The initializer runs exactly once in every worker process the pool ever starts — the first ones and every
 * replacement after maxTasksPerChild — and before any task in that worker. Two properties: what holds for
 * every task, and the count of runs against the count of processes (a known failure of the reference for now).
 *
 * "Processes ever started" is counted independently of the initializer: this file wraps child_process.fork
 * (module exports are live bindings, synced with syncBuiltinESMExports), so every fork the pool makes in this
 * test process is recorded with its pid. The properties are serial and alone in their file, so the forks of a
 * run are that run's.
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc } from '@fast-check/ava';
import test from 'ava';
import { Pool } from './implementation.js';
import { assertNoOrphans } from '../test-support/no-orphans.js';
import { properties, within } from './harness.js';
import { countInit, whoRan } from './tasks.js';

const { property, writeRecord } = properties(import.meta, test);

let forked: number[] = [];
const originalFork = childProcess.fork;
childProcess.fork = ((...args: Parameters<typeof originalFork>): ChildProcess => {
  const child = originalFork(...args);
  if (child.pid !== undefined) forked.push(child.pid);
  return child;
}) as typeof originalFork;
syncBuiltinESMExports();

const dir = mkdtempSync(join(tmpdir(), 'multiproc-initializer-prop-'));
let runNumber = 0;

const initCase = fc.record({
  processes: fc.integer({ min: 1, max: 2 }),
  maxTasksPerChild: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  tasks: fc.integer({ min: 0, max: 6 }),
  chunksize: fc.integer({ min: 1, max: 3 }),
});

interface InitCase {
  readonly processes: number;
  readonly maxTasksPerChild: number | undefined;
  readonly tasks: number;
  readonly chunksize: number;
}

/** Runs `tasks` items through a fresh pool with the counting initializer, then close() and join(). */
async function runPool({ processes, maxTasksPerChild, tasks, chunksize }: InitCase) {
  const file = join(dir, `run-${++runNumber}.pids`);
  forked = [];
  const pool = new Pool({ processes, initializer: countInit, initargs: [file], maxTasksPerChild: maxTasksPerChild ?? null });
  let reports: ReturnType<typeof whoRan>[];
  try {
    reports = await within(pool.map(whoRan, Array.from({ length: tasks }, (_, i) => i), chunksize), 'map(whoRan)');
  } finally {
    pool.close();
    await within(pool.join(), 'join() after close()');
  }
  const initPids = readFileSync(file, { encoding: 'utf8', flag: 'a+' }).split('\n').filter((line) => line !== '').map(Number);
  return { forked: [...forked], initPids, reports };
}

const GENERATORS = ['processes 1..2', 'maxTasksPerChild 1..5 or none', 'tasks 0..6', 'chunksize 1..3'];
const sorted = (pids: number[]) => [...pids].sort((a, b) => a - b);

property('every task runs after its worker’s initializer, which ran once; no worker exceeds maxTasksPerChild', [initCase], async (t, initCase) => {
  const { processes, maxTasksPerChild, tasks, chunksize } = initCase;
  const { forked, initPids, reports } = await runPool(initCase);
  t.deepEqual(sorted(initPids), sorted([...new Set(initPids)]), 'no worker ran the initializer twice');
  t.true(initPids.every((pid) => forked.includes(pid)), 'only processes the pool started ran the initializer');
  t.true(forked.length >= processes, `at least the ${processes} first workers were started`);
  const chunks = Math.ceil(tasks / chunksize);
  if (maxTasksPerChild !== undefined) {
    t.true(forked.length >= Math.ceil(chunks / maxTasksPerChild), `${chunks} chunks at ${maxTasksPerChild} per worker need more workers than ${forked.length}`);
  }
  for (const report of reports) {
    t.true(initPids.includes(report.pid), `item ${report.x} ran in pid ${report.pid}, which never ran the initializer`);
    t.is(report.initRuns, 1, `item ${report.x}: the initializer ran ${report.initRuns} times in its worker before it`);
  }
  // maxTasksPerChild counts chunks (Python's tasks).
  const chunksPerPid = new Map<number, Set<number>>();
  for (const report of reports) chunksPerPid.set(report.pid, (chunksPerPid.get(report.pid) ?? new Set()).add(Math.floor(report.x / chunksize)));
  for (const [pid, ran] of chunksPerPid) {
    t.true(ran.size <= (maxTasksPerChild ?? Infinity), `worker ${pid} ran ${ran.size} chunks, over maxTasksPerChild ${maxTasksPerChild}`);
  }
}, { runs: 3, serial: true, generators: GENERATORS });

// A pool closed before its worker is ready: the worker must still run its initializer, as Python's does.
const CLOSED_AT_ONCE: InitCase = { processes: 1, maxTasksPerChild: undefined, tasks: 0, chunksize: 1 };

property('initializer runs = worker processes ever started (Python runs it in every worker it starts)', [initCase], async (t, initCase) => {
  const { forked, initPids } = await runPool(initCase);
  t.deepEqual(sorted(initPids), sorted(forked), 'the pids that ran the initializer are the pids the pool forked, each once');
}, {
  runs: 4,
  serial: true,
  generators: GENERATORS,
  examples: [[CLOSED_AT_ONCE]],
});

test.after.always('remove the pid files', () => rmSync(dir, { recursive: true, force: true }));
test.after.always('write the property record', writeRecord);
assertNoOrphans(test);
