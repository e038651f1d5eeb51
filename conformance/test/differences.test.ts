/**
 * reports/differences.md is generated from the rules and the reference's deviations.json: the committed file must
 * be what they say now, and the generator must list every declaration and every beyond rule with both sides.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { differencesMarkdown } from '../selftest/differences.js';
import { repoPath } from '../../test-support/repo-paths.js';
import { defineRule } from '../harness/rule.js';
import { currentDifferences, DIFFERENCES } from '../selftest/write-differences.js';

assertNoOrphans(test);

test('the committed reports/differences.md is up to date (npx tsx conformance/selftest/write-differences.ts)', async (t) => {
  t.is(readFileSync(DIFFERENCES, 'utf8'), await currentDifferences());
});

const rule = (id: string, overrides: Partial<Parameters<typeof defineRule>[0]> = {}) =>
  defineRule({ id, statement: `The statement of ${id}.`, source: 'python-docs', python: 'library/multiprocessing.html#x', needs: ['process'], check: async () => undefined, ...overrides });

test('each declared deviation shows the rule as Python\'s behaviour and the declared reason; each beyond rule what CPython does', (t) => {
  const rules = [
    rule('process.a.kept'),
    rule('process.b.declared'),
    rule('process.c.beyond', { source: 'beyond', python: undefined, cpython: { does: 'CPython hangs | for ever.', failure: /pending/ } }),
  ];
  const markdown = differencesMarkdown(rules, { 'process.b.declared': 'we report 128 + N' }, repoPath('reports'));
  t.true(markdown.includes(
    '| [`process.b.declared`](../conformance/rules/process/b-declared.ts) | The statement of process.b.declared. ([x](https://docs.python.org/3/library/multiprocessing.html#x)) | we report 128 + N |',
  ));
  t.true(markdown.includes('| [`process.c.beyond`](../conformance/rules/process/c-beyond.ts) | CPython hangs \\| for ever. | The statement of process.c.beyond. |'));
  t.false(markdown.includes('process.a.kept'));
  t.regex(differencesMarkdown([rule('process.a.kept')], {}, repoPath('reports')), /None: the reference keeps every rule of Python's behaviour\.\n[^]*## Beyond Python[^]*\nNone\.\n$/);
  t.throws(() => differencesMarkdown(rules, { 'process.z.gone': 'old' }, repoPath('reports')), {
    message: 'the reference declares deviations from rules that do not exist: process.z.gone',
  });
});
