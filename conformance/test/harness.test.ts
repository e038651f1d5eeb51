import test from 'ava';
import { expectedFileOf, lintRule, matchesFilter } from '../harness/load-rules.js';
import { defineRule } from '../harness/rule.js';
import { shapeProblems } from '../harness/resolve-implementation.js';
import { runRule } from '../harness/run-rule.js';
import { expectEqual } from '../harness/expect.js';
import type { Implementation, Session } from '../harness/implementation.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

// These tests start no process of their own; the check keeps it so (issue 14: every test file checks).
assertNoOrphans(test);

const rule = (overrides: Partial<Parameters<typeof defineRule>[0]>) =>
  defineRule({
    id: 'process.exitcode.signal-is-negative',
    statement: 'A process killed by signal N has exit code -N.',
    source: 'seed',
    python: 'seed: Process Lifecycle and Exit Codes',
    needs: ['process'],
    check: async () => undefined,
    ...overrides,
  });

test('a rule lives in the file its id names', (t) => {
  t.is(expectedFileOf('process.exitcode.signal-is-negative'), 'process/exitcode-signal-is-negative.ts');
  t.deepEqual(lintRule(rule({}), 'process/exitcode-signal-is-negative.ts'), []);
  t.deepEqual(lintRule(rule({}), 'process/other.ts'), [
    'rule process.exitcode.signal-is-negative should live in process/exitcode-signal-is-negative.ts, not process/other.ts',
  ]);
});

test('lint names every metadata problem', (t) => {
  const problems = lintRule(rule({ id: 'Bad Id', source: 'blog' as never, statement: 'no period', needs: ['teleport' as never] }), 'x.ts');
  t.is(problems.length, 4);
  t.deepEqual(lintRule(rule({ python: undefined }), 'process/exitcode-signal-is-negative.ts'), [
    'rule process.exitcode.signal-is-negative: a seed rule must say where Python says it',
  ]);
});

test('filters match ids by glob', (t) => {
  t.true(matchesFilter('process.join.waits-for-exit', 'process.*'));
  t.true(matchesFilter('process.join.waits-for-exit', '*.join.*'));
  t.false(matchesFilter('pool.map.preserves-order', 'process.*'));
  t.true(matchesFilter('anything', undefined));
});

test('a misconfigured adapter gets a list of what is missing', (t) => {
  t.deepEqual(shapeProblems({ name: 'x', description: 'y', capabilities: new Set(['process']), open: async () => ({}) }), []);
  t.deepEqual(shapeProblems({ name: '', capabilities: ['process'] }), [
    'name: a non-empty string is missing',
    'description: a string is missing',
    'capabilities: a Set of capability names is missing',
    'open(): a function returning Promise<Session> is missing',
  ]);
  t.regex(shapeProblems(null)[0]!, /export `implementation`/);
  t.regex(shapeProblems({ name: 'x', description: '', capabilities: new Set(['warp']), open() {} })[0]!, /unknown warp/);
});

const fakeSession: Session = {
  createProcess: async () => {
    throw new Error('not used');
  },
  currentProcess: async () => ({ name: 'MainProcess', pid: 1, daemon: false }),
  cpuCount: async () => 1,
  close: async () => undefined,
};
const fake = (isPython: boolean): Implementation => ({
  name: 'fake',
  description: 'a fake',
  capabilities: new Set(['process']),
  isPython,
  open: async () => fakeSession,
});

test('runRule reports pass, fail with expected/observed, unsupported, beyond and timeouts', async (t) => {
  t.is((await runRule(fake(false), rule({}))).status, 'pass');
  const failing = rule({ check: async () => expectEqual(1, 2, 'exit code') });
  const failed = await runRule(fake(false), failing);
  t.like(failed, { status: 'fail', expected: '2', observed: '1', reason: 'exit code: expected 2, observed 1' });
  t.like(await runRule(fake(false), rule({ needs: ['process.kill'] })), { status: 'unsupported', reason: 'does not claim process.kill' });
  t.like(await runRule(fake(true), rule({ source: 'beyond', check: failing.check })), { status: 'beyond' });
  t.like(await runRule(fake(false), rule({ source: 'beyond', check: failing.check })), { status: 'fail' });
  const slow = rule({ timeoutMs: 50, check: () => new Promise((resolve) => setTimeout(resolve, 2000)) });
  t.like(await runRule(fake(false), slow), { status: 'fail', reason: 'rule process.exitcode.signal-is-negative timed out after 50 ms' });
});

test('the report links each rule to its source file, from wherever the report is written', async (t) => {
  const { buildReport, toMarkdown } = await import('../harness/report.js');
  const { existsSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const { repoPath } = await import('../harness/repo-paths.js');
  const report = buildReport([rule({})], []);
  for (const outDir of [repoPath('reports'), repoPath('.tmp', 'somewhere', 'deeper')]) {
    const links = [...toMarkdown(report, outDir).matchAll(/\]\(([^)#]+\.ts)\)/g)].map((m) => m[1]!);
    t.true(links.length > 0, 'the markdown links the rule');
    for (const link of links) t.true(existsSync(resolve(outDir, link)), `${link} from ${outDir} exists`);
  }
  t.is(report.rules[0]!.file, join('conformance', 'rules', 'process', 'exitcode-signal-is-negative.ts'));
});
