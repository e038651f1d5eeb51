/**
 * Rules every test file keeps, checked over the files themselves: a new file that forgets one is a failing test,
 * not a leak found weeks later.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../../test-support/repo-paths.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

const TEST_ROOTS = ['reference/test', 'conformance/test', 'properties', 'examples/test'];

function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(test|prop)\.ts$/.test(entry.name)) found.push(relative(REPO_ROOT, path));
    }
  };
  for (const root of TEST_ROOTS) walk(join(REPO_ROOT, root));
  return found.sort();
}

test('every test file asserts that no child process is left after it (issue 14)', (t) => {
  const files = testFiles();
  t.true(files.length > 40, `found ${files.length} test files`);
  const missing = files.filter((file) => !/\bassertNoOrphans\(test\)/.test(readFileSync(join(REPO_ROOT, file), 'utf8')));
  t.deepEqual(missing, [], 'test files without assertNoOrphans(test)');
});
