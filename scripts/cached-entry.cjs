/**
 * dist/index.cjs, the package's one entry (scripts/bundle.mjs copies this file there; dist/index.js, the ES entry,
 * re-exports what it loads). Every process of a pool imports the library: the parent, and each worker before its
 * first task, since its task module imports multiproc. Node 20 has no compile cache, so each of them parsed and
 * compiled the whole bundle (~190 KB) again: about half of the import's CPU (issue 20, a: cold start). This
 * entry compiles the bundle (dist/multiproc.cjs) with the V8 code cache the build wrote beside it
 * (dist/multiproc.cjs.cache), made by this same file run as `node dist/index.cjs --write-code-cache`.
 *
 * V8 checks the cache before using it (its version and flags, the source's length) and compiles the source as
 * usual when they differ, so another Node, or a child given V8 flags, still loads the library, only without the
 * saving. V8 compares only the source's length, so the cache file also holds the exact source it was made from,
 * compared byte for byte (a native memcmp: hashing 190 KB in JavaScript at start would cost more than the cache
 * saves): an edit of dist/multiproc.cjs that keeps its length (a debugging user's, a patch's) is compiled from
 * the source, never run as the bytecode of the code it replaced. The library's dynamic imports (a task's module, bullmq) cannot run from code node:vm compiled without
 * an experimental option, so they use this module's own `import()`, given to the bundle as `__multiprocImport`
 * (src/import-module.ts). A plain `require` of the bundle is used where the cache cannot help: no cache file, or
 * source maps enabled (Node maps stack traces only for the modules its own loader compiled).
 */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BODY = join(__dirname, 'multiproc.cjs');
const CACHE = `${BODY}.cache`;
/**
 * How this process loaded the library, for tests and diagnostics: 'accepted', 'rejected' (by V8), 'stale' (made
 * from another source) or 'unused'.
 */
const CODE_CACHE = Symbol.for('multiproc.codeCache');

/** The bundle's source compiled as a script (with `cachedData` when given) and run as a CommonJS module would be. */
function run(source, cachedData) {
  const wrapped = `(function (exports, require, module, __filename, __dirname, __multiprocImport) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: BODY, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(BODY), module, BODY, dirname(BODY),
    (url) => import(url));
  return { script, exports: module.exports };
}

/** The cache file: the source's length in bytes (4, little-endian), the source, then V8's cached data. */
function load() {
  globalThis[CODE_CACHE] = 'unused';
  if (process.sourceMapsEnabled) return require(BODY);
  let file;
  try {
    file = readFileSync(CACHE);
  } catch {
    return require(BODY);
  }
  const body = readFileSync(BODY);
  const length = file.length >= 4 ? file.readUInt32LE(0) : -1;
  const fresh = length === body.length && 4 + length <= file.length && body.equals(file.subarray(4, 4 + length));
  const { script, exports } = run(body.toString('utf8'), fresh ? file.subarray(4 + length) : undefined);
  globalThis[CODE_CACHE] = !fresh ? 'stale' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return exports;
}

if (require.main === module && process.argv[2] === '--write-code-cache') {
  // After the bundle ran: the cache then holds the code of every function its evaluation compiled too.
  const body = readFileSync(BODY);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  writeFileSync(CACHE, Buffer.concat([length, body, run(body.toString('utf8'), undefined).script.createCachedData()]));
} else {
  module.exports = load();
}
