/**
 * The traceability data: Python's multiprocessing documentation walked paragraph by paragraph, and CPython's own
 * tests (Lib/test/_test_multiprocessing.py) method by method, each item traced to the rules that prove it or to a
 * one-line reason it is not a rule. `npm run conformance -- --lint` checks it; TRACEABILITY.md is generated from it.
 *
 * One file per documentation section (`docs-<section>.ts`) and per group of CPython test classes
 * (`cpython-<group>.ts`), so that people working on different areas do not edit the same file. A file exports,
 * as default or by name, what defineDocSections, defineTestGroup or defineExcludedClasses return (load.ts finds
 * them by shape). What must be traced is fixed by two lists: `docs-outline.json` (every paragraph of the
 * sections implemented, by its first words, from a recorded revision of Doc/library/multiprocessing.rst) and
 * `cpython-tests.json` (every test class and method, written by scripts/traceability/list-cpython-tests.ts).
 * The lint (lint.ts) places each traced paragraph on the outline by its first words (case, spaces, punctuation
 * and reStructuredText roles ignored; five words agreeing are enough, or the whole of a shorter paragraph), and
 * requires every outline paragraph to be traced exactly once over all files, and every method of every class
 * named in some group's `classes` to be listed exactly once over all groups.
 */

/**
 * Why a sentence or a test is not a rule. The text starts with one of these kinds, then a colon and the reason:
 * - `not observable`: nothing an implementation does can be seen from outside (an internal detail, a
 *   recommendation to the user);
 * - `not applicable`: it concerns what Node has no counterpart of (pickling by module name, the spawn and
 *   forkserver start methods, Windows, a Python-only API), with the counterpart when there is one;
 * - `out of scope`: a part of multiprocessing this project does not implement yet (Pipe, locks, Manager, …);
 * - `not testable`: observable in principle, but no check can tell a pass from a failure reliably (say why);
 * - `covered elsewhere`: the same claim is traced at another sentence or test (name it).
 */
export type Reason = `${'not observable' | 'not applicable' | 'out of scope' | 'not testable' | 'covered elsewhere'}: ${string}`;

/** A testable sentence proved by rules, or a sentence that is not a rule, with the reason. */
export type Traced = { readonly rules: readonly string[]; readonly reason?: never } | { readonly reason: Reason; readonly rules?: never };

export type SentenceTrace = Traced & {
  /** The sentence, quoted from the documentation (shortened with … when long, never reworded). */
  readonly says: string;
};

export interface ParagraphTrace {
  /** The paragraph's first words, quoted, enough to find it in the page. */
  readonly starts: string;
  readonly sentences: readonly SentenceTrace[];
}

export interface DocSectionTrace {
  /** The section's title as the documentation shows it. */
  readonly title: string;
  /** docs.python.org/3/library/multiprocessing.html#<anchor> */
  readonly anchor: string;
  readonly paragraphs: readonly ParagraphTrace[];
}

/** The documentation sections this project implements, in page order. */
export function defineDocSections(sections: readonly DocSectionTrace[]): readonly DocSectionTrace[] {
  return sections;
}

export type TestTrace = Traced & {
  /** `_TestProcess.test_lose_target_ref`: the class and the test method, as in _test_multiprocessing.py. */
  readonly test: string;
};

export interface TestGroupTrace {
  /** The CPython test classes this file covers completely (every `test_*` method of each must be listed). */
  readonly classes: readonly string[];
  readonly tests: readonly TestTrace[];
}

export function defineTestGroup(group: TestGroupTrace): TestGroupTrace {
  return group;
}

/**
 * CPython test classes that are not traced method by method, each with one reason for the whole class (a class
 * about locks, managers, connections: what this project does not implement). Every class of
 * cpython-tests.json is either in some group's `classes` or excluded here, never both.
 */
export interface ExcludedClasses {
  readonly excluded: Readonly<Record<string, Reason>>;
}

export function defineExcludedClasses(excluded: Readonly<Record<string, Reason>>): ExcludedClasses {
  return { excluded };
}
