/**
 * The tinypool worker: one handler, tinypool's default export, that runs the catalog task named in the task object
 * ({ task, args }). The initializer runs once as the module loads (tinypool imports the module, top level and all, before
 * its first task), which is how a tinypool user prepares per-worker state.
 */
import { callTask, poolTasks, runInitializer } from '../node-pool-glue/tasks.js';

const catalog = poolTasks('tinypool');
await runInitializer(catalog);

export default ({ task, args }: { task: string; args: unknown[] }) => callTask(catalog, task, args);
