/**
 * The options of the suite's command line, shared by the bin (`multiproc-conformance`, harness/cli.ts) and the
 * repository's `npm run conformance` (selftest/cli.ts, which adds its own), and how an adapter written in
 * TypeScript is loaded when the suite runs compiled.
 */
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { COMPILED } from './paths.js';

/** parseArgs options of the harness part. */
export const HARNESS_OPTIONS = {
  impl: { type: 'string', multiple: true },
  python: { type: 'string' },
  filter: { type: 'string' },
  concurrency: { type: 'string', default: '8' },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** Their usage lines; `outDefault` says where reports go when --out is not given. */
export function harnessUsage(outDefault: string): string {
  return `  --impl NAME|MODULE  an implementation: a path to an adapter module (.ts, .js, .mjs; relative to the current
                      directory), or cpython[:fork|spawn|forkserver][@PYTHON]: CPython under that start method
                      (default fork) and interpreter; repeatable
  --python PATH       the interpreter of every cpython implementation that names none (default python3)
  --filter GLOB       only the rules whose id matches ('process.*')
  --concurrency N     rules running at once (default 8: a rule mostly waits on its children)
  --out DIR           where conformance.md, .json and .junit.xml go (${outDefault})
  --json              print the report as JSON instead of a line per rule
  --help              this text`;
}

/** The exit codes: every claimed rule kept (or its deviation declared), a rule failed, the run could not run. */
export const EXIT = { passed: 0, failed: 1, cannotRun: 2 } as const;

/** Runs a CLI's main: its number is the exit code; a throw is a run that could not happen (exit 2, its message). */
export function exitWith(main: Promise<number>): void {
  main.then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = EXIT.cannotRun;
    },
  );
}

/**
 * Whether this process must run again with a TypeScript loader: the suite runs compiled (the package, or .tmp/js/,
 * whose children start about twice as cheaply without a loader), an adapter is a .ts module, and no loader is here.
 */
export function typeScriptLoaderNeeded(specs: readonly string[]): boolean {
  return COMPILED && specs.some((spec) => /\.[cm]?ts$/.test(spec)) && !process.execArgv.some((arg) => /\btsx\b/.test(arg));
}

/**
 * Runs `script` again with tsx's loader (resolved from the suite's own place: the package brings tsx, so an
 * implementer installs nothing more) and the same arguments; resolves with its exit code. The children an adapter
 * forks inherit the loader's flag by file URL, so they load TypeScript too, whatever their working directory.
 */
export function rerunWithTypeScript(script: string): Promise<number> {
  let loader: string;
  try {
    loader = import.meta.resolve('tsx');
  } catch {
    throw new Error('an adapter written in TypeScript needs tsx, which multiproc installs as an optional dependency: it is missing here (installed with --omit=optional?); npm install -D tsx, or give a .js adapter');
  }
  const child = spawn(process.execPath, ['--import', loader, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128 + (osConstants.signals[signal] ?? 0))));
  });
}
