/**
 * Which of the parent's Node flags a child gets. `fork()` copies them all by default, which breaks children
 * when the parent ran `node --input-type=module -e …` (the child dies with ERR_INPUT_TYPE_NOT_ALLOWED) or
 * `--inspect` (ports clash). Children get only flags that make sense for a module loader: loaders, conditions,
 * memory limits, warnings and source maps.
 */

/** Flags that take a value, either as `--flag=value` or as the next argument. */
const WITH_VALUE = new Set([
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
  '--max-old-space-size',
  '--max-semi-space-size',
  '--stack-size',
  '--disable-warning',
  '--unhandled-rejections',
  '--experimental-default-type',
]);

const WITHOUT_VALUE = new Set([
  '--enable-source-maps',
  '--no-warnings',
  '--no-deprecation',
  '--expose-gc',
  '--experimental-vm-modules',
  '--experimental-strip-types',
  '--experimental-transform-types',
  '--experimental-detect-module',
  '--trace-uncaught',
  '--trace-warnings',
]);

/**
 * Dropped flags that take a value as the next argument (`-e code`, `--inspect-port 1234`): the value goes with
 * them, so that code passed to `-e` is never read as a flag the child would keep.
 */
const DROPPED_WITH_VALUE = new Set([
  '--eval',
  '-e',
  '--print',
  '-p',
  '-pe',
  '--input-type',
  '--inspect-port',
  '--debug-port',
  '--watch-path',
  '--env-file',
  '--title',
  '--redirect-warnings',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-concurrency',
  '--test-timeout',
  '--test-shard',
]);

/** Filters `execArgv` down to what a child should inherit. */
export function childExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (WITH_VALUE.has(flag)) {
      if (eq !== -1) kept.push(arg);
      else if (i + 1 < execArgv.length) kept.push(arg, execArgv[++i]!);
    } else if (WITHOUT_VALUE.has(flag)) {
      kept.push(arg);
    } else if (DROPPED_WITH_VALUE.has(flag) && eq === -1) {
      i++;
    }
  }
  return kept;
}
