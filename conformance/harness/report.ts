/**
 * The conformance report: a matrix of rules × implementations in Markdown and the same data as JSON (plus JUnit
 * XML, see junit.ts). Each rule links its file, its source and where Python says it; each non-pass gives its
 * reason, and a failure what was expected and what was observed.
 */
import { join, relative } from 'node:path';
import { ruleSourcePath } from './load-rules.js';
import { PACKAGE_ROOT } from './paths.js';
import type { Rule } from './rule.js';
import { FAILING, type RuleResult, type Status } from './run-rule.js';

export interface ImplementationRun {
  readonly name: string;
  readonly description: string;
  /** Set when the implementation could not run at all (python3 missing, say). */
  readonly skipped?: string;
  /** A third-party implementation shown for information: its failures are findings, not a failed run. */
  readonly informational?: boolean;
  readonly results: readonly RuleResult[];
}

export interface RuleInfo {
  readonly id: string;
  readonly statement: string;
  readonly source: string;
  readonly python?: string;
  readonly needs: readonly string[];
  /** For a `beyond` rule: what CPython does instead, and the pattern its failure reason there matches. */
  readonly cpython?: { readonly does: string; readonly failure: string; readonly keptUnder?: readonly string[] };
  /** What the rule takes on the implementation's word (see Rule.relies). */
  readonly relies?: string;
  /** The rule's file, relative to the root of the package holding the suite (its source in the repository). */
  readonly file: string;
}

export interface Report {
  readonly generatedAt: string;
  /** Wall time of the whole run and the number of rules run at once. */
  readonly durationMs?: number;
  readonly concurrency?: number;
  readonly rules: readonly RuleInfo[];
  readonly implementations: readonly ImplementationRun[];
  /** Present when the self-test ran mutants: the kill matrix and its differences from expected.json. */
  readonly mutants?: MutantsSection;
}

/**
 * What the self-test (conformance/selftest/mutants) adds to a report: the harness renders it as a summary line, a
 * column and JUnit cases, and knows nothing else of mutants. The self-test's kill matrix has this shape and more.
 */
export interface MutantsSection {
  readonly rules: readonly { readonly id: string; readonly statement: string }[];
  readonly mutants: readonly { readonly name: string; readonly area: string; readonly violation: string; readonly kills: readonly string[] }[];
  /** Rules that no mutant killed. */
  readonly gaps: readonly string[];
  /** Differences from what the self-test expected. */
  readonly surprises: readonly string[];
}

export const LABEL: Record<Status, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  unsupported: 'unsupported',
  beyond: 'beyond Python',
  differs: 'differs (declared)',
  stale: 'declared deviation no longer needed',
};

export function buildReport(
  rules: readonly Rule[],
  runs: readonly ImplementationRun[],
  extra: { durationMs?: number; concurrency?: number; mutants?: Report['mutants'] } = {},
): Report {
  return {
    generatedAt: new Date().toISOString(),
    ...extra,
    rules: rules.map(({ id, statement, source, python, needs, cpython, relies }) => ({
      id,
      statement,
      source,
      ...(python ? { python } : {}),
      needs,
      ...(cpython ? { cpython: { does: cpython.does, failure: `/${cpython.failure.source}/`, ...(cpython.keptUnder ? { keptUnder: cpython.keptUnder } : {}) } } : {}),
      ...(relies ? { relies } : {}),
      file: relative(PACKAGE_ROOT, ruleSourcePath(id)).split('\\').join('/'),
    })),
    implementations: runs,
  };
}

export function countByStatus(results: readonly RuleResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, unsupported: 0, beyond: 0, differs: 0, stale: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

export function summaryLine(run: ImplementationRun): string {
  if (run.skipped !== undefined) return `${run.name}: skipped — ${run.skipped}`;
  const c = countByStatus(run.results);
  const parts = [`${c.pass} passed`, `${c.fail} failed`];
  if (c.differs > 0) parts.push(`${c.differs} differ (declared)`);
  if (c.stale > 0) parts.push(`${c.stale} declared deviation${c.stale === 1 ? '' : 's'} no longer needed`);
  if (c.unsupported > 0) parts.push(`${c.unsupported} unsupported`);
  if (c.beyond > 0) parts.push(`${c.beyond} beyond Python`);
  return `${run.name}: ${parts.join(', ')} (of ${run.results.length} rules)`;
}

/** Where a rule's `python` field points, as a link when it is a docs anchor or a CPython source file. */
export function pythonLink(python: string | undefined): string {
  if (python === undefined) return '';
  if (python.startsWith('library/')) return `[${python.replace(/^library\/multiprocessing\.html#/, '')}](https://docs.python.org/3/${python})`;
  const source = /^(Lib\/[\w/]+\.py)(?::\s*(.*))?$/.exec(python);
  if (source) return `[${source[1]!.replace(/^Lib\//, '')}${source[2] ? `: ${source[2]}` : ''}](https://github.com/python/cpython/blob/main/${source[1]})`;
  return python;
}

/** Markdown, with links relative to `outDir` (the directory the file is written to). */
export function toMarkdown(report: Report, outDir: string): string {
  const runs = report.implementations;
  const link = (file: string) => relative(outDir, join(PACKAGE_ROOT, file)).split('\\').join('/');
  const lines = [
    '# Conformance report',
    '',
    `Generated ${report.generatedAt} by \`npm run conformance\`. Each rule runs in its own session with its own time bound` +
      (report.durationMs === undefined ? '.' : `; this run took ${(report.durationMs / 1000).toFixed(0)} s with ${report.concurrency} rules at a time.`),
    'PASS: the implementation keeps the rule. FAIL: it breaks it (see Failures). unsupported: it does not claim the',
    'capability the rule needs. beyond Python: a `beyond` rule asks for more than Python promises, and CPython does not do it',
    '(it fails there for the reason the rule states). differs (declared): the implementation breaks the rule knowingly and',
    'says why in its deviations; declared deviation no longer needed: it passes a rule it declares, so the declaration must go',
    '(the run fails). What differs from Python, and why: [differences.md](differences.md).',
    '',
    '## Summary',
    '',
    ...runs.map((run) => `- ${summaryLine(run)} — ${run.description}${run.informational === true ? ' (third party: shown for information)' : ''}`),
  ];
  if (report.mutants !== undefined) {
    const m = report.mutants;
    lines.push(
      `- mutants: ${m.mutants.length} deliberately broken copies of the reference; ${m.mutants.filter((c) => c.kills.length > 0).length} killed; ` +
        `${m.rules.length - m.gaps.length} of ${m.rules.length} rules kill at least one; gaps: ${m.gaps.length === 0 ? 'none' : m.gaps.join(', ')}` +
        `; ${m.surprises.length === 0 ? 'as expected.json says' : `${m.surprises.length} surprise(s) against expected.json`} (details: [mutants.md](mutants.md))`,
    );
  }
  lines.push(
    '',
    '## Rules',
    '',
    `| rule | source | ${runs.map((r) => r.name).join(' | ')}${report.mutants ? ' | mutants killed' : ''} |`,
    `|---|---|${runs.map(() => '---').join('|')}${report.mutants ? '|---' : ''}|`,
  );
  for (const rule of report.rules) {
    const cells = runs.map((run) => {
      if (run.skipped !== undefined) return 'skipped';
      const result = run.results.find((r) => r.id === rule.id);
      return result === undefined ? '—' : FAILING.has(result.status) ? `**${LABEL[result.status]}**` : LABEL[result.status];
    });
    if (report.mutants) cells.push(String(report.mutants.mutants.filter((c) => c.kills.includes(rule.id)).length));
    const source = `${rule.source}${rule.python ? `<br>${pythonLink(rule.python)}` : ''}`;
    const mark = rule.relies === undefined ? '' : ' †';
    lines.push(`| [\`${rule.id}\`](${link(rule.file)})${mark}<br>${rule.statement} | ${source} | ${cells.join(' | ')} |`);
  }
  const relying = report.rules.filter((rule) => rule.relies !== undefined);
  if (relying.length > 0) {
    lines.push('', '† On the implementation\'s word: the suite cannot observe this for itself, so these rules pass on what the implementation reports.', '');
    for (const rule of relying) lines.push(`- \`${rule.id}\`: ${rule.relies}`);
  }
  lines.push(...nonPasses(report));
  return `${lines.join('\n')}\n`;
}

/** Failures, declared deviations and beyond-Python results one by one (with expected and observed); unsupported rules grouped by reason. */
function nonPasses(report: Report): string[] {
  const lines: string[] = [];
  const stated = new Map(report.rules.map((rule) => [rule.id, rule.cpython?.does]));
  for (const run of report.implementations) {
    const failures = run.results.filter((r) => r.status !== 'pass' && r.status !== 'unsupported');
    const unsupported = run.results.filter((r) => r.status === 'unsupported');
    if (failures.length === 0 && unsupported.length === 0) continue;
    lines.push('', `### ${run.name}`, '');
    for (const r of failures) {
      lines.push(`- \`${r.id}\` — ${LABEL[r.status]}: ${r.reason ?? ''}`);
      if (r.deviation !== undefined) lines.push(`  - declared: ${r.deviation}`);
      if (r.status === 'beyond') lines.push(`  - as the rule states: ${stated.get(r.id) ?? ''}`);
      if (r.expected !== undefined) lines.push(`  - expected: \`${r.expected}\``, `  - observed: \`${r.observed}\``);
    }
    const byReason = new Map<string, string[]>();
    for (const r of unsupported) byReason.set(r.reason ?? '', [...(byReason.get(r.reason ?? '') ?? []), r.id]);
    for (const [reason, ids] of byReason) lines.push(`- unsupported (${ids.length} rules): ${reason} — ${ids.map((id) => `\`${id}\``).join(', ')}`);
  }
  return lines.length === 0 ? [] : ['', '## Failures, declared deviations, unsupported and beyond-Python results', ...lines];
}
