/**
 * The adapters of the self-test, by name: the reference and the Node pools the suite maps. They are not shipped; the
 * harness knows only CPython's, and the self-test passes these in (`resolveImplementation(spec, { builtIns })`).
 */
export const SELFTEST_ADAPTERS: Readonly<Record<string, string>> = Object.fromEntries(
  ['reference', 'workerpool', 'piscina', 'tinypool', 'poolifier-cluster', 'poolifier-thread', 'jest-worker', 'cluster'].map((name) => [
    name,
    new URL(`./adapters/${name}/index.js`, import.meta.url).href,
  ]),
);
