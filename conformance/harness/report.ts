/**
 * The conformance report: a matrix of rules × implementations in Markdown and the same data as JSON.
 */
import type { Rule } from './rule.js';
import type { RuleResult, Status } from './run-rule.js';

export interface ImplementationRun {
  readonly name: string;
  readonly description: string;
  /** Set when the implementation could not run at all (python3 missing, say). */
  readonly skipped?: string;
  readonly results: readonly RuleResult[];
}

export interface Report {
  readonly generatedAt: string;
  readonly rules: readonly { id: string; statement: string; source: string; python?: string; needs: readonly string[] }[];
  readonly implementations: readonly ImplementationRun[];
}

const LABEL: Record<Status, string> = { pass: 'PASS', fail: 'FAIL', unsupported: 'unsupported', beyond: 'beyond Python' };

export function buildReport(rules: readonly Rule[], runs: readonly ImplementationRun[]): Report {
  return {
    generatedAt: new Date().toISOString(),
    rules: rules.map(({ id, statement, source, python, needs }) => ({ id, statement, source, ...(python ? { python } : {}), needs })),
    implementations: runs,
  };
}

export function countByStatus(results: readonly RuleResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, unsupported: 0, beyond: 0 };
  for (const result of results) counts[result.status]++;
  return counts;
}

export function summaryLine(run: ImplementationRun): string {
  if (run.skipped !== undefined) return `${run.name}: skipped — ${run.skipped}`;
  const c = countByStatus(run.results);
  const parts = [`${c.pass} passed`, `${c.fail} failed`];
  if (c.unsupported > 0) parts.push(`${c.unsupported} unsupported`);
  if (c.beyond > 0) parts.push(`${c.beyond} beyond Python`);
  return `${run.name}: ${parts.join(', ')} (of ${run.results.length} rules)`;
}

/** Where a rule's `python` field points, as a link when it is a docs anchor. */
export function pythonLink(python: string | undefined): string {
  if (python === undefined) return '';
  if (python.startsWith('library/')) return `[${python.replace(/^library\/multiprocessing\.html#/, '')}](https://docs.python.org/3/${python})`;
  return python;
}

export function toMarkdown(report: Report): string {
  const runs = report.implementations;
  const lines = [
    '# Conformance report',
    '',
    `Generated ${report.generatedAt} by \`npm run conformance\`. Each rule runs in its own session with its own time bound.`,
    'PASS: the implementation keeps the rule. FAIL: it breaks it (see Failures). unsupported: it does not claim the',
    'capability the rule needs. beyond Python: a `beyond` rule asks for more than Python promises, and CPython does not do it.',
    '',
    '## Summary',
    '',
    ...runs.map((run) => `- ${summaryLine(run)} — ${run.description}`),
    '',
    '## Rules',
    '',
    `| rule | source | ${runs.map((r) => r.name).join(' | ')} |`,
    `|---|---|${runs.map(() => '---').join('|')}|`,
  ];
  for (const rule of report.rules) {
    const cells = runs.map((run) => {
      if (run.skipped !== undefined) return 'skipped';
      const result = run.results.find((r) => r.id === rule.id);
      return result === undefined ? '—' : LABEL[result.status];
    });
    lines.push(`| \`${rule.id}\`<br>${rule.statement} | ${rule.source}${rule.python ? `<br>${pythonLink(rule.python)}` : ''} | ${cells.join(' | ')} |`);
  }
  const failures = runs.flatMap((run) => run.results.filter((r) => r.status !== 'pass').map((r) => ({ run, r })));
  if (failures.length > 0) {
    lines.push('', '## Failures, unsupported and beyond-Python results', '');
    for (const { run, r } of failures) {
      lines.push(`- **${run.name}** \`${r.id}\` — ${LABEL[r.status]}: ${r.reason ?? ''}`);
      if (r.expected !== undefined) lines.push(`  - expected: \`${r.expected}\``, `  - observed: \`${r.observed}\``);
    }
  }
  return `${lines.join('\n')}\n`;
}
