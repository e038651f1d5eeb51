/**
 * Runs one rule against one implementation, inside its own session, temporary directory and time bound.
 */
import { rm } from 'node:fs/promises';
import { RuleFailure } from './expect.js';
import type { Implementation } from './implementation.js';
import type { Rule } from './rule.js';
import { makeRuleDir } from './rule-dirs.js';

/**
 * - `pass` / `fail`: the implementation keeps / breaks the rule (an undeclared failure is always `fail`).
 * - `unsupported`: it does not claim a capability the rule needs.
 * - `beyond`: on Python itself, a `beyond` rule failed for the reason its `cpython.failure` states.
 * - `differs`: it fails a rule it declares in its `deviations`, with the declared reason (never a pass).
 * - `stale`: it passes a rule it declares in its `deviations`: the declaration is no longer needed, and the run fails
 *   until it is removed, so the list stays true.
 */
export type Status = 'pass' | 'fail' | 'unsupported' | 'beyond' | 'differs' | 'stale';

/** The statuses that make a run fail. */
export const FAILING: ReadonlySet<Status> = new Set(['fail', 'stale']);

export interface RuleResult {
  readonly id: string;
  readonly implementation: string;
  readonly status: Status;
  readonly durationMs: number;
  /** Why it failed, was unsupported, or is beyond the implementation. */
  readonly reason?: string;
  readonly expected?: string;
  readonly observed?: string;
  /** For `differs` and `stale`: the reason the implementation declares for deviating from the rule. */
  readonly deviation?: string;
}

export const DEFAULT_RULE_TIMEOUT_MS = 20_000;
const CLOSE_TIMEOUT_MS = 10_000;

export async function runRule(implementation: Implementation, rule: Rule): Promise<RuleResult> {
  const base = { id: rule.id, implementation: implementation.name };
  const missing = rule.needs.filter((need) => !implementation.capabilities.has(need));
  if (missing.length > 0) {
    return { ...base, status: 'unsupported', durationMs: 0, reason: `does not claim ${missing.join(', ')}` };
  }
  const started = performance.now();
  const outcome = await attempt(implementation, rule);
  const durationMs = Math.round(performance.now() - started);
  const declared = Object.hasOwn(implementation.deviations ?? {}, rule.id) ? implementation.deviations![rule.id] : undefined;
  if (rule.source === 'beyond' && implementation.isPython === true && !keptBy(rule, implementation)) {
    return { ...base, durationMs, ...beyondPython(rule, outcome) };
  }
  if (outcome === undefined) {
    if (declared === undefined) return { ...base, status: 'pass', durationMs };
    const reason = `declared deviation no longer needed: ${implementation.name} passes the rule; remove it from its deviations`;
    return { ...base, status: 'stale', durationMs, reason, deviation: declared };
  }
  if (declared !== undefined) return { ...base, status: 'differs', durationMs, ...outcome, deviation: declared };
  return { ...base, status: 'fail', durationMs, ...outcome };
}

/** Whether this CPython keeps the `beyond` rule after all: its start method is one the rule names in `keptUnder`. */
function keptBy(rule: Rule, implementation: Implementation): boolean {
  const method = implementation.python?.startMethod;
  return method !== undefined && rule.cpython?.keptUnder?.includes(method) === true;
}

/**
 * A `beyond` rule on Python itself: that Python does not do what it asks is the point of the rule, but only when it
 * fails the way the rule says (`cpython.failure`); any other failure, or a pass, means the rule is wrong about Python.
 */
function beyondPython(rule: Rule, outcome: Failure | undefined): { status: Status } & Partial<Failure> {
  const stated = rule.cpython;
  if (outcome === undefined) {
    return { status: 'fail', reason: `a beyond rule passed on Python: CPython does what it states, so it is not beyond Python${stated ? ` (the rule states: ${stated.does})` : ''}` };
  }
  if (stated !== undefined && stated.failure.test(outcome.reason)) return { status: 'beyond', ...outcome };
  const said = stated === undefined ? 'it states no cpython.failure' : `"${stated.does}": its failure should match /${stated.failure.source}/`;
  return { ...outcome, status: 'fail', reason: `failed differently from what the rule states (${said}), but was: ${outcome.reason}` };
}

type Failure = { reason: string; expected?: string; observed?: string };

async function attempt(implementation: Implementation, rule: Rule): Promise<Failure | undefined> {
  const timeoutMs = rule.timeoutMs ?? DEFAULT_RULE_TIMEOUT_MS;
  const directory = await makeRuleDir();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Failure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ reason: `rule ${rule.id} timed out after ${timeoutMs} ms` });
    }, timeoutMs);
  });
  try {
    const session = await implementation.open();
    try {
      const checked = rule
        .check(session, {
          implementation: implementation.name,
          tmpdir: directory,
          signal: controller.signal,
          ...(implementation.python === undefined ? {} : { python: implementation.python }),
        })
        .then(() => undefined, describeFailure);
      return await Promise.race([checked, timedOut]);
    } finally {
      await bounded(session.close(), CLOSE_TIMEOUT_MS);
    }
  } catch (error) {
    return { reason: `could not open a session: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
    await rm(directory, { recursive: true, force: true });
  }
}

function describeFailure(error: unknown): Failure {
  if (error instanceof RuleFailure) return { reason: error.message, expected: error.expected, observed: error.observed };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { reason: `unexpected error: ${text}` };
}

async function bounded(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Runs `tasks` with at most `limit` at a time, keeping input order in the output. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
