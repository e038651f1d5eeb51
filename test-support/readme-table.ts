/**
 * README tables rendered from test data (the bad-input cases, the Python habits): the test holds the rows, runs
 * each, and checks that README's table between two markers is exactly the rendered rows, so the table cannot
 * drift from what the library does. `MULTIPROC_WRITE_README=1` rewrites the table instead of failing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';
import { repoPath } from './repo-paths.js';

/** A cell's text made safe for a Markdown table (a `|` would end the cell). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * Asserts that README.md holds `table` (markers included, `start` first and `end` last); with
 * MULTIPROC_WRITE_README=1 writes it there instead. `testFile` is named in the failure, for the command to rerun.
 */
export function checkReadmeTable(t: ExecutionContext, start: string, end: string, table: string, testFile: string): void {
  const readme = repoPath('README.md');
  const text = readFileSync(readme, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  t.true(from !== -1 && to > from, `README has the markers ${start} … ${end}`);
  const current = text.slice(from, to + end.length);
  if (current !== table && process.env['MULTIPROC_WRITE_README'] === '1') {
    writeFileSync(readme, text.slice(0, from) + table + text.slice(to + end.length));
    t.log(`rewrote README's table from ${testFile}`);
    return;
  }
  t.is(current, table, `README's table is out of date: MULTIPROC_WRITE_README=1 npx ava --config ava.tsx.config.js ${testFile}`);
}
