/**
 * A user's fresh project with multiproc installed from the packed package, set up by README's own shell steps.
 * Nothing is downloaded: `npm install multiproc` installs the tarball of `npm pack` (its one runtime dependency,
 * tsx, is optional: `--offline` cannot resolve it without a lock and leaves it out, which these programs never need), and development tools (`npm install -D tsx typescript @types/node`)
 * are linked from this repository's node_modules, at the versions the repository pins.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { plainEnv } from '../../test-support/built-dist.js';

const exec = promisify(execFile);

/** What one program run printed, and how it was run. */
export interface ProgramRun {
  /** `tsx squares.ts` or `node squares.js`. */
  readonly how: string;
  readonly file: string;
  readonly stdout: string;
}

/** Bounds far above a run's real cost (a pool start under tsx takes seconds on a saturated machine). */
const RUN_MS = 60_000;

/** `npm pack` of the repository (dist/ must be built) into `dir`; the tarball's path. */
export async function packLibrary(dir: string): Promise<string> {
  const { stdout } = await exec('npm', ['pack', '--pack-destination', dir, '--silent'], {
    cwd: REPO_ROOT,
    env: plainEnv(),
    timeout: RUN_MS,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  const tarball = join(dir, stdout.trim().split('\n').at(-1)!);
  if (!existsSync(tarball)) throw new Error(`npm pack printed ${JSON.stringify(stdout)}, but wrote no ${tarball}`);
  return tarball;
}

/** Runs a command in the project as a user's shell would, with a bound; its stdout. */
export async function inProject(dir: string, file: string, args: readonly string[]): Promise<string> {
  const { stdout } = await exec(file, [...args], {
    cwd: dir,
    env: plainEnv(),
    timeout: RUN_MS,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
  });
  return stdout;
}

/**
 * Runs README's steps in `dir`, one command at a time (`a && b` as two). Commands that would reach the network
 * are replaced as the header says; `npx tsx F`, `npx tsc` and `node F` run the repository's tsx and tsc and this
 * Node; any other command is run as written when it is an `npm` command, and refused otherwise, so that a step
 * README adds is either understood here or fails the test. Returns the program runs, in order.
 */
export async function runSteps(dir: string, commands: readonly string[], tarball: string): Promise<ProgramRun[]> {
  mkdirSync(dir, { recursive: true });
  const runs: ProgramRun[] = [];
  // The project's files are all written before the steps run, so a second `npx tsc` (examples/README.md's, after
  // README.md's) would write the same files again: ~1 CPU-s saved.
  let compiled = false;
  for (const command of commands.flatMap((line) => line.split('&&').map((part) => part.trim()))) {
    const words = command.split(/\s+/);
    if (command === 'npm install multiproc') {
      await inProject(dir, 'npm', ['install', tarball, '--no-audit', '--no-fund', '--offline', '--silent']);
    } else if (words[0] === 'npm' && words[1] === 'install' && words[2] === '-D') {
      for (const name of words.slice(3)) linkDevTool(dir, name);
    } else if (words[0] === 'npm' && !words.includes('install')) {
      await inProject(dir, 'npm', words.slice(1));
    } else if (words[0] === 'npx' && words[1] === 'tsx' && words.length === 3) {
      const stdout = await inProject(dir, process.execPath, [join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), words[2]!]);
      runs.push({ how: command.replace('npx ', ''), file: words[2]!, stdout });
    } else if (command === 'npx tsc') {
      if (!compiled) await inProject(dir, process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc')]);
      compiled = true;
    } else if (words[0] === 'node' && words.length === 2) {
      runs.push({ how: command, file: words[1]!, stdout: await inProject(dir, process.execPath, [words[1]!]) });
    } else {
      throw new Error(`README step ${JSON.stringify(command)}: the documentation test does not know how to run it`);
    }
  }
  return runs;
}

/** What `npm install -D name` would give, without the network: the repository's copy, linked. */
export function linkDevTool(dir: string, name: string): void {
  const from = join(REPO_ROOT, 'node_modules', name);
  if (!existsSync(from)) throw new Error(`README installs ${name}, which this repository does not have in node_modules`);
  const to = join(dir, 'node_modules', name);
  mkdirSync(dirname(to), { recursive: true });
  if (!existsSync(to)) symlinkSync(from, to, 'dir');
}

/** Writes `code` to `file` in the project. */
export function writeProjectFile(dir: string, file: string, code: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), code);
}
