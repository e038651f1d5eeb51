/**
 * Which module a call comes from, as `tasks()` and `isMain()` are told it: `import.meta` in an ES module, the
 * `module` object in a CommonJS one (a `.cjs` file, or a `.js` file of a package without "type": "module").
 * Python needs no such argument (a function knows its `__module__`); JavaScript functions do not know theirs.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What `tasks()` and `isMain()` need of a CommonJS `module` object (Node's `module` has both). */
export interface CommonJSModule {
  /** The module's absolute path. */
  readonly filename: string;
  /** `'.'` for the script Node was started with (then `require.main === module`), else its path. */
  readonly id: string;
}

/** `import.meta` (ES module) or `module` (CommonJS). */
export type ModuleMeta = ImportMeta | CommonJSModule;

/** The module's file: URL, or undefined when `meta` is neither `import.meta` nor a CommonJS `module`. */
export function moduleUrlOf(meta: unknown): string | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const { url, filename, id } = meta as Record<string, unknown>;
  if (typeof url === 'string') return url;
  // `id` as well: Node's module object, not any object that happens to hold a path.
  if (typeof filename === 'string' && isAbsolute(filename) && typeof id === 'string') return pathToFileURL(filename).href;
  return undefined;
}

/** Whether `meta` is a CommonJS `module` that Node loaded as the main script (`require.main === module`). */
export function isMainCommonJS(meta: unknown): boolean {
  return typeof meta === 'object' && meta !== null && (meta as { id?: unknown }).id === '.';
}
