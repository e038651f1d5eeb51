/**
 * Programs readme-snippets.test.ts writes into the installed projects beside README's own: what a CommonJS user
 * does beyond the first program, and a program whose errors' stacks are checked.
 */

/** The CommonJS parent's work: it prints one JSON line of what it saw. */
const PARENT_BODY = `
async function main() {
  const pool = new Pool({ processes: 1 });
  try {
    const cubes = await pool.map(cube, [1, 2, 3]);
    const squares = await pool.map(square, [1, 2, 3]);
    const e1 = await pool.apply(fail, [7]).catch((e) => e);
    const e2 = await pool.apply(failJs, [5]).catch((e) => e);
    const p = new Process({ target: exitWith, args: [3] });
    p.start();
    await p.join(10000);
    const q = new Process({ target: fail, args: [9] });
    q.start();
    await q.join(10000);
    const u = new Process({ target: hello, stderr: 'pipe' });
    u.start();
    u.stderr.resume();
    await u.join(10000);
    console.log(JSON.stringify({
      cubes,
      squares,
      poolError: { instance: e1 instanceof ValueError, name: e1.name, message: e1.message },
      jsError: { instance: e2 instanceof RangeError, name: e2.name, message: e2.message },
      exitCode: p.exitCode,
      failed: { exitCode: q.exitCode, instance: q.error instanceof ValueError, message: q.error?.message },
      unguarded: { exitCode: u.exitCode, refused: /bootstrapping phase/.test(u.error?.message) },
    }));
  } finally {
    pool.terminate();
    await pool.join();
  }
}
`;

/** Task modules in CommonJS, and a CommonJS and an ES module parent that use them (one JSON line each). */
export const COMMONJS_TASKS: Record<string, string> = {
  'tasks.cjs': `const { tasks } = require('multiproc');
class ValueError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValueError';
  }
}
function cube(x) {
  return x ** 3;
}
function fail(x) {
  throw new ValueError('no ' + x + ' in tasks.cjs');
}
function exitWith(code) {
  process.exit(code);
}
tasks(module, { cube, fail, exitWith, ValueError });
module.exports = { cube, fail, exitWith, ValueError };
`,
  // A .js file of a package without "type": "module" is CommonJS too.
  'lib.js': `const { tasks } = require('multiproc');
function square(x) {
  return x * x;
}
function failJs(x) {
  throw new RangeError('no ' + x + ' in lib.js');
}
tasks(module, { square, failJs });
module.exports = { square, failJs };
`,
  // No isMain guard: the child that imports it to find hello() must refuse to start another process.
  'unguarded.cjs': `const { Process, tasks } = require('multiproc');
function hello() {}
tasks(module, { hello });
new Process({ target: hello }).start();
module.exports = { hello };
`,
  'parent.cjs': `const { Pool, Process, isMain } = require('multiproc');
const { cube, fail, exitWith, ValueError } = require('./tasks.cjs');
const { square, failJs } = require('./lib.js');
const { hello } = require('./unguarded-target.cjs');
${PARENT_BODY}
if (isMain(module)) main();
`,
  // The ES module copy of multiproc in the parent, the CommonJS copy in the task module: one task registry, one
  // table of error classes. (The Process children are the CommonJS parent's: the same machinery, once is enough.)
  'parent.mjs': `import { Pool, isMain } from 'multiproc';
import { cube, fail, ValueError } from './tasks.cjs';

if (isMain(import.meta)) {
  const pool = new Pool({ processes: 1 });
  try {
    const cubes = await pool.map(cube, [1, 2, 3]);
    const e1 = await pool.apply(fail, [7]).catch((e) => e);
    console.log(JSON.stringify({ cubes, poolError: { instance: e1 instanceof ValueError, name: e1.name, message: e1.message } }));
  } finally {
    pool.terminate();
    await pool.join();
  }
}
`,
  // The parent must not run unguarded.cjs itself (it would start a Process at its top level); this module
  // registers a function under unguarded.cjs's URL, as the parent of a script without the guard would.
  'unguarded-target.cjs': `const { tasks } = require('multiproc');
const { pathToFileURL } = require('node:url');
function hello() {}
tasks(pathToFileURL(require.resolve('./unguarded.cjs')).href, { hello });
module.exports = { hello };
`,
};

/** A CommonJS TypeScript module: `import` compiles to `require`, and `module` is CommonJS's. */
export const COMMONJS_TYPES = `import { Pool, isMain, tasks, type CommonJSModule } from 'multiproc';

export function square(x: number): number {
  return x * x;
}
tasks(module, { square });

async function main(): Promise<void> {
  const pool = new Pool({ processes: 2 });
  try {
    const squares: number[] = await pool.map(square, [1, 2, 3]);
    console.log(squares);
  } finally {
    pool.terminate();
    await pool.join();
  }
}
const self: CommonJSModule = module;
if (isMain(self)) void main();
`;

/** An error thrown in the parent by the library, and one thrown in a worker: both stacks, as JSON. */
export const STACK_PROGRAM = `import { Pool, tasks, isMain } from 'multiproc';

export function boom() {
  throw new Error('boom');
}
tasks(import.meta, { boom });

if (isMain(import.meta)) {
  const stacks = {};
  try {
    new Pool(0);
  } catch (error) {
    stacks.parent = error.stack;
  }
  const pool = new Pool(1);
  try {
    stacks.worker = (await pool.apply(boom, []).catch((error) => error)).stack;
  } finally {
    pool.terminate();
    await pool.join();
  }
  console.log(JSON.stringify(stacks));
}
`;
