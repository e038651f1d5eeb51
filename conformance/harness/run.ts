/**
 * `run(implementation, options)`: every rule (or those `filter` names) against one or more implementations, in a
 * fresh session each, `concurrency` at a time, the longest rules first; returns the report and, given `out`, writes
 * conformance.md, conformance.json and conformance.junit.xml there. What the bin `multiproc-conformance` does,
 * for a program or a test of an implementer's own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Implementation } from './implementation.js';
import type { Progress } from './progress.js';
import { toJUnit } from './junit.js';
import { loadRules, matchesFilter } from './load-rules.js';
import { buildReport, LABEL, toMarkdown, type ImplementationRun, type Report } from './report.js';
import { deviationProblems, probeImplementation, resolveImplementation, type ResolveOptions } from './resolve-implementation.js';
import type { Rule } from './rule.js';
import { DEFAULT_RULE_TIMEOUT_MS, FAILING, runRule, type RuleResult } from './run-rule.js';
import { WorkQueue } from './work-queue.js';

export interface RunOptions extends ResolveOptions {
  /** Only the rules whose id matches this glob (`'process.exitcode.*'`). */
  readonly filter?: string;
  /** Rules running at once (default 8: a rule mostly waits on its children). */
  readonly concurrency?: number;
  /** A directory to write conformance.md, .json and .junit.xml to; none is written without it. */
  readonly out?: string;
  /** Called with a line per rule as it finishes (`  mine  PASS  process.start.runs-target (310 ms)`). */
  readonly log?: (line: string) => void;
  /** Told of every rule queued and ended, instead of `log` (the CLI's progress line on a terminal: progress.ts). */
  readonly progress?: Progress;
  /**
   * Implementations (by spec) that may be missing on this machine: one that cannot be opened is reported as skipped.
   * Any other implementation that cannot be opened rejects the run: running nothing must not pass.
   */
  readonly optional?: readonly string[];
  /** The rules to run instead of the suite's own (for tests of the harness). */
  readonly rules?: readonly Rule[];
}

/** Runs the suite; rejects, before any rule runs, on an adapter that does not load or cannot be opened. */
export async function run(implementations: Implementation | string | readonly (Implementation | string)[], options: RunOptions = {}): Promise<Report> {
  const started = performance.now();
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be a positive integer, not ${concurrency}`);
  const allRules = options.rules ?? (await loadRules());
  const rules = allRules.filter((rule) => matchesFilter(rule.id, options.filter));
  if (rules.length === 0) throw new Error(`no rule matches the filter ${options.filter}`);
  const given = Array.isArray(implementations) ? implementations : [implementations as Implementation | string];
  const adapters = await openAll(given, allRules, options);
  const queue = new WorkQueue(concurrency);
  const runs: ImplementationRun[] = [];
  for (const { adapter, skipped } of adapters) {
    if (skipped !== undefined) {
      const line = `${adapter.name}: skipped — ${skipped}`;
      if (options.progress !== undefined) options.progress.note(line);
      else options.log?.(line);
      runs.push({ name: adapter.name, description: adapter.description, skipped, results: [] });
      continue;
    }
    const results: RuleResult[] = new Array(rules.length);
    runs.push({ name: adapter.name, description: adapter.description, results });
    options.progress?.expect(rules.length);
    rules.forEach((rule, index) => {
      queue.push(async () => {
        const result = withUnsupportedWhy(adapter, rule, await runRule(adapter, rule));
        results[index] = result;
        if (options.progress !== undefined) options.progress.ended(result, formatLine(adapter.name, result));
        else options.log?.(formatLine(adapter.name, result));
      }, rule.timeoutMs ?? DEFAULT_RULE_TIMEOUT_MS, rule.alone !== undefined);
    });
  }
  await queue.drained();
  const report = buildReport(rules, runs, { durationMs: Math.round(performance.now() - started), concurrency });
  if (options.out !== undefined) await writeReports(report, options.out);
  return report;
}

/** Loads each adapter and opens one session of it to check it, before any rule runs. */
async function openAll(given: readonly (Implementation | string)[], rules: readonly Rule[], options: RunOptions): Promise<{ adapter: Implementation; skipped?: string }[]> {
  const opened: { adapter: Implementation; skipped?: string }[] = [];
  for (const item of given) {
    const spec = typeof item === 'string' ? item : item.name;
    const adapter = typeof item === 'string' ? await resolveImplementation(item, options) : item;
    const problems = deviationProblems(adapter, rules.map((rule) => rule.id));
    if (problems.length > 0) throw new Error(`${spec} declares deviations from rules that do not exist:\n- ${problems.join('\n- ')}`);
    const unavailable = await probeImplementation(adapter);
    if (unavailable !== undefined && !(options.optional ?? []).includes(spec)) {
      throw new Error(`${spec} could not be opened, so no rule ran on it: ${unavailable}`);
    }
    opened.push(unavailable === undefined ? { adapter } : { adapter, skipped: unavailable });
  }
  return opened;
}

/** conformance.json, conformance.md and conformance.junit.xml in `out`. */
export async function writeReports(report: Report, out: string): Promise<void> {
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  await writeFile(resolve(dir, 'conformance.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(resolve(dir, 'conformance.md'), toMarkdown(report, dir));
  await writeFile(resolve(dir, 'conformance.junit.xml'), toJUnit(report));
}

/** True when an implementation that counts (not shown for information only) failed a rule, or passed a declared one. */
export function failed(report: Report): boolean {
  return report.implementations.some((run) => run.informational !== true && run.results.some((r) => FAILING.has(r.status)));
}

/** An unsupported result with the adapter's own reason for not claiming what the rule needs, when it gives one. */
export function withUnsupportedWhy(adapter: Implementation, rule: Rule, result: RuleResult): RuleResult {
  if (result.status !== 'unsupported') return result;
  const reasons = rule.needs.filter((need) => !adapter.capabilities.has(need)).map((need) => adapter.unsupported?.[need]).filter(Boolean);
  return reasons.length === 0 ? result : { ...result, reason: `${result.reason}: ${reasons.join('; ')}` };
}

/** One rule on one implementation, as a line of the run. */
export function formatLine(implementation: string, result: RuleResult): string {
  const label = result.status === 'fail' ? 'FAIL' : LABEL[result.status].toUpperCase();
  const reason = (result.deviation === undefined ? '' : ` — declared: ${result.deviation}`) + (result.reason === undefined ? '' : ` — ${result.reason}`);
  return `  ${implementation.padEnd(10)} ${label.padEnd(13)} ${result.id} (${result.durationMs} ms)${reason}`;
}
