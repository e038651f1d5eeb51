/**
 * A conformance rule is data: an id that reads as a sentence, the normative statement, where it comes from,
 * what it needs, and a check written only against the Implementation interface.
 */
import type { Capability, PythonFacts, Session } from './implementation.js';

export type RuleSource = 'seed' | 'python-docs' | 'beyond';

export interface RuleContext {
  /** The implementation's name, for messages only: a check must not branch on it. */
  readonly implementation: string;
  /** A fresh directory for files the tasks write; removed after the rule. */
  readonly tmpdir: string;
  /** Aborted when the rule passes its time bound, so a check can stop waiting. */
  readonly signal: AbortSignal;
  /**
   * On CPython, its version and start method (Implementation.python); undefined elsewhere. Only a rule whose
   * statement names a start method or a Python version may read it, to accept exactly what that one does.
   */
  readonly python?: PythonFacts;
}

export interface Rule {
  /** `area.subject.claim`, e.g. `process.exitcode.signal-is-negative`; matches the file name. */
  readonly id: string;
  /** The normative sentence the check proves. */
  readonly statement: string;
  readonly source: RuleSource;
  /** Where Python says it: a docs anchor (`library/multiprocessing.html#…`) or `seed: <section>`. */
  readonly python?: string;
  readonly needs: readonly Capability[];
  /**
   * Required for a `beyond` rule: what CPython does instead (`does`, a sentence for the report and
   * reports/differences.md) and a pattern that the rule's failure reason on CPython must match (`failure`). A
   * `beyond` rule that fails on CPython for another reason (a timeout where an error was said, a crash) is a FAIL,
   * not "beyond Python".
   */
  readonly cpython?: {
    readonly does: string;
    readonly failure: RegExp;
    /**
     * The start methods under which CPython does keep the rule (`does` says so): there it runs as any other rule,
     * a pass is a pass and a failure a FAIL. Elsewhere (and on an implementation that is not CPython) it is beyond.
     */
    readonly keptUnder?: readonly PythonFacts['startMethod'][];
  };
  /**
   * What the check takes on the implementation's word, where the suite cannot observe it for itself (a flag the
   * implementation reports about one of its processes): a sentence. The report marks such a rule, so that a reader
   * knows its PASS is only as good as the implementation's report. A rule the suite observes for itself has none.
   */
  readonly relies?: string;
  /** The rule's own time bound; the harness fails the rule (naming it) when it is passed. */
  readonly timeoutMs?: number;
  /**
   * Why the rule runs with no other rule beside it, when it must: one that makes an implementation start processes
   * without end (CPython respawns workers whose initializer fails) starves the rules running at the same time of
   * the machine, and their bounded waits fail for a reason that is not theirs.
   */
  readonly alone?: string;
  check(session: Session, context: RuleContext): Promise<void>;
}

/** Identity function that gives rule files type checking without a class. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
