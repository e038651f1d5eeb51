/**
 * The arrows point inward only (DESIGN.md): selftest → harness → contract. What ships (harness/, rules/,
 * adapters/cpython/) imports nothing of the self-test, the library or the repository's test support, so the package
 * carries the suite without them; the self-test's adapters reach the harness only through harness/index.ts, the
 * module `multiproc/conformance` exports, which proves that an outside adapter can be written with it; and the
 * library's own tests no longer lean on the harness's paths. Read off the import lines of the sources.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { assertNoOrphans } from '../../test-support/no-orphans.js';
import { REPO_ROOT } from '../../test-support/repo-paths.js';

/** Every relative module a source file imports (static, dynamic, or `export … from`), as a path from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const found = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return found.map((spec) => normalize(join(dirname(file), spec)).split('\\').join('/'));
}

function sources(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:[cm]?ts|mjs)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file).split('\\').join('/'));
}

const outside = (file: string, allowed: readonly string[]) => importsOf(file).filter((target) => !allowed.some((prefix) => target.startsWith(prefix)));

assertNoOrphans(test);

test('harness/ imports only itself and the CPython adapter that ships with it', (t) => {
  const problems = sources('conformance/harness').flatMap((file) => outside(file, ['conformance/harness/', 'conformance/adapters/cpython/']).map((to) => `${file} → ${to}`));
  t.deepEqual(problems, []);
});

test('rules/ import only from ../harness (and one another)', (t) => {
  const problems = sources('conformance/rules').flatMap((file) => outside(file, ['conformance/harness/', 'conformance/rules/']).map((to) => `${file} → ${to}`));
  t.deepEqual(problems, []);
});

test('adapters/cpython/ imports only the harness', (t) => {
  const problems = sources('conformance/adapters/cpython').flatMap((file) => outside(file, ['conformance/harness/', 'conformance/adapters/cpython/']).map((to) => `${file} → ${to}`));
  t.deepEqual(problems, []);
});

test("the self-test's adapters reach the harness only through what multiproc/conformance exports (harness/index.ts)", (t) => {
  const problems = sources('conformance/selftest/adapters').flatMap((file) =>
    importsOf(file)
      .filter((to) => to.startsWith('conformance/harness/') && to !== 'conformance/harness/index.js')
      .map((to) => `${file} → ${to}`),
  );
  t.deepEqual(problems, []);
});

test("the library's tests, examples, test support and scripts do not import the harness (its paths live in test-support/repo-paths.ts)", (t) => {
  const problems = ['reference', 'examples', 'test-support', 'scripts']
    .flatMap(sources)
    .flatMap((file) => importsOf(file).filter((to) => to.startsWith('conformance/harness/')).map((to) => `${file} → ${to}`));
  t.deepEqual(problems, []);
});
