/**
 * The piscina worker: one handler, piscina's default export, that runs the catalog task named in the task object
 * ({ task, args }). The initializer runs once as the module loads (piscina awaits a worker module's top level before
 * its first task), which is how a piscina user prepares per-worker state.
 */
import { callTask, poolTasks, runInitializer } from '../node-pool-glue/tasks.js';

const catalog = poolTasks('piscina');
await runInitializer(catalog);

export default ({ task, args }: { task: string; args: unknown[] }) => callTask(catalog, task, args);
