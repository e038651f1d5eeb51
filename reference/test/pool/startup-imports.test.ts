/**
 * What loading multiproc costs a process that only runs a pool (issue 20, a: cold start). Every process that
 * loads the package pays for the Node modules it imports: the parent, each pool worker, and each worker again for
 * the task module's own `import 'multiproc'`. node:crypto costs about 4 ms of CPU and only a Queue's socket
 * needs it, so it is loaded then, not at import.
 */
import { spawnSync } from 'node:child_process';
import { dirname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { assertNoOrphans } from '../../../test-support/no-orphans.js';
import { COMPILED, modulePath } from '../../../test-support/repo-paths.js';

assertNoOrphans(test);

/** What `entry` asks for while it loads, then what `later` asks for when `call` runs, as the hooks see them. */
function builtinsLoaded(entry: string, later: { module: string; call: string }): { imported: string[]; requiredAtLoad: string[]; requiredLater: string[] } {
  // A resolve hook registered before the import: it sees every specifier an ES module of the package resolves.
  const hooks = `export async function resolve(specifier, context, next) {
    if (specifier.startsWith('node:')) process.stderr.write('IMPORT ' + specifier + '\\n');
    return next(specifier, context);
  }`;
  // The resolve hook never sees require() (createRequire's too): Module._load does, with the requiring module.
  const script = `import { register } from 'node:module';
    import Module from 'node:module';
    const sources = ${JSON.stringify(dirname(entry) + sep)};
    const load = Module._load;
    Module._load = function (request, parent, ...rest) {
      if (/^(node:)?crypto$/.test(request) && parent?.filename?.startsWith(sources)) process.stderr.write('REQUIRE ' + request + '\\n');
      return load.call(this, request, parent, ...rest);
    };
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
    await import(${JSON.stringify(pathToFileURL(entry).href)});
    process.stderr.write('LOADED\\n');
    (await import(${JSON.stringify(pathToFileURL(later.module).href)}))[${JSON.stringify(later.call)}]();`;
  const ran = spawnSync(process.execPath, [...(COMPILED ? [] : ['--import', 'tsx']), '--input-type=module', '-e', script], {
    encoding: 'utf8', timeout: 60_000,
  });
  if (ran.status !== 0) throw new Error(`loading ${entry} failed: ${ran.stderr}`);
  const [atLoad, afterLoad = ''] = ran.stderr.split(/^LOADED$/m);
  const required = (text: string) => [...text.matchAll(/^REQUIRE (\S+)$/gm)].map((match) => match[1]!);
  return {
    imported: [...atLoad!.matchAll(/^IMPORT (\S+)$/gm)].map((match) => match[1]!),
    requiredAtLoad: required(atLoad!),
    requiredLater: required(afterLoad),
  };
}

test('importing the package loads no node:crypto (a Queue loads it when it needs it)', (t) => {
  const { imported, requiredAtLoad, requiredLater } = builtinsLoaded(modulePath(import.meta.url, '../../src/index'), {
    module: modulePath(import.meta.url, '../../src/queue/auth'), call: 'newSecret',
  });
  // Not blind: the hooks do see the package's imports of built-in modules, and its require() of node:crypto.
  t.true(imported.includes('node:child_process'), `imports seen: ${imported.join(', ')}`);
  t.true(requiredLater.length > 0, 'a queue secret made after loading requires node:crypto, seen by the hook');
  t.false(imported.includes('node:crypto'), `imports seen: ${imported.join(', ')}`);
  t.deepEqual(requiredAtLoad, [], 'required while the package loaded');
});
