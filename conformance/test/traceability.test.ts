/**
 * The traceability lint: what it catches (on small data of its own), and the repository's data: no problem, and
 * conformance/TRACEABILITY.md as `npm run conformance -- --lint` would write it now.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { ruleSources } from '../harness/load-rules.js';
import { checkTraceability } from '../traceability/check.js';
import { defineDocSections, defineExcludedClasses, defineTestGroup, type Reason } from '../traceability/define.js';
import { lintTraceability, startsMatch, words, type CpythonTests, type Outline, type TraceabilityData } from '../traceability/lint.js';
import { TRACEABILITY_FILE } from '../traceability/load.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

// These tests start no process; the check keeps it so (issue 14: every test file checks).
assertNoOrphans(test);

const outline: Outline = {
  source: { repo: 'python/cpython', path: 'Doc/library/multiprocessing.rst', commit: '0'.repeat(40) },
  sections: [
    {
      title: 'Miscellaneous',
      anchor: 'miscellaneous',
      owner: 'docs-misc.ts',
      paragraphs: [
        { starts: 'Return list of all live children of the current process.' },
        { starts: 'Return True if the queue is empty, False otherwise. Because of' },
        { starts: 'Return True if the queue is empty, False otherwise.' },
        { starts: 'May raise NotImplementedError.' },
      ],
    },
  ],
};
const cpython: CpythonTests = {
  python: '3.11.7',
  file: 'Lib/test/_test_multiprocessing.py',
  classes: [
    { name: '_TestProcess', line: 1, tests: ['test_a', 'test_b'] },
    { name: '_TestLock', line: 2, tests: ['test_lock'] },
  ],
};
const ids = new Set(['process.a.b', 'process.c.d']);
const said = (says: string, rules: string[]) => ({ says, rules });
const why = (says: string, reason: Reason) => ({ says, reason });

/** Complete, correct data; each test below breaks one thing. */
function good(): TraceabilityData {
  return {
    docs: [
      {
        file: 'docs-misc.ts',
        sections: defineDocSections([
          {
            title: 'Miscellaneous',
            anchor: 'miscellaneous',
            paragraphs: [
              { starts: 'Return list of all live children', sentences: [said('Return list of all live children of the current process.', ['process.a.b'])] },
              { starts: 'Return True if the queue is empty, False otherwise.', sentences: [why('Return True if the queue is empty, False otherwise.', 'out of scope: x')] },
              { starts: 'Return True if the queue is empty, False otherwise. Because of', sentences: [why('Because of …', 'not testable: y')] },
              { starts: 'May raise NotImplementedError.', sentences: [why('May raise NotImplementedError.', 'not applicable: z')] },
            ],
          },
        ]),
      },
    ],
    groups: [
      {
        file: 'cpython-process.ts',
        group: defineTestGroup({
          classes: ['_TestProcess'],
          tests: [
            { test: '_TestProcess.test_a', rules: ['process.c.d'] },
            { test: '_TestProcess.test_b', reason: 'covered elsewhere: test_a' },
          ],
        }),
      },
    ],
    excluded: [{ file: 'cpython-other.ts', classes: defineExcludedClasses({ _TestLock: 'out of scope: locks' }) }],
  };
}

const lint = (data: TraceabilityData) => lintTraceability(data, outline, cpython, ids).problems;

test('first words match case, spacing, punctuation and reStructuredText roles aside; five words or a whole short paragraph', (t) => {
  t.deepEqual(words(':class:`~multiprocessing.pool.Pool` objects (see ``__enter__``)'), ['pool', 'objects', 'see', 'enter']);
  t.deepEqual(words(':meth:`Process.terminate <multiprocessing.Process.terminate>` method'), ['process', 'terminate', 'method']);
  t.true(startsMatch('The  :meth:`~Process.start` method: returns at', 'the start() method returns at once'));
  t.true(startsMatch('(1) After putting an object on an empty queue', 'After putting an object on an empty queue there may be'));
  t.true(startsMatch('Equivalent to get(False).', 'Equivalent to get(False).'));
  t.false(startsMatch('Equivalent to', 'Equivalent to get(False).'), 'two words of a longer paragraph are not enough');
  t.false(startsMatch('Return the Process object corresponding to the parent', 'Return the Process object corresponding to the current process.'));
});

test('complete data has no problem, and paragraphs that read alike are told apart by count', (t) => {
  t.deepEqual(lint(good()), []);
});

test('the lint names a missing rule, a sentence with neither rules nor reason or with both, and a reason of no known kind', (t) => {
  const data = good();
  const paragraphs = data.docs[0]!.sections[0]!.paragraphs as unknown as { sentences: object[] }[];
  paragraphs[0]!.sentences = [
    said('a', ['process.no.such-rule']),
    { says: 'b' },
    { says: 'c', rules: ['process.a.b'], reason: 'out of scope: q' },
    { says: 'd', rules: [] },
    { says: 'e', reason: 'because: nobody asked' },
  ];
  const problems = lint(data);
  t.is(problems.length, 5, problems.join('\n'));
  t.regex(problems[0]!, /no rule has the id process\.no\.such-rule/);
  t.regex(problems[1]!, /"b": has neither rules nor a reason/);
  t.regex(problems[2]!, /"c": has both rules and a reason/);
  t.regex(problems[3]!, /"d": has neither rules nor a reason/);
  t.regex(problems[4]!, /"e": reason "because: nobody asked" is not "<kind>: <why>"/);
});

test('the lint names a paragraph not traced, traced twice, or not in the outline (whatever section title it is under)', (t) => {
  const data = good();
  const section = data.docs[0]!.sections[0]! as unknown as { paragraphs: object[] };
  const because = section.paragraphs[2]!;
  section.paragraphs = [
    { starts: 'Return list of all live children of the current process.', sentences: [said('x', ['process.a.b'])] },
    { starts: 'Return list of all live children', sentences: [said('x', ['process.a.b'])] },
    because,
    { starts: 'Nothing like this is in the documentation', sentences: [said('x', ['process.a.b'])] },
  ];
  (data.docs as unknown as object[]).push({
    file: 'docs-extra.ts',
    sections: [{ title: 'Logging', anchor: 'logging', paragraphs: [{ starts: 'May raise NotImplementedError.', sentences: [said('x', ['process.a.b'])] }] }],
  });
  const problems = lint(data);
  t.true(problems.some((p) => /"Return list of all live children" is traced twice \(also in docs-misc\.ts\)/.test(p)), problems.join('\n'));
  t.true(problems.some((p) => /"Nothing like this is in the documentation": no paragraph of the outline starts so/.test(p)));
  t.true(problems.some((p) => /^Miscellaneous: paragraph "Return True if the queue is empty, False otherwise\." is not traced \(expected in docs-misc\.ts\)/.test(p)));
  t.is(problems.length, 3, problems.join('\n'));
  // Under a title of its own, a paragraph still counts for the outline's section: the one traced in docs-extra.ts.
  t.false(problems.some((p) => /NotImplementedError/.test(p)));
});

test('the lint names a test method missing, listed twice or unknown, and a class neither traced nor excluded, or both', (t) => {
  const data = good();
  (data.groups[0]!.group as unknown as { tests: object[] }).tests = [
    { test: '_TestProcess.test_a', rules: ['process.c.d'] },
    { test: '_TestProcess.test_a', reason: 'covered elsewhere: itself' },
    { test: '_TestProcess.test_gone', reason: 'not applicable: x' },
  ];
  (data.excluded as unknown as object[]).push({ file: 'cpython-more.ts', classes: defineExcludedClasses({ _TestProcess: 'out of scope: x' }) });
  const problems = lint(data);
  t.true(problems.some((p) => /_TestProcess\.test_a: listed twice \(also in cpython-process\.ts\)/.test(p)), problems.join('\n'));
  t.true(problems.some((p) => /_TestProcess has no method test_gone in Python 3\.11\.7/.test(p)));
  t.true(problems.some((p) => /^_TestProcess\.test_b is not listed/.test(p)));
  t.true(problems.some((p) => /class _TestProcess is both excluded and traced/.test(p)));
  const without = good();
  (without.excluded as unknown as object[]).length = 0;
  t.deepEqual(lint(without), ['class _TestLock (1 tests) is neither traced nor excluded']);
});

test('the repository\'s traceability data has no problem, and TRACEABILITY.md is up to date (npm run conformance -- --lint)', async (t) => {
  const { problems, markdown } = await checkTraceability(new Set(ruleSources().map((rule) => rule.id)));
  t.deepEqual(problems, [], 'traceability problems (npm run conformance -- --lint lists them)');
  t.is(readFileSync(TRACEABILITY_FILE, 'utf8'), markdown, 'conformance/TRACEABILITY.md is stale: run npm run conformance -- --lint');
});
