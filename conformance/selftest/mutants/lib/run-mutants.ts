/**
 * Runs the suite against the mutants: plans which rules reach which mutant (from the rules' reference traces),
 * runs those pairs concurrently, and gives each pair its result.
 */
import type { Rule } from '../../../harness/rule.js';
import { mapLimited, runRule, type RuleResult } from '../../../harness/run-rule.js';
import type { Mutant } from './mutant.js';
import type { Trace } from './trace.js';
import { TraceView } from './trace-view.js';

export interface Pair {
  readonly mutant: Mutant;
  readonly rule: Rule;
}

/**
 * The pairs to run: every rule that reaches the mutant (all of them when `exhaustive`). A rule without a trace
 * (it failed on the reference, or was never traced) is run on every mutant: nothing is known about it.
 */
export function planPairs(mutants: readonly Mutant[], rules: readonly Rule[], traces: ReadonlyMap<string, Trace>, exhaustive: boolean): Pair[] {
  const views = new Map([...traces].map(([id, trace]) => [id, new TraceView(trace)]));
  const pairs: Pair[] = [];
  for (const mutant of mutants) {
    for (const rule of rules) {
      const view = views.get(rule.id);
      if (exhaustive || view === undefined || reaches(mutant, view)) pairs.push({ mutant, rule });
    }
  }
  return pairs;
}

function reaches(mutant: Mutant, view: TraceView): boolean {
  try {
    return mutant.reaches(view);
  } catch {
    return true; // A predicate that cannot read this trace must not hide a kill.
  }
}

export interface PairResult {
  readonly mutant: string;
  readonly result: RuleResult;
  /** Set when the first run disagreed with the expectation and the pair was run again: the first status. */
  readonly firstStatus?: RuleResult['status'];
}

export interface RunOptions {
  readonly concurrency: number;
  /** Called with each result as it comes. */
  readonly onResult?: (pair: PairResult) => void;
  /** Whether a result disagrees with what is expected of the pair, so that it is run once more. */
  readonly surprising?: (pair: Pair, result: RuleResult) => boolean;
}

/**
 * Runs the pairs, longest rules first so that a slow rule does not start last, at most `concurrency` at a time.
 * A surprising result is run once more (machines under load make timing rules wobble); the second result counts.
 */
export async function runPairs(pairs: readonly Pair[], options: RunOptions): Promise<PairResult[]> {
  const order = [...pairs.keys()].sort((a, b) => (pairs[b]!.rule.timeoutMs ?? 0) - (pairs[a]!.rule.timeoutMs ?? 0));
  const results = new Array<PairResult>(pairs.length);
  await mapLimited(order, options.concurrency, async (index) => {
    const pair = pairs[index]!;
    let result = await runRule(pair.mutant.implementation, pair.rule);
    let firstStatus: RuleResult['status'] | undefined;
    if (options.surprising?.(pair, result) === true) {
      firstStatus = result.status;
      result = await runRule(pair.mutant.implementation, pair.rule);
    }
    const done: PairResult = { mutant: pair.mutant.name, result, ...(firstStatus === undefined ? {} : { firstStatus }) };
    results[index] = done;
    options.onResult?.(done);
  });
  return results;
}
