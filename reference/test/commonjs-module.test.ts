/**
 * Registering tasks and guarding a script from a CommonJS module (issue 16): `tasks(module, { square })` and
 * `isMain(module)`, where an ES module passes `import.meta`. The packed package runs them for real in
 * examples/test/readme-snippets.test.ts; here, what they make of a `module` object, and the errors for
 * something that is neither.
 */
import { realpathSync } from 'node:fs';
import { Module } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { isMain } from '../src/is-main.js';
import { resolveTask, tasks } from '../src/task-registry.js';
import { assertNoOrphans } from '../../test-support/no-orphans.js';

assertNoOrphans(test);

/** A CommonJS `module` object as Node makes one for a file (its `id` is the file, unless it is the main one). */
function commonJsModule(filename: string, id: string = filename): NodeJS.Module {
  const made = new Module(id);
  made.filename = filename;
  return made;
}

export function squareFromCommonJs(x: number): number {
  return x * x;
}

test('first hour: tasks(module, …) registers under the file URL of module.filename, as tasks(import.meta, …) does', (t) => {
  const filename = join('/srv', 'app', 'squares.cjs');
  const table = tasks(commonJsModule(filename), { squareFromCommonJs });
  t.deepEqual(Object.keys(table), ['squareFromCommonJs']);
  t.deepEqual(resolveTask(squareFromCommonJs, 'Pool task'), {
    moduleUrl: pathToFileURL(filename).href,
    key: 'squareFromCommonJs',
  });
});

const NOT_A_MODULE =
  'tasks(): the first argument must say which module registers the tasks: import.meta in an ES module, ' +
  'module in a CommonJS one (or the module\'s file: URL as a string); got ';

test('first hour: tasks() with something that is neither import.meta nor module names both', (t) => {
  t.throws(() => tasks(undefined as never, { squareFromCommonJs }), { instanceOf: TypeError, message: `${NOT_A_MODULE}undefined` });
  t.throws(() => tasks({} as never, { squareFromCommonJs }), { instanceOf: TypeError, message: `${NOT_A_MODULE}an object` });
  t.throws(() => tasks({ filename: 'squares.cjs' } as never, { squareFromCommonJs }), {
    instanceOf: TypeError,
    message: `${NOT_A_MODULE}an object`,
  });
});

test('first hour: isMain(module) is true for the script Node was started with, false for a module it required', (t) => {
  const script = realpathSync(process.argv[1]!);
  t.true(isMain(commonJsModule(script)), 'the file of process.argv[1]');
  t.true(isMain(commonJsModule(script, '.')), "Node's main module (id '.', what require.main is)");
  t.false(isMain(commonJsModule(join('/srv', 'app', 'squares.cjs'))), 'another file');
});

test('first hour: isMain() with something that is neither import.meta nor module is a TypeError naming both', (t) => {
  t.throws(() => isMain(undefined as never), {
    instanceOf: TypeError,
    message: 'isMain(): pass import.meta in an ES module, module in a CommonJS one; got undefined',
  });
});
