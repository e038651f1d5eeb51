import { defineMutant } from './lib/mutant.js';

export default defineMutant({
  name: 'pool-error-origin-names-the-slot',
  area: 'pool',
  violation: "a task's re-raised error names the pool's slot (pid 0), not the process that raised it, as the cluster pool did before its errors carried their remote origin",
  aims: ['pool.task.error-names-the-process-that-raised-it'],
  reaches: (t) => t.some('pool', 'apply') || t.some('pool', 'map'),
  pool: {
    apply: (base) => (...args) => slotted(() => base.apply(...args)),
    map: (base) => (...args) => slotted(() => base.map(...args)),
  },
  result: {
    get: (base) => (...args) => slotted(() => base.get(...args)),
  },
});

async function slotted<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const traceback = (error as { remoteTraceback?: unknown }).remoteTraceback;
    if (typeof traceback === 'string') {
      Object.defineProperty(error, 'remoteTraceback', { value: traceback.replace(/\bpid \d+/g, 'pid 0'), configurable: true, writable: true });
    }
    throw error;
  }
}
