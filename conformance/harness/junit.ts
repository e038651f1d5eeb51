/**
 * The report as JUnit XML, so that CI systems show it: one testsuite per implementation (a testcase per rule:
 * failure for FAIL and for a declared deviation no longer needed, skipped for unsupported, beyond-Python and
 * differs (declared), with the declared reason and the failure), and one for the mutants (a testcase per mutant,
 * failed when it survives every rule or when its kills differ from expected.json; a testcase per rule, failed
 * when it kills no mutant and is not a known gap).
 */
import type { Report } from './report.js';

const escape = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 has no place for most control characters.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly seconds: number;
  readonly failure?: { message: string; body: string };
  readonly skipped?: string;
}

function suite(name: string, cases: readonly Case[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const time = cases.reduce((sum, c) => sum + c.seconds, 0).toFixed(3);
  const body = cases.map((c) => {
    const open = `    <testcase classname="${escape(c.classname)}" name="${escape(c.name)}" time="${c.seconds.toFixed(3)}"`;
    if (c.failure !== undefined) {
      return `${open}>\n      <failure message="${escape(c.failure.message)}" type="RuleFailure">${escape(c.failure.body)}</failure>\n    </testcase>`;
    }
    if (c.skipped !== undefined) return `${open}>\n      <skipped message="${escape(c.skipped)}"/>\n    </testcase>`;
    return `${open}/>`;
  });
  return [`  <testsuite name="${escape(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">`, ...body, '  </testsuite>'].join('\n');
}

export function toJUnit(report: Report): string {
  const statements = new Map(report.rules.map((rule) => [rule.id, rule.statement]));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  const add = (name: string, cases: readonly Case[]) => {
    tests += cases.length;
    failures += cases.filter((c) => c.failure !== undefined).length;
    suites.push(suite(name, cases));
  };
  for (const run of report.implementations) {
    const cases = run.skipped !== undefined
      ? report.rules.map((rule): Case => ({ classname: `conformance.${run.name}`, name: rule.id, seconds: 0, skipped: `implementation skipped: ${run.skipped}` }))
      : run.results.map((r): Case => {
          const base = { classname: `conformance.${run.name}.${r.id.split('.')[0]}`, name: `${r.id}: ${statements.get(r.id) ?? ''}`, seconds: r.durationMs / 1000 };
          const body = r.expected === undefined ? (r.reason ?? '') : `${r.reason ?? ''}\nexpected: ${r.expected}\nobserved: ${r.observed}`;
          if (r.status === 'fail') return { ...base, failure: { message: r.reason ?? 'failed', body } };
          if (r.status === 'stale') return { ...base, failure: { message: r.reason ?? 'declared deviation no longer needed', body: `declared: ${r.deviation ?? ''}` } };
          if (r.status === 'unsupported') return { ...base, skipped: `unsupported: ${r.reason ?? ''}` };
          if (r.status === 'beyond') return { ...base, skipped: `beyond Python: ${r.reason ?? ''}` };
          if (r.status === 'differs') return { ...base, skipped: `differs (declared): ${r.deviation ?? ''}; failure: ${body}` };
          return base;
        });
    add(run.name, cases);
  }
  if (report.mutants !== undefined) {
    const m = report.mutants;
    const cases: Case[] = m.mutants.map((column) => {
      const mine = m.surprises.filter((s) => s.startsWith(`${column.name}:`) || s.startsWith(`${column.name} `));
      const base = { classname: `mutants.${column.area}`, name: `${column.name} is killed: ${column.violation}`, seconds: 0 };
      if (column.kills.length === 0) return { ...base, failure: { message: 'no rule fails on this mutant', body: column.violation } };
      if (mine.length > 0) return { ...base, failure: { message: 'kills differ from expected.json', body: mine.join('\n') } };
      return base;
    });
    for (const rule of m.rules) {
      const base = { classname: `mutants.rules.${rule.id.split('.')[0]}`, name: `${rule.id} kills some mutant`, seconds: 0 };
      const listed = m.surprises.some((s) => s.startsWith(`${rule.id} kills no mutant`));
      if (!m.gaps.includes(rule.id)) cases.push(base);
      else if (listed) cases.push({ ...base, failure: { message: 'no mutant fails this rule', body: rule.statement } });
      else cases.push({ ...base, skipped: 'known gap (expected.json)' });
    }
    add('mutants', cases);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="multiproc conformance" tests="${tests}" failures="${failures}" time="${((report.durationMs ?? 0) / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
