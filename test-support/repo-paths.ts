/**
 * Where things are in the repository, whether this code runs from its TypeScript sources (under tsx) or from
 * the JavaScript that `npm test` and `npm run conformance` compile into .tmp/js/ first. The compiled form
 * exists for speed: every test and rule starts Node children, and a child that loads tsx costs ~0.3 CPU-s
 * more to start than one that loads plain JavaScript. Paths to non-module files (reports, the Python driver,
 * JSON data) and to the repository's root go through here so that both forms find the same files.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

/** The extension of this tree's modules: `.ts` from the sources, `.js` once compiled. */
export const MODULE_EXT = HERE.endsWith('.ts') ? '.ts' : '.js';

/** True when running the compiled JavaScript (no TypeScript loader in this process or its children). */
export const COMPILED = MODULE_EXT === '.js';

/** The repository's root: the nearest directory above this file holding a package.json (.tmp/js has none). */
export const REPO_ROOT = findRoot(dirname(HERE));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: repo-paths.ts must live inside the repository`);
  }
}

/** A path inside the repository, from its root: `repoPath('reports', 'conformance.md')`. */
export function repoPath(...segments: string[]): string {
  return join(REPO_ROOT, ...segments);
}

/** A module next to `baseUrl`, named without extension: `modulePath(import.meta.url, './fixtures/tasks')`. */
export function modulePath(baseUrl: string, specifier: string): string {
  return fileURLToPath(new URL(`${specifier}${MODULE_EXT}`, baseUrl));
}

/** True for a file name that is one of this tree's modules (not a declaration file). */
export function isModuleFile(name: string): boolean {
  return name.endsWith(MODULE_EXT) && !name.endsWith('.d.ts');
}

/** The `node` arguments that run `script` (a module path of this tree): with tsx only when it is TypeScript. */
export function nodeArgsFor(script: string, ...args: string[]): string[] {
  return script.endsWith('.ts') ? ['--import', 'tsx', script, ...args] : [script, ...args];
}
