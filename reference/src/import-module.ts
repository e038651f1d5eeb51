/**
 * The library's own dynamic imports of other modules (a task's module, a revived class's module, bullmq) go through
 * this one function. From the sources and in the ES bundles it is `import()` itself. The package's entry
 * (scripts/cached-entry.cjs) compiles the library with V8's code cache through node:vm, where a bare `import()`
 * needs an experimental option (a warning on stderr, and a dynamic import that fails once the code comes from the
 * cache): there scripts/bundle.mjs swaps this module for one that calls the entry's own `import()` (issue 20, a).
 */
export function importModule<T = unknown>(url: string): Promise<T> {
  return import(url) as Promise<T>;
}
