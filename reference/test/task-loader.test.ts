/**
 * Issue 16: a TypeScript task module in a child that has no TypeScript loader. The parent could import the
 * .ts file (it runs under tsx, given through NODE_OPTIONS), but a Process or Pool given an `env` without
 * NODE_OPTIONS starts children without it. Node's own words were `Unknown file extension ".ts"`; the error must
 * say why the child lacks the loader and how to pass it on.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { REPO_ROOT, repoPath } from '../../conformance/harness/repo-paths.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const run = promisify(execFile);
// The compiled library (npm test builds it first): its child entries are JavaScript, as in the published package,
// so only the user's .ts module needs a loader. Inside the repository, so `--import tsx` resolves.
const INDEX = repoPath('.tmp', 'js', 'reference', 'src', 'index.js');
const dir = join(REPO_ROOT, '.tmp', `task-loader-${process.pid}`);

const MAIN = `
import { Pool, Process, isMain, tasks } from ${JSON.stringify(pathToFileURL(INDEX).href)};

export function square(x: number): number {
  return x * x;
}
tasks(import.meta, { square });

if (isMain(import.meta)) {
  // What a user narrowing the environment writes, forgetting that tsx came in through NODE_OPTIONS.
  const env = { PATH: process.env.PATH ?? '' };
  const p = new Process({ target: square, args: [2], env, stderr: 'pipe' });
  p.start();
  await p.join(20_000);
  const pool = new Pool({ processes: 1, env });
  let poolError: { name: string; message: string } | undefined;
  try {
    await pool.apply(square, [3]);
  } catch (error) {
    poolError = { name: (error as Error).name, message: (error as Error).message };
  } finally {
    pool.terminate();
    await pool.join();
  }
  console.log(JSON.stringify({ exitCode: p.exitCode, processError: { name: p.error?.name, message: p.error?.message }, poolError }));
}
`;

test.before(async () => {
  // Only when run from the sources without a build (npm test always builds first).
  if (!existsSync(INDEX)) await run('npx', ['tsc', '-p', 'tsconfig.js.json'], { cwd: REPO_ROOT, timeout: 120_000 });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.ts'), MAIN);
});

test.after.always(() => rmSync(dir, { recursive: true, force: true }));

test('first hour: a .ts task in a child without a loader fails with TaskReferenceError saying to run the parent under tsx', async (t) => {
  const env = { ...process.env, NODE_OPTIONS: '--import tsx' };
  const { stdout } = await run(process.execPath, [join(dir, 'main.ts')], { cwd: REPO_ROOT, env, timeout: 60_000, killSignal: 'SIGKILL' });
  const seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    exitCode: number;
    processError: { name: string; message: string };
    poolError: { name: string; message: string };
  };
  t.is(seen.exitCode, 1, 'the Process child fails');
  for (const [where, error] of [['Process', seen.processError], ['Pool', seen.poolError]] as const) {
    t.is(error.name, 'TaskReferenceError', where);
    t.regex(error.message, /its module file:\/\/\S+main\.ts is TypeScript, and the child has no TypeScript loader/, where);
    t.regex(error.message, /Unknown file extension "\.ts"/, `${where}: keeps Node's words`);
    t.regex(error.message, /npx tsx main\.ts/, `${where}: says how to run the parent`);
    t.regex(error.message, /pass NODE_OPTIONS on in `env`/, `${where}: names this case's fix`);
  }
});
