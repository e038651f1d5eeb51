/**
 * Runs one rule against one implementation, inside its own session, temporary directory and time bound.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleFailure } from './expect.js';
import type { Implementation } from './implementation.js';
import type { Rule } from './rule.js';

export type Status = 'pass' | 'fail' | 'unsupported' | 'beyond';

export interface RuleResult {
  readonly id: string;
  readonly implementation: string;
  readonly status: Status;
  readonly durationMs: number;
  /** Why it failed, was unsupported, or is beyond the implementation. */
  readonly reason?: string;
  readonly expected?: string;
  readonly observed?: string;
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
  if (outcome === undefined) return { ...base, status: 'pass', durationMs };
  // Python itself does not do what a `beyond` rule asks: that is the point of the rule, not a failure.
  const status: Status = rule.source === 'beyond' && implementation.isPython === true ? 'beyond' : 'fail';
  return { ...base, status, durationMs, ...outcome };
}

type Failure = { reason: string; expected?: string; observed?: string };

async function attempt(implementation: Implementation, rule: Rule): Promise<Failure | undefined> {
  const timeoutMs = rule.timeoutMs ?? DEFAULT_RULE_TIMEOUT_MS;
  const directory = await mkdtemp(join(tmpdir(), 'multiproc-rule-'));
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
        .check(session, { implementation: implementation.name, tmpdir: directory, signal: controller.signal })
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
