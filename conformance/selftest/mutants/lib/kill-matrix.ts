/**
 * The kill matrix: for each mutant, the rules that failed on it (killed it), those that passed (it survived
 * them) and those that could not tell it from the reference (not reached); and the gaps, rules no mutant kills.
 * Compared with conformance/selftest/mutants/expected.json, test262-style: any difference is a surprise to look at.
 */
import { readFile } from 'node:fs/promises';
import type { Rule } from '../../../harness/rule.js';
import { repoPath } from '../../../../test-support/repo-paths.js';
import type { Mutant } from './mutant.js';
import type { PairResult } from './run-mutants.js';

export const EXPECTED_FILE = repoPath('conformance', 'selftest', 'mutants', 'expected.json');

export type Cell = 'killed' | 'survived' | 'not reached';

export interface MutantColumn {
  readonly name: string;
  readonly area: string;
  readonly violation: string;
  readonly kills: readonly string[];
  readonly survived: readonly string[];
  /** Why each killing rule failed, as the harness said it. */
  readonly reasons: Readonly<Record<string, string>>;
  /**
   * Pairs whose first run disagreed with expected.json and were run again, with both results: the second counts,
   * and every retry is shown in the report (a retry that flips is a verdict that depends on timing).
   */
  readonly retried: readonly Retry[];
}

export interface Retry {
  readonly rule: string;
  readonly first: 'killed' | 'survived';
  readonly then: 'killed' | 'survived';
}

export interface KillMatrix {
  readonly exhaustive: boolean;
  readonly rules: readonly { readonly id: string; readonly statement: string }[];
  readonly mutants: readonly MutantColumn[];
  /** Rules that no mutant killed. */
  readonly gaps: readonly string[];
}

export interface Expected {
  readonly note?: string;
  readonly mutants: Readonly<Record<string, { readonly kills: readonly string[]; readonly mayKill?: Readonly<Record<string, string>> }>>;
  /** Rules no mutant kills, each with the reason. */
  readonly gaps: Readonly<Record<string, string>>;
  /**
   * Rules killed only by mutants aimed at other rules, each with the reason no mutant can be aimed at them (their
   * fault lives where a mutant, which wraps the parent's adapter, cannot reach: in a grandchild's own code).
   */
  readonly undesignated?: Readonly<Record<string, string>>;
}

export function buildMatrix(mutants: readonly Mutant[], rules: readonly Rule[], results: readonly PairResult[], exhaustive: boolean): KillMatrix {
  const columns = mutants.map((mutant): MutantColumn => {
    const mine = results.filter((r) => r.mutant === mutant.name);
    const killed = mine.filter((r) => r.result.status === 'fail');
    return {
      name: mutant.name,
      area: mutant.area,
      violation: mutant.violation,
      kills: killed.map((r) => r.result.id).sort(),
      survived: mine.filter((r) => r.result.status !== 'fail').map((r) => r.result.id).sort(),
      reasons: Object.fromEntries(killed.map((r) => [r.result.id, r.result.reason ?? ''])),
      retried: mine
        .filter((r) => r.firstStatus !== undefined)
        .map((r): Retry => ({ rule: r.result.id, first: verdict(r.firstStatus!), then: verdict(r.result.status) }))
        .sort((a, b) => a.rule.localeCompare(b.rule)),
    };
  });
  const killedSomewhere = new Set(columns.flatMap((column) => column.kills));
  return {
    exhaustive,
    rules: rules.map(({ id, statement }) => ({ id, statement })),
    mutants: columns,
    gaps: rules.map((rule) => rule.id).filter((id) => !killedSomewhere.has(id)),
  };
}

const verdict = (status: PairResult['result']['status']): Retry['first'] => (status === 'fail' ? 'killed' : 'survived');

/** Every retry of the run, one line each: `mutant × rule: first killed, then survived`. */
export function retryLines(matrix: KillMatrix): string[] {
  return matrix.mutants.flatMap((column) =>
    column.retried.map((retry) => `${column.name} × ${retry.rule}: first ${retry.first}, then ${retry.then}`),
  );
}

export function cellOf(column: MutantColumn, rule: string): Cell {
  if (column.kills.includes(rule)) return 'killed';
  return column.survived.includes(rule) ? 'survived' : 'not reached';
}

export async function readExpected(): Promise<Expected | undefined> {
  try {
    return JSON.parse(await readFile(EXPECTED_FILE, 'utf8')) as Expected;
  } catch {
    return undefined;
  }
}

/** Whether `rule` failing (or not) on `mutant` is what expected.json says. */
export function isExpected(expected: Expected | undefined, mutant: string, rule: string, killed: boolean): boolean {
  const entry = expected?.mutants[mutant];
  if (entry === undefined) return true; // nothing expected yet: no surprise to re-check
  if (entry.mayKill?.[rule] !== undefined) return true;
  return entry.kills.includes(rule) === killed;
}

/** Every difference from expected.json, as sentences (empty when the matrix is as expected). */
export function surprises(matrix: KillMatrix, expected: Expected, onlyMutants?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const column of matrix.mutants) {
    const entry = expected.mutants[column.name];
    if (entry === undefined) {
      problems.push(`${column.name} is not in expected.json (it is killed by: ${column.kills.join(', ') || 'nothing'})`);
      continue;
    }
    for (const rule of entry.kills) {
      if (!column.kills.includes(rule)) {
        const state = column.survived.includes(rule) ? 'passed on it' : 'no longer reaches it';
        problems.push(`${column.name}: ${rule} should kill it but ${state}`);
      }
    }
    for (const rule of column.kills) {
      if (!entry.kills.includes(rule) && entry.mayKill?.[rule] === undefined) {
        problems.push(`${column.name}: ${rule} now kills it too (${column.reasons[rule]})`);
      }
    }
  }
  for (const name of Object.keys(expected.mutants)) {
    if ((onlyMutants === undefined || onlyMutants.has(name)) && !matrix.mutants.some((column) => column.name === name)) {
      problems.push(`expected.json lists ${name}, which is not a mutant`);
    }
  }
  if (onlyMutants === undefined) {
    for (const gap of matrix.gaps) {
      if (expected.gaps[gap] === undefined) problems.push(`${gap} kills no mutant and is not listed as a known gap`);
    }
    for (const gap of Object.keys(expected.gaps)) {
      if (matrix.rules.some((rule) => rule.id === gap) && !matrix.gaps.includes(gap)) problems.push(`${gap} is listed as a gap but kills a mutant now`);
    }
  }
  return problems;
}

/**
 * expected.json as this run found it, keeping the reasons already written for gaps and mayKill entries. After a
 * partial run (some mutants, some rules), only the mutants that ran are rewritten, and the gaps are kept.
 */
export function expectedFrom(matrix: KillMatrix, previous: Expected | undefined, partial = false): Expected {
  const ran = Object.fromEntries(
    matrix.mutants.map((column) => {
      const before = previous?.mutants[column.name];
      const mayKill = before?.mayKill;
      // A partial run only knows about the rules it ran on this mutant: the other kills stay as they were.
      const ranOn = new Set([...column.kills, ...column.survived]);
      const kept = partial ? (before?.kills ?? []).filter((rule) => !ranOn.has(rule)) : [];
      const kills = [...new Set([...kept, ...column.kills])].filter((rule) => mayKill?.[rule] === undefined).sort();
      return [column.name, mayKill === undefined ? { kills } : { kills, mayKill }];
    }),
  );
  const mutants = partial ? { ...previous?.mutants, ...ran } : ran;
  const gaps = Object.fromEntries(matrix.gaps.map((gap) => [gap, previous?.gaps[gap] ?? 'TODO: say why no mutant kills it']));
  return {
    note: 'the rules each mutant must fail (kills) and may fail (mayKill: reason); gaps: rules no mutant kills, and why',
    mutants: Object.fromEntries(Object.entries(mutants).sort(([a], [b]) => a.localeCompare(b))),
    gaps: partial ? (previous?.gaps ?? {}) : gaps,
    ...(previous?.undesignated === undefined ? {} : { undesignated: previous.undesignated }),
  };
}

const SYMBOL: Record<Cell, string> = { killed: '✗', survived: '·', 'not reached': '' };

export function matrixToMarkdown(matrix: KillMatrix, generatedAt: string, problems: readonly string[], expected: Expected | undefined): string {
  const lines = [
    '# Mutant kill matrix',
    '',
    `Generated ${generatedAt} by \`npm run conformance -- --mutants\`. Each mutant is the reference with one deliberate`,
    'violation (conformance/selftest/mutants/). A rule *kills* a mutant when it fails on it.',
    matrix.exhaustive
      ? 'Every rule ran on every mutant (`--exhaustive`).'
      : 'A rule runs on a mutant only when its trace on the reference does what the mutant changes (the mutant\'s `reaches`);' +
        ' the others cannot tell the mutant from the reference and are left blank. `--exhaustive` runs them all.',
    '',
    `## Summary`,
    '',
    `- ${matrix.mutants.length} mutants, ${matrix.mutants.filter((m) => m.kills.length > 0).length} killed by at least one rule` +
      `; ${matrix.rules.length - matrix.gaps.length} of ${matrix.rules.length} rules kill at least one mutant.`,
    `- Gaps (rules no mutant kills): ${matrix.gaps.length === 0 ? 'none' : matrix.gaps.map((g) => `\`${g}\``).join(', ')}`,
    ...matrix.gaps.map((gap) => `  - \`${gap}\`: ${expected?.gaps[gap] ?? 'no reason recorded in expected.json'}`),
    `- Surviving mutants: ${matrix.mutants.filter((m) => m.kills.length === 0).map((m) => `\`${m.name}\``).join(', ') || 'none'}`,
    `- Against expected.json: ${problems.length === 0 ? 'as expected' : `${problems.length} surprise(s)`}` +
      (retryLines(matrix).length === 0 ? ', at the first run of every pair' : `, after ${retryLines(matrix).length} retried pair(s)`),
    ...problems.map((problem) => `  - ${problem}`),
    `- Retried (a first result that disagreed with expected.json; the pair ran once more and the second result counts): ` +
      `${retryLines(matrix).length === 0 ? 'none' : retryLines(matrix).length}`,
    ...retryLines(matrix).map((line) => `  - ${line}`),
    '',
    '## Mutants',
    '',
    '| mutant | violation | killed by |',
    '|---|---|---|',
    ...matrix.mutants.map((m) => `| \`${m.name}\` | ${m.violation} | ${m.kills.map((k) => `\`${k}\``).join(', ') || '**survives**'} |`),
    '',
    '## Rules × mutants',
    '',
    '✗ killed (the rule failed on the mutant), · survived (it passed), blank: not reached.',
    '',
  ];
  for (const area of [...new Set(matrix.mutants.map((m) => m.area))]) {
    const columns = matrix.mutants.filter((m) => m.area === area);
    const numbered = columns.map((_, i) => `${i + 1}`);
    lines.push(`### ${area} mutants`, '', columns.map((m, i) => `${i + 1} \`${m.name}\``).join(' · '), '');
    lines.push(`| rule | kills | ${numbered.join(' | ')} |`, `|---|---|${numbered.map(() => '---').join('|')}|`);
    for (const rule of matrix.rules) {
      const cells = columns.map((column) => SYMBOL[cellOf(column, rule.id)]);
      if (cells.every((cell) => cell === '')) continue;
      const count = columns.filter((column) => column.kills.includes(rule.id)).length;
      lines.push(`| \`${rule.id}\` | ${count} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
