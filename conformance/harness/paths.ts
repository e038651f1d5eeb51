/**
 * Where the suite's own files are, found next to this file and never from a repository: the harness runs from its
 * TypeScript sources (under tsx), from the JavaScript `npm test` compiles into .tmp/js/, and from the installed
 * package (node_modules/multiproc/dist/conformance/). Each form finds its rules and the CPython driver beside it.
 * (The library's own tests have their copy of the repository's paths in test-support/repo-paths.ts.)
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

/** The extension of the suite's modules: `.ts` from the sources, `.js` once compiled. */
export const MODULE_EXT = HERE.endsWith('.ts') ? '.ts' : '.js';

/** True when running compiled JavaScript: an adapter written in TypeScript then needs a loader. */
export const COMPILED = MODULE_EXT === '.js';

/** The suite's directory: conformance/ in the sources and in .tmp/js/, dist/conformance/ in the package. */
export const CONFORMANCE_DIR = dirname(dirname(HERE));

/**
 * The root of the package holding the suite: the nearest directory above it with a package.json (the repository,
 * whose .tmp/js/ has none, or node_modules/multiproc once installed). Report links are relative to it.
 */
export const PACKAGE_ROOT = findRoot(CONFORMANCE_DIR);

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** True for a file name that is one of the suite's modules (not a declaration or a source map). */
export function isModuleFile(name: string): boolean {
  return name.endsWith(MODULE_EXT) && !name.endsWith('.d.ts');
}

/**
 * A module next to `baseUrl`, named without extension, as the tree runs: `modulePath(import.meta.url, './worker')`
 * is worker.ts under tsx and worker.js once compiled. An adapter that forks or loads a worker file of its own uses it
 * to work both ways.
 */
export function modulePath(baseUrl: string, specifier: string): string {
  const ext = fileURLToPath(baseUrl).endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`${specifier}${ext}`, baseUrl));
}
