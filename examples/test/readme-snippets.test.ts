/**
 * The documentation test (issue 16): README.md's and examples/README.md's marked code blocks (doc-blocks.ts)
 * written into fresh `npm init -y` projects that install the packed package, set up and run by README's own
 * steps (packed-project.ts): TypeScript under tsx and compiled by tsc then plain `node`, JavaScript under plain
 * `node`, on this Node (20). One build, one tarball, one project per form (ESM, CommonJS), shared by every test.
 * Also here, since they need the installed package: CommonJS task modules in workers and Process children,
 * the CommonJS types, and stack traces that name files the package holds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { buildDistOnce } from '../../test-support/built-dist.js';
import { repoPath } from '../../test-support/repo-paths.js';
import { commandsOf, docBlocks, expectedOutput, type DocBlock } from './doc-blocks.js';
import { inProject, linkDevTool, packLibrary, runSteps, writeProjectFile, type ProgramRun } from './packed-project.js';
import { COMMONJS_TASKS, COMMONJS_TYPES, STACK_PROGRAM } from './packed-programs.js';

assertNoOrphans(test);

const work = mkdtempSync(join(tmpdir(), 'multiproc-doc-test-'));
const blocks = [...docBlocks(repoPath('README.md'), 'README.md'), ...docBlocks(repoPath('examples', 'README.md'), 'examples/README.md')];

let tarball: Promise<string> | undefined;
const projects = new Map<string, Promise<{ dir: string; runs: ProgramRun[] }>>();

/** The project `name`, set up once: its files written, then README's steps for it run. */
function project(name: string): Promise<{ dir: string; runs: ProgramRun[] }> {
  let ready = projects.get(name);
  if (ready === undefined) {
    ready = (async () => {
      tarball ??= buildDistOnce().then(() => packLibrary(work));
      const dir = join(work, name);
      const mine = blocks.filter((block) => block.project === name);
      for (const block of mine) if (block.target !== 'steps') writeProjectFile(dir, block.target, block.code);
      const steps = mine.filter((block) => block.target === 'steps').flatMap(commandsOf);
      return { dir, runs: await runSteps(dir, steps, await tarball) };
    })();
    projects.set(name, ready);
  }
  return ready;
}

test.after.always('remove the temporary projects', () => {
  rmSync(work, { recursive: true, force: true });
});

/** The block a run's file came from: itself, or the TypeScript that tsc compiled it from. */
function sourceOf(projectName: string, file: string): DocBlock | undefined {
  const candidates = [file, file.replace(/\.js$/, '.ts'), file.replace(/\.mjs$/, '.mts'), file.replace(/\.cjs$/, '.cts')];
  return blocks.find((block) => block.project === projectName && candidates.includes(block.target));
}

/** The lines `expected` appear in `stdout` in that order, each as a whole line. */
function printsInOrder(stdout: string, expected: readonly string[]): boolean {
  const lines = stdout.split('\n');
  let at = 0;
  for (const line of expected) {
    at = lines.indexOf(line, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

test("first hour: README's first program runs in a fresh \"type\": \"module\" project, under tsx and compiled by tsc then plain node", async (t) => {
  const { runs } = await project('esm');
  const tsx = runs.find((run) => run.how === 'tsx squares.ts');
  const compiled = runs.find((run) => run.how === 'node squares.js');
  t.truthy(tsx, "README's steps run squares.ts under tsx");
  t.truthy(compiled, "README's steps compile squares.ts and run squares.js under plain node");
  for (const run of [tsx, compiled]) {
    t.true(printsInOrder(run?.stdout ?? '', ['0', '[ 1, 4, 9, 16 ]']), `${run?.how} printed:\n${run?.stdout}`);
  }
});

test("first hour: README's CommonJS form runs in a fresh npm init -y project under plain node", async (t) => {
  const { runs } = await project('cjs');
  const run = runs.find((r) => r.how === 'node squares.js');
  t.truthy(run, "README's CommonJS steps run squares.js under plain node");
  t.true(printsInOrder(run?.stdout ?? '', ['0', '[ 1, 4, 9, 16 ]']), `printed:\n${run?.stdout}`);
});

test('first hour: every program block of README.md and examples/README.md runs as its comments show (TS under tsx and compiled, JS under node)', async (t) => {
  const names = [...new Set(blocks.map((block) => block.project))];
  t.deepEqual(names.sort(), ['cjs', 'esm'], 'README marks an ESM and a CommonJS project');
  for (const name of names) {
    const { runs } = await project(name);
    for (const run of runs) {
      const source = sourceOf(name, run.file);
      if (source === undefined) return t.fail(`${name}: "${run.how}" runs ${run.file}, which no marked block is`);
      t.true(printsInOrder(run.stdout, expectedOutput(source.code)), `${source.where}, ${run.how}, printed:\n${run.stdout}`);
    }
    for (const block of blocks.filter((b) => b.project === name && /^(ts|js)$/.test(b.language))) {
      const hows = runs.filter((run) => sourceOf(name, run.file) === block).map((run) => run.how.split(' ')[0]);
      const wanted = block.language === 'ts' ? ['node', 'tsx'] : ['node'];
      t.deepEqual([...new Set(hows)].sort(), wanted, `${block.where} (${block.target}) is run by README's steps under ${wanted.join(' and ')}`);
    }
  }
});

test('first hour: a .cjs task module, and a .js one of a CommonJS package, run in Pool workers and Process children; their errors arrive as usual', async (t) => {
  const { dir } = await project('cjs');
  for (const [file, code] of Object.entries(COMMONJS_TASKS)) writeProjectFile(dir, file, code);
  const report = async (parent: string): Promise<unknown> =>
    JSON.parse((await inProject(dir, process.execPath, [parent])).trim().split('\n').at(-1)!);
  const [fromCommonJs, fromEsm] = await Promise.all([report('parent.cjs'), report('parent.mjs')]);
  const poolError = { instance: true, name: 'ValueError', message: 'no 7 in tasks.cjs' };
  t.deepEqual(fromCommonJs, {
    cubes: [1, 8, 27],
    squares: [1, 4, 9],
    poolError,
    jsError: { instance: true, name: 'RangeError', message: 'no 5 in lib.js' },
    exitCode: 3,
    failed: { exitCode: 1, instance: true, message: 'no 9 in tasks.cjs' },
    unguarded: { exitCode: 1, refused: true },
  });
  t.deepEqual(fromEsm, { cubes: [1, 8, 27], poolError }, 'an ES module parent, CommonJS task module');
});

// node16, the strictest about CommonJS importing ES modules (TS1479); node20 and nodenext pass too (checked by
// hand: one tsc run is ~1 CPU-s).
test("first hour: require('multiproc') type-checks in a CommonJS TypeScript project (module node16)", async (t) => {
  const { dir } = await project('cjs');
  for (const tool of ['typescript', '@types/node']) linkDevTool(dir, tool);
  writeProjectFile(dir, 'types/squares.cts', COMMONJS_TYPES);
  const tsc = join(repoPath('node_modules', 'typescript', 'bin', 'tsc'));
  const args = [tsc, '--noEmit', '--strict', '--module', 'node16', '--target', 'es2022', '--types', 'node', 'types/squares.cts'];
  await t.notThrowsAsync(inProject(dir, process.execPath, args));
});

test('first hour: an error stack under node --enable-source-maps names only files that exist in the installed package', async (t) => {
  const { dir } = await project('esm');
  writeProjectFile(dir, 'stack.mjs', STACK_PROGRAM);
  const stacks = JSON.parse(await inProject(dir, process.execPath, ['--enable-source-maps', 'stack.mjs'])) as Record<string, string>;
  for (const [what, stack] of Object.entries(stacks)) {
    // The file of each frame: `at f (/path:1:2)` or `at /path:1:2` (node: frames name no file).
    const files = [...stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^\s()]+?):\d+:\d+/g)].map((m) => (m[1]!.startsWith('file:') ? fileURLToPath(m[1]!) : m[1]!));
    t.true(files.some((file) => file.includes(join('node_modules', 'multiproc', 'reference', 'src'))), `${what}: mapped to the sources:\n${stack}`);
    for (const file of files) t.true(existsSync(file), `${what}: ${file} exists\n${stack}`);
  }
});
