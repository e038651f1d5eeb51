/**
 * The workerpool worker: the catalog's pool tasks (../node-pool-glue/tasks.ts, shared with the other Node pool
 * adapters), registered with workerpool.worker(). Started by workerpool with `workerType: 'process'`
 * (child_process.fork).
 *
 * The initializer is not a workerpool feature: the adapter passes it in the worker's environment (forkOpts.env),
 * and this script runs it once at start-up, before registering the tasks, which is how a workerpool user prepares
 * per-worker state.
 */
import workerpool from 'workerpool';
import { poolTasks, runInitializer } from '../node-pool-glue/tasks.js';

const catalog = poolTasks('workerpool');
await runInitializer(catalog);
workerpool.worker(catalog);
