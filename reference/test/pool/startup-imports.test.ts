/**
 * What loading multiproc costs a process that only runs a pool (issue 20, a: cold start). Every process that
 * loads the package pays for the Node modules it imports: the parent, each pool worker, and each worker again for
 * the task module's own `import 'multiproc'`. node:crypto costs about 4 ms of CPU and only a Queue's socket
 * needs it, so it is loaded then, not at import.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { COMPILED, modulePath } from '../../../test-support/repo-paths.js';

assertNoOrphans(test);

/** Each built-in module an ES module asks for while `entry` loads, as the resolve hooks see them. */
function builtinsImported(entry: string): string[] {
  // A resolve hook registered before the import: it sees every specifier an ES module of the package resolves.
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier.startsWith('node:')) process.stderr.write('IMPORT ' + specifier + '\\n');
    return next(specifier, context);
  }`;
  const script = `import { register } from 'node:module';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
    await import(${JSON.stringify(pathToFileURL(entry).href)});`;
  const ran = spawnSync(process.execPath, [...(COMPILED ? [] : ['--import', 'tsx']), '--input-type=module', '-e', script], {
    encoding: 'utf8', timeout: 60_000,
  });
  if (ran.status !== 0) throw new Error(`loading ${entry} failed: ${ran.stderr}`);
  return [...ran.stderr.matchAll(/^IMPORT (\S+)$/gm)].map((match) => match[1]!);
}

test('importing the package loads no node:crypto (a Queue loads it when it needs it)', (t) => {
  const imported = builtinsImported(modulePath(import.meta.url, '../../src/index'));
  // Not blind: the hook does see the package's imports of built-in modules.
  t.true(imported.includes('node:child_process'), `imports seen: ${imported.join(', ')}`);
  t.false(imported.includes('node:crypto'), `imports seen: ${imported.join(', ')}`);
});
