/**
 * The CLIs' output (issue 17): on a terminal, one progress line redrawn in place, failures printed above it, a table
 * of counts at the end; anywhere else (a CI log) a plain line per rule and no escape codes.
 */
import { execFile } from 'node:child_process';
import test from 'ava';
import { countsTable, progressFor, type Output } from '../harness/progress.js';
import type { RuleResult } from '../harness/run-rule.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { modulePath, nodeArgsFor, REPO_ROOT } from '../../test-support/repo-paths.js';

assertNoOrphans(test);

function fakeOutput(isTTY: boolean): Output & { text: () => string } {
  const written: string[] = [];
  return { isTTY, columns: 60, write: (text: string) => written.push(text), text: () => written.join('') };
}

const result = (status: RuleResult['status'], id = 'process.start.runs-target'): RuleResult => ({ id, implementation: 'mine', status, durationMs: 5 });

test('without a terminal: every rule keeps its plain line, and nothing is redrawn', (t) => {
  const output = fakeOutput(false);
  const progress = progressFor(output);
  progress.expect(2);
  progress.ended(result('pass'), '  mine  PASS  a');
  progress.ended(result('fail'), '  mine  FAIL  b');
  progress.finish([]);
  t.is(output.text(), '  mine  PASS  a\n  mine  FAIL  b\n');
});

test('on a terminal: one progress line redrawn, failures above it, the table of counts at the end', (t) => {
  const output = fakeOutput(true);
  let now = 0;
  const progress = progressFor(output, () => now);
  progress.expect(3);
  progress.ended(result('pass'), '  mine  PASS  a');
  now = 65_000;
  progress.ended(result('fail'), '  mine  FAIL  b');
  progress.ended(result('unsupported'), '  mine  UNSUPPORTED  c');
  progress.finish([{ name: 'mine', description: '', results: [result('pass'), result('fail'), result('unsupported')] }]);
  const text = output.text();
  t.false(text.includes('PASS  a'), 'a passing rule has no line of its own');
  t.true(text.includes('  mine  FAIL  b\n'), 'a failure is printed whole');
  t.true(text.includes('\r\x1b[2K3/3 rules run · 1 failed · 1:05'), 'the last state of the progress line');
  t.regex(text, /implementation +pass +fail +differs +stale +unsupported +beyond +skipped\nmine +1 +1 +0 +0 +1 +0 *\n$/);
  t.true(text.lastIndexOf('\r\x1b[2K') < text.indexOf('implementation'), 'the progress line is cleared before the table');
});

test('the progress line never wraps: it is cut to the terminal width', (t) => {
  const output = { ...fakeOutput(true), columns: 20 };
  const progress = progressFor(output);
  progress.expect(12345);
  for (const line of output.text().split('\r\x1b[2K')) t.true(line.length <= 19, line);
});

test('countsTable aligns the columns', (t) => {
  t.is(countsTable([{ name: 'a-long-name', description: '', results: [] }, { name: 'b', description: '', skipped: 'no python3', results: [] }]),
    ['implementation  pass  fail  differs  stale  unsupported  beyond  skipped', 'a-long-name        0     0        0      0            0       0         ', 'b                  0     0        0      0            0       0      yes'].join('\n'));
});

// A real terminal, through script(1) when the machine has it: the bin draws the progress line and the table.
test('the bin on a real terminal draws the progress line and the table of counts', async (t) => {
  const hasScript = await new Promise<boolean>((resolve) => execFile('script', ['--version'], (error) => resolve(error === null)));
  if (!hasScript) {
    t.pass('script(1) is not installed: the fake-terminal tests above cover the output');
    return;
  }
  const bin = nodeArgsFor(modulePath(import.meta.url, '../harness/cli'), '--impl', 'conformance/examples/minimal-adapter.ts', '--filter', 'process.start.*', '--concurrency', '2');
  const command = [process.execPath, ...bin].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  const out = await new Promise<string>((resolve, reject) =>
    execFile('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, timeout: 120_000, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))));
  t.regex(out, /\r\x1b\[2K\d+\/\d+ rules run · 0 failed · \d+:\d\d/);
  t.regex(out, /implementation +pass +fail/);
  t.regex(out, /minimal +\d+ +0 /);
});
