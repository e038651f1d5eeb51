/**
 * Checks the traceability data against the outline of Python's documentation (docs-outline.json) and the list of
 * CPython's test methods (cpython-tests.json), and builds the model TRACEABILITY.md is written from. Pure: the
 * files are read by load.ts, so that tests can hand it data of their own.
 */
import type { DocSectionTrace, ExcludedClasses, ParagraphTrace, SentenceTrace, TestGroupTrace, TestTrace } from './define.js';

/** One section of docs-outline.json: its paragraphs in page order, each by its first words. */
export interface OutlineSection {
  readonly title: string;
  readonly anchor: string;
  /** The data file(s) expected to trace it, for messages. */
  readonly owner: string;
  readonly paragraphs: readonly { readonly starts: string; readonly member?: string }[];
}

export interface Outline {
  readonly source: { readonly repo: string; readonly path: string; readonly commit: string; readonly page?: string };
  readonly sections: readonly OutlineSection[];
}

/** cpython-tests.json: every class of _test_multiprocessing.py with test methods, in source order. */
export interface CpythonTests {
  readonly python: string;
  readonly file: string;
  readonly classes: readonly { readonly name: string; readonly line: number; readonly tests: readonly string[] }[];
}

/** What the data files hold, each with the file it came from (for messages). */
export interface TraceabilityData {
  readonly docs: readonly { readonly file: string; readonly sections: readonly DocSectionTrace[] }[];
  readonly groups: readonly { readonly file: string; readonly group: TestGroupTrace }[];
  readonly excluded: readonly { readonly file: string; readonly classes: ExcludedClasses }[];
}

export interface TracedParagraph {
  readonly starts: string;
  readonly member?: string;
  /** The trace, and the file it is in; undefined when no file traces this paragraph. */
  readonly trace?: { readonly file: string; readonly paragraph: ParagraphTrace };
}

export interface TracedClass {
  readonly name: string;
  readonly line: number;
  /** The reason the whole class is not traced, when it is excluded. */
  readonly excluded?: string;
  /** Each method in source order, with its trace (undefined while no file lists it). */
  readonly tests: readonly { readonly method: string; readonly trace?: { readonly file: string; readonly test: TestTrace } }[];
}

export interface TraceabilityModel {
  readonly outline: Outline;
  readonly cpython: CpythonTests;
  readonly sections: readonly (OutlineSection & { readonly traced: readonly TracedParagraph[] })[];
  readonly classes: readonly TracedClass[];
}

export const REASON_KINDS = ['not observable', 'not applicable', 'out of scope', 'not testable', 'covered elsewhere'] as const;

/**
 * The words of a passage as they are compared: reStructuredText roles reduced to what the page shows
 * (``:meth:`~Process.start` `` reads "start"), a list item's marker dropped, case and punctuation ignored.
 */
export function words(text: string): string[] {
  return text
    .replace(/:[a-z]+(?::[a-z]+)*:`([^`]*)`/g, (_, inner: string) => roleText(inner))
    .replace(/^\s*(\(\d+\)|\d+\.|[*-])\s+/, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function roleText(inner: string): string {
  const titled = /^(.*?)\s*<[^>]*>$/.exec(inner);
  if (titled) return titled[1]!;
  const target = inner.replace(/^[!~]/, '');
  return inner.startsWith('~') ? target.split('.').pop()! : target;
}

/** Whether quoted first words name this outline paragraph: 5 words agreeing are enough, or all of a short one. */
export function startsMatch(quoted: string, outlined: string): boolean {
  const a = words(quoted);
  const b = words(outlined);
  const n = Math.min(a.length, b.length);
  if (n === 0 || (n < 5 && n < b.length)) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameSection(trace: DocSectionTrace, section: OutlineSection): boolean {
  const anchor = (s: string) => s.replace(/^.*#/, '');
  return words(trace.title).join(' ') === words(section.title).join(' ') || anchor(trace.anchor ?? '') === section.anchor;
}

const clip = (text: string, n = 60) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** Problems of one sentence or test: rules that exist, or a reason of a known kind, never both nor neither. */
function tracedProblems(item: SentenceTrace | TestTrace, where: string, ruleIds: ReadonlySet<string>): string[] {
  const rules = (item as { rules?: unknown }).rules;
  const reason = (item as { reason?: unknown }).reason;
  const hasRules = Array.isArray(rules) && rules.length > 0;
  if (hasRules && reason !== undefined) return [`${where}: has both rules and a reason (give one)`];
  if (!hasRules && reason === undefined) return [`${where}: has neither rules nor a reason`];
  if (hasRules) return (rules as unknown[]).filter((id) => typeof id !== 'string' || !ruleIds.has(id)).map((id) => `${where}: no rule has the id ${String(id)}`);
  if (typeof reason !== 'string' || !REASON_KINDS.some((kind) => reason.startsWith(`${kind}: `) && reason.length > kind.length + 2)) {
    return [`${where}: reason "${clip(String(reason))}" is not "<kind>: <why>" with a kind among ${REASON_KINDS.join(', ')}`];
  }
  return [];
}

/** Every problem of the data, one sentence each, and the model to render (built whatever the problems). */
export function lintTraceability(
  data: TraceabilityData,
  outline: Outline,
  cpython: CpythonTests,
  ruleIds: ReadonlySet<string>,
): { problems: string[]; model: TraceabilityModel } {
  const problems: string[] = [];
  const sections = outline.sections.map((section) => ({ section, assigned: new Array<{ file: string; paragraph: ParagraphTrace } | undefined>(section.paragraphs.length) }));

  // Documentation: each traced paragraph to one outline paragraph, looked for in the section of the same title
  // (or anchor) first, then anywhere in the outline; over all files, unambiguous paragraphs are placed first.
  type Slot = readonly [section: number, paragraph: number];
  const pending: { file: string; title: string; paragraph: ParagraphTrace; matches: Slot[] }[] = [];
  const matchesIn = (starts: string, only?: number): Slot[] =>
    sections.flatMap(({ section }, s) =>
      only !== undefined && s !== only ? [] : section.paragraphs.flatMap((p, index) => (startsMatch(starts, p.starts) ? [[s, index] as const] : [])),
    );
  for (const { file, sections: traced } of data.docs) {
    for (const sectionTrace of traced) {
      const own = sections.findIndex((s) => sameSection(sectionTrace, s.section));
      for (const paragraph of sectionTrace.paragraphs) {
        const where = `${file}: ${sectionTrace.title}: "${clip(paragraph.starts)}"`;
        if (paragraph.sentences.length === 0) problems.push(`${where}: has no sentences`);
        paragraph.sentences.forEach((sentence, i) => {
          if (!sentence.says?.trim()) problems.push(`${where}: sentence ${i + 1} quotes nothing`);
          problems.push(...tracedProblems(sentence, `${where}: "${clip(sentence.says ?? '', 50)}"`, ruleIds));
        });
        const inOwn = own < 0 ? [] : matchesIn(paragraph.starts, own);
        const matches = inOwn.length > 0 ? inOwn : matchesIn(paragraph.starts);
        if (matches.length === 0) problems.push(`${where}: no paragraph of the outline starts so (quote at least 5 of its first words, as docs-outline.json has them)`);
        else pending.push({ file, title: sectionTrace.title, paragraph, matches });
      }
    }
  }
  for (const pass of [1, 2]) {
    for (const { file, title, paragraph, matches } of pending) {
      if ((pass === 1) !== (matches.length === 1)) continue;
      const free = matches.find(([s, index]) => sections[s]!.assigned[index] === undefined);
      if (free === undefined) {
        const [s, index] = matches[0]!;
        problems.push(`${file}: ${title}: "${clip(paragraph.starts)}" is traced twice (also in ${sections[s]!.assigned[index]!.file})`);
      } else sections[free[0]]!.assigned[free[1]] = { file, paragraph };
    }
  }
  for (const { section, assigned } of sections) {
    section.paragraphs.forEach((p, index) => {
      if (assigned[index] === undefined) problems.push(`${section.title}: paragraph "${clip(p.starts)}"${p.member ? ` (${p.member})` : ''} is not traced (expected in ${section.owner})`);
    });
  }

  // CPython's tests: every method of a traced class exactly once over all groups; every class traced or excluded.
  const known = new Map(cpython.classes.map((c) => [c.name, c]));
  const tracedClasses = new Set<string>();
  for (const { file, group } of data.groups) {
    for (const name of group.classes) {
      if (!known.has(name)) problems.push(`${file}: class ${name} is not a test class of ${cpython.file} (Python ${cpython.python})`);
      tracedClasses.add(name);
    }
  }
  const excluded = new Map<string, string>();
  for (const { file, classes } of data.excluded) {
    for (const [name, reason] of Object.entries(classes.excluded)) {
      if (!known.has(name)) problems.push(`${file}: excluded class ${name} is not a test class of ${cpython.file}`);
      if (tracedClasses.has(name)) problems.push(`${file}: class ${name} is both excluded and traced method by method`);
      if (excluded.has(name)) problems.push(`${file}: class ${name} is excluded twice`);
      problems.push(...tracedProblems({ reason } as TestTrace, `${file}: excluded class ${name}`, ruleIds));
      excluded.set(name, reason);
    }
  }
  const listed = new Map<string, { file: string; test: TestTrace }>();
  for (const { file, group } of data.groups) {
    for (const test of group.tests) {
      const [name, method, ...rest] = test.test.split('.');
      const where = `${file}: ${test.test}`;
      problems.push(...tracedProblems(test, where, ruleIds));
      const cls = name === undefined ? undefined : known.get(name);
      if (method === undefined || rest.length > 0) problems.push(`${where}: name a test as Class.test_method`);
      else if (cls === undefined) problems.push(`${where}: ${name} is not a test class of ${cpython.file}`);
      else if (!cls.tests.includes(method)) problems.push(`${where}: ${name} has no method ${method} in Python ${cpython.python}`);
      else if (!tracedClasses.has(name!)) problems.push(`${where}: no file lists ${name} among its classes`);
      if (listed.has(test.test)) problems.push(`${where}: listed twice (also in ${listed.get(test.test)!.file})`);
      else listed.set(test.test, { file, test });
    }
  }
  const classes: TracedClass[] = cpython.classes.map((cls) => {
    if (!tracedClasses.has(cls.name) && !excluded.has(cls.name)) problems.push(`class ${cls.name} (${cls.tests.length} tests) is neither traced nor excluded`);
    const tests = cls.tests.map((method) => {
      const trace = listed.get(`${cls.name}.${method}`);
      if (tracedClasses.has(cls.name) && trace === undefined) problems.push(`${cls.name}.${method} is not listed (its class is traced)`);
      return trace === undefined ? { method } : { method, trace };
    });
    return { name: cls.name, line: cls.line, ...(excluded.has(cls.name) ? { excluded: excluded.get(cls.name)! } : {}), tests };
  });

  const model: TraceabilityModel = {
    outline,
    cpython,
    sections: sections.map(({ section, assigned }) => ({
      ...section,
      traced: section.paragraphs.map((p, index) => (assigned[index] === undefined ? { ...p } : { ...p, trace: assigned[index]! })),
    })),
    classes,
  };
  return { problems, model };
}
