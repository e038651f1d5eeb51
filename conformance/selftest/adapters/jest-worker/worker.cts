/**
 * The jest-worker child: the catalog's pool tasks as the module's methods (jest-worker calls them by name, with their
 * arguments as they are), and setup(), jest-worker's own hook, which it runs once in each child before the first
 * call, with the farm's setupArgs: the initializer. CommonJS because jest-worker require()s the module.
 */
import type * as Tasks from '../node-pool-glue/tasks.js' with { 'resolution-mode': 'import' };

const { callTask, poolTasks } = require('../node-pool-glue/tasks.js') as typeof Tasks;

const catalog = poolTasks('jest-worker');

module.exports = {
  ...catalog,
  setup: (name?: string, args?: unknown[]) => (name === undefined ? undefined : callTask(catalog, name, args ?? [])),
};
