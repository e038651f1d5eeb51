/**
 * The `env` option of Process and Pool: the children's whole environment, as child_process's `env`. Checked
 * and copied when the option is given, so that nothing is started with a value child_process would refuse
 * after the fact or coerce (a number), and a later change to the object does not bypass the check.
 */
import { describeValue } from './describe-value.js';

/** What may be given: `process.env` itself, or a spread of it, fits (an undefined value means "not set"). */
export type ChildEnv = Readonly<Record<string, string | undefined>>;

/** A frozen copy of `env` without its undefined values, or undefined when none was given. */
export function checkEnv(env: unknown, whose: string): Readonly<Record<string, string>> | undefined {
  if (env === undefined) return undefined;
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new TypeError(`options.env must be an object of strings (${whose} whole environment), got ${describeValue(env)}`);
  }
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name === '' || name.includes('=') || name.includes('\0')) {
      throw new TypeError(
        `options.env has an invalid variable name ${JSON.stringify(name)}: a name cannot be empty or hold "=" or a NUL byte`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw new TypeError(
        `options.env.${name} must be a string, got ${describeValue(value)}: environment variables are strings, so ` +
          'pass String(value), or undefined to leave the variable out',
      );
    }
    // Values are not shown: an environment often holds secrets.
    if (value.includes('\0')) throw new TypeError(`options.env.${name} holds a NUL byte, which no environment variable can hold`);
    copy[name] = value;
  }
  return Object.freeze(copy);
}
