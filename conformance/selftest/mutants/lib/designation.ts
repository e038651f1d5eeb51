/**
 * Every rule has a designated mutant: one whose `aims` name it and that it kills (per expected.json), a realistic
 * single fault that this rule, above all, catches. And every `aims` entry is a rule the mutant really kills.
 */
import type { Expected } from './kill-matrix.js';

export interface Aiming {
  readonly name: string;
  readonly aims: readonly string[];
}

export interface Designation {
  /** Rule id → the mutants aimed at it that expected.json says it kills. */
  readonly designated: ReadonlyMap<string, readonly string[]>;
  /** Rules no mutant is aimed at (with that rule among its expected kills). */
  readonly undesignated: readonly string[];
  /** Problems as sentences: an aim that is no rule, or a rule the mutant is not expected to be killed by. */
  readonly problems: readonly string[];
}

/**
 * `declared`: the reference's declared deviations (rule id → reason). Mutants are the reference with one fault, so a
 * rule the reference itself fails (Python's behaviour, where multiproc deliberately differs) cannot kill any: such a
 * rule needs no designated mutant; CPython is the implementation that keeps it, and its `beyond` twin has one.
 */
export function designation(mutants: readonly Aiming[], ruleIds: readonly string[], expected: Expected, declared: Readonly<Record<string, string>> = {}): Designation {
  const rules = new Set(ruleIds);
  const designated = new Map<string, string[]>(ruleIds.map((id) => [id, []]));
  const problems: string[] = [];
  for (const mutant of mutants) {
    const kills = new Set(expected.mutants[mutant.name]?.kills ?? []);
    for (const aim of mutant.aims) {
      if (!rules.has(aim)) problems.push(`${mutant.name} aims at ${aim}, which is not a rule`);
      else if (!kills.has(aim)) problems.push(`${mutant.name} aims at ${aim}, which expected.json does not list among its kills`);
      else designated.get(aim)!.push(mutant.name);
    }
  }
  const excused = expected.undesignated ?? {};
  for (const id of Object.keys(excused)) if (!rules.has(id)) problems.push(`expected.json excuses ${id} from a designated mutant, but it is not a rule`);
  const undesignated = ruleIds.filter((id) => designated.get(id)!.length === 0 && !Object.hasOwn(declared, id) && !Object.hasOwn(excused, id));
  for (const id of undesignated) problems.push(`${id} has no designated mutant (no mutant that it kills names it in aims)`);
  return { designated, undesignated, problems };
}
