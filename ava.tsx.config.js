// ava over the TypeScript sources through tsx: `npx ava --config ava.tsx.config.js [files]`. Slower than
// `npm test` (every child process loads tsx too) but needs no build step; `npm run coverage` uses it.
export default {
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  files: ['reference/test/**/*.test.ts', 'conformance/test/**/*.test.ts', 'properties/**/*.prop.ts', 'examples/test/**/*.test.ts'],
  timeout: '2m',
};
