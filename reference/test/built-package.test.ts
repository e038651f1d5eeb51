/**
 * The package as users get it: `npm run build` emits dist/, the "exports" map resolves `multiproc` to
 * dist/index.js, and a plain .mjs script run with plain `node` (no tsx, no NODE_OPTIONS) can start a Process.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { buildDistOnce, plainEnv } from '../../test-support/built-dist.js';

assertNoOrphans(test);

const run = promisify(execFile);
const root = REPO_ROOT;
const distIndex = join(root, 'dist', 'index.js');

// Inside the package (so `multiproc` resolves through its own "exports"), in the gitignored .tmp/.
const dir = join(root, '.tmp', `built-package-${process.pid}`);

// A user's task module, in plain JavaScript against the package name.
const SCRIPT = `
import { Pool, Process, Queue, QueueEmpty, tasks, isMain } from 'multiproc';

export function exitFive() {
  // What the child was started with: a plain node must not have passed a loader on.
  console.log('CHILD ' + JSON.stringify({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS ?? null }));
  process.exit(5);
}

export function noop() {}

export function square(x) {
  return x * x;
}

export async function putSquare(queue, x) {
  await queue.put(x * x);
}

// The worker entry is a bundle of its own, with its own copy of QueueEmpty: the error must still arrive as the
// class this module imported (issue 14, defect 12).
export function throwEmpty() {
  throw new QueueEmpty('nothing here');
}

// The queue and its QueueEmpty are made by the worker's bundle; the task tests them against the classes it imported.
export async function drainEmpty(queue) {
  try {
    await queue.get({ block: false });
    return { caught: 'nothing' };
  } catch (error) {
    return { caught: error instanceof QueueEmpty, queue: queue instanceof Queue };
  }
}

tasks(import.meta, { exitFive, noop, square, putSquare, throwEmpty, drainEmpty });

if (isMain(import.meta)) {
  console.log('RESOLVED ' + JSON.stringify(import.meta.resolve('multiproc')));
  const p = new Process({ target: exitFive });
  p.start();
  await p.join();
  console.log('EXITCODE ' + JSON.stringify(p.exitCode));

  // What one Process costs: start() + join() of a task that does nothing.
  const costs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const q = new Process({ target: noop });
    q.start();
    await q.join();
    costs.push(Math.round(performance.now() - t0));
    if (q.exitCode !== 0) throw new Error('noop exited with ' + q.exitCode);
  }
  console.log('COSTS ' + JSON.stringify(costs));

  // The pool's worker entry and the queue machinery it loads on demand, from the built files.
  const pool = new Pool({ processes: 2 });
  const queue = new Queue();
  console.log('MAP ' + JSON.stringify(await pool.map(square, [1, 2, 3])));
  await pool.apply(putSquare, [queue, 4]);
  console.log('QUEUED ' + JSON.stringify(await queue.get({ timeoutMs: 10000 })));
  console.log('DRAIN ' + JSON.stringify(await pool.apply(drainEmpty, [queue])));
  const thrown = await pool.apply(throwEmpty, []).catch((error) => error);
  console.log('CLASS ' + JSON.stringify({ instance: thrown instanceof QueueEmpty, name: thrown.name }));
  pool.close();
  await pool.join();
  queue.close();
}
`;

interface ScriptRun {
  readonly resolved: string;
  readonly exitCode: unknown;
  readonly child: { execArgv: string[]; nodeOptions: string | null };
  readonly costs: number[];
  readonly map: unknown;
  readonly queued: unknown;
  readonly thrown: unknown;
  readonly drain: unknown;
}

function parse(stdout: string): ScriptRun {
  const field = (tag: string): unknown => {
    const line = stdout.split('\n').find((l) => l.startsWith(`${tag} `));
    if (line === undefined) throw new Error(`no ${tag} line in:\n${stdout}`);
    return JSON.parse(line.slice(tag.length + 1));
  };
  return {
    resolved: field('RESOLVED') as string,
    exitCode: field('EXITCODE'),
    child: field('CHILD') as ScriptRun['child'],
    costs: field('COSTS') as number[],
    map: field('MAP'),
    queued: field('QUEUED'),
    thrown: field('CLASS'),
    drain: field('DRAIN'),
  };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Once per test run: examples/test/readme-snippets.test.ts packs the same build.
test.before('npm run build', async () => {
  await buildDistOnce();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'user-tasks.mjs'), SCRIPT);
});

test.after.always('remove the temporary script', () => {
  rmSync(dir, { recursive: true, force: true });
});

test.serial('package.json "exports" points at files the build emitted, with types', (t) => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    exports: { '.': Record<'import' | 'require', { types: string; default: string }> };
  };
  t.is(pkg.name, 'multiproc');
  t.is(join(root, pkg.exports['.'].import.default), distIndex);
  t.is(join(root, pkg.exports['.'].require.default), join(root, 'dist', 'index.cjs'), 'require() gets the CommonJS bundle');
  t.true(existsSync(join(root, 'dist', 'index.cjs')), 'dist/index.cjs');
  t.true(existsSync(distIndex), 'dist/index.js');
  // Bundled: one file per entry point, side by side, since Process and Pool look for their child entry next
  // to the module that forks it (scripts/bundle.mjs).
  for (const entry of ['child-main.js', 'worker-main.js', 'cli.js', 'chunk-task.js']) t.true(existsSync(join(root, 'dist', entry)), `dist/${entry}`);
  // dist/index.js re-exports what dist/index.cjs loads (scripts/cached-entry.cjs): the one bundle of the library,
  // dist/multiproc.cjs, compiled with the code cache the build wrote, so ES and CommonJS importers share one copy.
  t.notRegex(readFileSync(distIndex, 'utf8'), /\bfrom\s*['"]\.\.?\//, 'dist/index.js imports no module of its own');
  t.regex(readFileSync(distIndex, 'utf8'), /createRequire\(import\.meta\.url\)\(['"]\.\/index\.cjs['"]\)/, 'dist/index.js loads dist/index.cjs');
  t.true(existsSync(join(root, 'dist', 'multiproc.cjs.cache')), 'the code cache the build wrote ships beside the bundle');
  // Every process parses it: whitespace minified (scripts/bundle.mjs), a few lines where the source has thousands.
  t.true(readFileSync(join(root, 'dist', 'multiproc.cjs'), 'utf8').split('\n').length < 100, 'dist/multiproc.cjs is minified (whitespace)');
  t.deepEqual(Object.keys(pkg.exports['.'].require), ['types', 'default'], 'types first, as TypeScript requires');
  t.true(existsSync(join(root, pkg.exports['.'].require.types)), 'the CommonJS declarations exist');
  const dts = join(root, pkg.exports['.'].import.types);
  t.is(dts, join(root, 'dist', 'index.d.ts'));
  t.true(existsSync(dts), 'dist/index.d.ts');
  t.regex(readFileSync(dts, 'utf8'), /export\s*\{[^}]*\bProcess\b[^}]*\}\s*from/, 'index.d.ts exports Process');
});

test.serial('plain node runs a .mjs task module importing `multiproc`: a child exiting with 5 gives exitCode 5', async (t) => {
  const { stdout, stderr } = await run(process.execPath, [join(dir, 'user-tasks.mjs')], {
    cwd: dir,
    env: plainEnv(),
    // A hang guard, not a measure: the script starts 7 processes and a pool one after another, ~4 s each at a
    // load average of ~60, and was killed at the old 30 s bound while closing its pool, every line printed.
    timeout: 100_000,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  t.is(stderr, '');
  const result = parse(stdout);
  t.is(result.resolved, pathToFileURL(distIndex).href, '`multiproc` resolves to dist/index.js');
  t.is(result.exitCode, 5);
  t.deepEqual(result.map, [1, 4, 9], 'Pool.map through the bundled worker entry');
  t.is(result.queued, 16, 'a Queue crossed into a bundled worker');
  t.deepEqual(result.thrown, { instance: true, name: 'QueueEmpty' }, "defect 12: a multiproc error thrown in a bundled worker arrives as the user's QueueEmpty");
  t.deepEqual(result.child, { execArgv: [], nodeOptions: null }, 'the child ran without any loader');
  t.deepEqual(result.drain, { caught: true, queue: true }, "inside a task, the worker bundle's QueueEmpty and Queue are instances of the classes the task imported");
  t.log(`plain node: Process start()+join() of a noop: ${result.costs.join(', ')} ms (median ${median(result.costs)} ms)`);
});

test.serial('the same script under tsx (children inherit --import tsx): for comparison of the fork cost', async (t) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, 'user-tasks.mjs')], {
    cwd: root,
    env: plainEnv(),
    // Every child compiles through tsx (~1 s each under load): a CI run at load ~25 took more than 30 s for it.
    timeout: 100_000,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  const result = parse(stdout);
  t.is(result.exitCode, 5);
  t.deepEqual(result.child.execArgv, ['--import', 'tsx']);
  t.log(`under tsx:  Process start()+join() of a noop: ${result.costs.join(', ')} ms (median ${median(result.costs)} ms)`);
});
