/**
 * reports/reliability.md from what the soak run saw: the tests' own findings, their results, the loaded
 * conformance run and the children left. Nothing in it is written by hand.
 */
import type { Finding, Section } from '../../test-support/reliability.js';
import { DEFECTS } from './defects.js';
import type { LoadedRun } from './loaded-suite.js';
import type { TestOutcome, TestRun } from './run-tests.js';

export interface SoakResult {
  readonly generatedAt: string;
  readonly machine: string;
  readonly seconds: number;
  readonly shortRun: TestRun | undefined;
  readonly longRun: TestRun;
  readonly loaded: LoadedRun | undefined;
  readonly childrenLeft: readonly string[];
  readonly tempLeft: readonly string[];
  readonly problems: readonly string[];
}

type Found = Finding & { readonly test: string };

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function status(outcome: TestOutcome | undefined): string {
  if (outcome === undefined) return 'not run';
  if (outcome.skipped) return 'skipped';
  return outcome.ok ? 'pass' : '**FAIL**';
}

function figures(finding: Finding): string {
  return Object.entries(finding.figures ?? {}).map(([key, value]) => `${key}: ${value}`).join('; ');
}

function sectionTable(run: TestRun, section: Section): string[] {
  const findings = run.findings.filter((f) => f.section === section);
  if (findings.length === 0) return ['(no test reported a finding in this section)', ''];
  const rows = findings.map((f) => {
    const outcome = run.outcomes.find((o) => o.title === f.test);
    return `| ${cell(f.tried)} | ${cell(f.outcome)} | ${cell(figures(f))} | ${status(outcome)} |`;
  });
  return ['| tried | outcome | figures | test |', '|---|---|---|---|', ...rows, ''];
}

/** The tests that keep defect `n` fixed: titles `defect n: …`, or findings that name it. */
function defectTests(run: TestRun, n: number): TestOutcome[] {
  const byTitle = run.outcomes.filter((o) => new RegExp(`^defect ${n}\\b`).test(o.title));
  const byFinding = run.findings.filter((f: Found) => f.defect === n).map((f) => run.outcomes.find((o) => o.title === f.test));
  return [...new Set([...byTitle, ...byFinding.filter((o): o is TestOutcome => o !== undefined)])];
}

export function defectsWithoutPassingTest(run: TestRun): number[] {
  return DEFECTS.map((_, i) => i + 1).filter((n) => {
    const tests = defectTests(run, n);
    return tests.length === 0 || tests.some((t) => !t.ok && !t.skipped);
  });
}

export function reliabilityMarkdown(result: SoakResult): string {
  const { longRun, loaded } = result;
  const passed = longRun.outcomes.filter((o) => o.ok && !o.skipped).length;
  const failed = longRun.outcomes.filter((o) => !o.ok);
  const lines = [
    '# Reliability report',
    '',
    `Generated ${result.generatedAt} by \`npm run soak\` in ${(result.seconds / 60).toFixed(1)} min on ${result.machine}.`,
    'Every line below comes from a test that injected the fault, applied the load or tried the input (their titles',
    'start `defect N:`, `fault:`, `load:`, `bad input:` or `security:`), run in its long form (`MULTIPROC_SOAK=1`).',
    '',
    '## Summary',
    '',
    `- Long forms: ${passed} passed, ${failed.length} failed, in ${longRun.seconds.toFixed(0)} s (${longRun.files.length} test files).`,
    result.shortRun === undefined
      ? '- Short forms (as `npm test` runs them): not measured in this run.'
      : `- Short forms (as \`npm test\` runs them): ${result.shortRun.outcomes.filter((o) => o.ok).length} passed, ` +
        `${result.shortRun.outcomes.filter((o) => !o.ok).length} failed, in ${result.shortRun.seconds.toFixed(0)} s including ava's start of ` +
        `${result.shortRun.files.length} test files.`,
    `- Defects of issue 14 kept fixed by a passing test: ${DEFECTS.length - defectsWithoutPassingTest(longRun).length} of ${DEFECTS.length}.`,
    loaded === undefined
      ? '- Conformance under load: not run.'
      : `- Conformance beside the long forms and ${loaded.busyLoops} busy CPU loops (load average ${loaded.load.min.toFixed(1)}–${loaded.load.max.toFixed(1)}): ` +
        `${loaded.implementations.map((i) => `${i.name} ${Object.entries(i.counts).map(([s, n]) => `${n} ${s}`).join(', ')}`).join('; ')}; ` +
        `mutants ${loaded.mutants.killed}/${loaded.mutants.total} killed, ${loaded.mutants.surprises.length} surprise(s), ${loaded.mutants.retries.length} retried pair(s).`,
    `- Child processes left after the run: ${result.childrenLeft.length === 0 ? 'none' : result.childrenLeft.join('; ')}.`,
    `- Temporary files of ours left in the temp directory: ${result.tempLeft.length === 0 ? 'none' : result.tempLeft.join(', ')}.`,
    ...(result.problems.length === 0 ? ['- Problems: none.'] : ['- **Problems:**', ...result.problems.map((p) => `  - ${p}`)]),
    '',
    '## The 18 defects of issue 14',
    '',
    '| # | defect | kept fixed by | result |',
    '|---|---|---|---|',
    ...DEFECTS.map((text, i) => {
      const tests = defectTests(longRun, i + 1);
      const names = tests.map((t) => `\`${cell(t.title)}\``).join('<br>') || '**no test**';
      const verdict = tests.length === 0 ? '**missing**' : tests.every((t) => t.ok) ? 'pass' : '**FAIL**';
      return `| ${i + 1} | ${cell(text)} | ${names} | ${verdict} |`;
    }),
    '',
    '## Faults injected',
    '',
    ...sectionTable(longRun, 'fault'),
    '## Load held',
    '',
    ...sectionTable(longRun, 'load'),
    '## Bad input',
    '',
    ...sectionTable(longRun, 'bad-input'),
    '## Security',
    '',
    ...sectionTable(longRun, 'security'),
    '## What the defect tests saw',
    '',
    ...sectionTable(longRun, 'defect'),
  ];
  if (loaded !== undefined) {
    lines.push(
      '## The conformance suite under load',
      '',
      `\`npm run conformance -- --impl reference --impl cpython --mutants\` run at the same time as the long forms above`,
      `(thousands of processes started), with ${loaded.busyLoops} processes spinning on the CPU beside them; ${loaded.seconds.toFixed(0)} s; load`,
      `average sampled every 5 s: min ${loaded.load.min.toFixed(1)}, mean ${loaded.load.mean.toFixed(1)}, max ${loaded.load.max.toFixed(1)}.`,
      '',
      '| implementation | verdicts | failures |',
      '|---|---|---|',
      ...loaded.implementations.map((i) => `| ${i.name} | ${Object.entries(i.counts).map(([s, n]) => `${n} ${s}`).join(', ')} | ${cell(i.failures.join('; ')) || 'none'} |`),
      '',
      `Mutants: ${loaded.mutants.killed} of ${loaded.mutants.total} killed. Surprises against expected.json: ${loaded.mutants.surprises.length === 0 ? 'none' : ''}`,
      ...loaded.mutants.surprises.map((s) => `- ${s}`),
      '',
      `Retried pairs (the first result disagreed with expected.json; the second counted): ${loaded.mutants.retries.length === 0 ? 'none' : ''}`,
      ...loaded.mutants.retries.map((r) => `- ${r}`),
      '',
    );
  }
  if (failed.length > 0) {
    lines.push('## Failures', '', ...failed.flatMap((f) => [`### ${f.title}`, '', '```', f.detail ?? '', '```', '']));
  }
  return `${lines.join('\n')}\n`;
}
