/**
 * The coverage gate runs on every CI run: `.ci/run` runs `npm test`, which runs ava under c8 with the 90% line
 * threshold over the compiled reference/src, then checks that children's coverage was collected. Removing any link
 * of that chain is a failing test here, not a gate that silently stopped.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { repoPath } from '../../test-support/repo-paths.js';

assertNoOrphans(test);

const json = (file: string) => JSON.parse(readFileSync(repoPath(file), 'utf8')) as Record<string, unknown>;

test('npm test runs ava under c8 and then the child-coverage check, and CI runs npm test', (t) => {
  const scripts = json('package.json')['scripts'] as Record<string, string>;
  t.is(scripts['test'], 'c8 ava');
  t.is(scripts['posttest'], 'node .tmp/js/scripts/check-child-coverage.js');
  t.regex(scripts['pretest']!, /build:js/);
  t.regex(readFileSync(repoPath('.ci', 'run'), 'utf8'), /^npm test -- --tap/m);
});

test('c8 fails under 90% of lines of the compiled reference/src, counted through source maps and with untested files', (t) => {
  const c8 = json('.c8rc.json');
  t.like(c8, { 'check-coverage': true, all: true, 'temp-directory': '.tmp/coverage-raw', 'reports-dir': 'reports/coverage' });
  t.true((c8['lines'] as number) >= 90, `lines threshold ${String(c8['lines'])}`);
  t.deepEqual(c8['include'], ['.tmp/js/reference/src/**']);
  t.true((c8['reporter'] as string[]).includes('lcov'), 'the child-coverage check reads lcov.info');
  t.true(JSON.parse(readFileSync(repoPath('tsconfig.js.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')).compilerOptions.sourceMap, 'the compiled tree has source maps');
});
