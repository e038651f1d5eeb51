import test from 'ava';
import { expectedFileOf, lintRule, matchesFilter } from '../harness/load-rules.js';
import { defineRule } from '../harness/rule.js';
import { deviationProblems, shapeProblems } from '../harness/resolve-implementation.js';
import { FAILING, runRule } from '../harness/run-rule.js';
import { WorkQueue } from '../harness/work-queue.js';
import { expectEqual, expectError, RuleFailure } from '../harness/expect.js';
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

test('lint requires what CPython does on every beyond rule, and only there', (t) => {
  const file = 'process/exitcode-signal-is-negative.ts';
  t.deepEqual(lintRule(rule({ source: 'beyond' }), file), [
    'rule process.exitcode.signal-is-negative: a beyond rule must say what CPython does instead (cpython: { does, failure })',
  ]);
  t.deepEqual(lintRule(rule({ source: 'beyond', cpython: { does: 'CPython hangs', failure: 'hang' as never } }), file), [
    'rule process.exitcode.signal-is-negative: cpython.does must be a sentence',
    'rule process.exitcode.signal-is-negative: cpython.failure must be a RegExp matching its failure reason on CPython',
  ]);
  t.deepEqual(lintRule(rule({ source: 'beyond', cpython: { does: 'CPython hangs.', failure: /pending/ } }), file), []);
  t.deepEqual(lintRule(rule({ source: 'beyond', cpython: { does: 'CPython hangs.', failure: /pending/g } }), file), [
    'rule process.exitcode.signal-is-negative: cpython.failure must not have the g or y flag',
  ]);
  t.deepEqual(lintRule(rule({ cpython: { does: 'CPython hangs.', failure: /pending/ } }), file), [
    'rule process.exitcode.signal-is-negative: only a beyond rule says what CPython does instead (cpython)',
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
  const beyond = rule({ source: 'beyond', cpython: { does: 'CPython exits with 1.', failure: /expected 2, observed 1/ }, check: failing.check });
  t.like(await runRule(fake(true), beyond), { status: 'beyond', reason: 'exit code: expected 2, observed 1' });
  t.like(await runRule(fake(false), beyond), { status: 'fail' });
  const slow = rule({ timeoutMs: 50, check: () => new Promise((resolve) => setTimeout(resolve, 2000)) });
  t.like(await runRule(fake(false), slow), { status: 'fail', reason: 'rule process.exitcode.signal-is-negative timed out after 50 ms' });
});

test('the report links each rule to its source file, from wherever the report is written', async (t) => {
  const { buildReport, toMarkdown } = await import('../harness/report.js');
  const { existsSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const { repoPath } = await import('../../test-support/repo-paths.js');
  const report = buildReport([rule({})], []);
  for (const outDir of [repoPath('reports'), repoPath('.tmp', 'somewhere', 'deeper')]) {
    const links = [...toMarkdown(report, outDir).matchAll(/\]\(([^)#]+\.ts)\)/g)].map((m) => m[1]!);
    t.true(links.length > 0, 'the markdown links the rule');
    for (const link of links) t.true(existsSync(resolve(outDir, link)), `${link} from ${outDir} exists`);
  }
  t.is(report.rules[0]!.file, join('conformance', 'rules', 'process', 'exitcode-signal-is-negative.ts'));
});

const beyondRule = (check: () => Promise<void>) =>
  rule({ source: 'beyond', cpython: { does: 'CPython leaves the result pending.', failure: /still pending/ }, check });

test('on Python, a beyond rule is "beyond Python" only when it fails for the reason it states', async (t) => {
  const asStated = await runRule(fake(true), beyondRule(async () => expectEqual('still pending', 'an error', 'get()')));
  t.like(asStated, { status: 'beyond', reason: 'get(): expected "an error", observed "still pending"' });
  const otherwise = await runRule(fake(true), beyondRule(async () => expectEqual('a crash', 'an error', 'get()')));
  t.is(otherwise.status, 'fail');
  t.is(
    otherwise.reason,
    'failed differently from what the rule states ("CPython leaves the result pending.": its failure should match /still pending/), ' +
      'but was: get(): expected "an error", observed "a crash"',
  );
  t.like(otherwise, { expected: '"an error"', observed: '"a crash"' });
  const passing = await runRule(fake(true), beyondRule(async () => undefined));
  t.is(passing.status, 'fail');
  t.regex(passing.reason!, /^a beyond rule passed on Python: CPython does what it states, so it is not beyond Python/);
});

test('on a CPython whose start method the rule names in keptUnder, a beyond rule runs as any other rule', async (t) => {
  const kept = (check: () => Promise<void>) =>
    rule({ source: 'beyond', cpython: { does: 'CPython leaves the result pending.', failure: /still pending/, keptUnder: ['spawn'] }, check });
  const under = (startMethod: 'fork' | 'spawn'): Implementation => ({ ...fake(true), python: { version: '3.11.7', startMethod } });
  t.like(await runRule(under('spawn'), kept(async () => undefined)), { status: 'pass' });
  t.like(await runRule(under('spawn'), kept(async () => expectEqual('still pending', 'an error', 'get()'))), { status: 'fail' });
  t.like(await runRule(under('fork'), kept(async () => expectEqual('still pending', 'an error', 'get()'))), { status: 'beyond' });
  t.like(await runRule(under('fork'), kept(async () => undefined)), { status: 'fail' });
  let seen: unknown;
  await runRule(under('spawn'), rule({ check: async (_session, context) => void (seen = context.python) }));
  t.deepEqual(seen, { version: '3.11.7', startMethod: 'spawn' }, 'the check sees the CPython it runs on');
  await runRule(fake(false), rule({ check: async (_session, context) => void (seen = context.python) }));
  t.is(seen, undefined, 'and nothing elsewhere');
});

test('lint: keptUnder lists start methods', (t) => {
  const file = 'process/exitcode-signal-is-negative.ts';
  const cpython = { does: 'CPython hangs.', failure: /pending/, keptUnder: ['spawn', 'vfork'] as never };
  t.deepEqual(lintRule(rule({ source: 'beyond', cpython }), file), [
    'rule process.exitcode.signal-is-negative: cpython.keptUnder must list start methods (fork, spawn, forkserver)',
  ]);
});

test('pythonOlderThan compares versions, and is false off CPython', async (t) => {
  const { pythonOlderThan } = await import('../harness/python-facts.js');
  const at = (version: string) => ({ version, startMethod: 'fork' as const });
  t.true(pythonOlderThan(at('3.8.18'), '3.9'));
  t.false(pythonOlderThan(at('3.9.0'), '3.9'));
  t.false(pythonOlderThan(at('3.13.0'), '3.10'));
  t.true(pythonOlderThan(at('3.9.18'), '3.10'));
  t.false(pythonOlderThan(undefined, '3.10'));
});

const declaring = (deviations: Record<string, string>): Implementation => ({ ...fake(false), deviations });

test('a declared deviation turns a failure into "differs" with its reason, and a pass into a failing "stale"', async (t) => {
  const id = 'process.exitcode.signal-is-negative';
  const failing = rule({ check: async () => expectEqual(143, -15, 'exitCode()') });
  const differs = await runRule(declaring({ [id]: 'we report 128 + N' }), failing);
  t.like(differs, { status: 'differs', deviation: 'we report 128 + N', reason: 'exitCode(): expected -15, observed 143', expected: '-15', observed: '143' });
  const stale = await runRule(declaring({ [id]: 'we report 128 + N' }), rule({}));
  t.like(stale, { status: 'stale', deviation: 'we report 128 + N' });
  t.regex(stale.reason!, /^declared deviation no longer needed: fake passes the rule/);
  t.like(await runRule(declaring({ 'process.other.rule': 'elsewhere' }), failing), { status: 'fail' }, 'an undeclared failure stays FAIL');
  t.like(await runRule(declaring({ [id]: 'x' }), rule({ needs: ['process.kill'] })), { status: 'unsupported' });
  t.true(FAILING.has('fail') && FAILING.has('stale') && !FAILING.has('differs') && !FAILING.has('beyond'));
});

test('deviations are checked: reasons are strings, and every declared id is a rule', (t) => {
  t.deepEqual(shapeProblems({ ...declaring({ 'a.b.c': 'why' }) }), []);
  t.deepEqual(shapeProblems({ ...fake(false), deviations: { 'a.b.c': '' } }), ['deviations: each needs its reason as a non-empty string: a.b.c']);
  t.deepEqual(shapeProblems({ ...fake(false), deviations: ['a.b.c'] }), ['deviations: when given, an object of rule id → the reason']);
  t.deepEqual(deviationProblems(declaring({ 'a.b.c': 'why', 'd.e.f': 'why' }), ['a.b.c']), ['deviations: d.e.f is no rule']);
});

test('the reports show declared deviations and stale ones, with both reasons', async (t) => {
  const { buildReport, summaryLine, toMarkdown } = await import('../harness/report.js');
  const { toJUnit } = await import('../harness/junit.js');
  const base = { implementation: 'mine', durationMs: 1 };
  const results = [
    { ...base, id: 'process.a.differs', status: 'differs' as const, reason: 'exitCode(): expected -15, observed 143', expected: '-15', observed: '143', deviation: 'we report 128 + N' },
    { ...base, id: 'process.b.stale', status: 'stale' as const, reason: 'declared deviation no longer needed: mine passes the rule', deviation: 'old reason' },
    { ...base, id: 'process.c.passes', status: 'pass' as const },
  ];
  const run = { name: 'mine', description: 'mine', results };
  t.is(summaryLine(run), 'mine: 1 passed, 0 failed, 1 differ (declared), 1 declared deviation no longer needed (of 3 rules)');
  const report = buildReport([rule({ id: 'process.a.differs' }), rule({ id: 'process.b.stale' }), rule({ id: 'process.c.passes' })], [run]);
  const markdown = toMarkdown(report, '/tmp');
  t.regex(markdown, /\| differs \(declared\) \|/);
  t.regex(markdown, /\*\*declared deviation no longer needed\*\*/);
  t.regex(markdown, /- `process.a.differs` — differs \(declared\): exitCode\(\): expected -15, observed 143\n  - declared: we report 128 \+ N\n  - expected: `-15`/);
  const beyondReport = buildReport([rule({ id: 'process.d.beyond', source: 'beyond', cpython: { does: 'CPython hangs.', failure: /pending/ } })], [
    { name: 'cpython', description: 'cpython', results: [{ ...base, id: 'process.d.beyond', status: 'beyond', reason: 'still pending' }] },
  ]);
  t.deepEqual(beyondReport.rules[0]!.cpython, { does: 'CPython hangs.', failure: '/pending/' });
  t.regex(toMarkdown(beyondReport, '/tmp'), /- `process.d.beyond` — beyond Python: still pending\n  - as the rule states: CPython hangs\./);
  const junit = toJUnit(report);
  t.regex(junit, /<skipped message="differs \(declared\): we report 128 \+ N; failure: exitCode\(\): expected -15, observed 143/);
  t.regex(junit, /<failure message="declared deviation no longer needed: mine passes the rule" type="RuleFailure">declared: old reason<\/failure>/);
  t.regex(junit, /tests="3" failures="1"/);
});

test('expectError wants a real Error of the named class, and the message when given', (t) => {
  const error = Object.assign(new Error('Pool not running'), { name: 'ValueError' });
  t.notThrows(() => expectError(error, { name: 'ValueError', message: /not running/ }, 'close()'));
  t.notThrows(() => expectError(error, { name: 'ValueError' }, 'close()'));
  const wrongClass = t.throws(() => expectError(error, { name: 'TypeError' }, 'close()'));
  t.is(wrongClass?.message, 'close() (error class name): expected "TypeError", observed "ValueError: Pool not running"');
  const wrongMessage = t.throws(() => expectError(error, { name: 'ValueError', message: /closed/ }, 'close()'));
  t.is(wrongMessage?.message, 'close() (error message): expected /closed/, observed "Pool not running"');
  const lookAlike = t.throws(() => expectError({ name: 'ValueError', message: 'Pool not running' }, { name: 'ValueError' }, 'close()'));
  t.regex(lookAlike!.message, /^close\(\) \(an Error instance\): expected "an Error named ValueError", observed \{ name: 'ValueError'/);
  t.true(lookAlike instanceof RuleFailure);
});

test('a job pushed alone runs with no other beside it, and is not overtaken', async (t) => {
  const queue = new WorkQueue(3);
  const running = new Set<string>();
  const seen: string[] = [];
  const job = (name: string) => async () => {
    running.add(name);
    seen.push(`${name}:${[...running].sort().join(',')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    running.delete(name);
  };
  queue.push(job('a'));
  queue.push(job('b'));
  queue.push(job('storm'), 0, true);
  queue.push(job('c'));
  queue.push(job('d'));
  await queue.drained();
  t.deepEqual(seen, ['a:a', 'b:a,b', 'storm:storm', 'c:c', 'd:c,d']);
});
