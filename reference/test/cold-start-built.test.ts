/**
 * The built package's cold start (issue 20, a). dist/index.cjs compiles the library with the V8 code cache the
 * build wrote (scripts/cached-entry.cjs), in the parent and in every pool worker, and dist/index.js re-exports
 * that one copy; V8 refuses the cache under other V8 flags, and source maps need Node's own loader, and the
 * library must load and work either way. A pool whose workers write nothing to stderr never makes the parent's
 * process.stderr stream (stderr-tail.ts). Run on dist/ with plain node: from the sources (tsx) there is no cache,
 * and tsx's hooks thread makes process.stderr before any of our code runs.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test, { type ExecutionContext } from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { buildDistOnce, plainEnv } from '../../test-support/built-dist.js';

assertNoOrphans(test);

const run = promisify(execFile);
// Inside the package (so `multiproc` resolves through its own "exports"), in the gitignored .tmp/.
const dir = join(REPO_ROOT, '.tmp', `cold-start-built-${process.pid}`);

const SCRIPT = `
import { createRequire } from 'node:module';
import { Pool, tasks, isMain } from 'multiproc';

/** How this process loaded the library (scripts/cached-entry.cjs). */
export function codeCache() {
  return globalThis[Symbol.for('multiproc.codeCache')] ?? 'no loader';
}

tasks(import.meta, { codeCache });

/** Whether process.stderr was made: a stream on a pipe is an active handle whose fd is 2. */
const stderrMade = () => process._getActiveHandles().some((handle) => handle?._handle?.fd === 2);

if (isMain(import.meta)) {
  const pool = new Pool({ processes: 1 });
  const worker = await pool.apply(codeCache, []);
  const made = stderrMade();
  pool.close();
  await pool.join();
  let stack = '';
  try {
    new Pool({ processes: 'two' });
  } catch (error) {
    stack = error.stack;
  }
  const required = createRequire(import.meta.url)('multiproc');
  console.log(JSON.stringify({ parent: codeCache(), worker, stderrMade: made, oneCopy: required.Pool === Pool, stack }));
}
`;

interface Loaded {
  readonly parent: string;
  readonly worker: string;
  readonly stderrMade: boolean;
  readonly oneCopy: boolean;
  readonly stack: string;
}

test.before('npm run build', async () => {
  await buildDistOnce();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cold.mjs'), SCRIPT);
});

test.after.always('remove the temporary script', () => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the script under plain node with `flags`, its stderr a pipe (as under a test runner or a benchmark). */
async function load(t: ExecutionContext, flags: string[]): Promise<Loaded> {
  const { stdout, stderr } = await run(process.execPath, [...flags, join(dir, 'cold.mjs')], {
    cwd: dir, env: plainEnv(), timeout: 60_000, killSignal: 'SIGKILL', encoding: 'utf8',
  });
  t.is(stderr, '', 'nothing on stderr (no warning from node:vm)');
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Loaded;
}

test('the build writes the code cache beside the library, and both entries load it', (t) => {
  for (const file of ['index.js', 'index.cjs', 'multiproc.cjs', 'multiproc.cjs.cache']) t.true(existsSync(join(REPO_ROOT, 'dist', file)), `dist/${file}`);
});

test('plain node: the parent and a pool worker compile the library from the code cache; import and require share it', async (t) => {
  const loaded = await load(t, []);
  t.is(loaded.parent, 'accepted');
  t.is(loaded.worker, 'accepted', 'the worker ran a task from a module it imported through the cached library');
  t.true(loaded.oneCopy, "require('multiproc') gives the classes import gave");
  t.false(loaded.stderrMade, 'a pool whose workers wrote nothing to stderr did not make the parent\'s process.stderr');
});

test('under other V8 flags V8 refuses the cache, and the library compiles from its source and works', async (t) => {
  // A V8 flag children keep (child-flags.ts), so the worker's cache is refused too.
  const loaded = await load(t, ['--max-semi-space-size=32']);
  t.is(loaded.parent, 'rejected');
  t.is(loaded.worker, 'rejected');
});

test('with source maps enabled the library is required as usual, and its stack traces name the TypeScript sources', async (t) => {
  const loaded = await load(t, ['--enable-source-maps']);
  t.is(loaded.parent, 'unused');
  t.is(loaded.worker, 'unused');
  t.regex(loaded.stack, /reference\/src\/pool\/[\w-]+\.ts:\d+/, 'a frame of the library maps to its source');
});

test('an edit of the library that keeps its length is compiled from the source, not run from the cache of the code it replaced', async (t) => {
  // A copy of the three files, one constant changed by a digit: V8 itself compares only the source's length.
  const copy = join(dir, 'edited');
  mkdirSync(copy, { recursive: true });
  for (const file of ['index.cjs', 'multiproc.cjs', 'multiproc.cjs.cache']) copyFileSync(join(REPO_ROOT, 'dist', file), join(copy, file));
  const source = readFileSync(join(copy, 'multiproc.cjs'), 'utf8');
  const edited = source.replace(/STDERR_TAIL_BYTES=4096\b/, 'STDERR_TAIL_BYTES=4097');
  t.not(edited, source, 'the constant was found in the bundle');
  writeFileSync(join(copy, 'multiproc.cjs'), edited);
  const script = `const library = require(${JSON.stringify(join(copy, 'index.cjs'))});
    console.log(JSON.stringify({ how: globalThis[Symbol.for('multiproc.codeCache')], pool: typeof library.Pool }));`;
  const { stdout } = await run(process.execPath, ['-e', script], { env: plainEnv(), timeout: 60_000, killSignal: 'SIGKILL', encoding: 'utf8' });
  t.deepEqual(JSON.parse(stdout), { how: 'stale', pool: 'function' });
});
